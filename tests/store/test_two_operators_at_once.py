"""Two operators at once, in the one order that breaks a rule unless the store holds its rows.

On SQLite every write transaction holds the whole database from its BEGIN, so a
rule checked on what a transaction read stays true until it commits. On
PostgreSQL (READ COMMITTED) two transactions interleave: one checks, the other
commits, the first writes on what is no longer so. The store holds the row that
guards each rule (``SELECT ... FOR NO KEY UPDATE``): the case when something
changes it or is added to it, the person when their time or timer changes.

Each test stops the first operator's transaction right after one statement,
runs the second operator, then lets the first go on. Afterwards the rule holds,
the second was told a sentence (never a traceback), and it had waited for the
first. Runs on both engines; the last tests show, on PostgreSQL, what the same
interleavings do when the row locks are compiled away.
"""

from __future__ import annotations

import importlib
import re
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text

from deskTUI.domain.errors import DomainError, NotFound, TransitionRefused
from deskTUI.services import admin, cases, files, maintenance, timers, worklog
from deskTUI.store.database import Database
from deskTUI.store.uow import UnitOfWork

if str(Path(__file__).parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).parent))
ops = importlib.import_module("many_operators")

DAY = date(2026, 3, 2)


@dataclass
class Outcome:
    value: Any = None
    error: BaseException | None = None

    @property
    def code(self) -> str | None:
        return getattr(self.error, "code", None)


@dataclass
class Interleaving:
    first: Outcome
    second: Outcome
    second_waited: bool
    """The second operator had to wait for the first one's transaction to end."""


def _run(action: Callable[[], Any], into: Outcome) -> None:
    try:
        into.value = action()
    except BaseException as error:  # reported to the test, which says what it expected
        into.error = error


def _waiting_for_a_lock(db: Database) -> bool:
    """Whether some transaction of this database waits for a row another one holds."""
    if db.dialect != "postgresql":
        return False
    with db.engine.connect() as connection:
        return bool(
            connection.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'"
                )
            ).scalar()
        )


def interleave(
    db: Database, first: Callable[[], Any], pause_after: str, second: Callable[[], Any]
) -> Interleaving:
    """``first`` until it has run a statement matching ``pause_after`` (its transaction
    still open); meanwhile ``second`` to its end or until it waits; then ``first`` goes on."""
    reached, go = threading.Event(), threading.Event()
    first_thread: list[int] = []

    def pause(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        mine = threading.get_ident() in first_thread and not reached.is_set()
        if mine and re.search(pause_after, statement, re.S):
            reached.set()
            go.wait(20)

    def run_first() -> None:
        first_thread.append(threading.get_ident())
        try:
            _run(first, outcomes[0])
        finally:
            reached.set()  # it failed before the statement: do not wait for it

    outcomes = Outcome(), Outcome()
    event.listen(db.engine, "after_cursor_execute", pause)
    try:
        one = threading.Thread(target=run_first)
        one.start()
        assert reached.wait(20), "the first operator never ran the statement to pause after"
        assert outcomes[0].error is None, outcomes[0].error
        two = threading.Thread(target=_run, args=(second, outcomes[1]))
        two.start()
        waited, deadline = False, time.monotonic() + 10
        while two.is_alive() and time.monotonic() < deadline:
            if _waiting_for_a_lock(db):
                waited = True
                break
            if db.dialect == "sqlite" and time.monotonic() > deadline - 9.7:
                waited = True  # still at BEGIN IMMEDIATE after 0.3 s: the first holds the file
                break
            time.sleep(0.005)
        go.set()
        one.join(30)
        two.join(30)
    finally:
        go.set()
        event.remove(db.engine, "after_cursor_execute", pause)
    return Interleaving(outcomes[0], outcomes[1], waited)


def _in_progress(desk: Any, uow: Callable[[], UnitOfWork], **fields: Any) -> Any:
    case = desk.open(**fields)
    cases.assign_case(uow(), desk.sofia, case.id, "ana")
    return cases.move_case(uow(), desk.ana, case.id, "in_progress")


def _billable_minutes(uow: UnitOfWork, case_id: int) -> int:
    with uow:
        return sum(e.minutes for e in uow.time.for_case(case_id) if e.billable)


def _counted_minutes(uow: UnitOfWork, case_id: int) -> int:
    """What the contract ledger holds for the case: the net of its posts and reversals."""
    with uow:
        return sum(e.minutes for e in uow.contracts.ledger_for_case(case_id))


def _overlaps(uow: UnitOfWork, executor_id: int) -> list[tuple[int, int]]:
    with uow:
        entries = [e for e in uow.time.for_executor(executor_id, DAY, DAY) if e.timed]
    return [
        (a.id, b.id)  # type: ignore[misc]
        for a in entries
        for b in entries
        if a.id < b.id and a.start < b.end and b.start < a.end  # type: ignore[operator]
    ]


# -- finishing a case while time is logged on it ------------------------------------


def finish_while_time_is_logged(desk: Any, db: Database, uow: Callable[[], UnitOfWork]) -> Any:
    case = _in_progress(desk, uow, billable=True, contract=desk.hours.id)
    worklog.log_time(uow(), desk.ana, case.id, work_date=DAY, minutes=60)
    run = interleave(
        db,
        lambda: worklog.log_time(uow(), desk.ana, case.id, work_date=DAY, minutes=30),
        r"^INSERT INTO time_entry",
        lambda: cases.move_case(uow(), desk.sofia, case.id, "finished", solution="Hecho"),
    )
    return case, run


def test_a_case_finished_while_time_is_logged_on_it_charges_the_contract_that_time_too(desk, db):
    case, run = finish_while_time_is_logged(desk, db, desk.uow)
    assert (run.first.error, run.second.error) == (None, None)
    assert _billable_minutes(desk.uow(), case.id) == 90
    assert _counted_minutes(desk.uow(), case.id) == 90
    assert run.second_waited


# -- one person's time and timer ----------------------------------------------------


def test_one_persons_entries_for_the_same_hour_on_two_cases_are_not_both_kept(desk, db):
    one, two = _in_progress(desk, desk.uow), _in_progress(desk, desk.uow)
    ten = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)

    def log(case: Any, start: datetime) -> Any:
        end = start + timedelta(hours=1)
        return worklog.log_time(desk.uow(), desk.ana, case.id, work_date=DAY, start=start, end=end)

    run = interleave(
        db,
        lambda: log(one, ten),
        r"^INSERT INTO time_entry",
        lambda: log(two, ten + timedelta(minutes=30)),
    )
    assert run.first.error is None
    assert run.second.code == "time.overlap"
    assert _overlaps(desk.uow(), desk.ana.id) == []
    assert run.second_waited


