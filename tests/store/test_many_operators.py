"""Many operators, one desk: real processes writing one SQLite file at once.

The operators run in other processes (``many_operators.py``) and make real
service calls: time entries, timers, comments, field edits, finishing and
reopening cases under contracts. Each reports what its calls committed; the
database must hold exactly the sum, nothing lost and nothing twice.

The figures (transactions, errors, seconds, tx/s) are printed: see them with
``pytest -rA tests/store/test_many_operators.py`` (or ``-s -n 0``).
"""

from __future__ import annotations

import importlib
import sqlite3
import sys
from collections import Counter
from pathlib import Path

import pytest

from deskTUI.services import maintenance
from deskTUI.store.uow import UnitOfWork

pytestmark = pytest.mark.sqlite_only  # the SQLite file itself: its locks, its bytes

if str(Path(__file__).parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).parent))
ops = importlib.import_module("many_operators")


def _sum(reports, field: str) -> Counter:
    total: Counter = Counter()
    for report in reports:
        total.update(getattr(report, field))
    return total


def _figures(label: str, reports, seconds: float) -> str:
    transactions = sum(r.transactions for r in reports)
    committed = sum(r.committed for r in reports)
    errors = sum(len(r.errors) for r in reports)
    return (
        f"\n{label}: {transactions} transactions, {committed} committed, {errors} errors, "
        f"{seconds:.1f} s, {committed / seconds:.0f} tx/s"
    )


def _one(connection: sqlite3.Connection, sql: str, *params: object) -> tuple:
    return connection.execute(sql, params).fetchone()


def test_sixteen_processes_of_two_hundred_mixed_transactions_each_lose_nothing(desk, db, tmp_path):
    path = db.engine.url.database
    floor = ops.build_floor(desk, path, operators=16)
    db.dispose()

    reports, seconds = ops.run_operators(floor, 200, tmp_path)

    print(_figures("16 processes x 200 transactions, BEGIN IMMEDIATE", reports, seconds))
    assert [e for r in reports for e in r.errors] == []
    assert sum(r.committed for r in reports) == 16 * 200

    entries, minutes, comments = (_sum(reports, f) for f in ("entries", "minutes", "comments"))
    saves, ledger_entries, ledger_e4 = (
        _sum(reports, f) for f in ("saves", "ledger_entries", "ledger_e4")
    )
    statuses = {case: s for r in reports for case, s in r.status.items()}
    connection = sqlite3.connect(path)
    try:
        # Time entries and comments: exactly those the operators saw committed.
        assert _one(connection, "SELECT count(*), sum(minutes) FROM time_entry") == (
            sum(entries.values()),
            sum(minutes.values()),
        )
        for case_id, count in entries.items():
            assert _one(
                connection,
                "SELECT count(*), sum(minutes) FROM time_entry WHERE case_id = ?",
                int(case_id),
            ) == (count, minutes[case_id])
        assert _one(connection, "SELECT count(*) FROM case_comment") == (sum(comments.values()),)
        for case_id, count in comments.items():
            assert _one(
                connection, "SELECT count(*) FROM case_comment WHERE case_id = ?", int(case_id)
            ) == (count,)
        # Every save of a case added exactly one to its version; the status is the last one.
        for case_id, version in floor.versions.items():
            assert _one(
                connection, "SELECT version, status FROM support_case WHERE id = ?", case_id
            ) == (version + saves[str(case_id)], statuses[str(case_id)])
        # The contract ledger: every post and reversal, and the exact net units.
        for name, contract_id in floor.contracts.items():
            assert _one(
                connection,
                "SELECT count(*), coalesce(sum(units_e4), 0) FROM ledger_entry WHERE contract_id = ?",
                contract_id,
            ) == (ledger_entries[name], ledger_e4[name])
        assert _one(connection, "SELECT count(*) FROM running_timer") == (
            sum(r.timer_running for r in reports),
        )
        assert _one(connection, "PRAGMA integrity_check") == ("ok",)
    finally:
        connection.close()
    assert maintenance.check(desk.uow(), desk.admin) == []


def test_the_same_load_with_a_deferred_begin_fails_with_database_is_locked(desk, db, tmp_path):
    """The negative control: the test above can fail. Without ``BEGIN IMMEDIATE`` a
    transaction reads, another commits, and its upgrade to a writer is refused at once."""
    path = db.engine.url.database
    floor = ops.build_floor(desk, path, operators=8)
    db.dispose()

    reports, seconds = ops.run_operators(floor, 40, tmp_path, deferred=True)

    print(_figures("8 processes x 40 transactions, deferred BEGIN", reports, seconds))
    errors = [e for r in reports for e in r.errors]
    assert len(errors) > 0
    assert all("database is locked" in e for e in errors), errors[:3]
    assert sum(r.committed for r in reports) + len(errors) == 8 * 40


def test_two_to_eight_stale_copies_saved_at_once_leave_one_winner_and_conflicts_for_the_rest(
    desk, db, tmp_path
):
    path = db.engine.url.database
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
