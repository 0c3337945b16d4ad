"""Finding cases: the one-line query plus the caller's filters, within what the actor may see.

The CLI's and the services' way into the case list's one read path (case_list.Listing):
the same plan, page and count as the TUI's list, on the unit of work's snapshot, with
whole cases instead of list rows."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.case import Case
from ..domain.errors import ValidationError
from ..domain.people import User
from ..domain.query import CaseQuery
from ..domain.sla import SlaState
from ..store.list_sql import SORTS
from ..store.sql_executor import UnitSource
from ..store.uow import UnitOfWork
from .case_list import ListSight, open_listing, read_query
from .common import acting, sla_targets
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
    parsed = read_query(query)
    if sort not in SORTS:
        raise ValidationError(
            "search.sort", "{sort!r} is not a sort: {sorts}", sort=sort, sorts=", ".join(SORT_NAMES)
        )
    with uow:
        sight = ListSight(acting(uow, actor), sla_targets(uow))
        listing = open_listing(UnitSource(uow), sight, parsed, now=uow.now(), sort=sort)
        ids = listing.ids(offset, limit)
        total = listing.count(cap=None).total
        found = [uow.cases.get(i) for i in ids]
        return SearchResult(found, total, [state_of(c, sight.targets, listing.now) for c in found])
