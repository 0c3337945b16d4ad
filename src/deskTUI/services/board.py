"""The queue board (issue 9): what is open in a supervisor's areas, what waits unassigned
and for how long, who carries what, and what is about to breach its SLA.

Every number comes with the case-list query that lists exactly its cases, so
the screen opens that list on enter. A supervisor sees their areas; an admin
every area; agents and clients are refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from .. import words
from ..domain.agenda import Span, period
from ..domain.board import AGE_BUCKETS, due_at
from ..domain.durations import whole_minutes
from ..domain.enums import (
    OPEN_STATUS_ORDER,
    PRIORITIES_BY_URGENCY,
    Priority,
    Role,
    SlaTarget,
)
from ..domain.errors import PermissionDenied
from ..domain.marks import code
from ..domain.people import Area, User
from ..domain.permissions import Action, can, report_areas
from ..domain.query_words import is_assignee_word
from ..domain.sla import Targets, late_before, state_of
from ..domain.values import case_number
from ..i18n import pgettext
from ..store import board_sql
from ..store.uow import UnitOfWork
from .board_cells import Cell, CountRow, CountTable, query, quoted
from .board_links import link_grid, require_rows_by
from .common import acting, sla_targets, stored_id


@dataclass(frozen=True)
class AgentLoad:
    login: str
    name: str
    role: str
    open: Cell
    """Their open cases in the board's areas."""
    minutes_today: int
    minutes_week: int
    """Time entries of the operator's today and ISO week, on any case."""
    next_due: datetime | None
    """The nearest running SLA deadline among those open cases (maybe past)."""

    def minutes_left(self, now: datetime) -> int | None:
        if self.next_due is None:
            return None
        return whole_minutes(self.next_due - now)


@dataclass(frozen=True)
class WaitingCase:
    id: int
    number: str
    title: str
    priority: str
    age_minutes: int


@dataclass(frozen=True)
class SlaCase:
    id: int
    number: str
    title: str
    priority: str
    status: str
    assignee: str
    target: SlaTarget
    """The clock whose deadline is nearest."""
    minutes_left: int
    """Negative once overdue."""
    breached: bool


@dataclass(frozen=True)
class Board:
    now: datetime
    today: date
    areas: tuple[str, ...]
    """The areas on the board, by name (every area of the desk for an admin)."""
    everything: bool
    rows_by: str
    """What the first table's rows are: ``status``, ``project`` or ``service``."""
    grid: CountTable
    """Open cases by status (or project, or service: rows) and priority (columns)."""
    unassigned: CountTable
    """Unassigned open cases by priority (rows) and age (columns)."""
    waiting: tuple[WaitingCase, ...]
    """The oldest unassigned cases."""
    agents: tuple[AgentLoad, ...]
    breached: Cell
    soon: Cell
    """About to breach: in the last quarter of a running target (domain/board.py)."""
    sla: tuple[SlaCase, ...]
    """Breached or about to breach, most overdue first, at most board_sql.SLA_ROWS."""


def _refuse(actor: User) -> PermissionDenied:
    return PermissionDenied(
        "board.role",
        "{login} ({role}) may not see the queue board: it is for supervisors and admins",
        login=actor.login,
        role=code(actor.role),
    )


def _area_terms(mine: list[str], others: list[str], everything: bool) -> str:
    """The list-query terms that keep a list to the board's areas.

    A supervisor's list also shows cases they opened or hold elsewhere, so the
    areas are named: one area as ``area:X``; several as every other area
    excluded (``-area:Y``), since one ``area:`` term cannot hold several quoted
    names.
    """
    if everything:
        return ""
    if len(mine) == 1 and (one := quoted(mine[0])) is not None:
        return f"area:{one}"
    excluded = [quoted(name) for name in others]
    if mine and all(name is not None for name in excluded):
        return " ".join(f"-area:{name}" for name in excluded)
    return ""  # a name no query can hold: the list shows what the scope shows


