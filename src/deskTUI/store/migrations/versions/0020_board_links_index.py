"""The queue board grouped by project or service (issue 21): the open cases' area, project,
service and priority covered by one partial index, so the grouped pass reads the index, not
a third of the desk's rows.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07 19:45:00
"""

from __future__ import annotations

from alembic import op

from deskTUI.store.schema_names import LINKS_INDEX

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    name, columns, where = LINKS_INDEX
    op.execute(f"CREATE INDEX {name} ON support_case ({', '.join(columns)}) WHERE {where}")


def downgrade() -> None:
    op.drop_index(LINKS_INDEX[0], table_name="support_case")
