"""Each operator's language (issue 20): English, Spanish, or NULL to follow the session.

A person who reads Spanish on a terminal whose locale says nothing of it (``LANG=C``
over SSH) chooses it once with ``desktui user set LOGIN --language es`` or from the
TUI's palette; NULL, every user's value after this upgrade, means the session's locale
(``LC_ALL``, ``LC_MESSAGES``, ``LANG``) decides, as it did before.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 12:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("desk_user", sa.Column("language", sa.String(length=8), nullable=True))


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN (SQLite 3.35 and later): a batch's copy of the table would
    # drop desk_user, which every case, comment and time entry refers to.
    op.drop_column("desk_user", "language")
