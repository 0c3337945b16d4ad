"""Operators in other processes, for the concurrency and crash-safety tests.

Not a test module: the worker functions here run in child processes started
by ``multiprocessing`` (forkserver), so they must be importable by name.
``helper_context()`` puts this folder on ``sys.path`` and has the fork server
import deskTUI once, so each child is a cheap fork with deskTUI already
imported, not a new interpreter importing SQLAlchemy again.

Every worker does real service calls (``services.cases``, ``worklog``,
``timers``) on one shared desk (a SQLite file, or a PostgreSQL database) and
reports what it committed in a JSON file; ``violations()`` compares the sum of
the reports, and the story each case's log tells, with what the database holds.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from multiprocessing import forkserver
from multiprocessing.context import ForkServerContext
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlalchemy import create_engine, event, text

from deskTUI.domain.contracts import DEFAULT_HOURS_PER_DAY, units_for
from deskTUI.domain.enums import TrackingUnit
from deskTUI.domain.errors import Conflict, DomainError
from deskTUI.domain.people import User
from deskTUI.services import cases, timers, worklog
from deskTUI.services.cases import assign_case, move_case, open_case
from deskTUI.store.database import Database, open_database, to_url
from deskTUI.store.dialect import SQLITE_PRAGMAS
from deskTUI.store.uow import UnitOfWork

HERE = Path(__file__).parent
STEP = timedelta(minutes=15)
TICK = timedelta(minutes=1)
WORK_START = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)
"""The operators' clocks start the day after the test desk was built."""
EVERYWHERE = "tina"
"""One person working from every operator's terminal at once: her timer is the same row
for all of them (stopped, started and discarded by whichever terminal comes first)."""


PRELOAD = [
    # Run as the `pytest` script, each child runs that script again (as __mp_main__):
    # its `import pytest` must find pytest imported already.
    "pytest",
    *(
        ["psycopg", "sqlalchemy.dialects.postgresql.psycopg"]
        if os.environ.get("DESKTUI_TEST_PG")
        else []
    ),
    "deskTUI.services.admin",
    "deskTUI.services.cases",
    "deskTUI.services.maintenance",
    "deskTUI.services.timers",
    "deskTUI.services.worklog",
    "deskTUI.store.database",
    "many_operators",
    "forkserver_warmup",
]
"""What the fork server imports once, before it forks any child."""


def helper_context() -> ForkServerContext:
    """Processes forked from a server that has imported deskTUI and run it once.

    Forking the pytest (xdist) process itself would copy its threads' locks;
    spawning would import SQLAlchemy in every child (~0.9 s each here), and even
    a child forked after the imports spent ~0.6 s on SQLAlchemy's first-use work
    (mappers, statement compilation) that the server's warm-up now does once.
    """
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))  # children find this module by name
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    # The server does not get the test's sys.path (CPython up to 3.12), only its
    # environment: this folder goes on PYTHONPATH while it starts.
    saved = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(HERE), saved) if p)
    try:
        forkserver.ensure_running()
    finally:
        if saved is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = saved
    return context


def warm_up() -> None:
    """Run every kind of transaction once on a throwaway desk (in the fork server)."""
    from deskTUI.services import admin

    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "warm.db")
        db = open_database(path)
        clock = StepClock(WORK_START - timedelta(days=1))

        def uow() -> UnitOfWork:
            return UnitOfWork(db, clock=clock)

        root, _ = admin.init_desk(uow(), "admin")
        admin.add_area(uow(), root, "Soporte", ["Impresoras"])
        admin.add_client(uow(), root, "Acme SA")
        year = {
            "start": WORK_START.date().replace(month=1, day=1),
            "end": WORK_START.date().replace(month=12, day=31),
        }
        contracts = [
            admin.add_contract(uow(), root, client="Acme SA", unit=unit, total=40, **year)
            for unit in ("hours", "incidents")
        ]
        sofia = admin.add_user(uow(), root, "sofia", role="supervisor", areas=["Soporte"])

        desk = SimpleNamespace(
            admin=root, sofia=sofia, hours=contracts[0], incidents=contracts[1], uow=uow
        )
        floor = build_floor(desk, path, operators=1, shared=1, assignee="sofia")
        db.dispose()
        ticks = multiprocessing.Value("q", 0)
        operate(floor, 0, 80, _Now(), str(Path(folder) / "report.json"), ticks=ticks)
        save_stale(path, "op00", floor.shared_cases[0], "warm", _Now(), _Drop())


