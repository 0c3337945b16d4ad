"""Bulk loading for demo data and imports at scale: rows straight to the driver.

One ORM object per row costs about 100 µs; a million cases would take minutes.
Here rows are tuples of plain values sent with ``executemany`` in one
transaction (SQLite), or through SQLAlchemy Core elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from itertools import islice
from typing import Any

from sqlalchemy import Table
from sqlalchemy.engine import Connection

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


def insert_rows(
    connection: Connection,
    table: Table,
    columns: Sequence[str],
    rows: Iterable[tuple[Any, ...]],
    on_chunk: Callable[[int], None] | None = None,
    *,
    converted: bool = False,
) -> int:
    """Insert ``rows`` (tuples in ``columns`` order); returns how many.

    ``converted`` says the caller already gave SQLite's stored forms (strings
    for times, dates and decimals), which saves a pass over every value.
    """
    total = 0
    iterator = iter(rows)
    sqlite = connection.dialect.name == "sqlite"
    statement = (
        f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    )
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
                table.insert(), [dict(zip(columns, row, strict=True)) for row in chunk]
            )
        total += len(chunk)
        if on_chunk is not None:
            on_chunk(len(chunk))
    return total


@contextmanager
def bulk_load(connection: Connection, tables: Sequence[Table]) -> Iterator[None]:
    """Drop the tables' secondary indexes for the load and build them once at the end.

    Maintaining eight B-trees row by row in random order is what makes a large
    insert slow; building each index once from sorted data is several times
    faster. SQLite only; other engines load as they are.
    """
    if connection.dialect.name != "sqlite":
        yield
        return
    names = [t.name for t in tables]
    marks = ", ".join("?" * len(names))
    indexes = connection.exec_driver_sql(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})",
        tuple(names),
    ).all()
    connection.exec_driver_sql("PRAGMA cache_size = -262144")  # 256 MiB for this load
    for name, _sql in indexes:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    for _name, sql in indexes:
        connection.exec_driver_sql(sql)
