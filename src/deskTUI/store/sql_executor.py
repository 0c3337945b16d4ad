"""One way to run the store's text SQL: statements written with ``?`` marks, run on
SQLite or on a server (PostgreSQL), every row returned as a tuple.

The list (list_sql.py), the board (board_sql.py) and the repositories' list queries
write their SQL once, with ``?`` marks and instants as ``StoredInstant``; an
``Execute`` runs it on a connection. There are two kinds of connection: SQLAlchemy's
(a unit of work's snapshot, or the server's read engine), adapted here, and the list's
bare ``sqlite3`` connection (list_reader.ListReader.executor), which takes the text as
it is. A ``SqlSource`` hands out an ``Execute`` and says which SQL it speaks.

Light on purpose: no SQLAlchemy import, so the list's fast path may import it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from .list_sql import Execute as Execute
from .sql_fragments import server_params

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from .cancel import Cancel
    from .uow import UnitOfWork


class SqlSource(Protocol):
    """Where list SQL is read: its dialect (the SQL it may write) and a way to run it."""

    @property
    def dialect(self) -> str: ...

    def executor(self, cancel: Cancel | None = None) -> Execute:
        """Runs statements; with ``cancel``, another thread may abandon one (``Cancelled``)."""
        ...


def on_connection(connection: Connection) -> Execute:
    """Statements run on a SQLAlchemy connection: on a server, ``%s`` marks and instants
    as datetimes; on SQLite, days as ISO text (said, rather than left to sqlite3's
    deprecated adapter)."""
    server = connection.dialect.name != "sqlite"

    def execute(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        if server:
            sql, params = sql.replace("?", "%s"), server_params(params)
        else:
            params = [p.isoformat() if isinstance(p, date) else p for p in params]
        return [tuple(row) for row in connection.exec_driver_sql(sql, tuple(params))]

    return execute


class UnitSource:
    """A unit of work as a ``SqlSource``: statements run in its transaction (its snapshot).
    Use it inside ``with uow:``."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    @property
    def dialect(self) -> str:
        return str(self._uow.session.connection().dialect.name)

    def executor(self, cancel: Cancel | None = None) -> Execute:
        """``cancel`` is not heard here: the CLI and the services read to the end."""
        return on_connection(self._uow.session.connection())


def of_unit(uow: UnitOfWork) -> Execute:
    """Statements run on the unit of work's connection (its snapshot)."""
    return on_connection(uow.session.connection())
