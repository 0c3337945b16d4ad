"""Bulk loading for demo data and imports at scale: rows straight to the driver.

One ORM object per row costs about 100 µs; a million cases would take minutes.
Here rows are tuples of plain values sent with ``executemany`` in one
transaction (SQLite), or through SQLAlchemy Core elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from itertools import islice
from typing import Any

from sqlalchemy import Table
from sqlalchemy.engine import Connection

from . import search_index

CHUNK = 50_000


def _sqlite_value(value: Any) -> Any:
    """The stored form SQLAlchemy itself writes on SQLite, so reads see no difference."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


def sql_literal(value: int | str | None) -> str:
    """``value`` written into a statement: NULL, an integer or a quoted string."""
    if value is None:
        return "NULL"
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError(f"no SQL literal for {value!r}")
    return str(value) if isinstance(value, int) else "'" + value.replace("'", "''") + "'"


def insert_sql(table: str, columns: Sequence[str], fixed: Mapping[str, Any] | None = None) -> str:
    """An INSERT binding ``columns`` for each row, with the ``fixed`` ones written in once."""
    fixed = fixed or {}
    values = ["?"] * len(columns) + [sql_literal(value) for value in fixed.values()]
    return f"INSERT INTO {table} ({', '.join([*columns, *fixed])}) VALUES ({', '.join(values)})"


def insert_rows(
    connection: Connection,
    table: Table,
    columns: Sequence[str],
    rows: Iterable[tuple[Any, ...]],
    on_chunk: Callable[[int], None] | None = None,
    *,
    converted: bool = False,
    fixed: Mapping[str, Any] | None = None,
) -> int:
    """Insert ``rows`` (tuples in ``columns`` order); returns how many.

    ``converted`` says the caller already gave SQLite's stored forms (strings
    for times, dates and decimals), which saves a pass over every value.
    ``fixed`` gives columns that hold the same value (None, an int or a
    string) in every row: on SQLite they are written into the statement
    instead of bound row by row, and binding values is most of what storing a
    row costs.
    """
    total = 0
    iterator = iter(rows)
    sqlite = connection.dialect.name == "sqlite"
    fixed = dict(fixed or {})
    statement = insert_sql(table.name, columns, fixed)
    while chunk := list(islice(iterator, CHUNK)):
        if sqlite:
            payload = (
                chunk if converted else [tuple(_sqlite_value(v) for v in row) for row in chunk]
            )
            cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
            cursor.executemany(statement, payload)
            cursor.close()
        else:
            connection.execute(
                table.insert(), [dict(zip(columns, row, strict=True)) | fixed for row in chunk]
            )
        total += len(chunk)
        if on_chunk is not None:
            on_chunk(len(chunk))
    return total


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _is_append_only_guard(trigger: str, table: str) -> bool:
    """The guards ``dialect.append_only_sql`` makes: BEFORE UPDATE / BEFORE DELETE only.

    A load only inserts, so they never fire during one; they stay, so the log
    is protected even while it is being loaded.
    """
    return trigger.lower() in (f"{table}_no_update".lower(), f"{table}_no_delete".lower())


def _split_arguments(text: str) -> list[str]:
    """``a, b='x, y', c`` → ``["a", "b='x, y'", "c"]``: commas outside quotes and brackets."""
    parts, current, quote, depth = [], [], "", 0
    for char in text:
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"`":
            quote = char
        elif char == "[":
            quote = "]"
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
            continue
        current.append(char)
    parts.append("".join(current).strip())
    return parts


def fts5_content_table(sql: str) -> str | None:
    """The table named by ``content=`` in a ``CREATE VIRTUAL TABLE … USING fts5(…)``, if any.

    An external-content FTS5 index does not see rows written while its
    triggers are dropped; ``bulk_load`` rebuilds it from this table instead.
    """
    head, _, rest = sql.partition("(")
    words = head.lower().split()
    if words[:3] != ["create", "virtual", "table"] or words[-2:] != ["using", "fts5"]:
        return None
    for argument in _split_arguments(rest.rsplit(")", 1)[0]):
        key, equals, value = argument.partition("=")
        if equals and key.strip().lower() == "content":
            value = value.strip()
            if len(value) >= 2 and value[0] + value[-1] in ("''", '""', "``", "[]"):
                value = value[1:-1]
            return value or None  # content='' is a contentless table: nothing to rebuild from
    return None


