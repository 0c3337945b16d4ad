"""The desk's catalogue as an admin keeps it (seed 004: "registrar nuevas áreas, registrar
nuevos problemas … como también actualizarlos y eliminarlos"): areas, categories and
clients renamed, deactivated, reactivated, and deleted only while nothing refers to them;
and (seed 000) projects and services (No inventariables), records a case links to,
added, renamed, deactivated and reactivated the same way.

A deactivated record is offered for no new case (the new-case form, ``case new``, an
import, a case moved to it: :func:`check_offered`); the cases that already name it keep
it and still show its name, and the list's filters and the reports still find it. Every
change is a line of the desk's log with no case (``LogKind.RECORD``): who, when, what.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..domain.catalogue import Project, Service
from ..domain.enums import LogKind
from ..domain.errors import ValidationError
from ..domain.marks import N_
from ..domain.people import Area, Category, Client, Contact, User
from ..domain.permissions import Action, require
from ..store.name_keys import name_clash_as
from ..store.uow import UnitOfWork
from .common import acting, stored_id

KINDS = ("area", "category", "client", "project", "service")
"""The kinds of record managed here, as the CLI names them and the log stores them."""

LINKED = ("project", "service")
"""The records a case links to as its ``project_id`` and ``service_id``."""

Record = Area | Category | Client | Project | Service

_WHAT = {
    "area": N_("area"),
    "category": N_("category"),
    "client": N_("client"),
    "project": N_("project"),
    "service": N_("service"),
}
"""Each kind as a sentence names it, in the reader's language."""

_PERMISSION = {
    "area": Action.MANAGE_AREAS,
    "category": Action.MANAGE_AREAS,
    "client": Action.MANAGE_CLIENTS,
    "project": Action.MANAGE_RECORDS,
    "service": Action.MANAGE_RECORDS,
}


def _in_use(record: Record, uses: dict[str, int]) -> ValidationError:
    """Whole sentences, one per kind, each counting what refers to it with no plural noun."""
    if isinstance(record, Area):
        return ValidationError(
            "area.in_use",
            "The area {name!r} is in use (cases: {cases}, categories: {categories}, "
            "people: {people}, other records: {other}); deactivate it instead",
            name=record.name,
            **uses,
        )
    if isinstance(record, Category):
        return ValidationError(
            "category.in_use",
            "The category {name!r} is in use (cases: {cases}, other records: {other}); "
            "deactivate it instead",
            name=record.name,
            **uses,
        )
    if isinstance(record, Project | Service):
        return ValidationError(
            "record.linked",
            "{name!r} is linked to cases ({cases}); deactivate it instead",
            name=record.name,
            cases=uses["cases"],
        )
    return ValidationError(
        "client.in_use",
        "The client {name!r} is in use (cases: {cases}, contacts: {contacts}, "
        "contracts: {contracts}, people: {people}, other records: {other}); "
        "deactivate it instead",
        name=record.name,
        **uses,
    )


def _check_kind(kind: str, kinds: tuple[str, ...] = KINDS) -> str:
    """``kind`` if it is one of ``kinds`` (every record, or only those a case links to)."""
    if kind not in kinds:
        raise ValidationError(
            "record.kind",
            "{kind!r} is not a kind of record: {kinds}",
            kind=kind,
            kinds=", ".join(kinds),
        )
    return kind


def _find(uow: UnitOfWork, kind: str, ref: int | str, area: str | None) -> Record:
    """The record an admin names: its id (the TUI), or its name in any letter case (the
    CLI); a category by name within ``area`` when given."""
    if kind == "area":
        return uow.areas.get(ref) if isinstance(ref, int) else uow.areas.by_name(ref)
    if kind == "category":
        if isinstance(ref, int):
            return uow.areas.category(ref)
        area_id = uow.areas.by_name(area).id if area else None
        return uow.areas.category_by_name(ref, area_id)
    if kind in LINKED:
        return (
            uow.records.get(kind, ref) if isinstance(ref, int) else uow.records.by_name(kind, ref)
        )
    return uow.clients.get(ref) if isinstance(ref, int) else uow.clients.by_name(ref)


def _namesake(uow: UnitOfWork, record: Record, name: str) -> Record | None:
    """Another record of the same kind already called ``name`` (letter case aside)."""
    if isinstance(record, Category):
        found: Record | None = uow.areas.find_category(name, record.area_id)
    elif isinstance(record, Project | Service):
        found = uow.records.find(_kind_of(record), name)
    elif isinstance(record, Area):
        found = uow.areas.find(name)
    else:
        found = uow.clients.find(name)
    return found if found is not None and found.id != record.id else None


def _checked_name(record: Record, new_name: str) -> str:
    """The new name as the record's own rules clean it (blank, too long, control
    characters refused with the record's sentence)."""
    if isinstance(record, Category):
        return Category(new_name, record.area_id).name
    if isinstance(record, Area):
        return Area(new_name).name
    if isinstance(record, Project | Service):
        return type(record)(new_name).name
    return Client(new_name).name


def _kind_of(record: Project | Service) -> str:
    return "project" if isinstance(record, Project) else "service"


def add(uow: UnitOfWork, actor: User, kind: str, name: str) -> Project | Service:
    """A new project or service (areas and clients: services.admin); a name another has,
    in any letter case, is refused."""
    _check_kind(kind, LINKED)
    with uow:
        actor = acting(uow, actor)
        require(actor, Action.MANAGE_RECORDS)
        record = uow.records.add(Project(name) if kind == "project" else Service(name))
        uow.log.record(
            None, uow.now(), actor.id, LogKind.RECORD, field=kind, new=record.name, note="added"
        )
        uow.commit()
        return record


