"""The reason a file was rejected at review (issue 21, seed 000 Archivos). Owner: FILES.

Files rejected before this revision keep an empty reason: the desk never asked for one.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The server default fills the rows already there on both engines (NOT NULL at once).
    op.add_column(
        "attachment",
        sa.Column("review_reason", sa.Text(), nullable=False, server_default=""),
    )


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN, as 0011 does: a batch's copy would rebuild the table.
    op.drop_column("attachment", "review_reason")
