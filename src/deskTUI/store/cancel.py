"""Stopping a read another thread is running: the list's answer to "typing never waits".

A thread cannot be killed, but SQLite can be told to abandon the statement a
connection is running (``sqlite3.Connection.interrupt``, safe to call from
any thread). The list hands a ``Cancel`` to each read it starts and cancels
the reads of a query the operator has already typed past, so an old count
does not keep a core busy while the new page is read.
"""

from __future__ import annotations

import threading
from typing import Any


class Cancelled(Exception):
    """The read was cancelled by the one who started it: nobody wants its answer."""


class Cancel:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._connection: Any = None
        self.cancelled = False

    def attach(self, dbapi_connection: Any) -> None:
        """The connection the read runs on (None when it is done with it)."""
        with self._lock:
            self._connection = dbapi_connection
            if self.cancelled and dbapi_connection is not None:
                self._interrupt()

    def cancel(self) -> None:
        with self._lock:
            self.cancelled = True
            if self._connection is not None:
                self._interrupt()

    def _interrupt(self) -> None:
        interrupt = getattr(self._connection, "interrupt", None)
        if interrupt is not None:  # SQLite; a server database finishes the statement
            interrupt()