def linked_records(uow: UnitOfWork, actor: User, kind: str) -> list[Project | Service]:
    """Every project (or service), the deactivated too, for the desk's staff."""
    _check_kind(kind, LINKED)
    with uow:
        actor = acting(uow, actor)
        require(actor, Action.READ_DIRECTORY)
        return uow.records.list(kind)


def rename(
    uow: UnitOfWork,
    actor: User,
    kind: str,
    ref: int | str,
    new_name: str,
    *,
    area: str | None = None,
) -> Record:
    """Rename a record; a name another record of its kind has is refused in a sentence."""
    kind = _check_kind(kind)
    with uow:
        actor = acting(uow, actor)
        require(actor, _PERMISSION[kind])
        record = _find(uow, kind, ref, area)
        name = _checked_name(record, new_name)
        taken = ValidationError(
            "record.name_taken",
            "The name {name!r} is taken by another {kind}; choose another",
            kind=_WHAT[kind],
            name=name,
        )
        if _namesake(uow, record, name) is not None:
            raise taken
        old = record.name
        if name != old:
            with name_clash_as(taken):  # another record renamed or added so meanwhile
                uow.records.rename(kind, record.id, name)
            uow.log.record(
                None, uow.now(), actor.id, LogKind.RECORD, field=kind, old=old, new=name,
                note="renamed",
            )  # fmt: skip
            record.name = name
        uow.commit()
        return record


def set_active(
    uow: UnitOfWork,
    actor: User,
    kind: str,
    ref: int | str,
    active: bool | None,
    *,
    area: str | None = None,
) -> Record:
    """Deactivate (``active`` False) or reactivate a record; already so: nothing logged.
    ``active`` None switches it from what the desk holds now (the TUI's ``d``: two
    presses typed at once switch it twice, whatever the screen showed)."""
    kind = _check_kind(kind)
    with uow:
        actor = acting(uow, actor)
        require(actor, _PERMISSION[kind])
        record = _find(uow, kind, ref, area)
        if active is None:
            active = not record.active
        if record.active != active:
            uow.records.set_active(kind, record.id, active)
            uow.log.record(
                None, uow.now(), actor.id, LogKind.RECORD, field=kind, new=record.name,
                note="reactivated" if active else "deactivated",
            )  # fmt: skip
            record.active = active
        uow.commit()
        return record


def delete(
    uow: UnitOfWork, actor: User, kind: str, ref: int | str, *, area: str | None = None
) -> Record:
    """Delete a record nothing refers to; otherwise the sentence says what does."""
    kind = _check_kind(kind)
    with uow:
        actor = acting(uow, actor)
        require(actor, _PERMISSION[kind])
        record = _find(uow, kind, ref, area)
        uses = uow.records.uses(kind, stored_id(record))
        if any(uses.values()):
            raise _in_use(record, uses)
        uow.records.delete(kind, record.id)
        uow.log.record(
            None, uow.now(), actor.id, LogKind.RECORD, field=kind, old=record.name,
            note="deleted",
        )  # fmt: skip
        uow.commit()
        return record


@dataclass(frozen=True)
class Catalogue:
    """Everything an admin manages here, the deactivated included (flagged)."""

    areas: list[Area]
    categories: list[Category]
    clients: list[Client]
    projects: list[Project | Service]
    services: list[Project | Service]


def catalogue(uow: UnitOfWork, actor: User) -> Catalogue:
    with uow:
        actor = acting(uow, actor)
        require(actor, Action.READ_DIRECTORY)
        return Catalogue(
            uow.areas.list(),
            uow.areas.categories(),
            uow.clients.list(),
            uow.records.list("project"),
            uow.records.list("service"),
        )


@dataclass(frozen=True)
class Offered:
    """What a new case may be filed under: the active records only."""

    areas: list[Area]
    categories: list[Category]
    clients: list[Client]
    contacts: list[Contact]
    projects: list[Project | Service]
    services: list[Project | Service]


def offered_for_new_case(uow: UnitOfWork, actor: User) -> Offered:
    """The new-case form's lists: active areas, their active categories, the active
    clients the operator may see (a client user: their own) and their contacts."""
    from .admin import visible_clients

    with uow:
        actor = acting(uow, actor)
        clients, contacts = visible_clients(uow, actor)
        areas = [a for a in uow.areas.list() if a.active]
        open_areas = {a.id for a in areas}
        categories = [c for c in uow.areas.categories() if c.active and c.area_id in open_areas]
        offered = [c for c in clients if c.active]
        open_clients = {c.id for c in offered}
        return Offered(
            areas,
            categories,
            offered,
            [p for p in contacts if p.client_id in open_clients],
            [p for p in uow.records.list("project") if p.active],
            [s for s in uow.records.list("service") if s.active],
        )


_OFFERED_FIELDS = {
    "area_id": "area",
    "category_id": "category",
    "client_id": "client",
    "project_id": "project",
    "service_id": "service",
}


def check_offered(uow: UnitOfWork, case: Any, changed: set[str] | None = None) -> None:
    """Refuse a deactivated record for a new case (``changed`` None) or as the new value
    of a case's field; a case that already names one keeps it while other fields change."""
    for field, kind in _OFFERED_FIELDS.items():
        if changed is not None and field not in changed:
            continue
        record_id = getattr(case, field)
        if record_id is None:
            continue
        record = _find(uow, kind, record_id, None)
        if not record.active:
            raise ValidationError(
                "record.inactive",
                "The {kind} {name!r} is deactivated: it takes no new case",
                kind=_WHAT[kind],
                name=record.name,
            ).about(field)