class _Now:
    def wait(self) -> None:
        pass


class _Drop:
    def put(self, _item: object) -> None:
        pass


class StepClock:
    """An operator's clock: a quarter of an hour passes between two of their actions."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def tick(self) -> None:
        self.now += STEP


class DeskClock:
    """One clock for every operator process: a minute passes at each transaction.

    A unit of work reads it once (its later reads get the same instant), and every
    service reads it only after it holds its rows; so on each case and each person
    the instants follow the order of the commits, whichever process made them, and
    a timer is never stopped before another terminal started it.
    """

    def __init__(self, ticks: Any) -> None:
        self.ticks = ticks
        """A ``multiprocessing.Value("q")`` every process shares."""

    def today(self) -> date:
        return (WORK_START + self.ticks.value * TICK).date()

    def for_transaction(self) -> Callable[[], datetime]:
        instant: list[datetime] = []

        def now() -> datetime:
            if not instant:
                with self.ticks.get_lock():
                    self.ticks.value += 1
                    instant.append(WORK_START + self.ticks.value * TICK)
            return instant[0]

        return now


# -- the desk the operators work on ---------------------------------------------------


@dataclass
class Operator:
    login: str
    hours_case: int
    """Own case under the ``hours`` contract: logged, timed, finished and reopened."""
    incidents_case: int
    """Own case under the ``incidents`` contract: finished and reopened."""


@dataclass
class Floor:
    """What the parent built before the operators start."""

    path: str
    """The desk: a SQLite file's path or a database URL."""
    shared_cases: list[int]
    """Everyone logs time, comments, finishes and reopens these at once (billable, on the
    ``shared`` contract)."""
    operators: list[Operator]
    contracts: dict[str, int]
    """``hours`` and ``incidents``: the operators' own cases; ``shared``: the shared ones."""
    versions: dict[int, int] = field(default_factory=dict)
    """Each case's version when the operators start."""


def build_floor(
    desk: Any,
    path: str,
    operators: int,
    shared: int = 4,
    *,
    own_cases: bool = True,
    assignee: str = "ana",
) -> Floor:
    """``operators`` supervisors of Soporte, each with two billable in-progress cases of
    their own on the Acme contracts, and ``shared`` in-progress cases everyone works on."""
    from deskTUI.services import admin

    root = desk.admin
    common = admin.add_contract(
        desk.uow(),
        root,
        client="Acme SA",
        unit="hours",
        total=400,
        name="Compartido",
        start=desk.hours.start,
        end=desk.hours.end,
    )
    admin.add_user(desk.uow(), root, EVERYWHERE, role="supervisor", name="Tina", areas=["Soporte"])
    shared_ids = []
    versions = {}
    for n in range(shared):
        case = open_case(
            desk.uow(),
            desk.sofia,
            title=f"Compartido {n}",
            client="Acme SA",
            category="Impresoras",
            description="Trabajo de todos",
            fields={"billable": True, "contract": common.id},
        )
        assign_case(desk.uow(), desk.sofia, case.id, assignee)
        versions[case.id] = move_case(desk.uow(), desk.sofia, case.id, "in_progress").version
        shared_ids.append(case.id)
    crew = []
    for n in range(operators):
        login = f"op{n:02d}"
        person = admin.add_user(
            desk.uow(), root, login, role="supervisor", name=f"Operador {n}", areas=["Soporte"]
        )
        own = [0, 0]
        for slot, contract in enumerate((desk.hours, desk.incidents) if own_cases else ()):
            case = open_case(
                desk.uow(),
                person,
                title=f"{login} {contract.unit.value}",
                client="Acme SA",
                category="Impresoras",
                description="Trabajo propio",
                fields={"billable": True, "contract": contract.id},
            )
            assign_case(desk.uow(), person, case.id, login)
            moved = move_case(desk.uow(), person, case.id, "in_progress")
            versions[case.id] = moved.version
            own[slot] = case.id
        crew.append(Operator(login, own[0], own[1]))
    contracts = {"hours": desk.hours.id, "incidents": desk.incidents.id, "shared": common.id}
    return Floor(path, shared_ids, crew, contracts, versions)


