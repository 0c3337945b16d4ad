"""PostgreSQL: the case search index (tsvector) and change notifications.

What SQLite has by its nature, a server database gets here: full-text search
with the meaning of the FTS5 index (pg_search.py), and a NOTIFY at the commit
of every write, which the live refresh listens for (change_watch.py) in place
of SQLite's ``PRAGMA data_version``. Nothing changes on SQLite.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 09:00:00
"""

from __future__ import annotations

from alembic import op

from deskTUI.store import change_watch, pg_search

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in [*pg_search.create_sql(), *change_watch.notify_sql()]:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in [*change_watch.drop_notify_sql(), *pg_search.drop_sql()]:
        op.execute(statement)