def test_a_timer_stopped_from_two_terminals_at_once_becomes_its_entry_once(desk, db):
    case = _in_progress(desk, desk.uow)
    timers.start_timer(desk.uow(), desk.ana, case.id, UTC)
    desk.clock.advance(minutes=45)
    run = interleave(
        db,
        lambda: timers.stop_timer(desk.uow(), desk.ana, UTC),
        r"^INSERT INTO time_entry",
        lambda: timers.stop_timer(desk.uow(), desk.ana, UTC),
    )
    assert run.first.error is None
    assert run.second.code == "timer.none"
    with desk.uow() as uow:
        assert [e.minutes for e in uow.time.for_case(case.id)] == [45]
        assert uow.timers.get(desk.ana.id) is None
    assert run.second_waited


def test_two_terminals_starting_a_timer_at_once_lose_neither_start(desk, db):
    one, two = _in_progress(desk, desk.uow), _in_progress(desk, desk.uow)
    run = interleave(
        db,
        lambda: timers.start_timer(desk.uow(), desk.ana, one.id, UTC),
        r"FROM running_timer",
        lambda: timers.start_timer(desk.uow(), desk.ana, two.id, UTC),
    )
    assert (run.first.error, run.second.error) == (None, None)
    _timer, stopped = run.second.value
    assert stopped is not None and stopped.number == one.number  # the first one, stopped
    with desk.uow() as uow:
        assert uow.timers.get(desk.ana.id).case_id == two.id  # type: ignore[union-attr]
        assert len(uow.time.for_case(one.id)) == 1
    assert run.second_waited


def test_a_time_entry_deleted_while_another_terminal_edits_it_is_reported_gone(desk, db):
    case = _in_progress(desk, desk.uow)
    entry = worklog.log_time(desk.uow(), desk.ana, case.id, work_date=DAY, minutes=30)
    run = interleave(
        db,
        lambda: worklog.delete_time(desk.uow(), desk.ana, entry.id),
        r"^DELETE FROM time_entry",
        lambda: worklog.edit_time(desk.uow(), desk.ana, entry.id, {"minutes": 45}),
    )
    assert run.first.error is None
    assert isinstance(run.second.error, NotFound), repr(run.second.error)
    with desk.uow() as uow:
        assert uow.time.for_case(case.id) == []
        deleted = [line for line in uow.log.for_case(case.id) if "deleted" in (line.new or "")]
    assert len(deleted) == 1
    assert run.second_waited


# -- cases ---------------------------------------------------------------------------


