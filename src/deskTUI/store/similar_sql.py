"""Similar solved cases: the finished cases whose title, description and solution best
match one case's own words (seed 000: "una base de conocimientos para futuros problemas
similares").

The case's words become one "any of these" query of the full-text index, ranked by
BM25 on SQLite (FTS5's ``bm25()``) and ``ts_rank`` on PostgreSQL, over the knowledge
columns only (title, description, solution: search_index.KNOWLEDGE_COLUMNS), which
everyone who sees a case reads; comments and internal notes are not matched, so no
note's words can rank a case for a person who may not read it.

Words are the runs of letters and digits the indexes themselves cut text into; words
shorter than three letters and common words of English and Spanish (the desk's two
languages) say nothing of a problem and are left out, and only the first ``PROBED``
distinct words are considered (the title's first), so a 10,000-character description
costs what a short one does. Each word is quoted whole (FTS5) or written as a bare
lexeme of letters and digits (tsquery): nothing typed into a case can be query syntax.

At a million cases a desk's everyday words ("usuario", "reporta", a canned solution)
are in hundreds of thousands of cases, and FTS5's bm25() reads every case holding a
word to weigh it: seconds, for words that tell nothing apart. So on SQLite each word's
share of the newest ``RECENT`` cases is counted first (stopping at ``COMMON``, a
tenth of them: a fraction of a millisecond a word), words at or past it are left out,
and the ``MAX_TERMS`` rarest are asked for; a small desk (fewer than ``COMMON_FLOOR``
cases holding a word) keeps every word. Then only the newest ``CANDIDATES`` finished
cases the person may see that share a word with the case are ranked (FTS5 hands
matches out newest first, so finding the oldest of them reads no more than that), a
choice that also favours recent solutions.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..domain.permissions import Scope
from . import pg_search, search_index
from .list_sql import Execute, scope_clause
from .sql_fragments import Sql

PROBED = 12
"""The most words of a case considered: its title's, description's, solution's first."""
MAX_TERMS = 6
"""The most words one case asks with: the rarest of those considered (SQLite)."""
RECENT = 10_000
"""How many of the newest cases a word's commonness is judged on."""
COMMON_FLOOR = 500
"""A word in fewer cases than this is never too common (a small desk keeps them all)."""
MIN_LETTERS = 3
CANDIDATES = 500
"""SQLite ranks at most this many of the newest matching cases (see the module's note)."""

_WORD = re.compile(r"[^\W_]+")

STOP_WORDS = frozenset(
    """
    a al algo alguna algunas alguno algunos ante antes aqui asi aun cada como con contra
    cual cuando de del desde donde dos el ella ellas ellos en entre era eran es esa esas
    ese eso esos esta estaba estado estan estas este esto estos fue fueron ha hace hacia
    han hasta hay la las le les lo los mas me mi mis mismo muy nada ni no nos nuestra
    nuestro o otra otras otro otros para pero poco por porque que quien se sea segun ser
    si sido sin sobre solo son su sus tambien tan tanto te tiene tienen todo todos tras
    tu un una uno unos usted ya yo
    about after again all also and any are because been before being but can cannot
    could did does doing down each few for from had has have having her here him his
    how into its just more most not now off once only other our out over own same she
    should some such than that the their them then there these they this those through
    too under until very was were what when where which while who why will with would
    you your
    """.split()  # noqa: SIM905 - a list of words reads best as words
)
"""Words of English and Spanish that say nothing of a problem (folded: no accents)."""


@dataclass(frozen=True)
class SimilarRow:
    id: int
    title: str
    solution: str
    score: float
    """Higher is more alike (BM25 negated on SQLite, ts_rank on PostgreSQL)."""


def _folded(word: str) -> str:
    bare = unicodedata.normalize("NFD", word.casefold())
    return "".join(ch for ch in bare if not unicodedata.combining(ch))


def terms_of(*texts: str) -> list[str]:
    """The words a case is matched by: folded, distinct, in order, at most ``PROBED``.

    Runs of letters and digits, as both indexes cut text; the text is read only until
    enough words are found, so its length does not matter.
    """
    terms: list[str] = []
    for text in texts:
        for found in _WORD.finditer(text):
            word = _folded(found.group())
            if len(word) >= MIN_LETTERS and word not in STOP_WORDS and word not in terms:
                terms.append(word)
                if len(terms) == PROBED:
                    return terms
    return terms


