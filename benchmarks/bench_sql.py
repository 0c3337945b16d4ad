"""The SQL floor: what the database alone spends on the list's first page of each query.

The statements are caught where every path of the product meets the
database, the sqlite3 module: while deskTUI runs in-process on the desk,
each connection it opens is a tracing subclass that records every statement
and its parameters. For each query of the keystroke script the list screen
is asked to show it (``use_query``, as the command palette does); what the
list issued until that page was painted, and until the database went quiet
after it, is then replayed on a plain read-only sqlite3 connection (with the
product's Unicode ``lower()``, which its LIKEs call), median of ``runs``.
SQLAlchemy, Python objects and Textual are thereby left out.

This follows the list wherever its queries move (ORM, a bare reader, one
statement or several). ``page`` is what was issued before the page was
painted, counts excepted; ``count`` is the rest: the ``SELECT count(...)``
the list asks for after the page (the title's "10,000+") with its look-ups.

On a PostgreSQL desk every read goes through SQLAlchemy (the list's reader
included, store/list_reader.py ``_EngineReader``), so the statements are caught
at SQLAlchemy's ``before_cursor_execute`` instead, and replayed on a plain
psycopg connection (one round trip each, on loopback: part of the floor there).
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench_app import SIZE, first_page, generation, open_desk, watched_app
from bench_common import median

Statement = tuple[str, Any]
READS = re.compile(r"\s*(SELECT|WITH)\b", re.IGNORECASE)
COUNTS = re.compile(r"\s*SELECT\s+count\(", re.IGNORECASE)
QUIET = 0.3
"""Seconds without a new statement after which a query's reads are taken as done."""


@dataclass
class SqlResult:
    page_ms: dict[str, float] = field(default_factory=dict)
    count_ms: dict[str, float] = field(default_factory=dict)
    statements: dict[str, int] = field(default_factory=dict)
    """How many statements the page took, per query."""


@contextmanager
def traced(sink: list[Statement]) -> Iterator[None]:
    """Connections opened meanwhile append each reading statement and its parameters to ``sink``."""

    def note(sql: str, params: Any) -> None:
        if READS.match(sql):
            sink.append((sql, params))  # list.append is atomic: workers may call at once

    class Cursor(sqlite3.Cursor):
        def execute(self, sql: str, params: Any = (), /) -> Any:
            note(sql, params)
            return super().execute(sql, params)

    class Connection(sqlite3.Connection):
        def cursor(self, factory: Any = Cursor) -> Any:  # SQLAlchemy reads through cursors
            return super().cursor(factory)

        def execute(self, sql: str, params: Any = (), /) -> Any:
            note(sql, params)
            return super().execute(sql, params)

    original = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("factory", Connection)
        return original(*args, **kwargs)

    # SQLAlchemy's pysqlite dialect calls sqlite3.dbapi2.connect; bare readers sqlite3.connect.
    sqlite3.connect = sqlite3.dbapi2.connect = connect  # type: ignore[assignment]
    try:
        yield
    finally:
        sqlite3.connect = sqlite3.dbapi2.connect = original


@contextmanager
def traced_engines(sink: list[Statement]) -> Iterator[None]:
    """Every SQLAlchemy engine's reading statements, with their parameters, go to ``sink``."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    def before(_conn: Any, _cursor: Any, sql: str, params: Any, *_: Any) -> None:
        if READS.match(sql):
            sink.append((sql, params))

    event.listen(Engine, "before_cursor_execute", before)
    try:
        yield
    finally:
        event.remove(Engine, "before_cursor_execute", before)


async def _quiet(sink: list[Statement]) -> None:
    seen = -1
    while len(sink) != seen:
        seen = len(sink)
        await asyncio.sleep(QUIET)


Caught = tuple[list[Statement], list[Statement]]
"""A query's page statements and count statements."""


def _split(statements: list[Statement], at_paint: int) -> Caught:
    """Before the paint, counts excepted, is the page (the count's first look-ups may slip in:
    the worker starts it as soon as it has posted the page)."""
    page: list[Statement] = []
    counts: list[Statement] = []
    for index, statement in enumerate(statements):
        before = index < at_paint and not COUNTS.match(statement[0])
        (page if before else counts).append(statement)
    return page, counts


async def _catch(db_path: Path | str, queries: list[str], timeout: float) -> dict[str, Caught]:
    sink: list[Statement] = []
    caught: dict[str, Caught] = {}
    tracer = traced_engines if isinstance(db_path, str) else traced
    with tracer(sink):
        db, actor = open_desk(db_path)
        app = watched_app(db, actor)
        try:
            async with app.run_test(size=SIZE):
                await first_page(app, timeout)
                await _quiet(sink)  # the views panel and the rest of the start-up read too
                for text in queries:
                    sink.clear()
                    painted = app.watch.after(generation(app))
                    app.screen.use_query(text)
                    await asyncio.wait_for(painted, timeout)
                    at_paint = len(sink)
                    await _quiet(sink)
                    caught[text] = _split(list(sink), at_paint)
        finally:
            db.dispose()
    return caught


def _replay_ms(raw: Any, statements: list[Statement], runs: int) -> float:
    """Median over ``runs`` of running every statement to its last row (``raw``: a sqlite3
    or a psycopg connection; both take ``execute(sql, params).fetchall()``)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for sql, params in statements:
            raw.execute(sql, params).fetchall()
        times.append((time.perf_counter() - start) * 1000)
    return median(times)


def _unicode_lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def _server_connection(url: str) -> Any:
    """A plain psycopg connection to the desk, reading in autocommit (no snapshot held)."""
    import psycopg
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return psycopg.connect(
        host=parsed.host, port=parsed.port, user=parsed.username, password=parsed.password,
        dbname=parsed.database, autocommit=True,
    )  # fmt: skip


def measure(db_path: Path | str, queries: list[str], runs: int, timeout: float = 60.0) -> SqlResult:
    """``db_path``: a SQLite file (Path) or a server desk's URL (str)."""
    caught = asyncio.run(_catch(db_path, queries, timeout))
    result = SqlResult()
    if isinstance(db_path, str):
        raw: Any = _server_connection(db_path)
    else:
        raw = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        # As the product's connections do (store/dialect.py): names compare with Unicode lower().
        raw.create_function("lower", 1, _unicode_lower, deterministic=True)
    try:
        for text, (page, counts) in caught.items():
            result.page_ms[text] = _replay_ms(raw, page, runs)
            result.count_ms[text] = _replay_ms(raw, counts, runs)
            result.statements[text] = len(page)
    finally:
        raw.close()
    return result
