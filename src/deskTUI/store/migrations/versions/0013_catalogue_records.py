"""Areas, categories and clients deactivated and reactivated; projects and services (No inventariables) as records a case links to, the free text before migrated into them (issue 21, seed 000). Owner: RECORDS.

``active``: a deactivated record is offered for no new case (the pickers, ``case new``,
an import refuse it) while the cases that already name it keep it and still show its
name; every record present before this upgrade stays active.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

FLAGGED = ("area", "category", "client")
"""The tables that gain an ``active`` flag."""


def upgrade() -> None:
    for table in FLAGGED:
        op.add_column(
            table, sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true())
        )


def downgrade() -> None:
    for table in FLAGGED:
        # ALTER TABLE … DROP COLUMN (SQLite 3.35 and later), as 0011's downgrade: a batch's
        # copy of the table would drop area, which every case refers to.
        op.drop_column(table, "active")
