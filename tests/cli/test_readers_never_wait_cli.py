"""Commands that only read answer while another operator's write transaction is open.

SQLite has one writer at a time: a command that took the write lock only to look up the
operator (``BEGIN IMMEDIATE``) waited behind every writer and failed after the busy
timeout with "database is locked". Here a real second connection holds a write
transaction open (``BEGIN IMMEDIATE`` on SQLite; on PostgreSQL, rows of the case and the
operator updated and held) while the read commands run.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from deskTUI.domain.errors import ValidationError
from deskTUI.i18n import error_text
from deskTUI.services import transfer
from deskTUI.services.identity import resolve_actor
from deskTUI.store.database import open_database, to_url
from deskTUI.store.dialect import BUSY_TIMEOUT_MS
from deskTUI.store.uow import UnitOfWork

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
            assert took < BUSY_TIMEOUT_MS / 1000, f"{command} waited {took:.1f} s"
        assert number in shop.ok("case", "list").out


def test_a_client_lists_their_cases_while_the_write_lock_is_held(shop):
    number = shop.open_case(as_="maria")
    with write_transaction_held(shop):
        assert number in shop.ok("case", "list", as_="maria").out
        assert shop.json("case", "show", number, as_="maria")["number"] == number


HEADER = "number,title,client,category,description\n"


class PausedImport:
    """``import_csv`` in a thread, reading a file that stops after its first row until
    ``resume``: the test acts while the import is half-way through reading its rows."""

    def __init__(self, shop: Cli, rows: list[str]) -> None:
        self.db = open_database(shop.db)
        self.reached, self._resume = threading.Event(), threading.Event()
        self.result: list[str] | BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(rows,))
        self._thread.start()
        assert self.reached.wait(30), "the import never read its first row"

    def _lines(self, rows: list[str]) -> Iterator[str]:
        yield HEADER
        yield rows[0]
        self.reached.set()
        self._resume.wait(30)
        yield from rows[1:]

    def _run(self, rows: list[str]) -> None:
        try:
            actor = resolve_actor(UnitOfWork(self.db, readonly=True))
            self.result = transfer.import_csv(UnitOfWork(self.db), actor, self._lines(rows))
        except BaseException as error:  # handed to the test
            self.result = error

    def finish(self) -> list[str] | BaseException | None:
        self._resume.set()
        self._thread.join(60)
        self.db.dispose()
        return self.result


def test_an_import_reading_its_rows_lets_others_read_and_write_meanwhile(shop):
    rows = [f",Importado {n},Acme SA,Impresoras,Fila {n}\n" for n in range(1, 4)]
    importing = PausedImport(shop, rows)
    try:
        started = time.monotonic()
        made = shop.open_case(title="Abierto durante la importación")  # a writer
        assert time.monotonic() - started < BUSY_TIMEOUT_MS / 1000
        assert made in shop.ok("case", "list").out
    finally:
        numbers = importing.finish()
    assert numbers == ["CS-000002", "CS-000003", "CS-000004"]  # after the case made meanwhile
    listed = shop.ok("case", "list").out
    assert made == "CS-000001" and all(f"Importado {n}" in listed for n in range(1, 4))
    assert shop.show("CS-000003")["log"][0]["note"] == "imported"


def test_a_number_taken_while_an_import_read_its_rows_refuses_the_whole_import(shop, tmp_path):
    importing = PausedImport(
        shop, [",Primero,Acme SA,Impresoras,x\n", "50,Cincuenta,Acme SA,Impresoras,y\n"]
    )
    try:
        other = tmp_path / "other.csv"
        other.write_text(HEADER + "50,Otro cincuenta,Acme SA,Impresoras,z\n", encoding="utf-8")
        assert shop.ok("import", "cases", str(other)).out == "Imported 1 case.\n"
    finally:
        refused = importing.finish()
    assert isinstance(refused, ValidationError)
    assert error_text(refused) == "Line 3: CS-000050 exists already; nothing was imported"
    assert shop.show("CS-000050")["title"] == "Otro cincuenta"
    assert "Primero" not in shop.ok("case", "list").out