def test_a_case_reopened_from_two_terminals_at_once_is_reversed_on_its_contract_once(desk, db):
    case = _in_progress(desk, desk.uow, billable=True, contract=desk.hours.id)
    worklog.log_time(desk.uow(), desk.ana, case.id, work_date=DAY, minutes=90)
    cases.move_case(desk.uow(), desk.ana, case.id, "finished", solution="Hecho")

    def reopen(by: Any) -> Any:
        return cases.move_case(desk.uow(), by, case.id, "in_progress", note="Volvió a fallar")

    run = interleave(
        db, lambda: reopen(desk.sofia), r"^INSERT INTO ledger_entry", lambda: reopen(desk.admin)
    )
    assert run.first.error is None
    assert isinstance(run.second.error, TransitionRefused), repr(run.second.error)
    assert "in_progress" in str(run.second.error)
    with desk.uow() as uow:
        assert [e.minutes for e in uow.contracts.ledger_for_case(case.id)] == [90, -90]
    assert run.second_waited


def test_two_attachments_at_a_cases_limit_leave_it_at_its_limit(desk, db):
    case = desk.open()
    files.set_file_limits(desk.uow(), desk.admin, max_per_case=2)

    def attach(name: str) -> Any:
        return files.attach_file(desk.uow(), desk.sofia, case.id, BytesIO(name.encode()), name=name)

    attach("uno.txt")
    run = interleave(
        db, lambda: attach("dos.txt"), r"^INSERT INTO attachment", lambda: attach("tres.txt")
    )
    assert run.first.error is None
    assert run.second.code == "files.too_many"
    with desk.uow() as uow:
        assert len(uow.files.for_case(case.id)) == 2
    assert run.second_waited


# -- people --------------------------------------------------------------------------


def test_two_admins_removing_each_other_at_once_leave_the_desk_an_admin(desk, db):
    other = admin.add_user(desk.uow(), desk.admin, "root2", role="admin", name="Otra admin")
    run = interleave(
        db,
        lambda: admin.update_user(desk.uow(), desk.admin, "root2", active=False),
        r"^SELECT count\(\*\)\s.*\sFROM desk_user\s",
        lambda: admin.update_user(desk.uow(), other, "admin", active=False),
    )
    assert run.first.error is None
    assert isinstance(run.second.error, DomainError), repr(run.second.error)
    with desk.uow() as uow:
        assert uow.users.count_admins() == 1
    assert run.second_waited


# -- the same interleavings without row locks ---------------------------------------
# On PostgreSQL only: SQLite serializes every writer at BEGIN IMMEDIATE, there is no
# lock to take away.


@dataclass
class Unlocked:
    """The same desk with its row locks compiled away."""

    db: Database
    clock: Any

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.db, clock=self.clock)


@pytest.fixture
def unlocked(db: Database, desk: Any) -> Iterator[Unlocked]:
    without = ops.unlocked_database(db.url)
    yield Unlocked(without, desk.clock)
    without.dispose()


@pytest.mark.postgresql_only
def test_without_row_locks_a_finish_misses_the_time_logged_meanwhile(desk, unlocked):
    """The negative control of the first test: it can fail, and does here."""
    case, run = finish_while_time_is_logged(desk, unlocked.db, unlocked.uow)
    assert (run.first.error, run.second.error) == (None, None)
    assert not run.second_waited
    assert _billable_minutes(desk.uow(), case.id) == 90
    assert _counted_minutes(desk.uow(), case.id) == 60  # the contract was never charged 30 min


@pytest.mark.postgresql_only
def test_without_row_locks_one_person_keeps_two_entries_for_the_same_hour(desk, unlocked):
    one, two = _in_progress(desk, unlocked.uow), _in_progress(desk, unlocked.uow)
    ten = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)

    def log(case: Any, start: datetime) -> Any:
        end = start + timedelta(hours=1)
        return worklog.log_time(
            unlocked.uow(), desk.ana, case.id, work_date=DAY, start=start, end=end
        )

    run = interleave(
        unlocked.db,
        lambda: log(one, ten),
        r"^INSERT INTO time_entry",
        lambda: log(two, ten + timedelta(minutes=30)),
    )
    assert (run.first.error, run.second.error) == (None, None)
    assert len(_overlaps(desk.uow(), desk.ana.id)) == 1


@pytest.mark.postgresql_only
def test_without_row_locks_two_admins_remove_each_other(desk, unlocked):
    other = admin.add_user(unlocked.uow(), desk.admin, "root2", role="admin", name="Otra admin")
    run = interleave(
        unlocked.db,
        lambda: admin.update_user(unlocked.uow(), desk.admin, "root2", active=False),
        r"^SELECT count\(\*\)\s.*\sFROM desk_user\s",
        lambda: admin.update_user(unlocked.uow(), other, "admin", active=False),
    )
    assert (run.first.error, run.second.error) == (None, None)
    with desk.uow() as uow:
        assert uow.users.count_admins() == 0


