"""The case list's reads: a window of rows, and how many there are.

Light on purpose: this is what the TUI runs to paint its first page, so it
imports neither SQLAlchemy nor the ORM (store/list_reader.py reads with bare
``sqlite3``). Two queries per window whatever the size of the desk: the
page's ids through the index of its order, then those cases' list columns
with names joined; the count comes separately and stops at a cap.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from .. import formats, i18n
from ..domain.enums import Priority
from ..domain.people import User
from ..domain.permissions import require_active, visibility_scope
from ..domain.preferences import HIDDEN_COLUMNS, LIST_COLUMNS, read_arrangement, shown
from ..domain.query import CaseQuery, parse_query, writes_back
from ..domain.sla import Targets, late_before, state_of, targets_from_settings
from ..domain.values import case_number
from ..store import list_rows, list_sql
from ..store.cancel import Cancel as Cancel
from ..store.cancel import Cancelled as Cancelled
from ..store.list_reader import ListReader
from ..store.list_rows import CaseLine, stored_columns
from ..store.list_sql import COUNT_CAP as COUNT_CAP
from ..store.sql_executor import SqlSource


def shown_columns(stored: str | None) -> tuple[str, ...]:
    """The list's columns in the operator's order, from their stored choice (the number
    first if a stored line hid it: the choice is checked when made, not when read)."""
    columns = shown(read_arrangement(LIST_COLUMNS, stored, HIDDEN_COLUMNS))
    return columns if "number" in columns else ("number", *columns)


DEFAULT_COLUMNS = shown_columns(None)


@dataclass(frozen=True)
class ListRow:
    """One line of the case list, ready to show (names resolved, SLA judged)."""

    id: int
    number: str
    title: str
    client: str
    priority: str
    status: str
    assignee: str
    sla_minutes_left: int | None
    """Minutes to the next SLA deadline (negative once breached); None when no clock runs."""
    sla_breached: bool
    updated_at: datetime
    created_at: datetime | None = None
    contract: str = ""
    """Read only when the operator shows the contract column (issue 21)."""


@dataclass(frozen=True)
class ListPage:
    offset: int
    rows: list[ListRow]
    columns: tuple[str, ...] = DEFAULT_COLUMNS
    """The columns the operator shows, in their order (their stored choice)."""


@dataclass(frozen=True)
class ListCount:
    total: int
    more: bool
    """There are more than ``total`` (the count stopped at its cap)."""

    def text(self) -> str:
        shown = formats.number(self.total)  # 1.500 (es), 1,500 (en)
        return f"{shown}+" if self.more else shown


@dataclass(frozen=True)
class ListSight:
    """Who reads the list, as stored when read, and the SLA targets its rows are judged by:
    read once and kept while the desk does not change (the list screen reads them again
    when it hears that it did), not once per page and again per count."""

    actor: User
    targets: dict[Priority, Targets]
    columns: tuple[str, ...] = DEFAULT_COLUMNS
    """The list's columns as the operator chose them (domain.preferences)."""


def read_query(query: str | CaseQuery) -> CaseQuery:
    """The query as the operator typed it, read in their language (``01/03/2026`` is
    1 March in Spanish); both languages' words are read either way."""
    return parse_query(query, i18n.current()) if isinstance(query, str) else query


def written_query(query: CaseQuery, otherwise: str) -> str:
    """``query`` as text in the operator's words, read back by :func:`read_query` as the
    same query; ``otherwise`` when no text can hold it (query.writes_back)."""
    return writes_back(query, i18n.current()) or otherwise


def in_operators_words(text: str) -> str:
    """A query the desk wrote (a palette entry, a board cell, a saved view) as the operator
    writes it: ``status:open assignee:me`` reads ``estado:abierto asignado:yo`` to a Spanish
    operator. A query that does not parse raises its refusal."""
    return written_query(read_query(text), text)


def opening_query() -> str:
    """The list's opening query in the operator's words ("estado:abierto" in Spanish)."""
    return written_query(parse_query(OPENING_QUERY), OPENING_QUERY)


def read_sight(reader: ListReader, actor: User) -> ListSight:
    """The actor as stored now (a role changed or a user deactivated meanwhile counts) and
    the desk's SLA targets."""
    fresh = reader.user(user_id=actor.id)
    acting = require_active(fresh if fresh is not None else replace(actor, active=False))
    columns = shown_columns(stored_columns(reader.executor(), acting.id))
    return ListSight(acting, targets_from_settings(reader.settings()), columns)


