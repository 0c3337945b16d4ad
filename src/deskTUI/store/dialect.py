"""The one seam where SQLite and PostgreSQL differ. Everything engine-specific lives here."""

from __future__ import annotations

import random
import sqlite3
import time
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

BUSY_TIMEOUT_MS = 5000
"""How long a statement waits for a lock before "database is locked"."""
WRITE_LOCK_POLL_S = 0.004
"""The longest pause between two tries of a writer waiting at ``BEGIN IMMEDIATE``."""
UPGRADE_WAIT_S = 180.0
"""How long a host waits for another host's schema upgrade to finish: the usual 5 s is
for one transaction, and a whole upgrade of a large desk under load takes longer."""
LOCK_WAIT_OPTION = "desk_lock_wait_s"
"""Execution option: the seconds a transaction begun on that connection waits for the lock."""

SQLITE_PRAGMAS = (
    # Wait for the write lock instead of failing with "database is locked".
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
    "PRAGMA foreign_keys=ON",
    # An acknowledged commit survives a power cut, not only a process crash.
    "PRAGMA synchronous=FULL",
)


def _unicode_lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def configure_sqlite(engine: Engine, *, write: bool) -> None:
    """Pragmas on every connection; writes take the lock at BEGIN.

    pysqlite's own transaction handling begins lazily (DEFERRED), so two
    writers can both read and then collide on upgrade to a write lock: measured
    here, deferred BEGIN lost 3,248 of 4,000 concurrent transactions; BEGIN
    IMMEDIATE lost none. So pysqlite is put in autocommit mode and SQLAlchemy's
    ``begin`` emits the BEGIN itself (the SQLAlchemy documentation's recipe).
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            _use_wal(cursor)
            for pragma in SQLITE_PRAGMAS:
                cursor.execute(pragma)
        except UnicodeDecodeError as error:
            # SQLite's message quotes the damaged schema, and pysqlite cannot decode it.
            raise sqlite3.DatabaseError("malformed database schema (text is not UTF-8)") from error
        if not write:
            cursor.execute("PRAGMA query_only=ON")
        cursor.close()
        # SQLite's lower() folds ASCII only, so "Área" never matched "área" and a
        # name typed with its accents was "not found". Names are matched with
        # Python's Unicode lower() instead; no index is built on lower(), so
        # replacing the built-in cannot disagree with a stored index.
        dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if write:
            wait = connection.get_execution_options().get(LOCK_WAIT_OPTION)
            begin_immediate(connection, wait_s=wait or BUSY_TIMEOUT_MS / 1000)
        else:
            connection.exec_driver_sql("BEGIN")


def configure_postgresql(engine: Engine) -> None:
    """A writer waits for a row another transaction holds as long as a SQLite writer waits
    for the file (``BUSY_TIMEOUT_MS``), then is refused with a sentence; without a
    ``lock_timeout`` it would wait for ever behind a terminal stopped mid-transaction."""

    if engine.dialect.name != "postgresql":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        with dbapi_connection.cursor() as cursor:
            cursor.execute(f"SET lock_timeout = {BUSY_TIMEOUT_MS}")
        dbapi_connection.commit()


def _use_wal(cursor: Any) -> None:
    """Put the file in WAL mode (readers never block the writer, the writer never blocks
    readers), waiting while another connection holds it.

    WAL is kept in the file, so once set this is a read. Setting it needs the file to
    itself, and SQLite answers "database is locked" at once, without its busy handler,
    when another connection is using a new desk: measured here, 2 of 20 teams of four
    hosts opening a new desk together failed so.
    """
    mode = cursor.execute("PRAGMA journal_mode").fetchone()
    if mode and str(mode[0]).lower() == "wal":
        return
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            busy = error.sqlite_errorcode & 0xFF == sqlite3.SQLITE_BUSY
            if not busy or time.monotonic() >= deadline:
                raise
        time.sleep(random.uniform(WRITE_LOCK_POLL_S / 2, WRITE_LOCK_POLL_S))


def begin_immediate(connection: Any, *, wait_s: float = BUSY_TIMEOUT_MS / 1000) -> None:
    """``BEGIN IMMEDIATE``, waiting for the write lock in short, jittered tries.

    SQLite's own busy handler backs off to sleeps of 100 ms, so under many
    writers a waiter sleeps through every moment the lock is free while newer
    waiters, still polling every few ms, take it: measured here with 16
    processes writing flat out, 4 to 19 of 3,200 transactions waited past the
    5 s timeout and failed with "database is locked", and the lock stood idle
    between transactions (62-74 tx/s). Trying again every few ms with jitter
    gives every waiter the same chance at each release; the timeout is the same
    (``wait_s``, longer for a schema upgrade).
    """
    raw = connection.connection.driver_connection
    deadline = time.monotonic() + wait_s
    pause = WRITE_LOCK_POLL_S / 8
    raw.execute("PRAGMA busy_timeout=0")
    try:
        while time.monotonic() < deadline:
            try:
                raw.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if error.sqlite_errorcode & 0xFF != sqlite3.SQLITE_BUSY:
                    break  # not the lock: SQLAlchemy reports it below
            time.sleep(random.uniform(pause / 2, pause))
            pause = min(pause * 2, WRITE_LOCK_POLL_S)
        # Past the timeout (or failing otherwise): one last try through SQLAlchemy, so the
        # failure is reported as the store reports every other ("database is locked").
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    finally:
        raw.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def append_only_sql(dialect: str, table: str) -> list[str]:
    """DDL that makes ``table`` refuse UPDATE and DELETE, enforced by the database itself."""
    message = f"{table} is append-only: its rows are never changed or deleted"
    if dialect == "sqlite":
        return [
            f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            for verb in ("UPDATE", "DELETE")
        ]
    if dialect == "postgresql":
        return [
            f"CREATE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{message}'; END $$",
            f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()",
        ]
    raise NotImplementedError(f"no append-only guard for {dialect}")


def drop_append_only_sql(dialect: str, table: str) -> list[str]:
    if dialect == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {table}_no_{verb}" for verb in ("update", "delete")]
    if dialect == "postgresql":
        return [
            f"DROP TRIGGER IF EXISTS {table}_no_change ON {table}",
            f"DROP FUNCTION IF EXISTS {table}_append_only()",
        ]
    raise NotImplementedError(f"no append-only guard for {dialect}")


def next_numbers(connection: Any, table: str, column: str, count: int) -> list[int]:
    """The ``count`` numbers the database would give the next rows it numbers itself, taken
    now, so a bulk insert can write them (and know them) without one statement per row.

    SQLite (AUTOINCREMENT) numbers from the largest id it ever gave or was given
    (``sqlite_sequence``), and the caller holds the write lock, so nobody else takes them
    meanwhile. On PostgreSQL they are drawn from the sequence, which other transactions
    share: each is theirs alone, in order, though perhaps not consecutive.
    """
    from sqlalchemy import text

    if count <= 0:
        return []
    if connection.dialect.name == "postgresql":
        sequence = connection.execute(
            text("SELECT pg_get_serial_sequence(:table, :column)"),
            {"table": table, "column": column},
        ).scalar()
        drawn = connection.execute(
            text("SELECT nextval(CAST(:sequence AS regclass)) FROM generate_series(1, :n)"),
            {"sequence": sequence, "n": count},
        )
        return [int(number) for number in drawn.scalars()]
    top = connection.execute(text(f"SELECT max({column}) FROM {table}")).scalar() or 0
    given = connection.execute(
        text("SELECT seq FROM sqlite_sequence WHERE name = :table"), {"table": table}
    ).scalar()
    first = max(int(top), int(given or 0)) + 1
    return list(range(first, first + count))


def numbering_after(connection: Any, table: str, column: str, given: int) -> None:
    """A row was inserted with its own number (an import keeps its case numbers): the
    database's next number must come after it.

    SQLite numbers from the largest id (and keeps ``sqlite_sequence`` up to date
    itself). A PostgreSQL sequence knows nothing of ids it did not hand out, so the
    next case would take the imported number again and clash. ``ALTER SEQUENCE ...
    RESTART`` moves it within the transaction (``setval`` is not undone by a rollback:
    a refused import would burn the numbers it brought); it only ever moves forward.
    """
    if connection.dialect.name != "postgresql":
        return
    from sqlalchemy import text

    sequence = connection.execute(
        text("SELECT pg_get_serial_sequence(:table, :column)"), {"table": table, "column": column}
    ).scalar()
    if sequence is None:
        return
    # The name comes from the catalogue, already quoted as an identifier.
    last, called = connection.execute(text(f"SELECT last_value, is_called FROM {sequence}")).one()
    if given >= (last + 1 if called else last):
        connection.execute(text(f"ALTER SEQUENCE {sequence} RESTART WITH {int(given) + 1}"))
