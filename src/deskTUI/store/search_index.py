"""The full-text index of cases: SQLite FTS5, one document per case.

A case's document is its title, its description, its public comments (``talk``),
its solution and its internal notes (``notes``), each a column, so one MATCH answers "every
word appears in the text this person may read" and hands back case numbers
(FTS5 rowids) already in order: the list shows text matches newest case first
without sorting them. A client's query names the public columns only
(``public_match``): an internal note's words can neither find, hide nor rank
a case for them (bm25 divides by the whole document's length, notes included) (DOMAIN.md: a client's free-text search never matches internal notes).

The index keeps its own copy of the text (not an external-content table):
a comment changes the case's document, and FTS5 can only remove the old
tokens of an external-content row if it is given the old text exactly, which
a concatenation of comments cannot promise. Triggers keep it in step with
every write; a bulk load drops the triggers and calls ``rebuild_sql``.

PostgreSQL has its own index with the same meaning (pg_search.py); the
functions below that a bulk load or a migration calls take the dialect.
"""

from __future__ import annotations

TABLE = "case_search"
PREFIX_LENGTH = 3
"""The shortest word searched as the start of words; shorter ones match whole words."""

PUBLIC_COLUMNS = ("title", "description", "talk", "solution")
"""What every person who sees the case may read: ``talk`` is its public comments; the
solution is on the case's General page for everyone who sees the case (clients too)."""
KNOWLEDGE_COLUMNS = ("title", "description", "solution")
"""What similar solved cases are matched and ranked on (store/similar_sql.py)."""
NOTES_COLUMN = "notes"
"""The case's internal notes: staff who may read them (permissions.internal_notes_scope)."""

PUBLIC_SQL = "visibility = 'public'"
"""A comment a client reads; anything else (internal, or a value no one knows) is a note."""