def deferred_database(path: str) -> Database:
    """The same desk with a plain deferred ``BEGIN``: the negative control.

    Everything else is as ``configure_sqlite`` sets it (WAL, busy timeout, full
    sync); only the write transactions start without taking the write lock.
    """
    url = to_url(path)
    engines = []
    for write in (True, False):
        engine = create_engine(url)

        def on_connect(dbapi_connection: Any, _record: Any, write: bool = write) -> None:
            dbapi_connection.isolation_level = None
            for pragma in SQLITE_PRAGMAS:
                dbapi_connection.execute(pragma)
            if not write:
                dbapi_connection.execute("PRAGMA query_only=ON")

        def on_begin(connection: Any) -> None:
            connection.exec_driver_sql("BEGIN")

        event.listen(engine, "connect", on_connect)
        event.listen(engine, "begin", on_begin)
        engines.append(engine)
    return Database(url=url, engine=engines[0], read_engine=engines[1])


def unlocked_database(url: str) -> Database:
    """The same PostgreSQL desk with its row locks compiled away: the negative control.

    Every ``SELECT ... FOR NO KEY UPDATE`` the store issues becomes a plain
    ``SELECT``, as if the store relied on SQLite's one writer at a time; the
    rest (the version check on cases, the constraints) is untouched.
    """
    db = open_database(url, upgrade=False)
    for engine in {db.engine, db.read_engine}:
        compiler = engine.dialect.statement_compiler

        class WithoutRowLocks(compiler):  # type: ignore[misc, valid-type]
            def for_update_clause(self, select: Any, **kw: Any) -> str:
                return ""

        engine.dialect.statement_compiler = WithoutRowLocks
    return db


def _actor(db: Database, login: str) -> User:
    with UnitOfWork(db, readonly=True) as uow:
        return uow.users.by_login(login)


# -- many operators at once -----------------------------------------------------------


REFUSALS = {
    "shared_time": {"case.finished_time", "time.more_than_today", "time.more_than_a_day"},
    "own_time": {"time.more_than_today", "time.more_than_a_day"},
    "shared_finish": {"transition.not_allowed"},
    "shared_reopen": {"transition.not_allowed"},
    "tina_start": {"case.finished_time", "timer.case_closed", "timer.too_long"},
    "tina_stop": {"timer.none", "case.finished_time", "timer.case_closed", "timer.too_long"},
    "tina_discard": {"timer.none"},
}
"""What an action on something others change too may be told, by the domain's code: the
shared case was finished (or reopened) by someone else first; Tina's timer was stopped
from another terminal, or runs on a case someone finished (its time waits for another
case: ``timer.case_closed``); typed minutes do not fit in what has passed of the
operator's day beside what she logged and timed already (``time.more_than_today``, or
``time.more_than_a_day`` when the desk's clock passed midnight after the operator read
today: the operators type 15 to 60 minutes every sixteen minutes or so). Anything else
is an error."""


@dataclass
class Report:
    """What one operator committed, as it saw its calls return."""

    login: str
    transactions: int = 0
    committed: int = 0
    refused: dict[str, int] = field(default_factory=dict)
    """Expected refusals (``REFUSALS``) by action and code: nothing changed."""
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    entries: dict[str, int] = field(default_factory=dict)
    """Time entries committed per case id (shared and own, Tina's too)."""
    minutes: dict[str, int] = field(default_factory=dict)
    comments: dict[str, int] = field(default_factory=dict)
    saves: dict[str, int] = field(default_factory=dict)
    """Saves of each case (each one adds one to its version): own edits and moves, and
    the shared cases' finishes and reopens."""
    status: dict[str, str] = field(default_factory=dict)
    ledger_entries: dict[str, int] = field(default_factory=dict)
    """Ledger entries posted per contract name: posts and reversals (own cases only)."""
    ledger_e4: dict[str, int] = field(default_factory=dict)
    """Net units per contract name, in ten-thousandths (the ledger's own unit)."""
    timer_running: bool = False


def _bump(counts: dict[str, int], key: object, by: int = 1) -> None:
    counts[str(key)] = counts.get(str(key), 0) + by


def _hours_e4(minutes: int) -> int:
    """What finishing posts on an hours contract, in the ledger's ten-thousandths."""
    return int(units_for(TrackingUnit.HOURS, minutes, DEFAULT_HOURS_PER_DAY) * 10_000)


