"""Many operators, one desk: real processes writing one desk at once.

The operators run in other processes (``many_operators.py``) and make real
service calls: time entries, timers, comments, field edits, finishing and
reopening cases under contracts; some of it on things everyone changes at once
(shared cases finished and reopened by anyone, one person's timer driven from
every terminal). Each reports what its calls committed or were refused; the
database must hold exactly the sum, nothing lost and nothing twice, and every
case's log must tell a story its contract ledger agrees with.

On SQLite (a file) and, with ``DESKTUI_TEST_PG``, on PostgreSQL (a fresh
database each test, every process its own connections). The figures
(transactions, errors, seconds, tx/s) are printed: see them with
``pytest -rA tests/store/test_many_operators.py`` (or ``-s -n 0``).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from deskTUI.services import maintenance
from deskTUI.store.uow import UnitOfWork

if str(Path(__file__).parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).parent))
ops = importlib.import_module("many_operators")


def _figures(label: str, reports, seconds: float) -> str:
    transactions = sum(r.transactions for r in reports)
    committed = sum(r.committed for r in reports)
    refused = sum(sum(r.refused.values()) for r in reports)
    errors = sum(len(r.errors) for r in reports)
    return (
        f"\n{label}: {transactions} transactions, {committed} committed, {refused} refused "
        f"as expected, {errors} errors, {seconds:.1f} s, {transactions / seconds:.0f} tx/s"
    )


TRANSACTIONS = {"sqlite": 200, "postgresql": 120}
"""Per process. PostgreSQL runs fewer: here it does 80-110 transactions a second with
16 processes and their 16 server backends on two cores, SQLite 100-150, and the suite
has ten minutes in all."""


def test_sixteen_processes_of_mixed_transactions_at_full_speed_lose_nothing(desk, db, tmp_path):
    transactions = TRANSACTIONS[db.dialect]
    floor = ops.build_floor(desk, db.url, operators=16)
    db.dispose()

    reports, seconds = ops.run_operators(floor, transactions, tmp_path)

    label = f"16 processes x {transactions} transactions on {db.dialect}"
    print(_figures(label, reports, seconds))
    assert ops.violations(db, floor, reports) == []
    assert sum(r.transactions for r in reports) == 16 * transactions
    assert sum(r.committed for r in reports) > 16 * transactions // 2
    if db.dialect == "sqlite":
        with db.engine.connect() as connection:
            assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    assert maintenance.check(desk.uow(), desk.admin) == []


@pytest.mark.postgresql_only
def test_without_row_locks_the_same_load_on_postgresql_breaks_the_desk(desk, db, tmp_path):
    """The negative control on PostgreSQL: the test above can fail. With every
    ``FOR NO KEY UPDATE`` compiled away, operators interleave on the shared cases and
    on Tina's timer, and ``violations`` finds what that broke in the data itself (not
    only in what the operators were told): time in a finished case, a contract charged
    other minutes than the case's story says, one person's entries overlapping.
    Measured here: 7 to 18 such findings a run."""
    floor = ops.build_floor(desk, db.url, operators=8)
    db.dispose()

    reports, seconds = ops.run_operators(floor, 60, tmp_path, mode="unlocked", operators=8)

    print(_figures("8 processes x 60 transactions on postgresql, no row locks", reports, seconds))
    found = ops.violations(db, floor, reports)
    broken = [f for f in found if f.startswith(("case ", "entries "))]
    print("\n".join(broken[:8]))
    assert broken != []


@pytest.mark.sqlite_only
def test_the_same_load_with_a_deferred_begin_fails_with_database_is_locked(desk, db, tmp_path):
    """The negative control on SQLite: without ``BEGIN IMMEDIATE`` a transaction reads,
    another commits, and its upgrade to a writer is refused at once."""
    floor = ops.build_floor(desk, db.url, operators=8)
    db.dispose()

    reports, seconds = ops.run_operators(floor, 40, tmp_path, mode="deferred")

    print(_figures("8 processes x 40 transactions, deferred BEGIN", reports, seconds))
    errors = [e for r in reports for e in r.errors]
    assert len(errors) > 0
    assert all("database is locked" in e for e in errors), errors[:3]
    assert sum(r.committed + sum(r.refused.values()) for r in reports) + len(errors) == 8 * 40


def test_two_to_eight_stale_copies_saved_at_once_leave_one_winner_and_conflicts_for_the_rest(
    desk, db, tmp_path
):
    path = db.url
    floor = ops.build_floor(desk, path, operators=8, shared=1, own_cases=False)
    [case_id] = floor.shared_cases
    logins = [o.login for o in floor.operators]
    with UnitOfWork(db, readonly=True) as uow:
        start = uow.cases.get(case_id).version
    db.dispose()
    context = ops.helper_context()
    saved = 0
    for rivals in range(2, 9):
        ready, out = context.Barrier(rivals), context.Queue()
        processes = [
            context.Process(
                target=ops.save_stale,
                args=(path, login, case_id, f"Guardado por {login} ({rivals})", ready, out),
            )
            for login in logins[:rivals]
        ]
        for process in processes:
            process.start()
        results = [out.get(timeout=60) for _ in processes]
        for process in processes:
            process.join(timeout=60)
            assert process.exitcode == 0

        assert {read for _, read, _, _ in results} == {start + saved}  # all read version N
        winners = [login for login, _, outcome, _ in results if outcome == "saved"]
        losers = [message for _, _, outcome, message in results if outcome == "conflict"]
        assert len(winners) == 1, results
        assert len(losers) == rivals - 1, results
        for message in losers:
            assert f"was changed by {winners[0]}" in message
            assert "reload it to see their change" in message
        saved += 1
        with UnitOfWork(db, readonly=True) as uow:
            case = uow.cases.get(case_id)
        assert case.version == start + saved
        assert case.title == f"Guardado por {winners[0]} ({rivals})"
    db.dispose()
    assert saved == 7
