"""The case list's reads: a window of rows, and how many there are.

Light on purpose: this is what the TUI runs to paint its first page, so it
imports neither SQLAlchemy nor the ORM (store/list_reader.py reads with bare
``sqlite3``). Two queries per window whatever the size of the desk: the
page's ids through the index of its order, then those cases' list columns
with names joined; the count comes separately and stops at a cap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from ..domain.enums import Priority, Status
from ..domain.people import User
from ..domain.permissions import require_active, visibility_scope
from ..domain.query import CaseQuery, parse_query
from ..domain.sla import Targets, late_before, sla_state, targets_from_settings
from ..domain.values import case_number
from ..store import list_sql
from ..store.cancel import Cancel as Cancel
from ..store.cancel import Cancelled as Cancelled
from ..store.list_reader import ListReader, instant
from ..store.list_sql import COUNT_CAP as COUNT_CAP


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


@dataclass(frozen=True)
class ListPage:
    offset: int
    rows: list[ListRow]


@dataclass(frozen=True)
class ListCount:
    total: int
    more: bool
    """There are more than ``total`` (the count stopped at its cap)."""

    def text(self) -> str:
        return f"{self.total:,}+" if self.more else f"{self.total:,}"


_LINES = (
    "SELECT c.id, c.title, cl.name, c.priority, c.status, u.login, c.created_at, c.updated_at, "
    "c.first_response_at, c.resolved_at, c.closed_minutes FROM support_case c "
    "LEFT JOIN client cl ON cl.id = c.client_id LEFT JOIN desk_user u ON u.id = c.assignee_id "
    "WHERE c.id IN ({marks})"
)


def _acting(reader: ListReader, actor: User) -> User:
    """The actor as stored now: a role changed or a user deactivated meanwhile counts."""
    fresh = reader.user(user_id=actor.id)
    return require_active(fresh if fresh is not None else replace(actor, active=False))


def _executor(reader: ListReader, cancel: Cancel | None) -> list_sql.Execute:
    def execute(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        return reader.execute(sql, params, cancel)

    return execute


def _plan(
    reader: ListReader, actor: User, query: str | CaseQuery, now: datetime, cancel: Cancel | None
) -> tuple[list_sql.ListQuery, dict[Priority, Targets]]:
    parsed = parse_query(query) if isinstance(query, str) else query
    fresh = _acting(reader, actor)
    targets = targets_from_settings(reader.settings())
    plan = list_sql.list_query(
        _executor(reader, cancel),
        parsed,
        visibility_scope(fresh),
        fresh.id,
        late_before(targets, now),
        reader.dialect,
        now,
    )
    return plan, targets


OPENING_QUERY = "status:open"
"""The query the list shows when the TUI opens."""
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


def opening_page(reader: ListReader, actor: User, *, now: datetime) -> OpeningPage:
    """What the list shows first, read by the fast start on the connection that found the
    operator: the first frame can show it, instead of a worker racing the screen's
    first layouts for the interpreter (at a million cases that race took 180 ms)."""
    page = case_page(reader, actor, OPENING_QUERY, now=now, sort=OPENING_SORT, limit=PAGE_ROWS)
    return OpeningPage(OPENING_QUERY, OPENING_SORT, page.rows)


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
    """A window of the case list: what the list widget asks for as the operator scrolls."""
    plan, targets = _plan(reader, actor, query, now, cancel)
    ids = list_sql.page_ids(_executor(reader, cancel), plan, sort, offset, limit)
    if not ids:
        return ListPage(offset, [])
    found = {
        line[0]: line
        for line in reader.execute(_LINES.format(marks=", ".join("?" * len(ids))), ids, cancel)
    }
    rows = []
    for case_id in ids:
        line = found.get(case_id)
        if line is not None:
            rows.append(_row(line, targets, now))
    return ListPage(offset, rows)


def _row(line: tuple[Any, ...], targets: dict[Priority, Targets], now: datetime) -> ListRow:
    case_id, title, client, priority, status, login, created, updated, responded, resolved, closed = line  # fmt: skip
    updated_at = instant(updated)
    state = sla_state(
        status=Status(status),
        created_at=instant(created),  # type: ignore[arg-type]
        first_response_at=instant(responded),
        resolved_at=instant(resolved),
        closed_minutes=int(closed),
        targets=targets[Priority(priority)],
        now=now,
        stopped_at=updated_at,
    )
    return ListRow(
        id=case_id,
        number=case_number(case_id),
        title=str(title),
        client=str(client or ""),
        priority=str(priority),
        status=str(status),
        assignee=str(login or ""),
        sla_minutes_left=state.minutes_left,
        sla_breached=state.breached,
        updated_at=updated_at,  # type: ignore[arg-type]
    )


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
    plan, _targets = _plan(reader, actor, query, now, cancel)
    found = list_sql.count_cases(_executor(reader, cancel), plan, cap)
    if cap is not None and found > cap:
        return ListCount(cap, True)
    return ListCount(found, False)
