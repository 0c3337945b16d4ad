"""The case list's SQL: a CaseQuery and a visibility Scope become one WHERE clause.

Names in the query (clients, areas, categories, logins) are matched by
sub-select, so a filter on "Acme SA" uses the index on ``client_id``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    case,
    exists,
    false,
    func,
    literal,
    not_,
    or_,
    select,
    true,
)

from ..domain.permissions import Scope
from ..domain.query import CaseQuery, Condition
from .tables import AreaRow, CaseRow, CategoryRow, ClientRow, CommentRow, UserRow
from .types import UtcDateTime

C = CaseRow.__table__.c  # type: ignore[attr-defined]

SORTS: dict[str, tuple[Any, ...]] = {
    "updated": (C.updated_at.desc(), C.id.desc()),
    "created": (C.created_at.desc(), C.id.desc()),
    "number": (C.id.asc(),),
    "next": (),  # built per call from the SLA deadlines: see next_to_execute
    "priority": (
        # critical first: the stored codes do not sort by urgency themselves
        func.instr("criticalhighmediumlow", C.priority).asc(),
        C.updated_at.desc(),
        C.id.desc(),
    ),
}


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


def _by_name(table: Any, column: Any, names: frozenset[str]) -> Any:
    lowered = sorted(n.lower() for n in names)
    return column.in_(select(table.id).where(func.lower(table.name).in_(lowered)))


def _day_start(day: str) -> datetime:
    return datetime.combine(date.fromisoformat(day), time(0), tzinfo=UTC)


def _condition(cond: Condition, me: int | None, deadlines: Deadlines) -> ColumnElement[bool]:
    if cond.key == "sla":
        late = breached_clause(deadlines)
        clause = or_(*[late if v == "breached" else not_(late) for v in sorted(cond.values)])
    elif cond.key == "status":
        clause = C.status.in_(sorted(cond.values))
    elif cond.key == "priority":
        clause = C.priority.in_(sorted(cond.values))
    elif cond.key == "client":
        clause = _by_name(ClientRow, C.client_id, cond.values)
    elif cond.key == "area":
        clause = _by_name(AreaRow, C.area_id, cond.values)
    elif cond.key == "category":
        clause = _by_name(CategoryRow, C.category_id, cond.values)
    elif cond.key == "assignee":
        parts = []
        logins = set(cond.values)
        if logins & {"none", "unassigned"}:
            parts.append(C.assignee_id.is_(None))
        if "me" in logins:
            parts.append(C.assignee_id == me)
        others = logins - {"none", "unassigned", "me"}
        if others:
            parts.append(
                C.assignee_id.in_(select(UserRow.id).where(UserRow.login.in_(sorted(others))))
            )  # type: ignore[attr-defined]
        clause = or_(*parts)
    else:  # created / updated: whole days, in UTC
        column = C.created_at if cond.key == "created" else C.updated_at
        start = _day_start(next(iter(cond.values)))
        end = start + timedelta(days=1)
        clause = {
            "=": and_(column >= start, column < end),
            ">=": column >= start,
            ">": column >= end,
            "<=": column < end,
            "<": column < start,
        }[cond.op]
    return not_(clause) if cond.negated else clause


def _word(word: str) -> ColumnElement[bool]:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    comments = CommentRow.__table__.c  # type: ignore[attr-defined]
    return or_(
        C.title.ilike(pattern, escape="\\"),
        C.description.ilike(pattern, escape="\\"),
        exists().where(comments.case_id == C.id, comments.body.ilike(pattern, escape="\\")),
    )


def where_clause(
    query: CaseQuery, scope: Scope, me: int | None, deadlines: Deadlines | None = None
) -> ColumnElement[bool]:
    parts = [scope_clause(scope)]
    parts += [_condition(c, me, deadlines or {}) for c in query.conditions]
    parts += [_word(w) for w in query.words]
    parts += [not_(_word(w)) for w in query.not_words]
    return and_(*parts)


Deadlines = dict[str, tuple[datetime, datetime]]
"""Per priority: cases created before the first instant are late for a first response,
before the second, late for resolution (the SLA targets counted back from now)."""


def breached_clause(deadlines: Deadlines) -> ColumnElement[bool]:
    """Late for a first response or for resolution, by the per-priority deadlines."""

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


def next_to_execute(deadlines: Deadlines) -> tuple[Any, ...]:
    """DOMAIN.md's queue order: SLA breach first, then priority, level, planned close, age.

    Time a reopened case spent finished is not subtracted here (the domain's
    ``sla_state`` does subtract it): a rarely reopened case may rank as
    breached a little early.
    """

    return (
        case((breached_clause(deadlines), 0), else_=1),
        func.instr("criticalhighmediumlow", C.priority).asc(),
        C.level.desc(),
        C.planned_close.is_(None),
        C.planned_close.asc(),
        C.created_at.asc(),
        C.id.asc(),
    )


def case_ids_query(
    query: CaseQuery,
    scope: Scope,
    me: int | None,
    sort: str = "updated",
    deadlines: Deadlines | None = None,
) -> Any:
    order = next_to_execute(deadlines or {}) if sort == "next" else SORTS[sort]
    return select(C.id).where(where_clause(query, scope, me, deadlines)).order_by(*order)


def count_query(
    query: CaseQuery, scope: Scope, me: int | None, deadlines: Deadlines | None = None
) -> Any:
    where = where_clause(query, scope, me, deadlines)
    return select(func.count()).select_from(CaseRow.__table__).where(where)  # type: ignore[arg-type]
