"""The demo desk: the same seed gives the same rows, however the generator is made faster."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from deskTUI.services import demo
from deskTUI.store import search_index
from deskTUI.store.database import Database, open_database

# The demo's bulk load writes SQLite's own file (two processes, transfer copies); it binds
# datetimes as SQLite text, which a server database refuses (issue 8).
pytestmark = pytest.mark.sqlite_only

NOW = datetime(2026, 3, 2, 15, 4, tzinfo=UTC)

# sha256 of the rows the first (plain) generator made for seed 5, 2,000 cases, at NOW:
# any change to the order or the form of the random draws changes them.
SERIAL_DIGEST = "318fd70f5d7e3b8d89f82087a7f7e3c8307d7c4bad40edcbbc08f3c7f6fadc14"
PARALLEL_DIGEST = "509786f2b5c0afa6c7f49300d434fb185ebbadf672ac639417d9aa68ee08c29d"
"""The same with the two-process path (from 1,000 cases on): seeds ``5:a`` and ``5:b``."""


DIGESTED = {
    "support_case": (
        "id", "version", "title", "client_id", "contact_id", "assignee_id", "reporter_id",
        "area_id", "category_id", "priority", "importance", "status", "stage", "progress",
        "internal", "origin", "description", "solution", "created_at", "updated_at",
        "estimate_minutes", "complexity", "level", "billable", "cost_per_hour", "contract_id",
        "quote_status", "quote_price", "quote_currency", "quote_minutes", "quote_message",
        "payment_status", "first_response_at", "resolved_at", "closed_minutes", "group_name",
        "product", "case_class", "service", "support_type", "project", "sale_order",
        "chat_channel",
    ),
    "case_log": (
        "case_id", "at", "actor_id", "kind", "field", "old", "new", "from_status", "to_status",
        "note",
    ),
    "time_entry": (
        "case_id", "executor_id", "work_date", "minutes", "description", "billable", "start_at",
        "end_at", "article", "created_by",
    ),
    "case_comment": ("case_id", "author_id", "body", "visibility", "created_at"),
    "calendar_event": ("case_id", "title", "kind", "start_at", "end_at", "owner_id", "status"),
    "calendar_task": ("case_id", "title", "due", "owner_id", "status"),
    "attachment": (
        "case_id", "name", "size", "media_type", "sha256", "uploader_id", "uploaded_at", "review",
    ),
    "survey": ("case_id", "respondent_id", "score", "comment", "answered_at"),
    "ledger_entry": ("contract_id", "case_id", "units_e4", "minutes", "kind", "at", "actor_id"),
}  # fmt: skip
"""The columns the demo fills, named here (not taken from services/demo.py), so a change
to how the demo writes its rows cannot change what the digests cover."""


def rows_digest(db: Database) -> str:
    """The generated columns of every row table, in id order (not what the schema adds)."""
    digest = hashlib.sha256()
    with sqlite3.connect(str(db.engine.url.database)) as connection:
        for table, columns in DIGESTED.items():
            statement = f"SELECT id, {', '.join(columns)} FROM {table} ORDER BY id"
            for row in connection.execute(statement):
                digest.update(repr(row).encode())
    return digest.hexdigest()


@pytest.mark.parametrize(
    ("parallel_from", "expected"),
    [(100_000, SERIAL_DIGEST), (1_000, PARALLEL_DIGEST)],
    ids=["one-process", "two-processes"],
)
def test_a_seed_gives_the_rows_it_always_gave(db, monkeypatch, parallel_from, expected):
    monkeypatch.setattr(demo, "PARALLEL_FROM", parallel_from)
    summary = demo.build_demo(db, "root", cases=2_000, seed=5, now=NOW)
    assert summary["cases"] == 2_000
    assert rows_digest(db) == expected


@pytest.mark.parametrize("parallel_from", [100_000, 200], ids=["one-process", "two-processes"])
def test_the_demo_desk_can_be_searched_by_title_description_and_comment(
    db, monkeypatch, parallel_from
):
    """The load drops the search index's triggers; it must be rebuilt whole after."""
    monkeypatch.setattr(demo, "PARALLEL_FROM", parallel_from)
    demo.build_demo(db, "root", cases=400, seed=5, now=NOW)
    with sqlite3.connect(str(db.engine.url.database)) as connection:

        def ids(statement: str) -> set[int]:
            return {row[0] for row in connection.execute(statement)}

        search = f"SELECT rowid FROM {search_index.TABLE} WHERE {search_index.TABLE} MATCH"
        assert ids(f"SELECT rowid FROM {search_index.TABLE}") == set(range(1, 401))
        by_comment = ids("SELECT case_id FROM case_comment WHERE body LIKE 'Revisando%'")
        by_title = ids("SELECT id FROM support_case WHERE title LIKE '%impresora%'")
        by_description = ids("SELECT id FROM support_case WHERE description LIKE '%logs%'")
        assert by_comment and by_title and by_description
        assert ids(f"{search} 'revisando'") == by_comment
        assert ids(f"{search} 'impresora'") == by_title
        assert ids(f"{search} 'logs'") == by_description


