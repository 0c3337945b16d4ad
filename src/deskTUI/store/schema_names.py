"""SQL the schema and the list queries must write identically, kept in one place.

Light on purpose (no SQLAlchemy): the list's read path imports it before the
ORM is loaded.
"""

from __future__ import annotations

HEAD_REVISION = "0010"
"""The newest migration; a test checks it is Alembic's head."""

URGENCY_SQL = (
    "CASE priority WHEN 'critical' THEN 3 WHEN 'high' THEN 2 WHEN 'medium' THEN 1 ELSE 0 END"
)
"""The stored priority codes do not sort by urgency themselves; this column does."""

OPEN_SQL = "status IN ('new', 'assigned', 'in_progress', 'on_hold')"
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