def _report_stopped(report: Report, stopped: Any) -> None:
    if stopped is None:
        return
    for entry in stopped.entries:
        _bump(report.entries, entry.case_id)
        _bump(report.minutes, entry.case_id, entry.minutes)


def operate(
    floor: Floor,
    index: int,
    transactions: int,
    go: Any,
    report_path: str,
    mode: str = "normal",
    ticks: Any = None,
) -> None:
    """One operator: ``transactions`` write transactions of mixed real service calls.

    Each step is one service call (one transaction). The operator keeps its own
    cases' state (open or finished, timer running) and reports every commit;
    a refused or failed call changes nothing, so the state stays what it was.
    Shared cases and Tina's timer are everybody's: what others did first shows as
    an expected refusal. ``mode``: ``normal``, ``deferred`` (SQLite without BEGIN
    IMMEDIATE) or ``unlocked`` (PostgreSQL without row locks).
    """
    me = floor.operators[index]
    if mode == "deferred":
        db = deferred_database(floor.path)
    elif mode == "unlocked":
        db = unlocked_database(floor.path)
    else:
        db = open_database(floor.path, upgrade=False)
    actor, tina = _actor(db, me.login), _actor(db, EVERYWHERE)
    clock = DeskClock(ticks)
    rng = random.Random(index)
    report = Report(me.login)
    hours_open = incidents_open = True
    timer_steps = None  # steps since the timer started, None when none runs
    billable_minutes = 0  # on the hours case: what finishing it consumes (nothing posts 0)

    def uow() -> UnitOfWork:
        return UnitOfWork(db, clock=clock.for_transaction())

    def shared() -> int:
        return rng.choice(floor.shared_cases)

    go.wait()
    started = time.perf_counter()
    for _ in range(transactions):
        choices = ["shared_time", "shared_time", "shared_comment", "edit"]
        choices += ["shared_finish", "shared_reopen", "tina_start", "tina_stop"]
        choices += ["tina_discard"] if rng.random() < 0.3 else []
        if hours_open:
            choices += ["own_time"]
            if timer_steps is None:
                choices += ["timer_start", "finish_hours"]
        else:
            choices += ["reopen_hours"]
        choices += ["finish_incidents"] if incidents_open else ["reopen_incidents"]
        if timer_steps is not None:
            timer_steps += 1
            choices += ["timer_stop"] * timer_steps  # stops within a few steps
        action = rng.choice(choices)
        report.transactions += 1
        try:
            if action == "shared_time":
                case_id, minutes = shared(), rng.choice((15, 30, 45, 60))
                worklog.log_time(uow(), actor, case_id, work_date=clock.today(), minutes=minutes)
                _bump(report.entries, case_id)
                _bump(report.minutes, case_id, minutes)
            elif action == "shared_comment":
                case_id = shared()
                cases.comment_case(uow(), actor, case_id, f"{me.login} pasó por aquí")
                _bump(report.comments, case_id)
            elif action in ("shared_finish", "shared_reopen"):
                case_id = shared()
                if action == "shared_finish":
                    move_case(uow(), actor, case_id, "finished", solution="Hecho")
                else:
                    move_case(uow(), actor, case_id, "in_progress", note="Volvió a fallar")
                _bump(report.saves, case_id)
            elif action == "tina_start":
                _timer, stopped = timers.start_timer(uow(), tina, shared(), UTC)
                _report_stopped(report, stopped)
            elif action == "tina_stop":
                _report_stopped(report, timers.stop_timer(uow(), tina, UTC))
            elif action == "tina_discard":
                timers.discard_timer(uow(), tina)
            elif action == "edit":
                case_id = rng.choice((me.hours_case, me.incidents_case))
                level = rng.randrange(1, 1000)
                changed = cases.edit_case(uow(), actor, case_id, {"level": level})
                _bump(report.saves, case_id, 1 if changed else 0)
            elif action == "own_time":
                minutes = rng.choice((15, 30, 45, 60))
                worklog.log_time(
                    uow(), actor, me.hours_case, work_date=clock.today(), minutes=minutes
                )
                _bump(report.entries, me.hours_case)
                _bump(report.minutes, me.hours_case, minutes)
                billable_minutes += minutes
            elif action == "timer_start":
                timers.start_timer(uow(), actor, me.hours_case, UTC)
                timer_steps = 0
            elif action == "timer_stop":
                stopped = timers.stop_timer(uow(), actor, UTC)
                timer_steps = None
                _report_stopped(report, stopped)
                billable_minutes += sum(e.minutes for e in stopped.entries)
            elif action == "finish_hours":
                move_case(uow(), actor, me.hours_case, "finished", solution="Hecho")
                hours_open = False
                _bump(report.saves, me.hours_case)
                _bump(report.ledger_entries, "hours", 1 if billable_minutes else 0)
                _bump(report.ledger_e4, "hours", _hours_e4(billable_minutes))
            elif action == "reopen_hours":
                move_case(uow(), actor, me.hours_case, "in_progress", note="Volvió a fallar")
                hours_open = True
                _bump(report.saves, me.hours_case)
                _bump(report.ledger_entries, "hours", 1 if billable_minutes else 0)
                _bump(report.ledger_e4, "hours", -_hours_e4(billable_minutes))
            elif action == "finish_incidents":
                move_case(uow(), actor, me.incidents_case, "finished", solution="Hecho")
                incidents_open = False
                _bump(report.saves, me.incidents_case)
                _bump(report.ledger_entries, "incidents")
                _bump(report.ledger_e4, "incidents", 10_000)
            elif action == "reopen_incidents":
                move_case(uow(), actor, me.incidents_case, "in_progress", note="Otra vez")
                incidents_open = True
                _bump(report.saves, me.incidents_case)
                _bump(report.ledger_entries, "incidents")
                _bump(report.ledger_e4, "incidents", -10_000)
            report.committed += 1
        except DomainError as refusal:
            if refusal.code in REFUSALS.get(action, ()) and not isinstance(refusal, Conflict):
                _bump(report.refused, f"{action}: {refusal.code}")
            else:
                report.errors.append(f"{action}: {type(refusal).__name__}: {refusal}")
        except Exception as error:  # counted, not hidden: the test asserts there are none
            report.errors.append(f"{action}: {type(error).__name__}: {error}")
    report.seconds = time.perf_counter() - started
    report.timer_running = timer_steps is not None
    report.status = {
        str(me.hours_case): "in_progress" if hours_open else "finished",
        str(me.incidents_case): "in_progress" if incidents_open else "finished",
    }
    db.dispose()
    Path(report_path).write_text(json.dumps(asdict(report)))