# -- the load's window out of WAL mode (services/demo.py ``_loading``) -------------------


def pragma(db: Database, name: str) -> object:
    """A pragma as the desk's own (pooled) write connections see it."""
    with db.engine.connect() as connection:
        return connection.exec_driver_sql(f"PRAGMA {name}").scalar()


def test_a_parallel_demo_is_consistent_and_the_desk_is_back_in_wal_mode(db, monkeypatch):
    monkeypatch.setattr(demo, "PARALLEL_FROM", 200)
    demo.build_demo(db, "root", cases=400, seed=5, now=NOW)
    path = str(db.engine.url.database)
    with sqlite3.connect(path) as connection:
        # Foreign keys were not checked row by row during the load: check them all now.
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert not Path(path + "-journal").exists()
    assert (pragma(db, "synchronous"), pragma(db, "foreign_keys")) == (2, 1)  # FULL, ON


CRASH = """
import os, sys
from contextlib import contextmanager
from deskTUI.services import demo
from deskTUI.store.database import open_database

demo.BATCH = 250
real_bulk_load, real_insert_rows = demo.bulk_load, demo.insert_rows
calls = 0

@contextmanager
def small_cache_bulk_load(connection, tables):
    print(os.path.getsize(sys.argv[1]), flush=True)  # the desk, people made, before the load
    with real_bulk_load(connection, tables):
        # A small cache spills pages into the desk file before the commit, as a
        # million cases do: the crash then finds the file already changed.
        connection.exec_driver_sql("PRAGMA cache_size = 20")
        yield

def insert_then_die(connection, *args, **kwargs):
    global calls
    calls += 1
    if calls == 50:  # some batches in, mid-transaction
        print(os.path.exists(sys.argv[1] + "-journal"), os.path.getsize(sys.argv[1]), flush=True)
        os._exit(3)
    return real_insert_rows(connection, *args, **kwargs)

demo.bulk_load, demo.insert_rows = small_cache_bulk_load, insert_then_die
demo.build_demo(open_database(sys.argv[1]), "root", cases=3000, seed=5)
"""