def _login_term(login: str) -> str | None:
    """``assignee:LOGIN``, unless the query reads that login as a word of its own (``me``,
    ``none``, ``yo``, ``nadie``...: query_words.ASSIGNEE_OF), not as that person."""
    return None if is_assignee_word(login) else f"assignee:{login}"


def queue_board(
    uow: UnitOfWork,
    actor: User,
    now: datetime | None = None,
    *,
    zone: tzinfo | None = None,
    rows_by: str = "status",
) -> Board:
    """The board for ``actor``'s areas (an admin: every area), as of ``now`` (the desk's
    clock); "today" and "this week" are the operator's, in ``zone`` (None: this machine's).
    Its first table's rows are statuses, or the projects or services (``rows_by``)."""
    require_rows_by(rows_by)
    with uow:
        actor = acting(uow, actor)
        if not can(actor, Action.VIEW_REPORTS):
            raise _refuse(actor)
        now = now or uow.now()
        today = now.astimezone(zone).date()
        everything = report_areas(actor) is None
        areas = sorted(uow.areas.list(), key=lambda a: a.name)
        mine = [a for a in areas if everything or a.id in actor.area_ids]
        area_ids = None if everything else frozenset(stored_id(a) for a in mine)
        scope = _area_terms(
            [a.name for a in mine], [a.name for a in areas if a not in mine], everything
        )
        targets = sla_targets(uow)
        deadlines = late_before(targets, now)
        execute = board_sql.executor(uow)
        dialect = board_sql.dialect_of(uow)
        where = board_sql.area_clause(area_ids)

        groups = board_sql.open_groups(execute, where, deadlines, now, dialect)
        grid = (
            _grid(groups, scope)
            if rows_by == "status"
            else link_grid(board_sql.open_by_link(execute, where, rows_by, dialect), rows_by, scope)
        )
        people = _people(uow, mine, everything, {g.assignee_id for g in groups})
        monday, sunday = period(today, Span.WEEK)
        logged = board_sql.minutes_logged(
            execute, [stored_id(p) for p in people], today, monday, sunday
        )
        waiting = board_sql.oldest_unassigned(execute, where, dialect)
        urgent = board_sql.most_urgent(execute, where, deadlines, now, dialect)
    return Board(
        now=now,
        today=today,
        areas=tuple(a.name for a in mine),
        everything=everything,
        rows_by=rows_by,
        grid=grid,
        unassigned=_unassigned(groups, scope),
        waiting=tuple(
            WaitingCase(
                line.id,
                case_number(line.id),
                line.title,
                line.priority,
                max(0, whole_minutes(now - line.created_at)),
            )
            for line in waiting
        ),
        agents=_agents(groups, people, logged, targets, scope),
        breached=Cell(
            sum(g.count for g in groups if g.sla == 2), query("status:open sla:breached", scope)
        ),
        soon=Cell(sum(g.count for g in groups if g.sla == 1), query("status:open sla:soon", scope)),
        sla=tuple(_sla_case(line, targets, now) for line in urgent),
    )


def _people(
    uow: UnitOfWork, areas: list[Area], everything: bool, assignees: set[int | None]
) -> list[User]:
    """Agents and supervisors of the board's areas, and anyone else holding its open cases."""
    area_ids = {a.id for a in areas}
    found = []
    for user in uow.users.list():
        works_here = (
            user.active
            and user.role in (Role.AGENT, Role.SUPERVISOR)
            and (everything or bool(user.area_ids & area_ids))
        )
        if works_here or user.id in assignees:
            found.append(user)
    return found


