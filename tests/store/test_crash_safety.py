"""Killed in the middle of writing: SIGKILL loses no acknowledged commit.

A child process writes real service transactions (time entries, comments,
finishing and reopening a case under the hours contract) one after another and
appends an acknowledgement line after each commit returns. The parent kills it
with SIGKILL at a random moment, fifty times over, and after every kill checks
the database as the next operator would find it: every acknowledged commit is
there, SQLite's integrity check says ok, and the desk's own check finds the
contract ledger in step with the cases.
"""

from __future__ import annotations

import importlib
import os
import random
import signal
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from deskTUI.services import maintenance
from deskTUI.store.database import open_database
from deskTUI.store.uow import UnitOfWork

pytestmark = pytest.mark.sqlite_only  # the SQLite file itself: its locks, its bytes

if str(Path(__file__).parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).parent))
ops = importlib.import_module("many_operators")

ROUNDS = 50


def _acknowledged(acks: Path) -> list[list[str]]:
    """The complete lines after "ready" (a line is complete once its newline is written)."""
    lines = acks.read_text().split("\n")[:-1] if acks.exists() else []
    assert lines[:1] == ["ready"], lines[:1]
    return [line.split() for line in lines[1:]]


def _wait_until_ready(acks: Path, child) -> None:
    deadline = time.monotonic() + 60
    while not (acks.exists() and acks.read_text().startswith("ready\n")):
        assert child.is_alive(), f"the writer ended with {child.exitcode} before it was ready"
        assert time.monotonic() < deadline, "the writer never got ready"
        time.sleep(0.002)


def test_fifty_sigkills_at_random_moments_lose_no_acknowledged_commit(desk, db, tmp_path):
    path = db.engine.url.database
    floor = ops.build_floor(desk, path, operators=1, shared=1)
    db.dispose()
    me, [shared] = floor.operators[0], floor.shared_cases
    context = ops.helper_context()
    rng = random.Random(7)
    times: dict[int, int] = {}
    comments: set[int] = set()
    moves = 0
    last_move: tuple[str, int] | None = None  # the own case's acknowledged status and version
    started = time.perf_counter()

    for round_ in range(ROUNDS):
        acks = tmp_path / f"acks-{round_:02d}.txt"
        child = context.Process(
            target=ops.write_until_killed,
            args=(path, me.login, me.hours_case, shared, str(acks)),
        )
        child.start()
        _wait_until_ready(acks, child)
        time.sleep(rng.uniform(0, 0.2))
        os.kill(child.pid, signal.SIGKILL)
        child.join(timeout=30)
        assert child.exitcode == -signal.SIGKILL

        for kind, *values in _acknowledged(acks):
            if kind == "time":
                times[int(values[0])] = int(values[1])
            elif kind == "comment":
                comments.add(int(values[0]))
            else:
                moves += 1
                last_move = (values[1], int(values[2]))

        # What the next operator finds: the desk opened afresh after the kill.
        after = open_database(path)
        try:
            with after.read_engine.connect() as connection:
                raw = connection.connection.driver_connection
                stored = dict(raw.execute("SELECT id, minutes FROM time_entry").fetchall())
                assert {i: stored.get(i) for i in times} == times, f"round {round_}"
                stored_comments = {i for (i,) in raw.execute("SELECT id FROM case_comment")}
                assert comments <= stored_comments, f"round {round_}"
                status, version = raw.execute(
                    "SELECT status, version FROM support_case WHERE id = ?", (me.hours_case,)
                ).fetchone()
                if last_move is not None:
                    # Later, unacknowledged moves may have committed too; never fewer.
                    assert version >= last_move[1], f"round {round_}"
                    assert version > last_move[1] or status == last_move[0], f"round {round_}"
                assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert maintenance.check(UnitOfWork(after), desk.admin) == [], f"round {round_}"
        finally:
            after.dispose()

    seconds = time.perf_counter() - started
    acknowledged = len(times) + len(comments) + moves
    print(
        f"\n{ROUNDS} SIGKILL rounds: {acknowledged} acknowledged commits "
        f"({len(times)} time entries, {len(comments)} comments, {moves} finish/reopen), "
        f"all present, integrity ok, desk check clean, {seconds:.1f} s"
    )
    assert moves > 0 and times and comments  # the kills did land among every kind of write
    connection = sqlite3.connect(path)
    try:
        ledger = connection.execute(
            "SELECT count(*) FROM ledger_entry WHERE case_id = ?", (me.hours_case,)
        ).fetchone()[0]
    finally:
        connection.close()
    assert ledger > 0  # finishing posted to the contract, reopening reversed it
