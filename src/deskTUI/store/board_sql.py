"""The queue board's reads: a few aggregate statements over the open cases of some areas.

A desk may hold a million cases, a third of them open; the board is read
again whenever the desk changes and every minute. So the open cases are read
once, grouped in the database (status × priority × assignee × age bucket ×
SLA standing) into a few hundred groups, never case by case; the ranked
lists (oldest unassigned, nearest SLA deadlines) are each one ordered
statement with a LIMIT. SLA standing is the case list's own (sla_sql.py,
the domain's clocks in SQL), so a number on the board and the list it opens
count the same cases.

Text SQL with ``?`` marks, as list_sql.py: SQLite through SQLAlchemy's
connection, PostgreSQL with ``%s`` and its own instants.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from ..domain.board import AGE_BUCKETS
from .list_reader import instant
from .list_sql import Execute
from .schema_names import LINKS_INDEX, WAITING_INDEX, open_sql
from .sla_sql import Deadlines, SlaClocks, plus_minutes
from .sql_executor import of_unit
from .sql_fragments import TRUE, Sql, stored_instant
from .uow import UnitOfWork

OPEN = open_sql("c.status")
"""Word for word the partial indexes' condition, so the planner may use them."""

SLA_ROWS = 50
"""The SLA list shows this many cases at most: the most urgent."""
WAITING_ROWS = 8
"""Oldest unassigned cases shown."""


def executor(uow: UnitOfWork) -> Execute:
    """Statements of this module run on the unit of work's connection (its snapshot)."""
    return of_unit(uow)


def dialect_of(uow: UnitOfWork) -> str:
    return uow.session.connection().dialect.name


def area_clause(area_ids: frozenset[int] | None) -> Sql:
    """The board's areas (None: every area)."""
    if area_ids is None:
        return TRUE
    if not area_ids:
        return Sql("1 = 0")
    ids = sorted(area_ids)
    return Sql(f"c.area_id IN ({', '.join('?' * len(ids))})", ids)


# -- the one pass over the open cases ------------------------------------------------------
@dataclass(frozen=True)
class Group:
    """Open cases sharing status, priority, assignee, age bucket and SLA standing."""

    status: str
    priority: str
    assignee_id: int | None
    age: int
    """Index in AGE_BUCKETS for unassigned cases; -1 for assigned ones."""
    sla: int
    """2 breached, 1 about to breach, 0 neither."""
    count: int
    unanswered_since: datetime | None
    """The earliest opening among the group's cases still awaiting a first response."""
    unresolved_since: datetime | None
    """The earliest opening, plus time spent finished, among the answered ones."""


def groups_statement(areas: Sql, deadlines: Deadlines, now: datetime, dialect: str) -> Sql:
    ages = " ".join(
        "WHEN c.created_at > ? THEN ?" for bucket in AGE_BUCKETS if bucket.below is not None
    )
    age_params: list[Any] = []
    for index, bucket in enumerate(AGE_BUCKETS):
        if bucket.below is not None:
            age_params += [stored_instant(now - timedelta(minutes=bucket.below)), index]
    # Open cases only: a group is breached (2), else in a warning window (1), else 0.
    clocks = SlaClocks(deadlines, now, dialect, open_only=True)
    late, soon = clocks.breached(), clocks.warning()
    shifted = plus_minutes("c.created_at", "c.closed_minutes", dialect)
    text = (
        "SELECT c.status, c.priority, c.assignee_id, "
        f"CASE WHEN c.assignee_id IS NOT NULL THEN -1 {ages} ELSE {len(AGE_BUCKETS) - 1} END, "
        f"CASE WHEN {late.text} THEN 2 WHEN {soon.text} THEN 1 ELSE 0 END, "
        "count(*), "
        "min(CASE WHEN c.first_response_at IS NULL THEN c.created_at END), "
        "min(CASE WHEN c.first_response_at IS NOT NULL THEN "
        f"(CASE WHEN c.closed_minutes = 0 THEN c.created_at ELSE {shifted} END) END) "
        f"FROM support_case c WHERE {OPEN} AND ({areas.text}) "
        "GROUP BY 1, 2, 3, 4, 5"
    )
    return Sql(text, [*age_params, *late.params, *soon.params, *areas.params])


def open_groups(
    execute: Execute, areas: Sql, deadlines: Deadlines, now: datetime, dialect: str
) -> list[Group]:
    statement = groups_statement(areas, deadlines, now, dialect)
    return [
        Group(
            str(status),
            str(priority),
            assignee,
            int(age),
            int(sla),
            int(count),
            instant(unanswered),
            instant(unresolved),
        )
        for status, priority, assignee, age, sla, count, unanswered, unresolved in execute(
            statement.text, statement.params
        )
    ]


# -- ranked lists ------------------------------------------------------------------------
@dataclass(frozen=True)
class CaseLine:
    id: int
    title: str
    priority: str
    status: str
    assignee: str
    created_at: datetime
    first_response_at: datetime | None
    resolved_at: datetime | None
    closed_minutes: int
    updated_at: datetime


_LINE = (
    "SELECT c.id, c.title, c.priority, c.status, u.login, c.created_at, c.first_response_at, "
    "c.resolved_at, c.closed_minutes, c.updated_at FROM support_case c "
    "LEFT JOIN desk_user u ON u.id = c.assignee_id"
)


