"""SQL the schema and the list queries must write identically, kept in one place.

Light on purpose (no SQLAlchemy): the list's read path imports it before the
ORM is loaded.
"""

from __future__ import annotations

HEAD_REVISION = "0007"
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
