"""Projects (Proyectos) and services (No inventariables) as the desk's records (issue 21,
seed 000: "Vinculación con proyectos", "Relación con servicios no inventariables"): a
case links to one of each; an admin adds, renames, deactivates and reactivates them."""

from __future__ import annotations

from dataclasses import dataclass

from .marks import N_
from .values import NAME_MAX, clean_text


@dataclass
class Project:
    """Proyecto: an initiative cases are opened under."""

    name: str
    id: int | None = None
    active: bool = True
    """A deactivated project is offered for no case; the cases linked to it keep it."""

    def __post_init__(self) -> None:
        self.name = clean_text(self.name, N_("project name"), required=True, max_len=NAME_MAX)


@dataclass
class Service:
    """Servicio no inventariable: a kind of support the desk offers."""

    name: str
    id: int | None = None
    active: bool = True

    def __post_init__(self) -> None:
        self.name = clean_text(self.name, N_("service name"), required=True, max_len=NAME_MAX)
