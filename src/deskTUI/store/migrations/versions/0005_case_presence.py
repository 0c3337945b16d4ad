"""Presence: who has a case's edit form open (a heartbeat row per editor and case).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 07:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import deskTUI.store.types

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_presence",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("since", deskTUI.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("seen_at", deskTUI.store.types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["support_case.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["desk_user.id"]),
        sa.PrimaryKeyConstraint("case_id", "user_id"),
    )


def downgrade() -> None:
    op.drop_table("case_presence")
