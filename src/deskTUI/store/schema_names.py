"""SQL the schema and the list queries must write identically, kept in one place.

Light on purpose (no SQLAlchemy): the list's read path imports it before the
ORM is loaded.
"""

from __future__ import annotations

from ..domain.enums import CLOSED_STATUS_ORDER, OPEN_STATUS_ORDER, PRIORITIES_BY_URGENCY, Status

HEAD_REVISION = "0022"
"""The newest migration; a test checks it is Alembic's head."""


def _urgency_sql() -> str:
    """``CASE priority WHEN 'critical' THEN 3 … ELSE 0 END``, from ``Priority.rank``."""
    *ranked, least = PRIORITIES_BY_URGENCY
    whens = " ".join(f"WHEN '{p.value}' THEN {p.rank}" for p in ranked)
    return f"CASE priority {whens} ELSE {least.rank} END"


def _codes(statuses: tuple[Status, ...]) -> str:
    return ", ".join(f"'{s.value}'" for s in statuses)


URGENCY_SQL = _urgency_sql()
"""The stored priority codes do not sort by urgency themselves; this column does. Written
from the domain's order; the text must not change while the urgency column and the
migrations that created it use it (a test pins it)."""

URGENCY: dict[str, int] = {p.value: p.rank for p in PRIORITIES_BY_URGENCY}
"""The values of the ``urgency`` column, by stored priority code."""


def open_sql(column: str = "status") -> str:
    """The open statuses as ``<column> IN ('new', …)``, from ``Status.is_open``."""
    return f"{column} IN ({_codes(OPEN_STATUS_ORDER)})"


def not_closed_sql(column: str = "status") -> str:
    """The open statuses again, as ``<column> NOT IN ('finished', 'cancelled')``: the same
    cases as ``open_sql``, kept where a query was planned on this form."""
    return f"{column} NOT IN ({_codes(CLOSED_STATUS_ORDER)})"


OPEN_SQL = open_sql()
"""Open cases, written out: a partial index is used only by a query that repeats its
condition word for word (a bound parameter would not do)."""

SLA_WATCH_INDEXES = {
    "ix_case_response_watch": (
        ("priority", "created_at", "first_response_at"),
        f"{OPEN_SQL} AND escalated_response_at IS NULL",
    ),
    "ix_case_resolution_watch": (
        ("priority", "created_at"),
        f"{OPEN_SQL} AND escalated_resolution_at IS NULL",
    ),
}
"""What an escalation sweep reads (``CaseRepository.escalation_candidates``): per priority,
the oldest cases still watched. A case leaves them once answered, escalated or closed, so
a sweep reads the breaches waiting, not the open cases. The first response is in the
index itself: a case answered late is a breach too, found without reading the table."""

BOARD_INDEX = (
    "ix_case_open_board",
    (
        "status", "area_id", "priority", "assignee_id", "created_at", "first_response_at",
        "resolved_at", "closed_minutes",
    ),
    OPEN_SQL,
)  # fmt: skip
"""The queue board's one pass over the open cases (store/board_sql.py) reads this index
alone, never the table: at a million cases (a third open) a supervisor's board took
6.0 s without it and 1.5 s with it, an admin's 7.0 s and 2.7 s."""

WAITING_INDEX = (
    "ix_case_waiting",
    ("created_at",),
    f"assignee_id IS NULL AND {OPEN_SQL}",
)
"""The board's oldest unassigned cases, in age order (store/board_sql.waiting_statement)."""

LINKS_INDEX = (
    "ix_case_open_links",
    ("status", "area_id", "project_id", "service_id", "priority"),
    OPEN_SQL,
)
"""The board's open cases by project or service (store/board_sql.open_by_link), covered
(``status`` too, as in BOARD_INDEX: SQLite reads the row for a term on a column the index
lacks, even one the index's own condition implies). At a million cases (340,886 open) the
grouped pass read the rows in 1.0-1.4 s; from this index 141 ms, one area's 51 ms."""
