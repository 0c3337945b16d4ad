"""Finding cases: the one-line query plus the caller's filters, within what the actor may see."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.case import Case
from ..domain.errors import ValidationError
from ..domain.people import User
from ..domain.permissions import visibility_scope
from ..domain.query import CaseQuery, parse_query
from ..domain.sla import SlaState
from ..store.list_sql import SORTS
from ..store.uow import UnitOfWork
from .common import acting, sla_deadlines, sla_targets
from .sla import state_of

SORT_NAMES = tuple(SORTS)


@dataclass(frozen=True)
class SearchResult:
    cases: list[Case]
    total: int
    sla: list[SlaState]
    """Each case's SLA clocks, in the order of ``cases``."""


def quoted(value: str) -> str:
    """A value as the query language needs it: quoted when it has blanks or commas."""
    return f'"{value}"' if any(ch in value for ch in ' ,"') else value


def search_cases(
    uow: UnitOfWork,
    actor: User,
    query: str | CaseQuery = "",
    *,
    sort: str = "updated",
    limit: int = 100,
    offset: int = 0,
) -> SearchResult:
    """Visible cases matching ``query``, newest change first unless ``sort`` says otherwise."""
    parsed = parse_query(query) if isinstance(query, str) else query
    if sort not in SORTS:
        raise ValidationError(
            "search.sort", "{sort!r} is not a sort: {sorts}", sort=sort, sorts=", ".join(SORT_NAMES)
        )
    with uow:
        actor = acting(uow, actor)
        scope = visibility_scope(actor)
        targets, now = sla_targets(uow), uow.now()
        deadlines = sla_deadlines(uow, targets)
        ids = uow.cases.search(
            parsed,
            scope,
            actor.id,
            sort=sort,
            limit=limit,
            offset=offset,
            deadlines=deadlines,
            now=now,
        )
        total = uow.cases.count(parsed, scope, actor.id, deadlines, now=now)
        found = [uow.cases.get(i) for i in ids]
        return SearchResult(found, total, [state_of(c, targets, now) for c in found])
