"""A time entry's article, the classifier of seed 001's Actividades (issue 21). Owner: ACTIVITIES.

The column itself is as old as the time entry (0001: ``time_entry.article``, 120
characters). What issue 21 adds is a list to pick it from: seed 001 says the
activity's Artículo "tiene el mismo significado que el campo Artículo en la sección
Generales", so the list is the articles already in use on the desk, the cases'
product/article and the activities' article, with a new one typed freely. That
look-up reads the distinct values of both columns: these two indexes let it read them
in order from an index rather than sort every case and every entry.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 16:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("support_case") as batch_op:
        batch_op.create_index(batch_op.f("ix_support_case_product"), ["product"], unique=False)
    with op.batch_alter_table("time_entry") as batch_op:
        batch_op.create_index(batch_op.f("ix_time_entry_article"), ["article"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("time_entry") as batch_op:
        batch_op.drop_index(batch_op.f("ix_time_entry_article"))
    with op.batch_alter_table("support_case") as batch_op:
        batch_op.drop_index(batch_op.f("ix_support_case_product"))