def _grid(groups: list[board_sql.Group], scope: str) -> CountTable:
    counts: dict[tuple[str, str], int] = {}
    for g in groups:
        counts[g.status, g.priority] = counts.get((g.status, g.priority), 0) + g.count
    rows = []
    for status in OPEN_STATUS_ORDER:
        cells = [
            Cell(
                counts.get((status.value, p.value), 0),
                query(f"status:{status.value}", f"prio:{p.value}", scope),
            )
            for p in PRIORITIES_BY_URGENCY
        ]
        total = sum(c.count for c in cells)
        rows.append(
            CountRow(
                words.label(status),
                (*cells, Cell(total, query(f"status:{status.value}", scope))),
            )
        )
    totals = [
        Cell(
            sum(counts.get((s.value, p.value), 0) for s in OPEN_STATUS_ORDER),
            query("status:open", f"prio:{p.value}", scope),
        )
        for p in PRIORITIES_BY_URGENCY
    ]
    grand = Cell(sum(c.count for c in totals), query("status:open", scope))
    rows.append(CountRow(pgettext("Board", "open"), (*totals, grand)))
    return CountTable((*words.labels(PRIORITIES_BY_URGENCY), _total()), tuple(rows))


def _total() -> str:
    return pgettext("Board", "total")


def _unassigned(groups: list[board_sql.Group], scope: str) -> CountTable:
    counts: dict[tuple[str, int], int] = {}
    for g in groups:
        if g.assignee_id is None:
            counts[g.priority, g.age] = counts.get((g.priority, g.age), 0) + g.count
    base = "status:open assignee:none"
    rows = []
    for p in PRIORITIES_BY_URGENCY:
        cells = [
            Cell(counts.get((p.value, i), 0), query(base, f"prio:{p.value}", b.query(), scope))
            for i, b in enumerate(AGE_BUCKETS)
        ]
        total = Cell(sum(c.count for c in cells), query(base, f"prio:{p.value}", scope))
        rows.append(CountRow(words.label(p), (*cells, total)))
    totals = [
        Cell(
            sum(counts.get((p.value, i), 0) for p in PRIORITIES_BY_URGENCY),
            query(base, b.query(), scope),
        )
        for i, b in enumerate(AGE_BUCKETS)
    ]
    rows.append(
        CountRow(
            pgettext("Board", "unassigned"),
            (*totals, Cell(sum(c.count for c in totals), query(base, scope))),
        )
    )
    return CountTable((*(b.label for b in AGE_BUCKETS), _total()), tuple(rows))


def _agents(
    groups: list[board_sql.Group],
    people: list[User],
    logged: dict[int, tuple[int, int]],
    targets: dict[Priority, Targets],
    scope: str,
) -> tuple[AgentLoad, ...]:
    count: dict[int, int] = {}
    due: dict[int, datetime] = {}
    for g in groups:
        if g.assignee_id is None:
            continue
        count[g.assignee_id] = count.get(g.assignee_id, 0) + g.count
        nearest = due_at(targets[Priority(g.priority)], g.unanswered_since, g.unresolved_since)
        if nearest is not None and (g.assignee_id not in due or nearest < due[g.assignee_id]):
            due[g.assignee_id] = nearest
    loads = [
        AgentLoad(
            login=p.login,
            name=p.name,
            role=p.role.value,
            open=Cell(
                count.get(stored_id(p), 0),
                None
                if (term := _login_term(p.login)) is None
                else query("status:open", term, scope),
            ),
            minutes_today=logged.get(stored_id(p), (0, 0))[0],
            minutes_week=logged.get(stored_id(p), (0, 0))[1],
            next_due=due.get(stored_id(p)),
        )
        for p in people
    ]
    # The most loaded first: who is overloaded is what the column is for.
    return tuple(sorted(loads, key=lambda a: (-a.open.count, a.login)))


def _sla_case(line: board_sql.CaseLine, targets: dict[Priority, Targets], now: datetime) -> SlaCase:
    state = state_of(line, targets, now)
    # The clock nearest its deadline among those still running (minutes_left set).
    left, clock = min(
        (
            (c.minutes_left, c)
            for c in (state.first_response, state.resolution)
            if c.minutes_left is not None
        ),
        key=lambda pair: pair[0],
    )
    return SlaCase(
        line.id,
        case_number(line.id),
        line.title,
        line.priority,
        line.status,
        line.assignee,
        clock.target,
        left,
        state.breached,
    )
