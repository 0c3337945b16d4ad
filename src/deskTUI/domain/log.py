"""The case log (bitácora): append-only lines of who did what, when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .enums import LogKind, Status

PERSON_FIELDS = frozenset({"assignee_id", "coordinator_id", "owner_id", "reviewer_id"})
"""Fields whose logged values are user ids."""

RECORD_FIELDS = frozenset(
    {"client_id", "contact_id", "area_id", "category_id", "contract_id", "project_id", "service_id"}
)
"""Fields whose logged values are ids of named records (clients, contacts, areas...)."""


@dataclass(frozen=True)
class LogEntry:
    """One line of a case's log. Never edited or deleted once written.

    ``from_status``/``to_status`` are set exactly when the line records a
    transition of the lifecycle table (including the re-assign row).
    """

    case_id: int | None
    at: datetime
    actor_id: int | None
    kind: LogKind
    field: str | None = None
    old: str | None = None
    new: str | None = None
    from_status: Status | None = None
    to_status: Status | None = None
    note: str = ""
    id: int | None = None

    @property
    def is_transition(self) -> bool:
        return self.from_status is not None and self.to_status is not None
