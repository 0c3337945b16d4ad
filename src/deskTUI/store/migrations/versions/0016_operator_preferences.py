"""Each operator's order and choice of the case view's tabs and of the case list's columns (issue 21, seeds 000 and 003). Owner: PREFS.

One row per operator who chose (``operator_preference``: two comma lists of codes, a
hidden one written ``-code``; no row or NULL, the desk's default), and the two indexes
the list's new filters ``contract:`` and ``contact:`` are read through in the list's
order, as every filter that narrows it to one value is (store/list_sql.py).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from deskTUI.store import change_watch

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_case_contract_updated": ["contract_id", "updated_at"],
    "ix_case_contact_updated": ["contact_id", "updated_at"],
}


def upgrade() -> None:
    op.create_table(
        "operator_preference",
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("desk_user.id"), primary_key=True),
        sa.Column("case_tabs", sa.String(length=400), nullable=True),
        sa.Column("list_columns", sa.String(length=400), nullable=True),
    )
    for name, columns in INDEXES.items():
        op.create_index(name, "support_case", columns)
    # The live refresh hears writes to every table of a server desk (change_watch.py).
    if op.get_bind().dialect.name == "postgresql":
        for table in ("operator_preference",):
            op.execute(change_watch.notify_table_sql(table))


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="support_case")
    op.drop_table("operator_preference")