def run_operators(
    floor: Floor,
    transactions: int,
    out_dir: Path,
    *,
    mode: str = "normal",
    operators: int | None = None,
) -> tuple[list[Report], float]:
    """Start the operators together; their reports and the wall time until the last ends."""
    context = helper_context()
    count = len(floor.operators) if operators is None else operators
    go, ticks = context.Event(), context.Value("q", 0)
    paths = [out_dir / f"report-{mode}-{i}.json" for i in range(count)]
    processes = [
        context.Process(
            target=operate, args=(floor, i, transactions, go, str(paths[i]), mode, ticks)
        )
        for i in range(count)
    ]
    for process in processes:
        process.start()
    time.sleep(0.2)  # let each child open its database before the clock starts
    started = time.perf_counter()
    go.set()
    for process in processes:
        process.join(timeout=300)
    seconds = time.perf_counter() - started
    for process in processes:
        assert process.exitcode == 0, (
            f"operator process {process.pid} ended with {process.exitcode}"
        )
    return [Report(**json.loads(p.read_text())) for p in paths], seconds


def totals(reports: list[Report], name: str) -> Counter:
    total: Counter = Counter()
    for report in reports:
        total.update(getattr(report, name))
    return total


def violations(db: Database, floor: Floor, reports: list[Report]) -> list[str]:
    """Every way the desk disagrees with what the operators were told, or with itself.

    - each call either committed or was refused with an expected sentence;
    - time entries, minutes and comments per case: exactly the reported ones;
    - each case's version counts its saves; own cases end in the reported status;
    - the own cases' contract ledger: exactly the reported posts and reversals;
    - every case's story, replayed from its log in order: no time went in while it
      was finished, each finish posted exactly the billable minutes in by then and
      each reopen reversed exactly that post (this is what catches two operators
      interleaving on a shared case);
    - nobody's timed entries overlap; timers: the reported ones, and Tina's at most
      one, started after her last entry ended.
    """
    found = [f"{r.login}: {e}" for r in reports for e in r.errors]
    for report in reports:
        if report.committed + sum(report.refused.values()) + len(report.errors) != (
            report.transactions
        ):
            found.append(f"{report.login}: calls unaccounted for")
    entries, minutes, comments, saves = (
        totals(reports, f) for f in ("entries", "minutes", "comments", "saves")
    )
    ledger_entries, ledger_e4 = totals(reports, "ledger_entries"), totals(reports, "ledger_e4")
    statuses = {case: s for r in reports for case, s in r.status.items()}

    def rows(sql: str, **params: Any) -> list[tuple[Any, ...]]:
        with db.engine.connect() as connection:
            return [tuple(r) for r in connection.execute(text(sql), params)]

    def expect(what: str, stored: object, told: object) -> None:
        if stored != told:
            found.append(f"{what}: stored {stored!r}, reported {told!r}")

    stored = {
        str(case): (count, total)
        for case, count, total in rows(
            "SELECT case_id, count(*), sum(minutes) FROM time_entry GROUP BY case_id"
        )
    }
    for case in set(stored) | set(entries):
        expect(f"entries of case {case}", stored.get(case), (entries[case], minutes[case]))
    stored_comments = dict(rows("SELECT case_id, count(*) FROM case_comment GROUP BY case_id"))
    for case in {str(c) for c in stored_comments} | set(comments):
        expect(f"comments of case {case}", stored_comments.get(int(case), 0), comments[case])
    for case_id, version in floor.versions.items():
        [(stored_version, status)] = rows(
            "SELECT version, status FROM support_case WHERE id = :id", id=case_id
        )
        expect(f"version of case {case_id}", stored_version, version + saves[str(case_id)])
        if str(case_id) in statuses:
            expect(f"status of case {case_id}", status, statuses[str(case_id)])
    for name in ("hours", "incidents"):
        [(count, net)] = rows(
            "SELECT count(*), coalesce(sum(units_e4), 0) FROM ledger_entry WHERE contract_id = :id",
            id=floor.contracts[name],
        )
        expect(f"ledger of {name}", (count, net), (ledger_entries[name], ledger_e4[name]))
    found += _stories(rows)
    found += [
        f"entries {a} and {b} of user {who} overlap"
        for who, a, b in rows(
            "SELECT a.executor_id, a.id, b.id FROM time_entry a JOIN time_entry b "
            "ON a.executor_id = b.executor_id AND a.id < b.id "
            "AND a.start_at < b.end_at AND b.start_at < a.end_at"
        )
    ]
    running = dict(
        rows(
            "SELECT u.login, t.started_at FROM running_timer t JOIN desk_user u ON u.id = t.user_id"
        )
    )
    expect(
        "running timers",
        sorted(login for login in running if login != EVERYWHERE),
        sorted(r.login for r in reports if r.timer_running),
    )
    if EVERYWHERE in running:
        [(last_end,)] = rows(
            "SELECT max(end_at) FROM time_entry t JOIN desk_user u ON u.id = t.executor_id "
            "WHERE u.login = :login",
            login=EVERYWHERE,
        )
        if last_end is not None and running[EVERYWHERE] < last_end:
            found.append(f"Tina's timer started at {running[EVERYWHERE]}, before {last_end}")
    return found


