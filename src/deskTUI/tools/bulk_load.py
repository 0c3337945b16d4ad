"""Bulk loading for demo data and imports at scale: rows straight to the driver.

One ORM object per row costs about 100 µs; a million cases would take minutes.
Here rows are tuples of plain values sent with ``executemany`` in one
transaction (SQLite), with ``COPY … FROM STDIN`` on PostgreSQL, or through
SQLAlchemy Core elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from itertools import islice
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.engine import Connection

from ..store import search_index
from ..store.dialect import numbering_after

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
    if connection.dialect.name == "postgresql":
        return _copy_rows(connection, table, columns, rows, on_chunk, fixed or {})
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
            raw = connection.connection.driver_connection
            assert raw is not None  # a checked-out connection holds its driver's
            cursor = raw.cursor()
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


def _copy_rows(
    connection: Connection,
    table: Table,
    columns: Sequence[str],
    rows: Iterable[tuple[Any, ...]],
    on_chunk: Callable[[int], None] | None,
    fixed: Mapping[str, Any],
) -> int:
    """``insert_rows`` on PostgreSQL: one ``COPY … FROM STDIN`` per chunk, rows formatted by
    psycopg (in C), each with the ``fixed`` values after its own.

    SQLite's stored forms load as they are: times as text (read in UTC: the
    transaction's time zone is set so, the demo's times carry no offset),
    decimals as text, flags as 1 and 0 (PostgreSQL's boolean takes them).
    Measured at 100,000 demo cases (660,000 rows): formatting the text in
    Python and sending it took longer than psycopg's ``write_row``.
    """
    preparer = connection.dialect.identifier_preparer
    names = ", ".join(preparer.quote(name) for name in [*columns, *fixed])
    statement = f"COPY {preparer.format_table(table)} ({names}) FROM STDIN"
    tail = tuple(fixed.values())
    raw = connection.connection.driver_connection
    assert raw is not None
    connection.exec_driver_sql("SET LOCAL TimeZone = 'UTC'")
    total = 0
    iterator = iter(rows)
    with raw.cursor() as cursor:
        while chunk := list(islice(iterator, CHUNK)):
            with cursor.copy(statement) as copy:
                write = copy.write_row
                if tail:
                    for row in chunk:
                        write(row + tail)
                else:
                    for row in chunk:
                        write(row)
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
    parts: list[str] = []
    current: list[str] = []
    quote, depth = "", 0
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


@dataclass
class ServerBulkLoad(BulkLoad):
    """``BulkLoad`` on PostgreSQL: besides indexes, foreign keys and the search index's
    triggers come back at the end, the ids' sequences move past the loaded rows and the
    planner's statistics are taken.

    ``triggers`` here are ``ENABLE TRIGGER`` statements; ``indexes`` also holds the
    search table's, built once ``rebuild`` has filled it.
    """

    tables: list[Table] = field(default_factory=list)
    rebuilt: list[str] = field(default_factory=list)
    """Tables the rebuild fills (lower case): their indexes are built after it."""
    constraints: list[str] = field(default_factory=list)
    """``ALTER TABLE … ADD CONSTRAINT`` statements: each checks every row in one pass."""

    def build_indexes(self, tables: Iterable[str] | None = None) -> None:
        if tables is None:  # the rebuilt tables' indexes wait for their rows
            tables = [table for table in self.indexes if table not in self.rebuilt]
        super().build_indexes(tables)

    def rebuild(self) -> None:
        if not self._rebuilt:
            super().rebuild()
            super().build_indexes(self.rebuilt)

    def finish(self) -> None:
        super().finish()
        for sql in self.constraints:
            self._execute(sql)
        assert self.connection is not None
        for table in self.tables:
            column = table.autoincrement_column
            if column is not None:
                top = self.connection.execute(select(func.max(column))).scalar()
                if top is not None:
                    numbering_after(self.connection, table.name, column.name, top)
        analyzed = [_quoted(t.name) for t in self.tables] + [_quoted(t) for t in self.rebuilt]
        self._execute(f"ANALYZE {', '.join(analyzed)}")


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
    brings back everything dropped here. On PostgreSQL see ``_server_bulk_load``;
    other engines load as they are.
    """
    if connection.dialect.name == "postgresql":
        with _server_bulk_load(connection, tables) as load:
            yield load
        return
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
    cache = connection.exec_driver_sql("PRAGMA cache_size").scalar_one()
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


_SECONDARY_INDEXES = """
SELECT lower(c.relname), x.indexrelid::regclass::text, pg_get_indexdef(x.indexrelid)
FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid
WHERE x.indrelid = ANY(%s::regclass[]) AND NOT x.indisprimary AND x.indpred IS NULL
  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)
ORDER BY x.indexrelid
"""
"""Indexes no constraint stands on (a primary key or a unique constraint's, or one a
foreign key refers to, stays), as CREATE statements. A partial index stays too: its
predicate does not come back from the catalogue's text as it was written (an IN list on
a varchar column prints as an ARRAY of casts, which reads back as another expression),
and the planner matches a query's filter against the stored predicate."""

_FOREIGN_KEYS = """
SELECT k.conrelid::regclass::text, quote_ident(k.conname), pg_get_constraintdef(k.oid)
FROM pg_constraint k WHERE k.contype = 'f' AND k.conrelid = ANY(%s::regclass[])
ORDER BY k.oid
"""

_ENABLED_TRIGGERS = """
SELECT t.tgname FROM pg_trigger t
WHERE t.tgrelid = to_regclass(%s) AND t.tgname = ANY(%s) AND t.tgenabled <> 'D'
"""


@contextmanager
def _server_bulk_load(connection: Connection, tables: Sequence[Table]) -> Iterator[BulkLoad]:
    """``bulk_load`` on PostgreSQL: what a row costs beyond being stored is taken down.

    * secondary indexes are dropped and created again at the end (from the
      catalogue's own definitions, ``pg_get_indexdef``), in 256 MiB of
      maintenance memory; partial ones stay (see ``_SECONDARY_INDEXES``);
    * foreign keys of the loaded tables are dropped and added again at the end:
      adding one checks every row in one join, while COPY checks each row
      through a trigger (measured at 100,000 demo cases: 34 s of COPY with
      them, 7 s without, and 1.2 s to add them back);
    * the search index's row triggers (``search_index.triggers``) are disabled,
      and the index is made again in one pass (``search_index.rebuild_sql``),
      its own indexes and foreign key taken down meanwhile; the append-only
      guard (BEFORE UPDATE OR DELETE) and the statement-level change notices
      stay: a load never fires the one and fires the other once per COPY;
    * at the end the ids' sequences are moved past the loaded rows (the
      cases come with their numbers) and the tables are analysed, so the
      planner knows their sizes from the first query.

    All of it is DDL inside the load's transaction: a failed or killed load
    brings every index, key and trigger back with the rollback. The tables
    are locked against readers until the commit.
    """
    names = [t.name for t in tables]
    load = ServerBulkLoad(connection, tables=list(tables))
    disable = []
    for trigger, table in search_index.triggers("postgresql").items():
        if table in names:
            found = connection.exec_driver_sql(_ENABLED_TRIGGERS, (table, [trigger])).all()
            if found:
                disable.append(f"ALTER TABLE {_quoted(table)} DISABLE TRIGGER {_quoted(trigger)}")
                load.triggers.append(
                    f"ALTER TABLE {_quoted(table)} ENABLE TRIGGER {_quoted(trigger)}"
                )
    taken_down = list(names)
    if disable:
        load.rebuilds.extend(search_index.rebuild_sql("postgresql"))
        load.rebuilt.append(search_index.TABLE)
        taken_down.append(search_index.TABLE)
    dropped = []
    for table, index, sql in connection.exec_driver_sql(_SECONDARY_INDEXES, (taken_down,)).all():
        load.indexes.setdefault(table, []).append(sql)
        dropped.append(f"DROP INDEX {index}")
    for table, name, definition in connection.exec_driver_sql(_FOREIGN_KEYS, (taken_down,)).all():
        dropped.append(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
        load.constraints.append(f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}")
    connection.exec_driver_sql("SET LOCAL maintenance_work_mem = '256MB'")
    connection.exec_driver_sql("SET LOCAL TimeZone = 'UTC'")
    for statement in [*disable, *dropped]:
        connection.exec_driver_sql(statement)
    yield load
    load.finish()
