"""Survey templates with several questions, attached to categories; the 1-5 + comment survey becomes the default template (issue 21, seed 004). Owner: SURVEYS.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 16:00:00
"""

from __future__ import annotations

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