def _stories(rows: Callable[..., list[tuple[Any, ...]]]) -> list[str]:
    """Replay each case's log in order against its contract ledger."""
    billable = {
        entry: (minutes, bool(is_billable))
        for entry, minutes, is_billable in rows("SELECT id, minutes, billable FROM time_entry")
    }
    units = dict(
        rows(
            "SELECT c.id, k.unit FROM support_case c JOIN contract k ON k.id = c.contract_id "
            "WHERE c.billable"
        )
    )
    ledger: dict[int, list[int]] = {}
    for case_id, minutes in rows("SELECT case_id, minutes FROM ledger_entry ORDER BY id"):
        ledger.setdefault(case_id, []).append(minutes)
    lines: dict[int, list[tuple[str | None, str | None, str | None]]] = {}
    for case_id, field_name, to_status, new in rows(
        "SELECT case_id, field, to_status, new FROM case_log WHERE case_id IS NOT NULL "
        "AND (to_status IS NOT NULL OR field = 'time') ORDER BY id"
    ):
        lines.setdefault(case_id, []).append((field_name, to_status, new))
    found = []
    for case_id, story in lines.items():
        finished, in_by_now, told = False, 0, []
        outstanding: int | None = None
        for field_name, to_status, new in story:
            if field_name == "time" and new and new.startswith("logged"):
                entry = int(new.rsplit("(entry ", 1)[1].rstrip(")"))
                if finished:
                    found.append(f"case {case_id}: entry {entry} went in while it was finished")
                minutes, is_billable = billable.get(entry, (0, False))
                in_by_now += minutes if is_billable else 0
            elif to_status == "finished":
                finished = True
                unit = units.get(case_id)
                if unit == "incidents" or (unit is not None and in_by_now):
                    told.append(in_by_now)
                    outstanding = in_by_now
            elif to_status is not None and finished:
                finished = False
                if outstanding is not None:
                    told.append(-outstanding)
                    outstanding = None
        if ledger.get(case_id, []) != told:
            found.append(
                f"case {case_id}: its ledger holds {ledger.get(case_id, [])} minutes, "
                f"its story says {told}"
            )
    return found


