"""Has anyone written to the desk since we last looked? The live refresh's question.

SQLite answers it for free: ``PRAGMA data_version`` on a connection changes
whenever another connection, in this process or any other, has committed to
the file since that connection last asked (it reads a counter in the shared
WAL index; no table is read). So one idle read-only connection, asked twice a
second, tells every open screen when to read again, and costs microseconds.
A server database (PostgreSQL) has no such counter. There every table has a
statement trigger that calls ``pg_notify`` (migration 0006): PostgreSQL sends
notifications at commit, only to sessions that LISTEN, and folds the same
notice sent many times in one transaction into one. ``ServerChangeWatch``
keeps one listening connection and, twice a second, drains what arrived —
one round trip on an idle connection, like SQLite's pragma.
"""

from __future__ import annotations

import sqlite3
import threading
from typing import Any


class WatchFailed(Exception):
    """The desk could not be asked this time (a busy or vanished file, a dropped
    connection); the next look tries again."""


class ChangeWatch:
    """``changed()`` is True once after each commit by any other connection."""

    def __init__(self, path: str) -> None:
        self._connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._connection.execute("PRAGMA query_only=ON")
        self._lock = threading.Lock()
        self._seen = self._version()

    @staticmethod
    def of(reader: Any) -> ChangeWatch | ServerChangeWatch | None:
        """A watch on the desk ``reader`` (a ``ListReader``) reads."""
        from .list_reader import ListReader

        if type(reader) is ListReader:
            return ChangeWatch(reader.path)
        if getattr(reader, "dialect", None) == "postgresql":
            return ServerChangeWatch(reader.db.engine.url)
        return None

    def _version(self) -> int:
        row = self._connection.execute("PRAGMA data_version").fetchone()
        return int(row[0])

    def changed(self) -> bool:
        # The workers that ask may overlap (a slow disk): one question at a time.
        with self._lock:
            try:
                version = self._version()
            except sqlite3.Error as error:
                raise WatchFailed(str(error)) from error
            changed, self._seen = version != self._seen, version
            return changed

    def close(self) -> None:
        with self._lock:
            self._connection.close()


CHANNEL = "desktui_changed"
"""The one notification channel: any write to the desk, no payload."""

# Statement-level (once per INSERT/UPDATE/DELETE, not per row): a bulk import of a
# million rows sends one notice, and one per transaction reaches listeners anyway.
_NOTIFY_FUNCTION = (
    "CREATE FUNCTION desk_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
    f"BEGIN PERFORM pg_notify('{CHANNEL}', ''); RETURN NULL; END $$"
)
_NOT_WATCHED = ("alembic_version", "case_search")
"""Not desk data (the schema version), or written only with a watched table (the index)."""


def notify_table_sql(table: str) -> str:
    """The trigger that makes writes to ``table`` wake the live refresh (a migration that
    adds a table on PostgreSQL adds this too; a test checks every table has one)."""
    return (
        f"CREATE TRIGGER {table}_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
        f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION desk_notify_change()"
    )


def _every_table(action: str) -> str:
    skipped = ", ".join(f"'{name}'" for name in _NOT_WATCHED)
    return (
        "DO $$ DECLARE t text; BEGIN FOR t IN SELECT tablename FROM pg_tables "
        f"WHERE schemaname = current_schema() AND tablename NOT IN ({skipped}) "
        f"LOOP EXECUTE {action}; END LOOP; END $$"
    )


def notify_sql() -> list[str]:
    """The notice function and a trigger on every desk table (PostgreSQL)."""
    create = notify_table_sql("%1$s").replace("'", "''")
    return [_NOTIFY_FUNCTION, _every_table(f"format('{create}', t)")]


def drop_notify_sql() -> list[str]:
    return [
        _every_table("format('DROP TRIGGER IF EXISTS %1$s_notify_change ON %1$s', t)"),
        "DROP FUNCTION IF EXISTS desk_notify_change()",
    ]


class ServerChangeWatch:
    """``changed()`` is True once after each commit to a PostgreSQL desk (ours included)."""

    def __init__(self, url: Any) -> None:
        # A connection of its own, outside the engines' pools: it stays LISTENing.
        self._conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._lock = threading.Lock()
        self._connection: Any = None
        self._heard = False
        # Connected on the first question, in the worker that asks it: a server that is
        # slow or down must not stall or break the app's start.

    def _connect(self) -> None:
        import psycopg

        self._connection = psycopg.connect(self._conninfo, autocommit=True, connect_timeout=5)
        self._connection.add_notify_handler(self._hear)
        self._connection.execute(f"LISTEN {CHANNEL}")

    def _hear(self, _notice: Any) -> None:
        self._heard = True

    def changed(self) -> bool:
        """Notices arrive with any reply from the server; an empty statement brings them.

        A lost connection is opened again on the next question and counts as a change:
        what was written while it was down was not heard.
        """
        import psycopg

        with self._lock:
            try:
                if self._connection is None or self._connection.closed:
                    # Nothing written before LISTEN was heard (at start, or while the
                    # connection was lost): say "changed" once, so the screen reads again.
                    self._connect()
                    return True
                self._connection.execute("SELECT 1")
            except psycopg.Error as error:
                self._connection = None
                raise WatchFailed(str(error)) from error
            heard, self._heard = self._heard, False
            return heard

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
