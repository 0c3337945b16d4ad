"""The full-text index of cases on PostgreSQL: a tsvector per case under a GIN index.

It answers what SQLite's FTS5 index answers (search_index.py), the same way:
every word must start a word of the case's title, description or comments
that the person may read (one or two letters: be a whole word), letter case
and accents ignored.

- **Accents** are folded by ``desk_fold``, a ``translate()`` over the accented
  Latin letters made from Unicode's own decompositions, rather than by the
  ``unaccent`` extension: an extension needs a privilege a desk's database
  owner may not have, and ``unaccent()`` is not IMMUTABLE, so no index could
  be built on it. The query is folded by the same function in the same
  database, so a document and a query can never be folded differently.
- **Words** are runs of letters and digits, as for FTS5's unicode61. ASCII
  punctuation becomes a space before PostgreSQL's parser sees the text: the
  parser would otherwise keep ``ana@example.com`` or ``/etc/hosts`` as one
  token, and "example" would not find it.
- **One row per case** (``case_search``): ``head`` (title, description and
  solution: everyone who sees the case reads all three),
  ``talk`` (public comments) and ``notes`` (internal notes), so a new comment
  appends its words without reading the others back. The GIN index is on
  ``head || talk || notes``, the expression every query repeats; a person who
  may not read a case's notes is matched, ranked and excluded by ``head ||
  talk`` as well (``visible``), checked on the rows the index found. Positions
  are stripped: the list never asks for phrases, and a stripped vector stays
  far below PostgreSQL's 1 MB limit on one.
"""

from __future__ import annotations

import unicodedata

from .search_index import PREFIX_LENGTH, PUBLIC_SQL

TABLE = "case_search"
CONFIG = "simple"
"""No stemming and no stop words: a help desk searches for names, codes and error text."""


def _folding() -> tuple[str, str]:
    """Each accented Latin letter and the plain lower-case letter it is written with."""
    accented, plain = [], []
    for code in range(0xC0, 0x250):
        char = chr(code)
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        if len(base) == 1 and base.isascii() and base.isalpha() and base != char:
            accented.append(char)
            plain.append(base.lower())
    return "".join(accented), "".join(plain)


ACCENTED, PLAIN = _folding()

# Every ASCII character that is neither a letter nor a digit nor a space.
_ASCII_PUNCTUATION = r"[!-/:-@\[-`{-~]+"

FUNCTIONS = [
    f"CREATE FUNCTION desk_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE "
    f"RETURN translate(lower($1), '{ACCENTED}', '{PLAIN}')",
    f"CREATE FUNCTION desk_search_vector(text) RETURNS tsvector LANGUAGE sql IMMUTABLE "
    f"PARALLEL SAFE RETURN strip(to_tsvector('{CONFIG}', "
    f"regexp_replace(desk_fold(coalesce($1, '')), '{_ASCII_PUNCTUATION}', ' ', 'g')))",
    # The public comments (else the internal notes) of one case as one vector: after a
    # comment is changed, moved, made public or internal, or removed.
    "CREATE FUNCTION desk_case_talk(integer, boolean) RETURNS tsvector LANGUAGE sql STABLE "
    "RETURN coalesce((SELECT desk_search_vector(string_agg(body, ' ' ORDER BY id)) "
    f"FROM case_comment WHERE case_id = $1 AND ({PUBLIC_SQL}) = $2), ''::tsvector)",
]

HEAD = "{row}.title || ' ' || {row}.description || ' ' || {row}.solution"
"""The text of ``head``: what a case says of itself, and what solved it."""

DOCUMENT = "(head || talk || notes)"
"""The indexed expression: a query must write it exactly so for the index to be used."""

CREATE_TABLE = [
    f"CREATE TABLE {TABLE} (case_id integer PRIMARY KEY "
    f"REFERENCES support_case(id) ON DELETE CASCADE, "
    f"head tsvector NOT NULL, talk tsvector NOT NULL DEFAULT ''::tsvector, "
    "notes tsvector NOT NULL DEFAULT ''::tsvector)",
    f"CREATE INDEX ix_{TABLE}_document ON {TABLE} USING gin ({DOCUMENT})",
]

# A document past PostgreSQL's limit on one vector (1 MB of distinct words, far beyond
# any real case) must not refuse the case or the comment: that text goes unindexed.
_TOO_LONG = "EXCEPTION WHEN program_limit_exceeded THEN NULL;"