@dataclass
class BulkLoad:
    """What ``bulk_load`` took down, and putting it back: all at the end, or some of it sooner.

    A loader that can use the time may build a table's indexes (``build_indexes``)
    or the full-text indexes (``rebuild``) as soon as their tables are loaded;
    whatever it has not built is built when the load ends.
    """

    connection: Connection | None
    indexes: dict[str, list[str]] = field(default_factory=dict)
    """CREATE INDEX statements by (lower-case) table name."""
    triggers: list[str] = field(default_factory=list)
    rebuilds: list[str] = field(default_factory=list)
    _built: set[str] = field(default_factory=set)
    _rebuilt: bool = False

    def index_sql(self, table: str) -> list[str]:
        return list(self.indexes.get(table.lower(), []))

    def build_indexes(self, tables: Iterable[str] | None = None) -> None:
        """Build the indexes of ``tables`` (of every loaded table when None), each table's once."""
        wanted = None if tables is None else {t.lower() for t in tables}
        for table, statements in self.indexes.items():
            if table in self._built or (wanted is not None and table not in wanted):
                continue
            for sql in statements:
                self._execute(sql)
            self._built.add(table)

    def rebuild(self) -> None:
        """Make the full-text indexes whole from the loaded tables as they are now, once
        (rows loaded after it would be missing from them: call it when the rows are in)."""
        if not self._rebuilt:
            for statement in self.rebuilds:
                self._execute(statement)
            self._rebuilt = True

    def finish(self) -> None:
        self.build_indexes()
        for sql in self.triggers:
            self._execute(sql)
        self.rebuild()

    def _execute(self, sql: str) -> None:
        if self.connection is not None:
            self.connection.exec_driver_sql(sql)


@contextmanager
def bulk_load(connection: Connection, tables: Sequence[Table]) -> Iterator[BulkLoad]:
    """Take the tables' derived structures down for the load and build them once at the end.

    Maintaining eight B-trees row by row in random order is what makes a large
    insert slow; building each index once from sorted data is several times
    faster. The same goes for triggers that maintain something per row (a
    full-text index's AFTER INSERT trigger costs more than the insert itself):
    they are dropped and recreated at the end, and what they kept up to date
    is rebuilt in one pass: every FTS5 table whose ``content=`` is a loaded
    table, and the case search index. What is dropped and rebuilt is read
    from ``sqlite_master``, so an index, trigger or external-content FTS table
    a later migration adds is handled without changing this. The append-only
    guards stay (see ``_is_append_only_guard``).

    Run it inside the load's transaction: if the load fails, the rollback
    brings back everything dropped here. SQLite only; other engines load as
    they are.
    """
    if connection.dialect.name != "sqlite":
        yield BulkLoad(None)
        return
    loaded = {t.name.lower() for t in tables}
    schema = connection.exec_driver_sql(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL"
    ).all()
    load = BulkLoad(connection)
    dropped = []
    for kind, name, table, sql in schema:
        if kind == "index" and table.lower() in loaded:
            load.indexes.setdefault(table.lower(), []).append(sql)
            dropped.append(f"DROP INDEX {_quoted(name)}")
        elif (
            kind == "trigger" and table.lower() in loaded and not _is_append_only_guard(name, table)
        ):
            load.triggers.append(sql)
            dropped.append(f"DROP TRIGGER {_quoted(name)}")
        elif kind == "table" and (fts5_content_table(sql) or "").lower() in loaded:
            load.rebuilds.append(f"INSERT INTO {_quoted(name)}({_quoted(name)}) VALUES ('rebuild')")
    # The case search index keeps its own copy of the text (search_index.py), so
    # FTS5 cannot rebuild it alone: its triggers are dropped with the others and
    # its own statements make every document again, in one pass each.
    if any(
        kind == "trigger" and name in search_index.TRIGGERS and table.lower() in loaded
        for kind, name, table, _sql in schema
    ):
        load.rebuilds.extend(search_index.rebuild_sql())
    cache = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    # 256 MiB for this load: index builds sort in it. Put back afterwards, or the
    # pooled connection would keep growing a cache that size.
    connection.exec_driver_sql("PRAGMA cache_size = -262144")
    try:
        for statement in dropped:
            connection.exec_driver_sql(statement)
        yield load
        load.finish()
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(cache)}")
