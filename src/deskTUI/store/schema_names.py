"""SQL the schema and the list queries must write identically, kept in one place.

Light on purpose (no SQLAlchemy): the list's read path imports it before the
ORM is loaded.
"""

from __future__ import annotations

HEAD_REVISION = "0006"
"""The newest migration; a test checks it is Alembic's head."""

URGENCY_SQL = (
    "CASE priority WHEN 'critical' THEN 3 WHEN 'high' THEN 2 WHEN 'medium' THEN 1 ELSE 0 END"
)
"""The stored priority codes do not sort by urgency themselves; this column does."""

OPEN_SQL = "status IN ('new', 'assigned', 'in_progress', 'on_hold')"
"""Open cases, written out: a partial index is used only by a query that repeats its
condition word for word (a bound parameter would not do)."""
