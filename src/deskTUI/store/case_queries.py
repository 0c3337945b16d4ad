"""The case list's SQL: a CaseQuery and a visibility Scope become a page of case ids.

At a million cases a page must be read in the order of an index, never
sorted: SQLite's planner, left alone, prefers an index that narrows the rows
(``status IN (…)``) and then sorts them all (a temp B-tree) — fast for a few
thousand matches, seconds for three hundred thousand. So this module chooses
the index itself (``INDEXED BY``, SQLite only): the one in the list's order,
led by the filter that narrows it to one value when there is one. Counting
needs no order, so counts are left to the planner, and stop at a cap.

Free words go through the full-text index (search_index.py), which hands
back case numbers in order: text matches are listed newest case first.
Names (clients, areas, categories, logins) are turned into ids first, so a
filter on "Acme SA" is ``client_id = 7`` and can lead an index.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    case,
    column,
    false,
    func,
    literal,
    literal_column,
    not_,
    or_,
    select,
    table,
    text,
    true,
)
from sqlalchemy.engine import Connection

from ..domain.permissions import Scope
from ..domain.query import CaseQuery, Condition
from . import dialect as _dialect  # noqa: F401 - renders the INDEXED BY hints
from . import search_index
from .tables import OPEN_SQL, AreaRow, CaseRow, CategoryRow, ClientRow, CommentRow, UserRow
from .types import UtcDateTime

CASES = CaseRow.__table__  # type: ignore[attr-defined]
C = CASES.c
SEARCH = table(search_index.TABLE, column("rowid"))
_MATCH_TARGET = literal_column(search_index.TABLE)

URGENCY = {"critical": 3, "high": 2, "medium": 1, "low": 0}
"""The values of the ``urgency`` column (tables.URGENCY_SQL)."""

SORTS = ("updated", "created", "number", "next", "priority", "relevance")
"""``relevance`` ranks text matches (FTS5's bm25); without words it is ``updated``."""

COUNT_CAP = 10_000
"""Counts stop here: "10,000+" is as useful as 341,207 and costs a fraction."""

_ORDERS: dict[str, tuple[Any, ...]] = {
    "updated": (C.updated_at.desc(), C.id.desc()),
    "created": (C.created_at.desc(), C.id.desc()),
    "number": (C.id.asc(),),
    "priority": (C.urgency.desc(), C.updated_at.desc(), C.id.desc()),
    # DOMAIN.md's queue after the breach split: priority, level, planned close, age.
    "next": (
        C.urgency.desc(),
        C.level.desc(),
        C.planned_close.is_(None),
        C.planned_close.asc(),
        C.created_at.asc(),
        C.id.asc(),
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
    "client": "ix_case_client_updated",
    "status": "ix_case_status_updated",
    "area": "ix_case_area_updated",
    "priority": "ix_case_urgency_updated",
}

Deadlines = dict[str, tuple[datetime, datetime]]
"""Per priority: cases created before the first instant are late for a first response,
before the second, late for resolution (the SLA targets counted back from now)."""

Ids = dict[int, frozenset[int | None]]
"""For each condition (by position in the query) naming rows, the ids of those rows."""


# -- names to ids ----------------------------------------------------------------------
def resolve_names(connection: Connection, query: CaseQuery, me: int | None) -> Ids:
    """The ids behind the names in ``query``; a name that matches nothing gives no id."""
    tables = {"client": ClientRow, "area": AreaRow, "category": CategoryRow}
    out: Ids = {}
    for position, cond in enumerate(query.conditions):
        if cond.key in tables:
            row = tables[cond.key]
            lowered = sorted(name.lower() for name in cond.values)
            found = connection.execute(
                select(row.id).where(func.lower(row.name).in_(lowered))  # type: ignore[attr-defined]
            ).scalars()
            out[position] = frozenset(found)
        elif cond.key == "assignee":
            ids: set[int | None] = set()
            if cond.values & {"none", "unassigned"}:
                ids.add(None)
            if "me" in cond.values and me is not None:
                ids.add(me)
            logins = sorted(cond.values - {"none", "unassigned", "me"})
            if logins:
                ids |= set(
                    connection.execute(
                        select(UserRow.id).where(UserRow.login.in_(logins))  # type: ignore[attr-defined]
                    ).scalars()
                )
            out[position] = frozenset(ids)
    return out


# -- WHERE -------------------------------------------------------------------------------
def scope_clause(scope: Scope) -> ColumnElement[bool]:
    if scope.everything:
        return true()
    parts: list[ColumnElement[bool]] = []
    if scope.area_ids:
        parts.append(C.area_id.in_(sorted(scope.area_ids)))
    if scope.pool_area_ids:
        parts.append(and_(C.assignee_id.is_(None), C.area_id.in_(sorted(scope.pool_area_ids))))
    if scope.user_id is not None:
        parts.append(or_(C.assignee_id == scope.user_id, C.reporter_id == scope.user_id))
    if scope.client_id is not None:
        parts.append(C.client_id == scope.client_id)
    return or_(*parts) if parts else false()


def _in(column_: Any, ids: Iterable[int | None]) -> ColumnElement[bool]:
    values = sorted(i for i in ids if i is not None)
    parts: list[ColumnElement[bool]] = []
    if values:
        parts.append(column_ == values[0] if len(values) == 1 else column_.in_(values))
    if None in ids:
        parts.append(column_.is_(None))
    return or_(*parts) if parts else false()


def _day_start(day: str) -> datetime:
    return datetime.combine(date.fromisoformat(day), time(0), tzinfo=UTC)


def _condition(cond: Condition, ids: frozenset[int | None], deadlines: Deadlines) -> Any:
    if cond.key == "sla":
        late = breached_clause(deadlines)
        clause = or_(*[late if v == "breached" else not_(late) for v in sorted(cond.values)])
    elif cond.key == "status":
        values = sorted(cond.values)
        clause = C.status == values[0] if len(values) == 1 else C.status.in_(values)
    elif cond.key == "priority":
        # On the computed urgency, so a priority filter can lead the urgency index.
        ranks = sorted(URGENCY[v] for v in cond.values)
        clause = C.urgency == ranks[0] if len(ranks) == 1 else C.urgency.in_(ranks)
    elif cond.key in ("client", "area", "category", "assignee"):
        clause = _in({"client": C.client_id, "area": C.area_id, "category": C.category_id,
                      "assignee": C.assignee_id}[cond.key], ids)  # fmt: skip
    else:  # created / updated: whole days, in UTC
        column_ = C.created_at if cond.key == "created" else C.updated_at
        start = _day_start(next(iter(cond.values)))
        end = start + timedelta(days=1)
        clause = {
            "=": and_(column_ >= start, column_ < end),
            ">=": column_ >= start,
            ">": column_ >= end,
            "<=": column_ < end,
            "<": column_ < start,
        }[cond.op]
    return not_(clause) if cond.negated else clause


def _like(word: str) -> ColumnElement[bool]:
    """Free text without a full-text index (PostgreSQL, until its tsvector index)."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    comments = CommentRow.__table__.c  # type: ignore[attr-defined]
    in_comments = select(comments.case_id).where(comments.body.ilike(pattern, escape="\\"))
    return or_(
        C.title.ilike(pattern, escape="\\"),
        C.description.ilike(pattern, escape="\\"),
        C.id.in_(in_comments),
    )


@dataclass(frozen=True)
class ListQuery:
    """Everything one list query needs, resolved: build its SQL with ``page``/``count``."""

    query: CaseQuery
    scope: Scope
    ids: Ids
    deadlines: Deadlines
    full_text: bool
    """SQLite's FTS5 index is there (False on PostgreSQL: LIKE instead)."""

    @property
    def matches_nothing(self) -> bool:
        """A name in the query that names nothing (``client:Nadie``): no need to ask."""
        return any(
            not self.ids[i] and not cond.negated
            for i, cond in enumerate(self.query.conditions)
            if i in self.ids
        )

    @property
    def match(self) -> str | None:
        return search_index.match_expression(self.query.words) if self.full_text else None

    def where(self) -> ColumnElement[bool]:
        parts = [scope_clause(self.scope)]
        parts += [
            _condition(c, self.ids.get(i, frozenset()), self.deadlines)
            for i, c in enumerate(self.query.conditions)
        ]
        if self.full_text:
            excluded = search_index.match_expression(self.query.not_words, any_of=True)
            if excluded is not None:
                hits = select(SEARCH.c.rowid).where(_MATCH_TARGET.op("MATCH")(excluded))
                parts.append(C.id.notin_(hits))
        else:
            parts += [_like(w) for w in self.query.words]
            parts += [not_(_like(w)) for w in self.query.not_words]
        return and_(*parts)

    def _narrowed(self) -> bool:
        """Some part of the query can be looked up in an index (else counting walks one)."""
        if not self.scope.everything:
            return True  # areas, the operator's own cases, a client's: all indexed
        return any(not cond.negated and cond.key != "sla" for cond in self.query.conditions)

    def _single(self, key: str) -> bool:
        """The query narrows ``key`` to exactly one value (so it can lead an index)."""
        for i, cond in enumerate(self.query.conditions):
            if cond.key == key and not cond.negated:
                values = (
                    self.ids.get(i, frozenset())
                    if key in ("assignee", "client", "area")
                    else cond.values
                )
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

    # -- statements ---------------------------------------------------------------------
    def page(
        self, sort: str, part: ColumnElement[bool] | None = None, index: str | None = None
    ) -> Any:
        """Case ids in list order (add ``.limit().offset()``); ``part`` narrows "next" to
        one of its runs, read through ``index``."""
        match = self.match
        where = self.where() if part is None else and_(self.where(), part)
        if match is not None:
            # Text matches come out of the index newest case first, or best first on demand.
            hits = SEARCH.join(CASES, C.id == SEARCH.c.rowid)
            statement = select(C.id).select_from(hits).where(_MATCH_TARGET.op("MATCH")(match))
            if sort == "relevance":
                order: tuple[Any, ...] = (literal_column(f"{search_index.TABLE}.rank"),)
            elif sort == "number":
                order = (SEARCH.c.rowid.asc(),)
            else:
                order = (SEARCH.c.rowid.desc(),)
            return statement.where(where).order_by(*order)
        sort = "updated" if sort == "relevance" else sort
        statement = select(C.id).where(where).order_by(*_ORDERS[sort])
        index = index or self.index_for(sort)
        # "number" walks the table's own B-tree, which is in case-number order.
        hint = f"INDEXED BY {index}" if index is not None else "NOT INDEXED"
        return statement.with_hint(CASES, hint, dialect_name="sqlite")

    def count(self, cap: int | None = COUNT_CAP, part: ColumnElement[bool] | None = None) -> Any:
        """How many cases match (and ``part``), stopping at ``cap + 1`` (None: exact)."""
        match = self.match
        inner = select(literal(1))
        if match is not None:
            inner = inner.select_from(SEARCH.join(CASES, C.id == SEARCH.c.rowid)).where(
                _MATCH_TARGET.op("MATCH")(match)
            )
        else:
            inner = inner.select_from(CASES)
            if not self._narrowed():
                # Nothing an index can narrow (``sla:ok``, ``-status:new``): check the rows
                # along the list's own index, as the page does, until the cap is reached.
                inner = inner.with_hint(CASES, "INDEXED BY ix_case_updated", dialect_name="sqlite")
        inner = inner.where(self.where())
        if part is not None:
            inner = inner.where(part)
        if cap is not None:
            inner = inner.limit(cap + 1)
        return select(func.count()).select_from(inner.subquery())

    def queue_runs(self) -> list[tuple[ColumnElement[bool], str | None]]:
        """The two runs of "next to execute", each with the index it is read through.

        The queue is of open cases (DOMAIN.md); the breached ones come first. A
        closed case is done work, never "breached first", so the first run reads
        only the index of open cases: it ends after the open cases at worst.
        """
        late = and_(text(OPEN_SQL), breached_clause(self.deadlines))
        if self._single("assignee"):
            return [(late, "ix_case_assignee_queue"), (not_(late), "ix_case_assignee_queue")]
        return [(late, "ix_case_open_queue"), (not_(late), "ix_case_queue")]


def list_query(
    connection: Connection,
    query: CaseQuery,
    scope: Scope,
    me: int | None,
    deadlines: Deadlines | None = None,
) -> ListQuery:
    full_text = connection.dialect.name == "sqlite"
    return ListQuery(query, scope, resolve_names(connection, query, me), deadlines or {}, full_text)


def page_ids(
    connection: Connection, plan: ListQuery, sort: str, offset: int, limit: int
) -> list[int]:
    """One page of case ids in ``sort`` order.

    "Next to execute" puts breached cases first, and whether a case is
    breached depends on the clock, so no index can hold that order: it is
    read as two runs of the queue index — the breached cases, then the rest —
    and the page is cut across them.
    """

    def run(statement: Any, skip: int, take: int) -> list[int]:
        return list(connection.execute(statement.limit(take).offset(skip)).scalars())

    if plan.matches_nothing:
        return []
    if sort != "next" or plan.match is not None:
        return run(plan.page(sort), offset, limit)
    (late, late_index), (rest, rest_index) = plan.queue_runs()
    first = run(plan.page(sort, late, late_index), offset, limit)
    if len(first) == limit:
        return first
    if first:  # the breached run ended inside this page
        return first + run(plan.page(sort, rest, rest_index), 0, limit - len(first))
    breached = count_cases(connection, plan, None, late)
    return run(plan.page(sort, rest, rest_index), max(0, offset - breached), limit)


def count_cases(
    connection: Connection,
    plan: ListQuery,
    cap: int | None = COUNT_CAP,
    part: ColumnElement[bool] | None = None,
) -> int:
    """Matches (and ``part``, if given), up to ``cap + 1`` (more than ``cap`` reads as "cap+")."""
    if plan.matches_nothing:
        return 0
    return int(connection.execute(plan.count(cap, part)).scalar_one())


# -- SLA ---------------------------------------------------------------------------------
def breached_clause(deadlines: Deadlines) -> ColumnElement[bool]:
    """Late for a first response or for resolution, by the per-priority deadlines.

    Time a reopened case spent finished is not subtracted here (the domain's
    ``sla_state`` does subtract it): a rarely reopened case may count as
    breached a little early in a filter or the queue order.
    """

    def threshold(index: int) -> Any:
        whens = [(C.priority == p, literal(d[index], UtcDateTime())) for p, d in deadlines.items()]
        return case(*whens, else_=literal(datetime(1, 1, 1, tzinfo=UTC), UtcDateTime()))

    return or_(
        and_(C.first_response_at.is_(None), C.created_at < threshold(0)),
        and_(
            C.resolved_at.is_(None),
            C.status.notin_(["finished", "cancelled"]),
            C.created_at < threshold(1),
        ),
    )
