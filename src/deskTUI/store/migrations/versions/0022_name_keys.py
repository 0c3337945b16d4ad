"""Names unique in the database (issue 23): each record's name folded (``name_key``, by
``domain.names.name_key``: letter case, compatibility forms, blank runs) beside the name
under a unique index: areas, clients, projects, services and survey templates across the
desk, categories within their area; contacts and contracts found by it too (not unique). Two admins adding "Soporte" and "soporte" at the same
instant both passed the services' check before; now the second meets the index.

The keys are computed here in Python, as the store writes them, not by the server's
``lower()`` (which depends on PostgreSQL's LC_CTYPE, and knows only ASCII on SQLite).
A desk whose names already clash is refused in one sentence naming them, before anything
is changed: which of two records to rename is a person's choice. (A later change to the
folding needs a migration rewriting the keys.)

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-07 23:00:00
"""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

from deskTUI.domain.marks import N_
from deskTUI.domain.names import name_key
from deskTUI.store.database import StoreUnavailable

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

KEYED = ("area", "client", "project", "service", "survey_template")
"""The tables whose names are unique across the desk (``category``: within its area)."""
FOUND = ("contact", "contract")
"""Names found by their key but not unique (a client may have two contacts so named)."""
SHOWN = 10
"""At most so many clashes named in the refusal."""


def upgrade() -> None:
    bind = op.get_bind()
    keys = _keys(bind)  # read and checked before any change: a refusal leaves the desk as it was
    for table in (*KEYED, "category", *FOUND):
        op.add_column(table, sa.Column("name_key", sa.Text(), nullable=False, server_default=""))
        rows = [{"id": row_id, "key": key} for row_id, key in keys[table].items()]
        if rows:
            bind.execute(sa.text(f"UPDATE {table} SET name_key = :key WHERE id = :id"), rows)
        if bind.dialect.name == "postgresql":  # the store writes every key (SQLite keeps it)
            op.alter_column(table, "name_key", server_default=None)
    for table in KEYED:
        op.create_index(f"ix_{table}_name_key", table, ["name_key"], unique=True)
    op.create_index("ix_category_area_name_key", "category", ["area_id", "name_key"], unique=True)


def _keys(bind: sa.engine.Connection) -> dict[str, dict[int, str]]:
    """Each table's key by row id; a clash refuses the upgrade, naming every one."""
    keys: dict[str, dict[int, str]] = {}
    clashes: list[str] = []
    areas = {row[0]: row[1] for row in bind.execute(sa.text("SELECT id, name FROM area"))}
    for table in (*KEYED, "category", *FOUND):
        parent = "area_id" if table == "category" else "NULL"
        read = sa.text(f"SELECT id, name, {parent} FROM {table} ORDER BY id")
        groups: defaultdict[tuple[object, str], list[str]] = defaultdict(list)
        keys[table] = {}
        for row_id, name, parent_id in bind.execute(read):
            keys[table][row_id] = key = name_key(name)
            groups[parent_id, key].append(name)
        for (parent_id, _key), names in groups.items():
            if len(names) > 1 and table not in FOUND:
                named = " = ".join(repr(name) for name in names)
                where = f" (--area {areas.get(parent_id)!r})" if table == "category" else ""
                clashes.append(f"{table} {named}{where}")
    if clashes:
        raise StoreUnavailable(
            "db.name_clash",
            N_(
                "The desk has names that differ only in letter case or spacing, which this "
                "deskTUI keeps apart no more: {clashes}. Rename one of each with the deskTUI "
                "that made the desk (desktui KIND rename NAME NEW_NAME) and open it again"
            ),
            # The first few: a sentence, not a report (the rest show at the next try).
            clashes="; ".join(clashes[:SHOWN] + (["…"] if len(clashes) > SHOWN else [])),
        )
    return keys


def downgrade() -> None:
    op.drop_index("ix_category_area_name_key", table_name="category")
    for table in reversed(KEYED):
        op.drop_index(f"ix_{table}_name_key", table_name=table)
    for table in (*reversed(FOUND), "category", *reversed(KEYED)):
        # ALTER TABLE … DROP COLUMN (SQLite 3.35 and later), as 0013's downgrade.
        op.drop_column(table, "name_key")