def _stamped(value: str | datetime) -> datetime:
    """An instant of a NOT NULL column (a case's opening, its last change)."""
    moment = instant(value)
    assert moment is not None, "created_at and updated_at are NOT NULL"
    return moment


def _lines(execute: Execute, statement: Sql) -> list[CaseLine]:
    return [
        CaseLine(
            int(i),
            str(title),
            str(priority),
            str(status),
            str(login or ""),
            _stamped(created),
            instant(responded),
            instant(resolved),
            int(closed),
            _stamped(updated),
        )
        for i, title, priority, status, login, created, responded, resolved, closed, updated in execute(
            statement.text, statement.params
        )
    ]


def waiting_statement(areas: Sql, dialect: str, limit: int = WAITING_ROWS) -> Sql:
    """The oldest open unassigned cases, read in age order from their own partial index
    (schema_names.WAITING_INDEX): 0.2 ms against 20-190 ms at 100k cases, where the
    unassigned cases of every status were read and sorted. SQLite is told which index:
    without statistics its planner prefers the assignee's."""
    cases = "support_case c"
    if dialect == "sqlite":
        cases += f" INDEXED BY {WAITING_INDEX[0]}"
    return Sql(
        f"{_LINE.replace('support_case c', cases, 1)} "
        f"WHERE c.assignee_id IS NULL AND {OPEN} AND ({areas.text}) "
        "ORDER BY c.created_at ASC, c.id ASC LIMIT ?",
        [*areas.params, limit],
    )


def oldest_unassigned(
    execute: Execute, areas: Sql, dialect: str, limit: int = WAITING_ROWS
) -> list[CaseLine]:
    return _lines(execute, waiting_statement(areas, dialect, limit))


def sla_statement(
    areas: Sql, deadlines: Deadlines, now: datetime, dialect: str, limit: int = SLA_ROWS
) -> Sql:
    """Breached or about to breach, the nearest running deadline first (most overdue at
    the top): sla_sql.SlaClocks.next_due."""
    clocks = SlaClocks(deadlines, now, dialect, open_only=True)
    late, soon, due = clocks.breached(), clocks.warning(), clocks.next_due()
    return Sql(
        f"{_LINE} WHERE {OPEN} AND ({areas.text}) AND (({late.text}) OR ({soon.text})) "
        f"ORDER BY {due.text} ASC, c.id ASC LIMIT ?",
        [*areas.params, *late.params, *soon.params, *due.params, limit],
    )


def most_urgent(
    execute: Execute,
    areas: Sql,
    deadlines: Deadlines,
    now: datetime,
    dialect: str,
    limit: int = SLA_ROWS,
) -> list[CaseLine]:
    return _lines(execute, sla_statement(areas, deadlines, now, dialect, limit))


# -- hours ------------------------------------------------------------------------------
def hours_statement(today: date, monday: date, sunday: date) -> Sql:
    """Everyone's week, read through the work-date index: a week of the whole desk's
    entries is small, where one person's entries of all time may not be (naming the
    people here led SQLite to walk each one's every entry)."""
    return Sql(
        "SELECT t.executor_id, sum(CASE WHEN t.work_date = ? THEN t.minutes ELSE 0 END), "
        "sum(t.minutes) FROM time_entry t WHERE t.work_date >= ? AND t.work_date <= ? "
        "GROUP BY t.executor_id",
        [today, monday, sunday],
    )


def minutes_logged(
    execute: Execute, people: Sequence[int], today: date, monday: date, sunday: date
) -> dict[int, tuple[int, int]]:
    """Per person: minutes of time entries dated ``today``, and in the week."""
    if not people:
        return {}
    statement = hours_statement(today, monday, sunday)
    wanted = set(people)
    return {
        int(who): (int(day or 0), int(week or 0))
        for who, day, week in execute(statement.text, statement.params)
        if who in wanted
    }


# -- open cases by project or service (issue 21) ------------------------------------------
LINKS = {"project": "project", "service": "service"}
"""The records the board's first table may group its rows by, each with its table."""


@dataclass(frozen=True)
class LinkGroup:
    """Open cases sharing a project (or service) and a priority."""

    record_id: int | None
    """None: the cases linked to no project."""
    name: str
    priority: str
    count: int


def links_statement(areas: Sql, link: str, dialect: str) -> Sql:
    """Open cases counted by ``link`` (``project`` or ``service``) and priority, with the
    record's name: grouped on the covering index first, the names joined to the few groups
    after. SQLite is told the index: its planner took the status index and read the rows."""
    table = LINKS[link]
    cases = "support_case c"
    if dialect == "sqlite":
        cases += f" INDEXED BY {LINKS_INDEX[0]}"
    text = (
        f"SELECT g.link, r.name, g.priority, g.n FROM (SELECT c.{link}_id AS link, "
        f"c.priority AS priority, count(*) AS n FROM {cases} "
        f"WHERE {OPEN} AND ({areas.text}) GROUP BY 1, 2) g "
        f"LEFT JOIN {table} r ON r.id = g.link"
    )
    return Sql(text, list(areas.params))


def open_by_link(execute: Execute, areas: Sql, link: str, dialect: str) -> list[LinkGroup]:
    """The board's areas' open cases by ``link`` and priority: one more grouped pass, read
    only when the board is shown so."""
    statement = links_statement(areas, link, dialect)
    return [
        LinkGroup(record_id, str(name or ""), str(priority), int(count))
        for record_id, name, priority, count in execute(statement.text, statement.params)
    ]
