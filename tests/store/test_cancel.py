"""A read can be abandoned from another thread: the list cancels what nobody will see."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import text

from deskTUI.store.cancel import Cancel, Cancelled
from deskTUI.store.database import open_database
from deskTUI.store.uow import UnitOfWork

# A statement that runs for minutes unless stopped: a recursive count to a billion.
ENDLESS = text(
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) "
    "SELECT count(*) FROM n"
)


@pytest.fixture
def db(tmp_path):
    database = open_database(str(tmp_path / "desk.db"))
    yield database
    database.dispose()


def test_a_running_read_stops_when_it_is_cancelled_from_another_thread(db):
    cancel = Cancel()
    outcome: list[object] = []

    def read() -> None:
        try:
            with UnitOfWork(db, readonly=True, cancel=cancel) as uow:
                outcome.append(uow.session.execute(ENDLESS).scalar_one())
        except Cancelled as stopped:
            outcome.append(stopped)

    worker = threading.Thread(target=read)
    started = time.monotonic()
    worker.start()
    time.sleep(0.2)  # the statement is running by now
    cancel.cancel()
    worker.join(timeout=10)
    assert not worker.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], Cancelled)
    assert time.monotonic() - started < 10  # stopped, not finished (that takes minutes)


def test_a_read_cancelled_before_it_starts_does_not_start(db):
    cancel = Cancel()
    cancel.cancel()
    with pytest.raises(Cancelled), UnitOfWork(db, readonly=True, cancel=cancel):
        pytest.fail("the unit of work must not open")


def test_a_finished_read_is_not_disturbed_by_a_late_cancel(db):
    cancel = Cancel()
    with UnitOfWork(db, readonly=True, cancel=cancel) as uow:
        value = uow.session.execute(text("SELECT 41 + 1")).scalar_one()
    cancel.cancel()  # the connection went back to the pool: nothing to interrupt
    with UnitOfWork(db, readonly=True) as uow:  # and the pooled connection still works
        assert uow.session.execute(text("SELECT 1")).scalar_one() == 1
    assert value == 42