# unicode61 with diacritics removed: "impresion" finds "impresión", as people
# typing fast on a US keyboard expect. prefix='3' keeps prefix queries of three
# letters or more (what typing-as-you-search sends) off a term-range scan.
CREATE_SQL = (
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5("
    f"{', '.join(PUBLIC_COLUMNS)}, {NOTES_COLUMN}, "
    f"prefix='{PREFIX_LENGTH}', tokenize='unicode61 remove_diacritics 2')"
)


def _comments_of(case_id: str, public: bool) -> str:
    """The public comments (else the internal notes) of one case, as one text."""
    kind = PUBLIC_SQL if public else f"NOT ({PUBLIC_SQL})"
    return (
        "coalesce((SELECT group_concat(body, ' ') FROM case_comment "
        f"WHERE case_id = {case_id} AND {kind}), '')"
    )


def _gather(case_id: str) -> str:
    """``UPDATE`` of one case's two comment columns from the comment table."""
    return (
        f"UPDATE {TABLE} SET talk = {_comments_of(case_id, True)}, "
        f"{NOTES_COLUMN} = {_comments_of(case_id, False)} WHERE rowid = {case_id}; "
    )


TRIGGERS = {
    f"{TABLE}_case_insert": (
        "AFTER INSERT ON support_case BEGIN "
        f"INSERT INTO {TABLE}(rowid, title, description, talk, solution, {NOTES_COLUMN}) "
        "VALUES (new.id, new.title, new.description, '', new.solution, ''); END"
    ),
    f"{TABLE}_case_update": (
        "AFTER UPDATE OF title, description, solution ON support_case BEGIN "
        f"UPDATE {TABLE} SET title = new.title, description = new.description, "
        "solution = new.solution WHERE rowid = new.id; END"
    ),
    f"{TABLE}_case_delete": (
        f"AFTER DELETE ON support_case BEGIN DELETE FROM {TABLE} WHERE rowid = old.id; END"
    ),
    # A new comment appends its words to the column of its kind, without reading the others.
    f"{TABLE}_comment_insert": (
        "AFTER INSERT ON case_comment BEGIN "
        f"UPDATE {TABLE} SET "
        f"talk = CASE WHEN new.{PUBLIC_SQL} THEN talk || ' ' || new.body ELSE talk END, "
        f"{NOTES_COLUMN} = CASE WHEN new.{PUBLIC_SQL} THEN {NOTES_COLUMN} "
        f"ELSE {NOTES_COLUMN} || ' ' || new.body END "
        "WHERE rowid = new.case_id; END"
    ),
    # Made public or internal, moved, rewritten: both cases' columns are gathered again.
    f"{TABLE}_comment_change": (
        "AFTER UPDATE OF body, case_id, visibility ON case_comment BEGIN "
        f"{_gather('old.case_id')}{_gather('new.case_id')}END"
    ),
    f"{TABLE}_comment_delete": (f"AFTER DELETE ON case_comment BEGIN {_gather('old.case_id')}END"),
}


def triggers(dialect: str = "sqlite") -> dict[str, str]:
    """The triggers that keep the index in step, each with its table (a bulk load
    turns them off and calls ``rebuild_sql`` once the rows are in)."""
    if dialect == "postgresql":
        from . import pg_search

        return pg_search.trigger_tables()
    return {name: body.split(" ON ", 1)[1].split()[0] for name, body in TRIGGERS.items()}


def is_search_table(name: str | None) -> bool:
    """The index and FTS5's own tables (``case_search_data`` …), which no model declares."""
    return name is not None and (name == TABLE or name.startswith(f"{TABLE}_"))


def include_in_autogenerate(_object: object, name: str | None, kind: str, *_: object) -> bool:
    """Alembic's ``include_object``: compare everything but the full-text index."""
    return not (kind == "table" and is_search_table(name))


def create_sql() -> list[str]:
    """The index, its triggers, and the documents of the cases already stored."""
    triggers = [f"CREATE TRIGGER {name} {body}" for name, body in TRIGGERS.items()]
    return [CREATE_SQL, *triggers, *rebuild_sql()]


def drop_sql() -> list[str]:
    return [
        *(f"DROP TRIGGER IF EXISTS {name}" for name in TRIGGERS),
        f"DROP TABLE IF EXISTS {TABLE}",
    ]


def rebuild_sql(dialect: str = "sqlite") -> list[str]:
    """Every case's document made again from the tables (after a bulk load).

    Comments are gathered with one GROUP BY pass over the comment table rather
    than a sub-select per case: at a million cases that is seconds, not minutes.
    """
    if dialect == "postgresql":
        from . import pg_search

        return pg_search.rebuild_sql()
    return [
        f"DELETE FROM {TABLE}",
        f"INSERT INTO {TABLE}(rowid, title, description, talk, solution, {NOTES_COLUMN}) "
        "SELECT c.id, c.title, c.description, coalesce(m.talk, ''), c.solution, "
        "coalesce(m.notes, '') "
        "FROM support_case c LEFT JOIN (SELECT case_id, "
        f"group_concat(CASE WHEN {PUBLIC_SQL} THEN body END, ' ') AS talk, "
        f"group_concat(CASE WHEN {PUBLIC_SQL} THEN NULL ELSE body END, ' ') AS notes "
        "FROM case_comment GROUP BY case_id) m ON m.case_id = c.id",
    ]


def match_expression(words: tuple[str, ...], *, any_of: bool = False) -> str | None:
    """An FTS5 query that needs every word (``any_of``: at least one), each as the start
    of a word in the text.

    Each word is quoted (so ``AND``, ``-`` or ``"`` typed by a person are text,
    never FTS syntax) and made a prefix, so ``impre`` finds "impresora" while
    it is being typed. A word of one or two letters is a whole word only ("pc",
    "tv"): as the start of a word it would match most of the desk, and reading
    that many rows takes a million-case desk a fifth of a second per keystroke
    (the index keeps three-letter starts, see ``PREFIX_LENGTH``). A word with no
    letter or digit cannot be searched for and is left out; None when nothing is
    left.
    """
    terms = []
    for word in words:
        letters = sum(ch.isalnum() for ch in word)
        if letters:
            star = "*" if letters >= PREFIX_LENGTH else ""
            terms.append('"' + word.replace('"', '""') + '"' + star)
    return (" OR " if any_of else " AND ").join(terms) if terms else None


def public_match(expression: str) -> str:
    """``expression`` (a ``match_expression``) looked for in the public columns only."""
    return "{" + " ".join(PUBLIC_COLUMNS) + "} : (" + expression + ")"
