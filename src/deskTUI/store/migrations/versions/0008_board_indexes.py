"""The queue board's indexes: the open cases covered, the unassigned in age order.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-22 12:00:00
"""

from __future__ import annotations

from alembic import op

from deskTUI.store.schema_names import BOARD_INDEX, WAITING_INDEX

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for name, columns, where in (BOARD_INDEX, WAITING_INDEX):
        op.execute(f"CREATE INDEX {name} ON support_case ({', '.join(columns)}) WHERE {where}")


def downgrade() -> None:
    for name, _columns, _where in (BOARD_INDEX, WAITING_INDEX):
        op.drop_index(name, table_name="support_case")
