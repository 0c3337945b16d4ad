"""The case list's SQL, as text: a CaseQuery and a visibility Scope become a page of ids.

At a million cases a page must be read in the order of an index, never
sorted: SQLite's planner, left alone, prefers an index that narrows the rows
(``status IN (…)``) and then sorts them all (a temp B-tree) — fast for a few
thousand matches, seconds for three hundred thousand. So this module chooses
the index itself (``INDEXED BY``, SQLite only): the one in the list's order,
led by the filter that narrows it to one value when there is one. Counting
needs no order, so counts are left to the planner, and stop at a cap.

Free words go through the full-text index (search_index.py; on PostgreSQL
pg_search.py, with the same meaning), which hands back case numbers in order: text matches are listed newest case first.
Names (clients, areas, categories, logins) are turned into ids first, so a
filter on "Acme SA" is ``client_id = 7`` and can lead an index.

Plain text and DB-API parameters, no SQLAlchemy: the TUI paints its first
page through a bare ``sqlite3`` connection (list_reader.py) before the ORM
is even imported, and the repositories run the very same statements through
SQLAlchemy's connection. One builder, two ways in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from ..domain.permissions import Scope
from ..domain.query import CaseQuery, Condition
from . import pg_search, search_index
from .clock import utc_now
from .list_names import Ids, resolve_names
from .schema_names import URGENCY, open_sql
from .sla_sql import Deadlines as Deadlines
from .sla_sql import SlaClocks
from .sql_fragments import FALSE, TRUE, Sql, all_of, any_of, stored_instant
from .sql_fragments import server_params as server_params

Execute = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]
"""Runs one statement with its parameters and returns every row."""


PUBLIC_RANK = f"bm25({', '.join(['1.0'] * len(search_index.PUBLIC_COLUMNS))}, 0.0)"
"""FTS5's relevance with the notes column weighing nothing (search_index's column order)."""

SORTS = ("updated", "created", "number", "next", "priority", "relevance")
"""``relevance`` ranks text matches (FTS5's bm25); without words it is ``updated``."""

COUNT_CAP = 10_000
"""Counts stop here: "10,000+" is as useful as 341,207 and costs a fraction."""

_ORDERS = {
    "updated": "c.updated_at DESC, c.id DESC",
    "created": "c.created_at DESC, c.id DESC",
    "number": "c.id ASC",
    "priority": "c.urgency DESC, c.updated_at DESC, c.id DESC",
    # DOMAIN.md's queue after the breach split: priority, level, planned close, age.
    "next": (
        "c.urgency DESC, c.level DESC, (c.planned_close IS NULL), c.planned_close ASC, "
        "c.created_at ASC, c.id ASC"
    ),
}
_SORT_INDEX = {
    "updated": "ix_case_updated",
    "created": "ix_support_case_created_at",
    "priority": "ix_case_urgency_updated",
    "next": "ix_case_queue",
}
_LEADING_INDEX = {  # a filter narrowed to one value leads the "updated" order's index
    "assignee": "ix_case_assignee_updated",
    "reporter": "ix_case_reporter_updated",  # "My tickets" (0012)
    "client": "ix_case_client_updated",
    "status": "ix_case_status_updated",
    "area": "ix_case_area_updated",
    "priority": "ix_case_urgency_updated",
    "contract": "ix_case_contract_updated",
    "contact": "ix_case_contact_updated",
    "project": "ix_case_project_updated",  # issue 21 (0013)
    "service": "ix_case_service_updated",
}
_ID_COLUMN = {
    "client": "c.client_id",
    "area": "c.area_id",
    "category": "c.category_id",
    "assignee": "c.assignee_id",
    "reporter": "c.reporter_id",
    "contract": "c.contract_id",
    "contact": "c.contact_id",
    "project": "c.project_id",
    "service": "c.service_id",
}


_OPTIONAL = frozenset({"assignee", "contract", "contact", "project", "service"})
"""Links a case may lack: ``-project:ERP`` keeps the cases with no project too, and
``-assignee:ana`` the unassigned ones (not Ana's is not nobody's)."""


def _equal_or_in(column: str, values: Sequence[Any]) -> Sql:
    if not values:  # ``prio:<low``: PostgreSQL refuses ``IN ()``, SQLite reads it as false
        return FALSE
    if len(values) == 1:
        return Sql(f"{column} = ?", [values[0]])
    return Sql(f"{column} IN ({', '.join('?' * len(values))})", list(values))


# -- WHERE -------------------------------------------------------------------------------
def scope_clause(scope: Scope) -> Sql:
    if scope.everything:
        return TRUE
    parts: list[Sql] = []
    if scope.area_ids:
        parts.append(_equal_or_in("c.area_id", sorted(scope.area_ids)))
    if scope.pool_area_ids:
        pool = _equal_or_in("c.area_id", sorted(scope.pool_area_ids))
        parts.append(Sql("c.assignee_id IS NULL") & pool)
    if scope.user_id is not None:
        parts.append(Sql("c.assignee_id = ? OR c.reporter_id = ?", [scope.user_id] * 2))
    if scope.client_id is not None:
        parts.append(Sql("c.client_id = ?", [scope.client_id]))
    if scope.assignee_id is not None:
        parts.append(Sql("c.assignee_id = ?", [scope.assignee_id]))
    return any_of(parts)


def _ids_clause(column: str, ids: frozenset[int | None]) -> Sql:
    values = sorted(i for i in ids if i is not None)
    parts = [_equal_or_in(column, values)] if values else []
    if None in ids:
        parts.append(Sql(f"{column} IS NULL"))
    return any_of(parts)


def _day_start(day: str) -> str:
    return stored_instant(datetime.combine(date.fromisoformat(day), time(0), tzinfo=UTC))


def _day_after(day: str) -> str:
    start = datetime.combine(date.fromisoformat(day), time(0), tzinfo=UTC)
    return stored_instant(start + timedelta(days=1))


def _condition(
    cond: Condition, ids: frozenset[int | None], clocks: SlaClocks, now: datetime
) -> Sql:
    if cond.key == "sla":
        clause = any_of([_sla(v, clocks) for v in sorted(cond.values)])
    elif cond.key == "age":
        clause = age_clause(cond.op, int(next(iter(cond.values))), now)
    elif cond.key == "status":
        clause = _equal_or_in("c.status", sorted(cond.values))
    elif cond.key == "priority":
        # On the computed urgency, so a priority filter can lead the urgency index.
        clause = _equal_or_in("c.urgency", sorted(URGENCY[v] for v in cond.values))
    elif cond.key == "reporter":
        clause = _ids_clause("c.reporter_id", ids)
        if cond.negated and None not in ids:  # -reporter:me: the cases opened by e-mail too
            return ~clause | Sql("c.reporter_id IS NULL")
    elif cond.key in _ID_COLUMN:
        clause = _ids_clause(_ID_COLUMN[cond.key], ids)
        if cond.negated and cond.key in _OPTIONAL and None not in ids:
            # ``-contract:1``: the cases with no contract too (NOT of NULL is no match).
            return ~clause | Sql(f"{_ID_COLUMN[cond.key]} IS NULL")
    else:  # created / updated: whole days, in UTC
        column = "c.created_at" if cond.key == "created" else "c.updated_at"
        day = next(iter(cond.values))
        start, end = _day_start(day), _day_after(day)
        clause = {
            "=": Sql(f"{column} >= ? AND {column} < ?", [start, end]),
            ">=": Sql(f"{column} >= ?", [start]),
            ">": Sql(f"{column} >= ?", [end]),
            "<=": Sql(f"{column} < ?", [end]),
            "<": Sql(f"{column} < ?", [start]),
        }[cond.op]
    return ~clause if cond.negated else clause


def _sla(value: str, clocks: SlaClocks) -> Sql:
    """``sla:breached|soon|ok`` as domain.sla.sla_state judges each case (sla_sql.py)."""
    if value == "breached":
        return clocks.breached()
    if value == "soon":
        return clocks.soon()
    return ~clocks.breached()


def age_clause(op: str, minutes: int, now: datetime) -> Sql:
    """``age:>4h``: opened more than four hours before ``now`` (a range of created_at,
    which an index holds)."""
    edge = stored_instant(now - timedelta(minutes=minutes))
    return {
        ">": Sql("c.created_at < ?", [edge]),
        ">=": Sql("c.created_at <= ?", [edge]),
        "<": Sql("c.created_at > ?", [edge]),
        "<=": Sql("c.created_at >= ?", [edge]),
    }[op]


@dataclass(frozen=True)
class ListQuery:
    """Everything one list query needs, resolved: build its SQL with ``page``/``count``."""

    query: CaseQuery
    scope: Scope
    ids: Ids
    deadlines: Deadlines
    dialect: str = "sqlite"
    now: datetime | None = None
    """The instant ``age:`` and ``sla:soon`` count from (the deadlines' own); None: the
    wall clock, for callers that pass no clock."""

    @property
    def postgresql(self) -> bool:
        """Words go through PostgreSQL's tsvector index (pg_search.py), not SQLite's FTS5."""
        return self.dialect == "postgresql"

    @property
    def matches_nothing(self) -> bool:
        """A name in the query that names nothing (``client:Nadie``): no need to ask."""
        return any(
            not self.ids[i] and not cond.negated
            for i, cond in enumerate(self.query.conditions)
            if i in self.ids
        )

    @property
    def notes(self) -> Sql:
        """Of the visible cases, those whose internal notes the words may match (TRUE: all
        of them, FALSE: none, as for a client)."""
        notes = self.scope.notes
        return FALSE if notes is None else scope_clause(notes)

    @property
    def match(self) -> str | None:
        """The words as the text index reads them; on SQLite, in the public columns only
        for one who reads no internal note (the MATCH itself then keeps notes out)."""
        if self.postgresql:
            return pg_search.query_text(self.query.words)
        words = search_index.match_expression(self.query.words)
        if words is not None and self.notes is FALSE:
            return search_index.public_match(words)
        return words

    def _text_ids(self, text: str, *, public: bool) -> Sql:
        """The ids of the cases whose text (``public``: public text only) matches ``text``."""
        if self.postgresql:
            where, params = pg_search.matches("x"), [text]
            if public:  # the index finds, the public text decides
                where, params = f"{where} AND {pg_search.matches_public('x')}", [text, text]
            return Sql(f"SELECT x.case_id FROM {pg_search.TABLE} x WHERE {where}", params)
        fts = search_index.TABLE
        text = search_index.public_match(text) if public else text
        return Sql(f"SELECT rowid FROM {fts} WHERE {fts} MATCH ?", [text])

    def _readable_words(self) -> Sql:
        """The words' matches kept to the text this person may read: the page found them
        through the index in all of a case's text (on SQLite, for one who reads no note,
        in its public columns already)."""
        notes, words = self.notes, self.match
        if words is None or notes is TRUE or (notes is FALSE and not self.postgresql):
            return TRUE
        if self.postgresql:
            public = Sql(pg_search.matches_public("s"), [words])
        else:
            # A list of the public matches, made once when first needed: a MATCH per row
            # (EXISTS … rowid = c.id) made an agent's count 244 ms instead of 36 at 100k.
            found = self._text_ids(words, public=True)
            public = Sql(f"c.id IN ({found.text})", found.params)
        return public if notes is FALSE else notes | public

    def _excluded_words(self) -> Sql:
        """``-word``: no word in the text this person may read (a note they may not read
        must not hide a case from them either: that would tell its words)."""
        if self.postgresql:
            text = pg_search.query_text(self.query.not_words, any_of=True)
        else:
            text = search_index.match_expression(self.query.not_words, any_of=True)
        if text is None:
            return TRUE
        notes = self.notes
        public = self._text_ids(text, public=notes is not TRUE)
        kept = Sql(f"c.id NOT IN ({public.text})", public.params)
        if notes is TRUE or notes is FALSE:
            return kept
        every = self._text_ids(text, public=False)
        return kept & ~(notes & Sql(f"c.id IN ({every.text})", every.params))

    def where(self) -> Sql:
        parts = [scope_clause(self.scope)]
        now = self.now or utc_now()
        clocks = SlaClocks(self.deadlines, now, self.dialect)
        parts += [
            _condition(c, self.ids.get(i, frozenset()), clocks, now)
            for i, c in enumerate(self.query.conditions)
        ]
        parts += [self._readable_words(), self._excluded_words()]
        return all_of(parts)

    def _narrowed(self) -> bool:
        """Some part of the query can be looked up in an index (else counting walks one)."""
        if not self.scope.everything:
            return True  # areas, the operator's own cases, a client's: all indexed
        return any(not cond.negated and cond.key != "sla" for cond in self.query.conditions)

    def _single(self, key: str) -> bool:
        """The query narrows ``key`` to exactly one value (so it can lead an index)."""
        for i, cond in enumerate(self.query.conditions):
            if cond.key == key and not cond.negated:
                values = self.ids.get(i, frozenset()) if key in _ID_COLUMN else cond.values
                if len(values) == 1:
                    return True
        return key == "client" and self.scope.client_id is not None and not self.scope.everything

    def index_for(self, sort: str) -> str | None:
        """The index a page in ``sort`` order is read through (None: the table's own order)."""
        if sort == "updated":
            for key, index in _LEADING_INDEX.items():
                if self._single(key):
                    return index
        if sort == "next" and self._single("assignee"):
            return "ix_case_assignee_queue"
        return _SORT_INDEX.get(sort)

    def _cases(self, index: str | None) -> str:
        if self.dialect != "sqlite":
            return "support_case c"
        # "number" walks the table's own B-tree, which is in case-number order.
        return f"support_case c INDEXED BY {index}" if index else "support_case c NOT INDEXED"

    def _text_matches(self) -> str:
        """FROM … WHERE of the cases whose text matches the query (its one parameter)."""
        if self.postgresql:
            return (
                f"{pg_search.TABLE} s JOIN support_case c ON c.id = s.case_id "
                f"WHERE {pg_search.matches('s')}"
            )
        # CROSS JOIN: the index's matches lead. Left to itself, SQLite counted a client's
        # matches by running the MATCH once per case of the account (9 s at 100k, 22 ms so).
        fts = search_index.TABLE
        return f"{fts} CROSS JOIN support_case c ON c.id = {fts}.rowid WHERE {fts} MATCH ?"

    def _text_page(self, match: str, sort: str, where: Sql, window: Sql) -> Sql:
        # Text matches come newest case first (FTS5 hands them out in that order), or
        # best first on demand.
        ranked: list[Any] = []
        matched, params = self._text_matches(), [match]
        if self.postgresql:
            order = {"number": "c.id ASC"}.get(sort, "c.id DESC")
            if sort == "relevance":
                text, ranked = self._ranked_document()
                order = f"ts_rank({text}, {pg_search.QUERY}) DESC, c.id DESC"
                ranked.append(match)
        else:
            fts = search_index.TABLE
            order = {"relevance": f"{fts}.rank", "number": f"{fts}.rowid ASC"}.get(
                sort, f"{fts}.rowid DESC"
            )
            if sort == "relevance" and self.notes is not TRUE:
                # FTS5 orders by ``rank`` itself (no sort) and lets a query choose it:
                # hits in notes weigh nothing for one who may not read every visible
                # case's notes (else two cases' order told which one's notes hold a
                # word). bm25 still divides by the whole document's length, notes
                # included: a long note ranks its case a little lower, never a word.
                matched = f"{matched} AND {fts}.rank MATCH ?"
                params.append(PUBLIC_RANK)
        return Sql(
            f"SELECT c.id FROM {matched} AND ({where.text}) ORDER BY {order}{window.text}",
            [*params, *where.params, *ranked, *window.params],
        )

    def _ranked_document(self) -> tuple[str, list[Any]]:
        """PostgreSQL's relevance reads what this person may read of each case."""
        notes = self.notes
        if notes is TRUE:
            return pg_search.document(), []
        if notes is FALSE:
            return pg_search.public_document(), []
        every, public = pg_search.document(), pg_search.public_document()
        return f"CASE WHEN {notes.text} THEN {every} ELSE {public} END", list(notes.params)

    # -- statements ---------------------------------------------------------------------
    def page(
        self,
        sort: str,
        offset: int,
        limit: int,
        part: Sql | None = None,
        index: str | None = None,
    ) -> Sql:
        """Case ids in list order; ``part`` narrows "next" to one of its runs, read
        through ``index``."""
        where = self.where() if part is None else self.where() & part
        window = Sql(" LIMIT ? OFFSET ?", [limit, offset])
        match = self.match
        if match is not None:
            return self._text_page(match, sort, where, window)
        sort = "updated" if sort == "relevance" else sort
        index = index or self.index_for(sort)
        return Sql(
            f"SELECT c.id FROM {self._cases(index)} WHERE {where.text} "
            f"ORDER BY {_ORDERS[sort]}{window.text}",
            [*where.params, *window.params],
        )

    def count(self, cap: int | None = COUNT_CAP, part: Sql | None = None) -> Sql:
        """How many cases match (and ``part``), stopping at ``cap + 1`` (None: exact)."""
        where = self.where() if part is None else self.where() & part
        limit = Sql(" LIMIT ?", [cap + 1]) if cap is not None else Sql("")
        match = self.match
        if match is not None:
            inner = Sql(
                f"SELECT 1 FROM {self._text_matches()} AND ({where.text}){limit.text}",
                [match, *where.params, *limit.params],
            )
        else:
            # Nothing an index can narrow (``sla:ok``, ``-status:new``): check the rows
            # along the list's own index, as the page does, until the cap is reached.
            cases = "support_case c"
            if not self._narrowed() and self.dialect == "sqlite":
                cases = "support_case c INDEXED BY ix_case_updated"
            inner = Sql(
                f"SELECT 1 FROM {cases} WHERE {where.text}{limit.text}",
                [*where.params, *limit.params],
            )
        return Sql(f"SELECT count(*) FROM ({inner.text}) AS matches", inner.params)

    def queue_runs(self) -> list[tuple[Sql, str | None]]:
        """The two runs of "next to execute", each with the index it is read through.

        The queue is of open cases (DOMAIN.md); the breached ones come first. A
        closed case is done work, never "breached first", so the first run reads
        only the index of open cases: it ends after the open cases at worst.
        """
        clocks = SlaClocks(self.deadlines, self.now or utc_now(), self.dialect, open_only=True)
        late = Sql(open_sql("c.status")) & clocks.breached()
        if self._single("assignee"):
            return [(late, "ix_case_assignee_queue"), (~late, "ix_case_assignee_queue")]
        return [(late, "ix_case_open_queue"), (~late, "ix_case_queue")]


def list_query(
    execute: Execute,
    query: CaseQuery,
    scope: Scope,
    me: int | None,
    deadlines: Deadlines | None = None,
    dialect: str = "sqlite",
    now: datetime | None = None,
) -> ListQuery:
    names = resolve_names(execute, query, me)
    return ListQuery(query, scope, names, deadlines or {}, dialect, now)


def page_ids(execute: Execute, plan: ListQuery, sort: str, offset: int, limit: int) -> list[int]:
    """One page of case ids in ``sort`` order.

    "Next to execute" puts breached cases first, and whether a case is
    breached depends on the clock, so no index can hold that order: it is
    read as two runs — the breached cases, then the rest — and the page is
    cut across them.
    """

    def run(statement: Sql) -> list[int]:
        return [row[0] for row in execute(statement.text, statement.params)]

    if plan.matches_nothing:
        return []
    if sort != "next" or plan.match is not None:
        return run(plan.page(sort, offset, limit))
    (late, late_index), (rest, rest_index) = plan.queue_runs()
    first = run(plan.page(sort, offset, limit, late, late_index))
    if len(first) == limit:
        return first
    if first:  # the breached run ended inside this page
        return first + run(plan.page(sort, 0, limit - len(first), rest, rest_index))
    breached = count_cases(execute, plan, None, late)
    return run(plan.page(sort, max(0, offset - breached), limit, rest, rest_index))


def count_cases(
    execute: Execute, plan: ListQuery, cap: int | None = COUNT_CAP, part: Sql | None = None
) -> int:
    """Matches (and ``part``, if given), up to ``cap + 1`` (more than ``cap`` reads as "cap+")."""
    if plan.matches_nothing:
        return 0
    statement = plan.count(cap, part)
    return int(execute(statement.text, statement.params)[0][0])
