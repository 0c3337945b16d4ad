"""Operators in other processes, for the concurrency and crash-safety tests.

Not a test module: the worker functions here run in child processes started
by ``multiprocessing`` (forkserver), so they must be importable by name.
``helper_context()`` puts this folder on ``sys.path`` and has the fork server
import deskTUI once, so each child is a cheap fork with deskTUI already
imported, not a new interpreter importing SQLAlchemy again.

Every worker does real service calls (``services.cases``, ``worklog``,
``timers``) on one shared SQLite file and reports what it committed in a JSON
file; the tests compare the sum of the reports with what the database holds.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from multiprocessing import forkserver
from multiprocessing.context import ForkServerContext
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlalchemy import create_engine, event

from deskTUI.domain.errors import Conflict, DomainError
from deskTUI.domain.people import User
from deskTUI.services import cases, timers, worklog
from deskTUI.services.cases import assign_case, move_case, open_case
from deskTUI.store.database import Database, open_database, to_url
from deskTUI.store.dialect import SQLITE_PRAGMAS
from deskTUI.store.uow import UnitOfWork

HERE = Path(__file__).parent
STEP = timedelta(minutes=15)
WORK_START = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)
"""The operators' clocks start the day after the test desk was built."""


PRELOAD = [
    # Run as the `pytest` script, each child runs that script again (as __mp_main__):
    # its `import pytest` must find pytest imported already.
    "pytest",
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
            admin=root,
            sofia=sofia,
            hours=contracts[0],
            incidents=contracts[1],
            uow=uow,
            open=lambda title: open_case(
                uow(), sofia, title=title, client="Acme SA", category="Impresoras", description="-"
            ),
        )
        floor = build_floor(desk, path, operators=1, shared=1, assignee="sofia")
        db.dispose()
        operate(floor, 0, 60, _Now(), str(Path(folder) / "report.json"))
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
    shared_cases: list[int]
    """Everyone logs time and comments on these at once."""
    operators: list[Operator]
    contracts: dict[str, int]
    versions: dict[int, int] = field(default_factory=dict)
    """Each own case's version when the operators start."""


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
    shared_ids = []
    for n in range(shared):
        case = desk.open(title=f"Compartido {n}")
        assign_case(desk.uow(), desk.sofia, case.id, assignee)
        move_case(desk.uow(), desk.sofia, case.id, "in_progress")
        shared_ids.append(case.id)
    crew = []
    versions = {}
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
    contracts = {"hours": desk.hours.id, "incidents": desk.incidents.id}
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


@dataclass
class Report:
    """What one operator committed, as it saw its calls return."""

    login: str
    transactions: int = 0
    committed: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    entries: dict[str, int] = field(default_factory=dict)
    """Time entries committed per case id (shared and own)."""
    minutes: dict[str, int] = field(default_factory=dict)
    comments: dict[str, int] = field(default_factory=dict)
    saves: dict[str, int] = field(default_factory=dict)
    """Saves of each own case (each one adds one to its version)."""
    status: dict[str, str] = field(default_factory=dict)
    ledger_entries: dict[str, int] = field(default_factory=dict)
    """Ledger entries posted per contract name: posts and reversals."""
    ledger_e4: dict[str, int] = field(default_factory=dict)
    """Net units per contract name, in ten-thousandths (the ledger's own unit)."""
    timer_running: bool = False


def _bump(counts: dict[str, int], key: object, by: int = 1) -> None:
    counts[str(key)] = counts.get(str(key), 0) + by


def operate(
    floor: Floor,
    index: int,
    transactions: int,
    go: Any,
    report_path: str,
    deferred: bool = False,
) -> None:
    """One operator: ``transactions`` write transactions of mixed real service calls.

    Each step is one service call (one transaction). The operator keeps its own
    cases' state (open or finished, timer running) and reports every commit;
    a refused or failed call changes nothing, so the state stays what it was.
    """
    me = floor.operators[index]
    db = deferred_database(floor.path) if deferred else open_database(floor.path, upgrade=False)
    actor = _actor(db, me.login)
    clock = StepClock(WORK_START)
    rng = random.Random(index)
    report = Report(me.login)
    hours_open = incidents_open = True
    timer_steps = None  # steps since the timer started, None when none runs
    billable_minutes = 0  # on the hours case: what finishing it consumes (nothing posts 0)

    def uow() -> UnitOfWork:
        return UnitOfWork(db, clock=clock)

    def shared() -> int:
        return rng.choice(floor.shared_cases)

    go.wait()
    started = time.perf_counter()
    for _ in range(transactions):
        clock.tick()
        choices = ["shared_time", "shared_time", "shared_comment", "shared_comment", "edit"]
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
                worklog.log_time(uow(), actor, case_id, work_date=clock.now.date(), minutes=minutes)
                _bump(report.entries, case_id)
                _bump(report.minutes, case_id, minutes)
            elif action == "shared_comment":
                case_id = shared()
                cases.comment_case(uow(), actor, case_id, f"{me.login} pasó por aquí")
                _bump(report.comments, case_id)
            elif action == "edit":
                case_id = rng.choice((me.hours_case, me.incidents_case))
                level = rng.randrange(1, 1000)
                changed = cases.edit_case(uow(), actor, case_id, {"level": level})
                _bump(report.saves, case_id, 1 if changed else 0)
            elif action == "own_time":
                minutes = rng.choice((15, 30, 45, 60))
                worklog.log_time(
                    uow(), actor, me.hours_case, work_date=clock.now.date(), minutes=minutes
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
                for entry in stopped.entries:
                    _bump(report.entries, me.hours_case)
                    _bump(report.minutes, me.hours_case, entry.minutes)
                    billable_minutes += entry.minutes
            elif action == "finish_hours":
                move_case(uow(), actor, me.hours_case, "finished", solution="Hecho")
                hours_open = False
                _bump(report.saves, me.hours_case)
                _bump(report.ledger_entries, "hours", 1 if billable_minutes else 0)
                _bump(report.ledger_e4, "hours", billable_minutes * 10_000 // 60)
            elif action == "reopen_hours":
                move_case(uow(), actor, me.hours_case, "in_progress", note="Volvió a fallar")
                hours_open = True
                _bump(report.saves, me.hours_case)
                _bump(report.ledger_entries, "hours", 1 if billable_minutes else 0)
                _bump(report.ledger_e4, "hours", -(billable_minutes * 10_000 // 60))
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
    deferred: bool = False,
    operators: int | None = None,
) -> tuple[list[Report], float]:
    """Start the operators together; their reports and the wall time until the last ends."""
    context = helper_context()
    count = len(floor.operators) if operators is None else operators
    go = context.Event()
    paths = [
        out_dir / f"report-{'deferred' if deferred else 'immediate'}-{i}.json" for i in range(count)
    ]
    processes = [
        context.Process(target=operate, args=(floor, i, transactions, go, str(paths[i]), deferred))
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
            entry = worklog.log_time(
                UnitOfWork(db, clock=clock),
                actor,
                shared_case if finished else rng.choice((own_case, shared_case)),
                work_date=WORK_START.date(),
                minutes=rng.choice((15, 30)),
            )
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