class Listing:
    """One list query, open: planned once (the actor's scope, the SLA deadlines at ``now``,
    the names in the query turned into ids), then read a window at a time and counted.
    A page costs two statements (its ids, then their lines), a count one."""

    def __init__(
        self, source: SqlSource, plan: list_sql.ListQuery, sight: ListSight, sort: str,
        now: datetime,
    ) -> None:  # fmt: skip
        self._source = source
        self._plan = plan
        self._targets = sight.targets
        self.columns = sight.columns
        self.sort = sort
        self.now = now

    def ids(self, offset: int, limit: int, cancel: Cancel | None = None) -> list[int]:
        """The ids of a window of the list, in its order."""
        return list_sql.page_ids(
            self._source.executor(cancel), self._plan, self.sort, offset, limit
        )

    def page(self, offset: int = 0, limit: int = 100, cancel: Cancel | None = None) -> ListPage:
        """A window of the list, each row's SLA judged: what the list widget asks for as the
        operator scrolls."""
        ids = self.ids(offset, limit, cancel)
        lines = list_rows.case_lines(self._source.executor(cancel), ids, self.columns)
        rows = [_row(line, self._targets, self.now) for line in lines]
        return ListPage(offset, rows, self.columns)

    def count(self, cap: int | None = COUNT_CAP, cancel: Cancel | None = None) -> ListCount:
        """How many cases the query matches, counting no further than ``cap`` (None: all)."""
        found = list_sql.count_cases(self._source.executor(cancel), self._plan, cap)
        if cap is not None and found > cap:
            return ListCount(cap, True)
        return ListCount(found, False)


def open_listing(
    source: SqlSource,
    sight: ListSight,
    query: CaseQuery,
    *,
    now: datetime,
    sort: str = "updated",
    cancel: Cancel | None = None,
) -> Listing:
    """``query`` planned for ``sight``'s actor: its names resolved (a statement per kind of
    name it holds; none for a query that names nobody)."""
    actor = sight.actor
    plan = list_sql.list_query(
        source.executor(cancel),
        query,
        visibility_scope(actor),
        actor.id,
        late_before(sight.targets, now),
        source.dialect,
        now,
    )
    return Listing(source, plan, sight, sort, now)


def _row(line: CaseLine, targets: dict[Priority, Targets], now: datetime) -> ListRow:
    state = state_of(line, targets, now)
    return ListRow(
        id=line.id,
        number=case_number(line.id),
        title=line.title,
        client=line.client,
        priority=line.priority,
        status=line.status,
        assignee=line.assignee,
        sla_minutes_left=state.minutes_left,
        sla_breached=state.breached,
        updated_at=line.updated_at,
        created_at=line.created_at,
        contract=line.contract,
    )


OPENING_QUERY = "status:open"
"""The query the list shows when the TUI opens (its canonical English form)."""
OPENING_SORT = "updated"
PAGE_ROWS = 50
"""Rows the list reads at a time: more than a tall terminal shows. Each row costs its
SLA judgement in Python, so a bigger window makes every keystroke's first page slower."""


@dataclass(frozen=True)
class OpeningPage:
    """The list's first page as it opens, read before the TUI takes the terminal."""

    query: str
    sort: str
    rows: list[ListRow]
    columns: tuple[str, ...] = DEFAULT_COLUMNS


def opening_page(reader: ListReader, actor: User, *, now: datetime) -> OpeningPage:
    """What the list shows first, read by the fast start on the connection that found the
    operator: the first frame can show it, instead of a worker racing the screen's
    first layouts for the interpreter (at a million cases that race took 180 ms)."""
    query = opening_query()
    page = case_page(reader, actor, query, now=now, sort=OPENING_SORT, limit=PAGE_ROWS)
    return OpeningPage(query, OPENING_SORT, page.rows, page.columns)


def case_page(
    reader: ListReader,
    actor: User,
    query: str | CaseQuery,
    *,
    now: datetime,
    sort: str = "updated",
    offset: int = 0,
    limit: int = 100,
    cancel: Cancel | None = None,
) -> ListPage:
    """One window of the list, its query planned for this read alone (the fast start's
    first page; the screen keeps a ``Listing`` open instead)."""
    parsed = read_query(query)
    listing = open_listing(reader, read_sight(reader, actor), parsed, now=now, sort=sort)
    return listing.page(offset, limit, cancel)


def case_count(
    reader: ListReader,
    actor: User,
    query: str | CaseQuery,
    *,
    now: datetime,
    cap: int | None = COUNT_CAP,
    cancel: Cancel | None = None,
) -> ListCount:
    """How many cases the list query matches, counting no further than ``cap`` (None: all)."""
    parsed = read_query(query)
    return open_listing(reader, read_sight(reader, actor), parsed, now=now).count(cap, cancel)
