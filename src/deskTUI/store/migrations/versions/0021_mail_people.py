"""The e-mail channel's people (issue 22): the client user each contact acts as when they
write by e-mail (``mail_identity``), and a staff member's address and the notices they
want by e-mail (``mail_person``).

Why tables beside ``desk_user`` and not columns of it: the TUI's fast start and the
bare-driver reads take users from ``desk_user`` as they are; the channel's facts about a
person are read only by the channel.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07 22:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from deskTUI.store import change_watch

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

TABLES = ("mail_identity", "mail_person")


def upgrade() -> None:
    op.create_table(
        "mail_identity",
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["contact_id"], ["contact.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["desk_user.id"]),
        sa.PrimaryKeyConstraint("contact_id"),
        sa.UniqueConstraint("user_id", name="uq_mail_identity_user"),
    )
    op.create_table(
        "mail_person",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("address", sa.String(length=254), nullable=False),
        sa.Column("notices", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["desk_user.id"]),
        sa.PrimaryKeyConstraint("user_id"),
    )
    if op.get_bind().dialect.name == "postgresql":
        for table in TABLES:
            op.execute(change_watch.notify_table_sql(table))


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(table)
