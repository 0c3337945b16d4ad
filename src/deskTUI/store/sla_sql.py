"""The SLA in SQL, written once: domain/sla.py's two clocks as the fragments that the case
list (``sla:`` filters, the breached-first queue), the queue board and the reports read.

The domain decides (``sla_state``); this module says the same thing to the database:

- a clock stops when the case stops: a cancelled case at its last change
  (``updated_at``), a finished one at its finish (``resolved_at``); a case that
  still runs is judged at ``now``;
- the first response is due ``first_response`` minutes after the opening, and
  is breached once answered after that, or unanswered past it;
- resolution is due ``resolution`` minutes plus the time the case spent
  finished before a reopening (``closed_minutes``) after the opening;
- *breached* is either clock breached; *soon* is a running clock in its last
  quarter (domain/board.py), not breached; the *next deadline* is that of the
  nearest running clock.

tests/services/test_sla_sql.py compares these with ``sla_state`` over random case
histories, on SQLite and PostgreSQL.

Comparisons with ``now`` are written as ``created_at < ?`` (the targets counted back
from now, per priority), which the list's indexes hold; only a reopened case
(``closed_minutes`` not 0) and a stopped clock compare two instants of the same row.
Instants are moved in whole minutes and compared exactly, to the microsecond, on
both engines (SQLite's date functions keep milliseconds and round, so its
microseconds are put back as they are stored).

Plain text and DB-API parameters (``?``), as list_sql.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from ..domain.board import warning_before
from ..domain.enums import Status
from .schema_names import open_sql
from .sql_fragments import FALSE, TRUE, Sql, stored_instant

Deadlines = dict[str, tuple[datetime, datetime]]
"""Per priority: cases created before the first instant are late for a first response,
before the second, late for resolution (the SLA targets counted back from now, as
``domain.sla.late_before`` gives them)."""


LAST_INSTANT = "9999-12-31 23:59:59.999999"
"""Where a deadline past every date stops, as the domain's ``_later`` stops at
``datetime.max`` (SQLite's date functions give NULL past the year 9999)."""

NEVER_MINUTES = 5_000_000_000
"""The target of a priority without one: nothing is due before the last instant."""


STOPPED_AT = (
    f"(CASE WHEN c.status = '{Status.CANCELLED.value}' THEN c.updated_at "
    f"WHEN c.status = '{Status.FINISHED.value}' THEN c.resolved_at END)"
)
"""Where a case's clocks stopped (``sla_state``'s ``end``): a cancelled case at its last
change, a finished one at its finish; NULL while they run, to be judged at ``now``."""


def plus_minutes(column: str, minutes: str, dialect: str) -> str:
    """``column`` moved ``minutes`` (an SQL integer) later, exactly, as the column's own
    kind (SQLite: the text ``YYYY-MM-DD HH:MM:SS.ffffff``; PostgreSQL: a timestamp); at
    most the last instant."""
    if dialect == "sqlite":
        # Whole seconds moved, the stored microseconds put back: strftime's %f keeps
        # milliseconds and rounds (…:59.9996 would become the next second).
        moved = (
            f"strftime('%Y-%m-%d %H:%M:%S', substr({column}, 1, 19), "
            f"printf('%+d minutes', {minutes}))"
        )
        return f"COALESCE({moved} || substr({column}, 20), '{LAST_INSTANT}')"
    return f"LEAST({column} + ({minutes}) * interval '1 minute', TIMESTAMPTZ '{LAST_INSTANT}+00')"


LAST = datetime.max.replace(tzinfo=UTC)


def _later(moment: datetime, span: timedelta) -> datetime:
    """``moment + span``, at most the last instant (as domain.sla's deadlines)."""
    return moment + span if LAST - moment > span else LAST


def _minutes_back(now: datetime, deadline: datetime) -> int:
    """A target's minutes, from its deadline counted back from ``now``."""
    return round((now - deadline).total_seconds() / 60)


@dataclass(frozen=True)
class SlaClocks:
    """Both clocks of every case (alias ``c``) at ``now``, as SQL: what ``sla_state``
    would say of each row. ``deadlines`` are ``late_before(targets, now)``; with
    ``open_only`` the statement reads open cases only (their clocks all run), and says
    less for the same answer."""

    deadlines: Deadlines
    now: datetime
    dialect: str = "sqlite"
    open_only: bool = False

    # -- the pieces -------------------------------------------------------------------
    def _per_priority(self, values: dict[str, Any], otherwise: Any) -> Sql:
        if not values:
            return Sql("?", [otherwise])
        whens = " ".join("WHEN ? THEN ?" for _ in values)
        params: list[Any] = []
        for priority, value in values.items():
            params += [priority, value]
        return Sql(f"(CASE c.priority {whens} ELSE ? END)", [*params, otherwise])

    def _target(self, index: int) -> Sql:
        """The minutes of a target (0: first response, 1: resolution), per priority."""
        minutes = {p: _minutes_back(self.now, pair[index]) for p, pair in self.deadlines.items()}
        return self._per_priority(minutes, NEVER_MINUTES)

    def _before(self, edges: dict[str, datetime]) -> Sql:
        """``c.created_at`` before a per-priority instant (a priority without one: never)."""
        instants = {p: stored_instant(edge) for p, edge in edges.items()}
        limit = self._per_priority(instants, stored_instant(datetime.min.replace(tzinfo=UTC)))
        return Sql(f"c.created_at < {limit.text}", limit.params)

    def _allowed(self, index: int) -> Sql:
        """Minutes from the opening to a clock's deadline (0: first response, 1:
        resolution, later by the time spent finished before a reopening)."""
        minutes = self._target(index)
        if index == 1:
            # BIGINT: a count written by hand near 2^31 must not overflow PostgreSQL's int
            minutes = Sql(f"{minutes.text} + CAST(c.closed_minutes AS BIGINT)", minutes.params)
        return minutes

    def due(self, index: int) -> Sql:
        """A clock's deadline."""
        minutes = self._allowed(index)
        return Sql(plus_minutes("c.created_at", minutes.text, self.dialect), minutes.params)

    def stop(self) -> str:
        """Where the case's clocks stopped; NULL while they run (judged at ``now``)."""
        return "NULL" if self.open_only else STOPPED_AT

    def _running_past(self, index: int, deadlines: Deadlines) -> Sql:
        """A running clock whose deadline comes before a per-priority edge: the instant
        counted back from now (``deadlines``: now - target, or the warnings) plus the
        target. Written ``created_at < ?`` where an index can read it (an unanswered case,
        a case never reopened); a reopened case's resolution compares its deadline."""
        edges, clamped = {}, False
        for priority, pair in deadlines.items():
            target = self.now - self.deadlines[priority][index]
            edges[priority] = _later(pair[index], target)
            clamped = clamped or edges[priority] == LAST
        due = self.due(index)
        never = stored_instant(datetime.min.replace(tzinfo=UTC))
        edge = self._per_priority({p: stored_instant(e) for p, e in edges.items()}, never)
        by_due = Sql(f"{due.text} < {edge.text}", [*due.params, *edge.params])
        if clamped:  # a warning past the end of time (a clock in 9999): no shortcut
            return by_due
        plain = self._before({p: pair[index] for p, pair in deadlines.items()})
        if index == 0:
            return plain
        return (Sql("c.closed_minutes = 0") & plain) | (Sql("c.closed_minutes <> 0") & by_due)

    def _after_due(self, instant: str, index: int) -> Sql:
        """``instant`` (an answer, where a clock stopped) later than the clock's deadline."""
        due = self.due(index)
        exact = Sql(f"{instant} > {due.text}", due.params)
        if self.dialect != "sqlite":
            return Sql(f"{instant} IS NOT NULL") & exact
        # Moving every answered case's opening through strftime more than doubled the
        # board's one pass (60 -> 135 ms at 100k cases; 100 ms so). julianday keeps
        # milliseconds: more than 60 ms from the deadline its word is the exact one's, at
        # a third of the price; nearer, the exact comparison decides.
        minutes = self._allowed(index)
        late = f"(julianday({instant}) - julianday(c.created_at)) * 1440 - ({minutes.text})"
        return Sql(
            f"{instant} IS NOT NULL AND (CASE WHEN {late} > 0.001 THEN 1 "
            f"WHEN {late} < -0.001 THEN 0 ELSE ({exact.text}) END) = 1",
            [*minutes.params, *minutes.params, *exact.params],
        )

    def _running(self, index: int) -> Sql:
        """The clock runs: an open case unanswered (0); a case not stopped (1)."""
        if index == 0:
            still_open = "" if self.open_only else f" AND {open_sql('c.status')}"
            return Sql(f"c.first_response_at IS NULL{still_open}")
        return TRUE if self.open_only else Sql(f"{self.stop()} IS NULL")

    # -- what the list, the board and the reports ask --------------------------------
    def response_breached(self) -> Sql:
        """``sla_state(...).first_response.breached``: answered late, or unanswered past
        the deadline when the clock stopped or now."""
        if not self.deadlines:
            return FALSE
        stop = self.stop()
        answered = "c.first_response_at"
        if stop != "NULL":
            answered = f"COALESCE(c.first_response_at, {stop})"
        return self._after_due(answered, 0) | (
            Sql(f"{answered} IS NULL") & self._running_past(0, self.deadlines)
        )

    def resolution_breached(self) -> Sql:
        """``sla_state(...).resolution.breached``: finished or cancelled past the deadline,
        or still running past it."""
        if not self.deadlines:
            return FALSE
        running = self._running_past(1, self.deadlines)
        stop = self.stop()
        if stop == "NULL":
            return running
        return self._after_due(stop, 1) | (Sql(f"{stop} IS NULL") & running)

    def breached(self) -> Sql:
        """``sla_state(...).breached``: a target missed, by a running clock or a stopped one."""
        if not self.deadlines:
            return FALSE
        return self.response_breached() | self.resolution_breached()

    def warning(self) -> Sql:
        """A running clock in the last quarter of its target, or past it (domain/board.py)."""
        if not self.deadlines:
            return FALSE
        warnings = warning_before(self.deadlines, self.now)
        response = self._running(0) & self._running_past(0, warnings)
        resolution = self._running(1) & self._running_past(1, warnings)
        return response | resolution

    def soon(self) -> Sql:
        """About to breach: in a running target's last quarter, nothing breached."""
        return self.warning() & ~self.breached()

    def next_due(self) -> Sql:
        """The deadline of the nearest running clock (NULL: none runs): while an open
        case is unanswered both run, and the earlier is the first response's unless a
        time spent finished was written below zero by hand."""
        response, resolution = self.due(0), self.due(1)
        first, second = self._running(0), self._running(1)
        earlier = "min" if self.dialect == "sqlite" else "LEAST"
        return Sql(
            f"(CASE WHEN {first.text} THEN {earlier}({response.text}, {resolution.text}) "
            f"WHEN {second.text} THEN {resolution.text} END)",
            [
                *first.params,
                *response.params,
                *resolution.params,
                *second.params,
                *resolution.params,
            ],
        )
