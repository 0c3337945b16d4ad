"""Rights granted or revoked per employee on top of their role (issue 21, seed 004). Owner: ROLES.

``user_grant``: one row per person, action and reach (``area_id`` NULL: every case the
action could reach; an area: that area's cases only) that an admin changed from the
role's default, ``effect`` ``grant`` or ``revoke``. No row: the role decides, as before
this upgrade, so existing desks keep every right they had. Each change is also a line of
the desk's log (``case_log`` with no case, kind ``grant``).

And ``ix_case_reporter_updated``: "My tickets" (``reporter:me``) is read through it in
the list's order, as every filter that narrows the list to one value is.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from deskTUI.store import change_watch

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "user_grant",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("desk_user.id"), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("area_id", sa.Integer(), sa.ForeignKey("area.id"), nullable=True),
        sa.Column("effect", sa.String(length=8), nullable=False),
    )
    op.create_index("ix_user_grant_user_id", "user_grant", ["user_id"])
    op.create_index("ix_case_reporter_updated", "support_case", ["reporter_id", "updated_at"])
    # The live refresh hears writes to every table of a server desk (change_watch.py).
    if op.get_bind().dialect.name == "postgresql":
        for table in ("user_grant",):
            op.execute(change_watch.notify_table_sql(table))


def downgrade() -> None:
    op.drop_index("ix_case_reporter_updated", table_name="support_case")
    op.drop_index("ix_user_grant_user_id", table_name="user_grant")
    op.drop_table("user_grant")
