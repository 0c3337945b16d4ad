"""The cases an escalation sweep watches: two partial indexes of open cases not escalated yet.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22 12:00:00
"""

from __future__ import annotations

from alembic import op

from deskTUI.store.schema_names import SLA_WATCH_INDEXES

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for name, (columns, where) in SLA_WATCH_INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON support_case ({', '.join(columns)}) WHERE {where}")


def downgrade() -> None:
    for name in SLA_WATCH_INDEXES:
        op.drop_index(name, table_name="support_case")
