"""The list at a million cases: an urgency column, one index per list order, full-text search.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 03:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from deskTUI.store import search_index
from deskTUI.store.schema_names import OPEN_SQL, URGENCY_SQL

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

OLD_INDEXES = {
    "ix_case_assignee_status": ["assignee_id", "status"],
    "ix_case_area_status": ["area_id", "status"],
    "ix_case_client_status": ["client_id", "status"],
    "ix_case_priority_status": ["priority", "status"],
}
NEW_INDEXES = {
    "ix_case_updated": ["updated_at"],
    "ix_case_assignee_updated": ["assignee_id", "updated_at"],
    "ix_case_area_updated": ["area_id", "updated_at"],
    "ix_case_client_updated": ["client_id", "updated_at"],
    "ix_case_urgency_updated": ["urgency", "updated_at"],
}
QUEUE = "urgency DESC, level DESC, (planned_close IS NULL), planned_close, created_at"
QUEUE_INDEXES = [
    f"CREATE INDEX ix_case_queue ON support_case ({QUEUE})",
    f"CREATE INDEX ix_case_assignee_queue ON support_case (assignee_id, {QUEUE})",
    f"CREATE INDEX ix_case_open_queue ON support_case ({QUEUE}) WHERE {OPEN_SQL}",
]


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    # SQLite can add only a VIRTUAL generated column to a table; PostgreSQL only a STORED one.
    op.add_column(
        "support_case",
        sa.Column("urgency", sa.Integer(), sa.Computed(URGENCY_SQL, persisted=not sqlite)),
    )
    for name in OLD_INDEXES:
        op.drop_index(name, table_name="support_case")
    for name, columns in NEW_INDEXES.items():
        op.create_index(name, "support_case", columns)
    for statement in QUEUE_INDEXES:
        op.execute(statement)
    if sqlite:
        for statement in search_index.create_sql():
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in search_index.drop_sql():
            op.execute(statement)
    for name in ("ix_case_queue", "ix_case_assignee_queue", "ix_case_open_queue"):
        op.drop_index(name, table_name="support_case")
    for name in NEW_INDEXES:
        op.drop_index(name, table_name="support_case")
    for name, columns in OLD_INDEXES.items():
        op.create_index(name, "support_case", columns)
    with op.batch_alter_table("support_case") as batch_op:
        batch_op.drop_column("urgency")