def test_a_demo_killed_halfway_leaves_the_desk_as_it_was_before_the_load(tmp_path):
    path = tmp_path / "desk.db"
    fresh = open_database(str(tmp_path / "fresh.db"))
    schema = "SELECT type, name, sql FROM sqlite_master ORDER BY name"
    with sqlite3.connect(str(tmp_path / "fresh.db")) as connection:
        expected_schema = connection.execute(schema).fetchall()
    fresh.dispose()

    crashed = subprocess.run(
        [sys.executable, "-c", CRASH, str(path)], capture_output=True, text=True, check=False
    )
    assert crashed.returncode == 3, crashed.stderr
    size_before, journal_then, size_then = crashed.stdout.split()
    assert journal_then == "True" and Path(f"{path}-journal").exists()  # a hot journal
    assert int(size_then) > int(size_before)  # the load had already written into the desk

    db = open_database(str(path))  # the first connection rolls the load back
    try:
        with sqlite3.connect(str(path)) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert connection.execute("SELECT count(*) FROM support_case").fetchone() == (0,)
            assert connection.execute("SELECT count(*) FROM case_log").fetchone() == (0,)
            assert connection.execute("SELECT count(*) FROM desk_user").fetchone()[0] > 10
            assert connection.execute(schema).fetchall() == expected_schema  # indexes, triggers
            assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert not Path(f"{path}-journal").exists()
        # and the demo can simply be built again on it
        assert demo.build_demo(db, "root", cases=50, seed=5, now=NOW)["cases"] == 50
    finally:
        db.dispose()


def test_with_the_desk_open_elsewhere_the_load_goes_through_the_wal(db):
    other = sqlite3.connect(str(db.engine.url.database), timeout=0)
    try:
        assert other.execute("SELECT count(*) FROM support_case").fetchone() == (0,)
        started = time.monotonic()
        demo.build_demo(db, "root", cases=300, seed=5, now=NOW)
        assert time.monotonic() - started < 4.5  # gave up leaving WAL at once, no 5 s wait
        assert other.execute("SELECT count(*) FROM support_case").fetchone() == (300,)
        assert other.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    finally:
        other.close()
    assert (pragma(db, "synchronous"), pragma(db, "foreign_keys")) == (2, 1)


def test_two_processes_copy_the_cases_and_their_indexes_by_sqlites_transfer(db, monkeypatch):
    """The cases move between tables of one definition by ``INSERT … SELECT *`` (no decoding,
    no sort); should SQLite refuse the transfer (a trigger left on the table, definitions that
    differ), the statement fails here instead of falling back to the slow copy."""
    copied = []

    def transfer_only(connection, source):
        table = demo.CASE_TABLE
        connection.exec_driver_sql(f"INSERT INTO main.{table} SELECT * FROM {source}.{table}")
        copied.append(source)

    monkeypatch.setattr(demo, "_copy_cases", transfer_only)
    monkeypatch.setattr(demo, "PARALLEL_FROM", 200)
    demo.build_demo(db, "root", cases=400, seed=5, now=NOW)
    assert copied[-1] == "cases"  # the helper's, with their index entries
    with sqlite3.connect(str(db.engine.url.database)) as connection:
        # every index entry is there and agrees with its row; the next case number follows
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        next_number = "SELECT seq FROM sqlite_sequence WHERE name = 'support_case'"
        assert connection.execute(next_number).fetchone() == (400,)
        assert connection.execute("SELECT count(*) FROM support_case").fetchone() == (400,)


def test_two_processes_with_the_desk_open_elsewhere_merge_through_the_wal_without_the_helper(
    db, monkeypatch, tmp_path
):
    """Foreign keys stay on in WAL mode, so no transfer: the cases are copied column by column,
    and the desk is the one the helper's way makes."""
    monkeypatch.setattr(demo, "PARALLEL_FROM", 200)
    other = sqlite3.connect(str(db.engine.url.database), timeout=0)
    try:
        assert other.execute("SELECT count(*) FROM support_case").fetchone() == (0,)
        demo.build_demo(db, "root", cases=400, seed=5, now=NOW)
        assert other.execute("SELECT count(*) FROM support_case").fetchone() == (400,)
        assert other.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        other.close()
    twin = open_database(str(tmp_path / "twin.db"))
    try:
        demo.build_demo(twin, "root", cases=400, seed=5, now=NOW)
        assert rows_digest(db) == rows_digest(twin)
    finally:
        twin.dispose()