TRIGGERS = {
    f"{TABLE}_case_write": (
        "support_case",
        "AFTER INSERT OR UPDATE OF title, description, solution",
        f"BEGIN INSERT INTO {TABLE} (case_id, head) "
        f"VALUES (new.id, desk_search_vector({HEAD.format(row='new')})) "
        "ON CONFLICT (case_id) DO UPDATE SET head = excluded.head; "
        f"{_TOO_LONG} END;",
    ),
    f"{TABLE}_comment_insert": (
        "case_comment",
        "AFTER INSERT",
        f"BEGIN IF new.{PUBLIC_SQL} THEN UPDATE {TABLE} SET talk = talk || "
        "desk_search_vector(new.body) WHERE case_id = new.case_id; "
        f"ELSE UPDATE {TABLE} SET notes = notes || desk_search_vector(new.body) "
        f"WHERE case_id = new.case_id; END IF; {_TOO_LONG} END;",
    ),
    f"{TABLE}_comment_change": (
        "case_comment",
        "AFTER UPDATE OF body, case_id, visibility OR DELETE",
        f"BEGIN UPDATE {TABLE} SET talk = desk_case_talk(case_id, true), "
        "notes = desk_case_talk(case_id, false) "
        "WHERE case_id IN (old.case_id, CASE WHEN TG_OP = 'UPDATE' THEN new.case_id END); "
        f"{_TOO_LONG} END;",
    ),
}


def trigger_tables() -> dict[str, str]:
    """Each trigger that keeps the index, and the table it is on (a bulk load disables them)."""
    return {name: table for name, (table, _when, _body) in TRIGGERS.items()}


def create_sql() -> list[str]:
    statements = [*FUNCTIONS, *CREATE_TABLE]
    for name, (table, when, body) in TRIGGERS.items():
        statements += [
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN {body} RETURN NULL; END $$",
            f"CREATE TRIGGER {name} {when} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()",
        ]
    return [*statements, *rebuild_sql()]


def drop_sql() -> list[str]:
    statements = [f"DROP TABLE IF EXISTS {TABLE}"]
    for name, (table, _when, _body) in TRIGGERS.items():
        statements += [
            f"DROP TRIGGER IF EXISTS {name} ON {table}",
            f"DROP FUNCTION IF EXISTS {name}()",
        ]
    return [
        *statements,
        "DROP FUNCTION IF EXISTS desk_case_talk(integer)",  # before revision 0010
        "DROP FUNCTION IF EXISTS desk_case_talk(integer, boolean)",
        "DROP FUNCTION IF EXISTS desk_search_vector(text)",
        "DROP FUNCTION IF EXISTS desk_fold(text)",
    ]


def rebuild_sql() -> list[str]:
    """Every case's document made again from the tables (after a bulk load)."""
    return [
        f"TRUNCATE {TABLE}",
        f"INSERT INTO {TABLE} (case_id, head, talk, notes) "
        f"SELECT c.id, desk_search_vector({HEAD.format(row='c')}), "
        "coalesce(m.talk, ''::tsvector), coalesce(m.notes, ''::tsvector) "
        "FROM support_case c LEFT JOIN (SELECT case_id, desk_search_vector(string_agg("
        f"body, ' ' ORDER BY id) FILTER (WHERE {PUBLIC_SQL})) AS talk, "
        "desk_search_vector(string_agg(body, ' ' ORDER BY id) "
        f"FILTER (WHERE NOT ({PUBLIC_SQL}))) AS notes "
        "FROM case_comment GROUP BY case_id) m ON m.case_id = c.id",
    ]


def query_text(words: tuple[str, ...], *, any_of: bool = False) -> str | None:
    """A ``to_tsquery`` text needing every word (``any_of``: one), each starting a word.

    A typed word is cut into its runs of letters and digits, as the documents
    are (``e-mail`` is ``e`` and ``mail``); the last run is the start of a word
    when the typed word has ``PREFIX_LENGTH`` letters or more, as in FTS5. Runs
    hold only letters and digits, so nothing typed can be tsquery syntax; the
    database folds the text (``desk_fold``) before parsing it.
    """
    terms = []
    for word in words:
        runs = _runs(word)
        if not runs:
            continue
        letters = sum(len(run) for run in runs)
        star = ":*" if letters >= PREFIX_LENGTH else ""
        parts = [f"'{run}'" for run in runs[:-1]] + [f"'{runs[-1]}'{star}"]
        terms.append(parts[0] if len(parts) == 1 else "(" + " & ".join(parts) + ")")
    return (" | " if any_of else " & ").join(terms) if terms else None


def _runs(word: str) -> list[str]:
    runs, current = [], []
    for char in word:
        if char.isalnum():
            current.append(char)
        elif current:
            runs.append("".join(current))
            current = []
    if current:
        runs.append("".join(current))
    return runs


QUERY = f"to_tsquery('{CONFIG}', desk_fold(?))"
"""A ``query_text`` as the database reads it: one parameter, folded as the documents are."""


def document(alias: str = "s") -> str:
    """``DOCUMENT`` of a joined ``case_search`` row, written as the index has it."""
    return f"({alias}.head || {alias}.talk || {alias}.notes)"


def public_document(alias: str = "s") -> str:
    """What everyone who sees the case reads of it: no internal note."""
    return f"({alias}.head || {alias}.talk)"


def matches(alias: str = "s") -> str:
    """The condition on a joined ``case_search`` row, through the index; its one
    parameter is a ``query_text``."""
    return f"{document(alias)} @@ {QUERY}"


def matches_public(alias: str = "s") -> str:
    """``matches`` in the public text only (checked on the rows the index found)."""
    return f"{public_document(alias)} @@ {QUERY}"