# -- reading while others write ------------------------------------------------------


def test_a_desk_check_while_a_case_is_finished_sees_the_finish_whole_or_not_at_all(desk, db):
    """``db check`` reads the ledger, then the cases' statuses: on PostgreSQL's READ
    COMMITTED a finish committed between the two reads was a false problem ("finished but
    the ledger counts it 0 instead of once"), and on SQLite the check held the write lock
    all along. A read-only unit of work reads one snapshot and holds nothing."""
    case = _in_progress(desk, desk.uow, billable=True, contract=desk.hours.id)
    worklog.log_time(desk.uow(), desk.ana, case.id, work_date=DAY, minutes=60)
    cases.move_case(desk.uow(), desk.sofia, case.id, "finished", solution="Hecho")
    cases.move_case(desk.uow(), desk.sofia, case.id, "in_progress", note="Otra vez")
    run = interleave(
        db,
        lambda: maintenance.check(desk.uow(), desk.admin),
        r"FROM ledger_entry",
        lambda: cases.move_case(desk.uow(), desk.sofia, case.id, "finished", solution="Hecho"),
    )
    assert (run.first.error, run.second.error) == (None, None)
    assert run.first.value == []
    assert not run.second_waited  # a check holds nothing: operators go on working
    assert maintenance.check(desk.uow(), desk.admin) == []


# -- PostgreSQL's own refusals: a row held too long, two transactions in a circle --------


def _held_by_another(db: Database, case_id: int) -> Any:
    """A raw server transaction that holds the case's row until rolled back."""
    connection = db.engine.raw_connection()
    connection.cursor().execute("SELECT id FROM support_case WHERE id = %s FOR UPDATE", (case_id,))
    return connection


@pytest.mark.postgresql_only
def test_a_row_held_past_the_timeout_is_a_sentence_and_nothing_changes(desk, db):
    case = _in_progress(desk, desk.uow)
    db.engine.dispose()  # new connections, each waiting 0.3 s instead of 5 s for a held row
    event.listen(
        db.engine,
        "connect",
        lambda dbapi, _record: (dbapi.execute("SET lock_timeout = 300"), dbapi.commit()),
    )
    holder = _held_by_another(db, case.id)
    try:
        with pytest.raises(DomainError) as refused:
            cases.edit_case(desk.uow(), desk.sofia, case.id, {"level": 7})
    finally:
        holder.rollback()
        holder.close()
    assert refused.value.code == "store.held"
    assert "held this record for more than 5 s; nothing was changed" in str(refused.value)
    with desk.uow() as uow:
        assert uow.cases.get(case.id).level == 0


@pytest.mark.postgresql_only
def test_a_deadlock_the_server_breaks_is_a_sentence_that_says_to_try_again(desk, db):
    """Two transactions each holding what the other wants: PostgreSQL rolls one back. The
    store's own order (people, then cases by number) never builds such a circle; this one
    is built by hand, the desk's transaction waiting first so that it is the one undone."""
    one, two = _in_progress(desk, desk.uow), _in_progress(desk, desk.uow)
    other = _held_by_another(db, two.id)
    # The server undoes the transaction whose deadlock check runs first: each checks once it
    # has waited deadlock_timeout (1 s). The desk's waits first, by a few milliseconds only,
    # which a loaded machine can reverse; the other transaction checks after 30 s instead
    # (a superuser's setting: the test run's own cluster), so the desk's is the one undone.
    cursor = other.cursor()
    cursor.execute("SAVEPOINT before_setting")
    try:
        cursor.execute("SET LOCAL deadlock_timeout = '30s'")
    except Exception:  # not a superuser (DESKTUI_TEST_PG=URL): the few milliseconds it is
        cursor.execute("ROLLBACK TO SAVEPOINT before_setting")
    waiting = threading.Event()

    def close_the_circle() -> None:
        while not _waiting_for_a_lock(db):
            time.sleep(0.01)
        waiting.set()
        other.cursor().execute("SELECT id FROM support_case WHERE id = %s FOR UPDATE", (one.id,))

    closer = threading.Thread(target=close_the_circle)
    try:
        with pytest.raises(DomainError) as crossed, desk.uow() as uow:
            uow.cases.hold(one.id)
            closer.start()
            uow.cases.hold(two.id)  # waits for the other, which then waits for this one
    finally:
        closer.join(10)
        other.rollback()
        other.close()
    assert waiting.is_set()
    assert crossed.value.code == "store.crossed"
    assert "crossed this one at the same moment" in str(crossed.value)
    assert str(crossed.value).endswith("nothing was changed: try again")
