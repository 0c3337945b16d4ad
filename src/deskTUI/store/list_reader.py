"""The list's read path: bare ``sqlite3`` connections that never take the write lock.

The TUI shows its first page of cases before SQLAlchemy and the ORM are
imported (measured: they cost more than Textual itself to import), so the
list reads through here: the same SQL the CLI and the services run (list_sql.py,
list_rows.py; on a server, through store.sql_executor like theirs),
on a connection of its own per thread, ``query_only`` so it cannot write,
in WAL mode so it never waits for a writer. Another thread may abandon a
read with a ``Cancel``.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from ..domain.enums import Role
from ..domain.people import User, known_language
from .cancel import Cancel, Cancelled
from .faults import damaged, fault_of
from .sql_executor import Execute, on_connection

BUSY_MS = 5000


def _unicode_lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def instant(value: str | datetime | None) -> datetime | None:
    """A stored instant as an aware datetime: SQLite's naive UTC text, or a server's
    timestamp (already a datetime).

    Text is parsed with its zone appended: five times faster than ``.replace(tzinfo=UTC)``,
    and a page parses four instants per row.
    """
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value + "+00:00")


class ListReader:
    """Reads for the case list from a SQLite file; one connection per thread."""

    dialect = "sqlite"
    """The SQL the list may write here (SQLite's INDEXED BY, FTS5; or a server's)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._local = threading.local()

    @staticmethod
    def for_database(db: Any) -> ListReader:
        """The reader of an open ``store.database.Database``."""
        if db.dialect == "sqlite":
            return ListReader(db.engine.url.database)
        return _EngineReader(db)

    def _connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            connection.execute(f"PRAGMA busy_timeout={BUSY_MS}")
            connection.execute("PRAGMA query_only=ON")
            # Same as the ORM's connections (dialect.py): names compare with Unicode lower().
            connection.create_function("lower", 1, _unicode_lower, deterministic=True)
            self._local.connection = connection
        return connection

    def revision(self) -> str | None:
        """The schema's migration revision (None on an empty file)."""
        try:
            row = self._connection().execute("SELECT version_num FROM alembic_version").fetchone()
        except (sqlite3.Error, UnicodeDecodeError):  # no desk, or a damaged one: the ORM says
            return None
        return row[0] if row else None

    def execute(
        self, sql: str, params: Sequence[Any] = (), cancel: Cancel | None = None
    ) -> list[tuple[Any, ...]]:
        connection = self._connection()
        if cancel is not None:
            if cancel.cancelled:
                raise Cancelled
            cancel.attach(connection)
        try:
            return connection.execute(sql, tuple(params)).fetchall()
        except sqlite3.Error as error:
            if cancel is not None and cancel.cancelled:
                raise Cancelled from error
            fault = fault_of(error, str(self.path))  # a damaged file: said, with what to do
            if fault is not None:
                raise fault from error
            raise
        except UnicodeDecodeError as error:  # SQLite's message quotes a garbled schema
            raise damaged(str(self.path), "text that is not UTF-8") from error
        finally:
            if cancel is not None:
                cancel.attach(None)

    def executor(self, cancel: Cancel | None = None) -> Execute:
        """``execute`` as the list's SQL builders call it (store.sql_executor.SqlSource)."""

        def execute(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
            return self.execute(sql, params, cancel)

        return execute

    def user(self, login: str | None = None, user_id: int | None = None) -> User | None:
        """A user with their areas, by login or by id (None when there is none)."""
        column, value = ("login", login) if login is not None else ("id", user_id)
        rows = self.execute(
            "SELECT id, login, name, role, active, client_id, language FROM desk_user "
            f"WHERE {column} = ?",
            [value],
        )
        if not rows:
            return None
        uid, login_, name, role, active, client_id, language = rows[0]
        areas = frozenset(
            r[0] for r in self.execute("SELECT area_id FROM user_area WHERE user_id = ?", [uid])
        )
        return User(
            login=login_,
            name=name,
            role=Role(role),
            active=bool(active),
            client_id=client_id,
            area_ids=areas,
            id=uid,
            language=known_language(language),
        )

    def settings(self) -> dict[str, str]:
        return dict(self.execute("SELECT key, value FROM setting"))

    def close(self) -> None:
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None


class _EngineReader(ListReader):
    """A server database (PostgreSQL): the same statements through SQLAlchemy's read
    engine. The fast start is SQLite's; a server's client library is loaded anyway."""

    def __init__(self, db: Any) -> None:
        super().__init__(str(db.url))
        self.dialect = db.dialect
        self.db = db

    def revision(self) -> str | None:
        rows = self.execute("SELECT version_num FROM alembic_version")
        return rows[0][0] if rows else None

    def execute(
        self, sql: str, params: Sequence[Any] = (), cancel: Cancel | None = None
    ) -> list[tuple[Any, ...]]:
        if cancel is not None and cancel.cancelled:
            raise Cancelled
        with self.db.read_engine.connect() as connection:
            return on_connection(connection)(sql, params)

    def close(self) -> None:
        return None
