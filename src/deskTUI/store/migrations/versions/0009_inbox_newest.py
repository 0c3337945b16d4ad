"""The inbox, newest first, read from an index: a user's notifications by id.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-22 13:45:00
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_notification_user_newest", "notification", ["user_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_notification_user_newest", table_name="notification")
