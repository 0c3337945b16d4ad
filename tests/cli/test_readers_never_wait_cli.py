"""Commands that only read answer while another operator's write transaction is open.

SQLite has one writer at a time: a command that took the write lock only to look up the
operator (``BEGIN IMMEDIATE``) waited behind every writer and failed after the busy
timeout with "database is locked". Here a real second connection holds a write
transaction open (``BEGIN IMMEDIATE`` on SQLite; on PostgreSQL, rows of the case and the
operator updated and held) while the read commands run.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from deskTUI.store.database import to_url
from deskTUI.store.dialect import BUSY_TIMEOUT_MS

from .conftest import ME, Cli

READ_COMMANDS: list[tuple[str, ...]] = [
    ("case", "list"),
    ("case", "list", "--json"),
    ("case", "show", "CS-000001"),
    ("case", "next"),
    ("time", "list", "CS-000001"),
    ("report", "weekly"),
    ("export", "cases"),
    ("agenda",),
    ("timesheet",),
    ("notifications",),
    ("user", "list"),
    ("client", "list"),
    ("area", "list"),
    ("contract", "list"),
    ("limits",),
    ("sla", "show"),
    ("timer", "show"),
    ("db", "check"),
]


@contextmanager
def write_transaction_held(shop: Cli) -> Iterator[None]:
    """Another operator's write transaction, open for as long as the block runs."""
    if not shop.on_server:
        other = sqlite3.connect(shop.path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # SQLite's write lock, held
        try:
            yield
        finally:
            other.execute("ROLLBACK")
            other.close()
        return
    engine = create_engine(to_url(shop.db), poolclass=NullPool)
    try:
        with engine.connect() as other:
            other.execute(text("UPDATE support_case SET title = title WHERE id = 1"))
            other.execute(text("UPDATE desk_user SET name = name WHERE login = :me"), {"me": ME})
            yield
            other.rollback()
    finally:
        engine.dispose()


def test_read_commands_answer_at_once_while_another_process_holds_a_write_transaction(shop):
    number = shop.working_case()
    shop.ok("time", "log", number, "--duration", "30m", "--note", "Diagnóstico", as_="ana")
    with write_transaction_held(shop):
        for command in READ_COMMANDS:
            started = time.monotonic()
            shop.ok(*command)
            took = time.monotonic() - started
            assert took < BUSY_TIMEOUT_MS / 1000 / 2, f"{command} waited {took:.1f} s"
        assert number in shop.ok("case", "list").out


def test_a_client_lists_their_cases_while_the_write_lock_is_held(shop):
    number = shop.open_case(as_="maria")
    with write_transaction_held(shop):
        assert number in shop.ok("case", "list", as_="maria").out
        assert shop.json("case", "show", number, as_="maria")["number"] == number