def rarest(execute: Execute, terms: list[str]) -> list[str]:
    """Of ``terms``, the ``MAX_TERMS`` in fewest of the newest ``RECENT`` cases, leaving
    out those in a tenth of them or more (counting stops there: see the module's note)."""
    fts = search_index.TABLE
    newest = execute("SELECT coalesce(max(id), 0) FROM support_case", [])[0][0]
    since = newest - RECENT
    common = max(COMMON_FLOOR, min(RECENT, newest) // 10)
    counted = []
    for position, term in enumerate(terms):
        found = execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {fts} WHERE {fts} MATCH ? "
            f"AND {fts}.rowid > ? LIMIT ?)",
            [fts_match([term]), since, common],
        )[0][0]
        if found < common:
            counted.append((found, position, term))
    return [term for _found, _position, term in sorted(counted)[:MAX_TERMS]]


def fts_match(terms: list[str]) -> str:
    """Any of ``terms``, each a whole quoted word, in the knowledge columns (FTS5)."""
    quoted = " OR ".join('"' + term.replace('"', '""') + '"' for term in terms)
    return "{" + " ".join(search_index.KNOWLEDGE_COLUMNS) + "} : (" + quoted + ")"


def ts_query(terms: list[str]) -> str:
    """Any of ``terms`` as a ``to_tsquery`` text: each a bare lexeme (letters and digits
    only, quoted as tsquery quotes), so no term is syntax."""
    return " | ".join(f"'{term}'" for term in terms if term.isalnum())


def _bm25() -> str:
    """FTS5's BM25 over the knowledge columns, the title counting twice; comments and
    notes weigh nothing."""
    weights = {"title": "2.0", "description": "1.0", "solution": "1.0"}
    columns = [*search_index.PUBLIC_COLUMNS, search_index.NOTES_COLUMN]
    return f"bm25({search_index.TABLE}, {', '.join(weights.get(c, '0.0') for c in columns)})"


def similar(
    execute: Execute, dialect: str, terms: list[str], scope: Scope, case_id: int, limit: int
) -> list[SimilarRow]:
    """The finished cases within ``scope`` (never ``case_id``) best matching ``terms``."""
    if not terms:
        return []
    kept = scope_clause(scope) & Sql("c.status = 'finished' AND c.id <> ?", [case_id])
    if dialect == "postgresql":
        return _on_postgresql(execute, terms, kept, limit)
    terms = rarest(execute, terms)
    if not terms:
        return []
    fts, match = search_index.TABLE, fts_match(terms)
    matched = f"{fts} CROSS JOIN support_case c ON c.id = {fts}.rowid WHERE {fts} MATCH ?"
    oldest = execute(
        f"SELECT c.id FROM {matched} AND ({kept.text}) ORDER BY {fts}.rowid DESC LIMIT 1 OFFSET ?",
        [match, *kept.params, CANDIDATES - 1],
    )
    since = oldest[0][0] if oldest else 0
    rows = execute(
        f"SELECT c.id, c.title, c.solution, {_bm25()} AS score FROM {matched} "
        f"AND {fts}.rowid >= ? AND ({kept.text}) ORDER BY score, c.id DESC LIMIT ?",
        [match, since, *kept.params, limit],
    )
    return [SimilarRow(i, title, solution, -score) for i, title, solution, score in rows]


def _on_postgresql(execute: Execute, terms: list[str], kept: Sql, limit: int) -> list[SimilarRow]:
    text = ts_query(terms)
    if not text:
        return []
    query = pg_search.QUERY
    rows = execute(
        f"SELECT c.id, c.title, c.solution, ts_rank(s.head, {query}) AS score "
        f"FROM {pg_search.TABLE} s JOIN support_case c ON c.id = s.case_id "
        f"WHERE {pg_search.matches('s')} AND s.head @@ {query} AND ({kept.text}) "
        "ORDER BY score DESC, c.id DESC LIMIT ?",
        [text, text, text, *kept.params, limit],
    )
    return [SimilarRow(i, title, solution, float(score)) for i, title, solution, score in rows]
