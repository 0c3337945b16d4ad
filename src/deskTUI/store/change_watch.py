"""Has anyone written to the desk since we last looked? The live refresh's question.

SQLite answers it for free: ``PRAGMA data_version`` on a connection changes
whenever another connection, in this process or any other, has committed to
the file since that connection last asked (it reads a counter in the shared
WAL index; no table is read). So one idle read-only connection, asked twice a
second, tells every open screen when to read again, and costs microseconds.
A server database (PostgreSQL) has no such counter: it gets LISTEN/NOTIFY with
its own issue; until then it has no watch, and screens refresh on their keys.
"""

from __future__ import annotations

import sqlite3
import threading
from typing import Any


class ChangeWatch:
    """``changed()`` is True once after each commit by any other connection."""

    def __init__(self, path: str) -> None:
        self._connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._connection.execute("PRAGMA query_only=ON")
        self._lock = threading.Lock()
        self._seen = self._version()

    @staticmethod
    def of(reader: Any) -> ChangeWatch | None:
        """A watch on the SQLite file ``reader`` (a ``ListReader``) reads; None on a server."""
        from .list_reader import ListReader

        if type(reader) is not ListReader:
            return None
        return ChangeWatch(reader.path)

    def _version(self) -> int:
        row = self._connection.execute("PRAGMA data_version").fetchone()
        return int(row[0])

    def changed(self) -> bool:
        # The workers that ask may overlap (a slow disk): one question at a time.
        with self._lock:
            version = self._version()
            changed, self._seen = version != self._seen, version
            return changed

    def close(self) -> None:
        with self._lock:
            self._connection.close()
