"""The search index keeps internal notes apart from public text, so a search reads only
what the person may read (issue 17, item 1).

Until now a case's document held every comment, internal notes included, and a
client's words were matched against all of it: a client could find, hide and
rank cases by the words of notes they may not read. The index is made again
with public comments (``talk``) and internal notes (``notes``) apart
(search_index.py, pg_search.py), from the tables, on SQLite and PostgreSQL.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 04:00:00
"""

from __future__ import annotations

from alembic import op

from deskTUI.store import pg_search, search_index

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        statements = [*pg_search.drop_sql(), *pg_search.create_sql()]
    else:
        statements = [*search_index.drop_sql(), *search_index.create_sql()]
    for statement in statements:
        op.execute(statement)


# -- the index as revision 0009 had it: every comment in one column --------------------
_OLD_SQLITE = [
    "CREATE VIRTUAL TABLE case_search USING fts5(title, description, comments, "
    "prefix='3', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER case_search_case_insert AFTER INSERT ON support_case BEGIN "
    "INSERT INTO case_search(rowid, title, description, comments) "
    "VALUES (new.id, new.title, new.description, ''); END",
    "CREATE TRIGGER case_search_case_update AFTER UPDATE OF title, description "
    "ON support_case BEGIN UPDATE case_search SET title = new.title, "
    "description = new.description WHERE rowid = new.id; END",
    "CREATE TRIGGER case_search_case_delete AFTER DELETE ON support_case BEGIN "
    "DELETE FROM case_search WHERE rowid = old.id; END",
    "CREATE TRIGGER case_search_comment_insert AFTER INSERT ON case_comment BEGIN "
    "UPDATE case_search SET comments = comments || ' ' || new.body "
    "WHERE rowid = new.case_id; END",
    "CREATE TRIGGER case_search_comment_change AFTER UPDATE OF body, case_id "
    "ON case_comment BEGIN UPDATE case_search SET comments = coalesce((SELECT "
    "group_concat(body, ' ') FROM case_comment WHERE case_id = old.case_id), '') "
    "WHERE rowid = old.case_id; UPDATE case_search SET comments = coalesce((SELECT "
    "group_concat(body, ' ') FROM case_comment WHERE case_id = new.case_id), '') "
    "WHERE rowid = new.case_id; END",
    "CREATE TRIGGER case_search_comment_delete AFTER DELETE ON case_comment BEGIN "
    "UPDATE case_search SET comments = coalesce((SELECT group_concat(body, ' ') "
    "FROM case_comment WHERE case_id = old.case_id), '') WHERE rowid = old.case_id; END",
    "INSERT INTO case_search(rowid, title, description, comments) "
    "SELECT c.id, c.title, c.description, coalesce(m.bodies, '') FROM support_case c "
    "LEFT JOIN (SELECT case_id, group_concat(body, ' ') AS bodies FROM case_comment "
    "GROUP BY case_id) m ON m.case_id = c.id",
]

_OLD_POSTGRESQL = [
    "CREATE FUNCTION desk_case_talk(integer) RETURNS tsvector LANGUAGE sql STABLE "
    "RETURN coalesce((SELECT desk_search_vector(string_agg(body, ' ' ORDER BY id)) "
    "FROM case_comment WHERE case_id = $1), ''::tsvector)",
    "CREATE TABLE case_search (case_id integer PRIMARY KEY "
    "REFERENCES support_case(id) ON DELETE CASCADE, "
    "head tsvector NOT NULL, talk tsvector NOT NULL DEFAULT ''::tsvector)",
    "CREATE INDEX ix_case_search_document ON case_search USING gin ((head || talk))",
    "CREATE FUNCTION case_search_case_write() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN BEGIN INSERT INTO case_search (case_id, head) "
    "VALUES (new.id, desk_search_vector(new.title || ' ' || new.description)) "
    "ON CONFLICT (case_id) DO UPDATE SET head = excluded.head; "
    "EXCEPTION WHEN program_limit_exceeded THEN NULL; END; RETURN NULL; END $$",
    "CREATE TRIGGER case_search_case_write AFTER INSERT OR UPDATE OF title, description "
    "ON support_case FOR EACH ROW EXECUTE FUNCTION case_search_case_write()",
    "CREATE FUNCTION case_search_comment_insert() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN BEGIN UPDATE case_search SET talk = talk || desk_search_vector(new.body) "
    "WHERE case_id = new.case_id; "
    "EXCEPTION WHEN program_limit_exceeded THEN NULL; END; RETURN NULL; END $$",
    "CREATE TRIGGER case_search_comment_insert AFTER INSERT ON case_comment "
    "FOR EACH ROW EXECUTE FUNCTION case_search_comment_insert()",
    "CREATE FUNCTION case_search_comment_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN BEGIN UPDATE case_search SET talk = desk_case_talk(case_id) "
    "WHERE case_id IN (old.case_id, CASE WHEN TG_OP = 'UPDATE' THEN new.case_id END); "
    "EXCEPTION WHEN program_limit_exceeded THEN NULL; END; RETURN NULL; END $$",
    "CREATE TRIGGER case_search_comment_change AFTER UPDATE OF body, case_id OR DELETE "
    "ON case_comment FOR EACH ROW EXECUTE FUNCTION case_search_comment_change()",
    "INSERT INTO case_search (case_id, head, talk) "
    "SELECT c.id, desk_search_vector(c.title || ' ' || c.description), "
    "coalesce(m.talk, ''::tsvector) FROM support_case c LEFT JOIN "
    "(SELECT case_id, desk_search_vector(string_agg(body, ' ' ORDER BY id)) AS talk "
    "FROM case_comment GROUP BY case_id) m ON m.case_id = c.id",
]


def downgrade() -> None:
    """Back to one column of every comment, as revision 0009's code reads it."""
    if op.get_bind().dialect.name == "postgresql":
        # The text functions stay: only the index's own table, triggers and helper go.
        kept = ("desk_search_vector", "desk_fold")
        dropped = [s for s in pg_search.drop_sql() if not any(k in s for k in kept)]
        statements = [*dropped, *_OLD_POSTGRESQL]
    else:
        statements = [*search_index.drop_sql(), *_OLD_SQLITE]
    for statement in statements:
        op.execute(statement)
