"""Solutions in the full-text index on both engines, for the desk's knowledge from past solutions (issue 21, seed 000). Owner: KNOWLEDGE.

Until now a case's document held its title, description and comments: a word
only in a solution found nothing (``case list --query``), and similar solved
cases could not be matched on what solved them. The solution is public text
(the case's General page shows it to everyone who sees the case, clients
included), so it joins the public part of the index: on SQLite its own FTS5
column (``solution``, among the public columns), on PostgreSQL part of
``head``. The index is made again from the tables, on both engines, so the
cases already stored are found by their solutions.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 16:00:00
"""

from __future__ import annotations

from alembic import op

from deskTUI.store import pg_search, search_index

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        statements = [*pg_search.drop_sql(), *pg_search.create_sql()]
    else:
        statements = [*search_index.drop_sql(), *search_index.create_sql()]
    for statement in statements:
        op.execute(statement)


# -- the index as revision 0010 made it: no solution ------------------------------------
_NOTES = "visibility = 'public'"
_OLD_SQLITE = [
    "CREATE VIRTUAL TABLE case_search USING fts5(title, description, talk, notes, "
    "prefix='3', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER case_search_case_insert AFTER INSERT ON support_case BEGIN "
    "INSERT INTO case_search(rowid, title, description, talk, notes) "
    "VALUES (new.id, new.title, new.description, '', ''); END",
    "CREATE TRIGGER case_search_case_update AFTER UPDATE OF title, description "
    "ON support_case BEGIN UPDATE case_search SET title = new.title, "
    "description = new.description WHERE rowid = new.id; END",
    *(
        f"CREATE TRIGGER {name} {body}"
        for name, body in search_index.TRIGGERS.items()
        if "_comment_" in name or name.endswith("_case_delete")
    ),
    "INSERT INTO case_search(rowid, title, description, talk, notes) "
    "SELECT c.id, c.title, c.description, coalesce(m.talk, ''), coalesce(m.notes, '') "
    "FROM support_case c LEFT JOIN (SELECT case_id, "
    f"group_concat(CASE WHEN {_NOTES} THEN body END, ' ') AS talk, "
    f"group_concat(CASE WHEN {_NOTES} THEN NULL ELSE body END, ' ') AS notes "
    "FROM case_comment GROUP BY case_id) m ON m.case_id = c.id",
]


def downgrade() -> None:
    """Back to revision 0010's index: title and description, comments and notes."""
    if op.get_bind().dialect.name == "postgresql":
        # The same table and triggers; only what ``head`` holds changes back.
        op.execute(
            "CREATE OR REPLACE FUNCTION case_search_case_write() RETURNS trigger "
            "LANGUAGE plpgsql AS $$ BEGIN BEGIN INSERT INTO case_search (case_id, head) "
            "VALUES (new.id, desk_search_vector(new.title || ' ' || new.description)) "
            "ON CONFLICT (case_id) DO UPDATE SET head = excluded.head; "
            "EXCEPTION WHEN program_limit_exceeded THEN NULL; END; RETURN NULL; END $$"
        )
        op.execute("DROP TRIGGER IF EXISTS case_search_case_write ON support_case")
        op.execute(
            "CREATE TRIGGER case_search_case_write AFTER INSERT OR UPDATE OF title, "
            "description ON support_case FOR EACH ROW EXECUTE FUNCTION case_search_case_write()"
        )
        op.execute(
            "UPDATE case_search s SET head = desk_search_vector(c.title || ' ' || c.description) "
            "FROM support_case c WHERE c.id = s.case_id"
        )
        return
    for statement in [*search_index.drop_sql(), *_OLD_SQLITE]:
        op.execute(statement)
