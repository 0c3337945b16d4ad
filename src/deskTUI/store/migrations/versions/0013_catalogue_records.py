"""Areas, categories and clients deactivated and reactivated; projects and services (No inventariables) as records a case links to, the free text before migrated into them (issue 21, seed 000). Owner: RECORDS.

``active``: a deactivated record is offered for no new case (the pickers, ``case new``,
an import refuse it) while the cases that already name it keep it and still show its
name; every record present before this upgrade stays active.

``project`` and ``service``: the case's free-text ``support_case.project`` and
``.service`` become links (``project_id``, ``service_id``). Each distinct text, trimmed,
becomes one record (texts that differ only in letter case are one record, named as the
first in order of the text); an empty text links nothing (NULL). The text columns go.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from deskTUI.store import change_watch

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

FLAGGED = ("area", "category", "client")
"""The tables that gain an ``active`` flag."""
LINKED = ("project", "service")
"""The records a case now links to: the table, the text column it replaces and
``<table>_id``, the link."""


def upgrade() -> None:
    for table in FLAGGED:
        op.add_column(
            table, sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true())
        )
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    present = {c["name"] for c in sa.inspect(bind).get_columns("support_case")}
    for name in LINKED:
        op.create_table(
            name,
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("name", sa.String(length=120), nullable=False),
            sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("name"),
        )
        link = f"{name}_id"
        if link in present:
            pass  # a SQLite desk downgraded before keeps the column (see downgrade)
        elif sqlite:
            # SQLite adds a column with its REFERENCES in one ALTER (alembic would ask for
            # a batch copy of support_case, which every case-bound table refers to).
            op.execute(f"ALTER TABLE support_case ADD COLUMN {link} INTEGER REFERENCES {name} (id)")
        else:
            op.add_column(
                "support_case", sa.Column(link, sa.Integer(), sa.ForeignKey(f"{name}.id"))
            )
        _records_from_text(bind, name)
        op.create_index(f"ix_case_{name}_updated", "support_case", [link, "updated_at"])
        op.drop_column("support_case", name)
        # The live refresh hears writes to every table of a server desk (change_watch.py).
        if not sqlite:
            op.execute(change_watch.notify_table_sql(name))


def _records_from_text(bind: sa.engine.Connection, name: str) -> None:
    """One record per distinct text of the case's column ``name`` (trimmed; letter case
    aside), each case linked to its own; read and matched in Python, so both engines
    trim, fold and order alike (SQLite's lower() knows only ASCII)."""
    # Sorted here, by code point: a server's collation would order "erp" and "ERP" by
    # its locale, and the record's name must not depend on the engine.
    texts = sorted(
        row[0]
        for row in bind.execute(
            sa.text(f"SELECT DISTINCT {name} FROM support_case WHERE {name} <> ''")
        )
    )
    ids: dict[str, int] = {}
    for text in texts:
        shown = " ".join(text.split())[:120]
        if not shown:
            continue
        key = shown.casefold()
        if key not in ids:
            bind.execute(
                sa.text(f"INSERT INTO {name} (name, active) VALUES (:name, :active)"),
                {"name": shown, "active": True},
            )
            ids[key] = bind.execute(
                sa.text(f"SELECT id FROM {name} WHERE name = :name"), {"name": shown}
            ).scalar_one()
        bind.execute(
            sa.text(f"UPDATE support_case SET {name}_id = :id WHERE {name} = :text"),
            {"id": ids[key], "text": text},
        )


def downgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    for name in LINKED:
        link = f"{name}_id"
        op.add_column(
            "support_case",
            sa.Column(name, sa.String(length=120), nullable=False, server_default=""),
        )
        op.execute(
            f"UPDATE support_case SET {name} = "
            f"(SELECT {name}.name FROM {name} WHERE {name}.id = support_case.{link}) "
            f"WHERE {link} IS NOT NULL"
        )
        op.drop_index(f"ix_case_{name}_updated", table_name="support_case")
        if sqlite:
            # SQLite drops no column a foreign key names, and a batch copy of support_case
            # would lose its full-text triggers: the link stays, emptied (the upgrade
            # takes it up again).
            op.execute(f"UPDATE support_case SET {link} = NULL")
        else:
            op.drop_column("support_case", link)
        op.drop_table(name)
    for table in FLAGGED:
        # ALTER TABLE … DROP COLUMN (SQLite 3.35 and later), as 0011's downgrade: a batch's
        # copy of the table would drop area, which every case refers to.
        op.drop_column(table, "active")
