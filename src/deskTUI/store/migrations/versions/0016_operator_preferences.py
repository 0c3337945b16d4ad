"""Each operator's order and choice of the case view's tabs and of the case list's columns (issue 21, seeds 000 and 003). Owner: PREFS.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 16:00:00
"""

from __future__ import annotations

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