# -- stale copies ---------------------------------------------------------------------


def save_stale(path: str, login: str, case_id: int, title: str, ready: Any, out: Any) -> None:
    """Read the case, wait until every rival has read it too, then save a new title.

    Each rival's title is its own and new: a save that changes nothing is no save
    (and no conflict) in deskTUI, so it would prove nothing here.
    """
    db = open_database(path, upgrade=False)
    actor = _actor(db, login)
    with UnitOfWork(db, readonly=True) as uow:
        read = uow.cases.get(case_id).version
    ready.wait()
    try:
        cases.edit_case(
            UnitOfWork(db),
            actor,
            case_id,
            {"title": title},
            expected_version=read,
        )
        out.put((login, read, "saved", ""))
    except Conflict as conflict:
        out.put((login, read, "conflict", str(conflict)))
    except DomainError as error:
        out.put((login, read, "error", f"{type(error).__name__}: {error}"))
    finally:
        db.dispose()


# -- killed in the middle -------------------------------------------------------------


def write_until_killed(path: str, login: str, own_case: int, shared_case: int, acks: str) -> None:
    """Write forever; after each commit returns, append one acknowledgement line.

    The line is written with one ``os.write`` to a file opened for appending, so
    it is in the kernel before the next transaction starts and survives SIGKILL.
    Lines: ``time <entry id> <minutes>``, ``comment <comment id>``,
    ``move <case id> <status> <version>``.
    """
    db = open_database(path, upgrade=False)
    actor = _actor(db, login)
    fd = os.open(acks, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    os.write(fd, b"ready\n")
    clock = StepClock(datetime.now(UTC))
    rng = random.Random()
    with UnitOfWork(db, readonly=True) as uow:
        finished = uow.cases.get(own_case).status.value == "finished"
    while True:
        clock.tick()
        roll = rng.random()
        if roll < 0.4:
            # Spread over the two months before WORK_START: fifty rounds of writes on one
            # day would fill it (a person's day holds 24 h); a day that is full anyway
            # refuses the entry and changes nothing, so there is nothing to acknowledge.
            try:
                entry = worklog.log_time(
                    UnitOfWork(db, clock=clock),
                    actor,
                    shared_case if finished else rng.choice((own_case, shared_case)),
                    work_date=WORK_START.date() - timedelta(days=rng.randrange(60)),
                    minutes=rng.choice((15, 30)),
                )
            except DomainError as refusal:
                if refusal.code != "time.more_than_a_day":
                    raise
                continue
            line = f"time {entry.id} {entry.minutes}"
        elif roll < 0.7:
            comment = cases.comment_case(UnitOfWork(db, clock=clock), actor, shared_case, "ack")
            line = f"comment {comment.id}"
        else:
            if finished:
                case = move_case(
                    UnitOfWork(db, clock=clock), actor, own_case, "in_progress", note="otra vez"
                )
            else:
                case = move_case(
                    UnitOfWork(db, clock=clock), actor, own_case, "finished", solution="hecho"
                )
            finished = not finished
            line = f"move {case.id} {case.status.value} {case.version}"
        os.write(fd, (line + "\n").encode())
