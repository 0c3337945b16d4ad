"""What one keystroke in the list's query line costs the database: one parse of the query
and, for a query that names nobody, three statements (the page's ids, its rows, the
count), on SQLite and on PostgreSQL. Issue 19 item 3: it parsed five times and ran nine
(the actor and the settings read twice, once for the page and once for the count)."""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import event

from deskTUI.domain import query as query_module
from deskTUI.store.list_reader import ListReader
from deskTUI.store.uow import UnitOfWork
from deskTUI.widgets.case_table import CaseTable

from .conftest import make_app, settle


class Tally:
    """Statements the list's reader ran and queries the domain parsed, while counting."""

    def __init__(self) -> None:
        self.statements: list[str] = []
        self.parses = 0
        self.on = False
        self._lock = threading.Lock()

    def statement(self, sql: str) -> None:
        # SQLite traces the statements FTS5 runs on its own shadow tables too ('main'.…,
        # or '--' for a nested program): those are the index's, not the list's.
        if self.on and not sql.startswith("--") and "'main'." not in sql:
            with self._lock:
                self.statements.append(" ".join(sql.split()))

    @contextmanager
    def counting(self) -> Iterator[Tally]:
        self.statements.clear()
        self.parses = 0
        self.on = True
        try:
            yield self
        finally:
            self.on = False


class _CountingPattern:
    """The query parser's token pattern, counting each parse that uses it."""

    def __init__(self, pattern: re.Pattern[str], tally: Tally) -> None:
        self._pattern, self._tally = pattern, tally

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self._tally.on:
            self._tally.parses += 1
        return self._pattern.finditer(text)


class _CountingSqliteReader(ListReader):
    """The list's SQLite reader, tracing every statement on its connections."""

    def __init__(self, path: str, tally: Tally) -> None:
        super().__init__(path)
        self._tally = tally

    def _connection(self) -> sqlite3.Connection:
        fresh = getattr(self._local, "connection", None) is None
        connection = super()._connection()
        if fresh:
            connection.set_trace_callback(self._tally.statement)
        return connection


@contextmanager
def _app_counting(engine: str, desk: Any, server_db: Any, tally: Tally) -> Iterator[Any]:
    if engine == "sqlite":
        reader = _CountingSqliteReader(desk.uow().db.engine.url.database, tally)
        yield make_app(desk, reader=reader)
        return
    on_server = replace(desk, uow=lambda: UnitOfWork(server_db, clock=desk.clock))
    app = make_app(on_server)
    engines = {server_db.engine, server_db.read_engine}

    def before(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        tally.statement(statement)

    for each in engines:
        event.listen(each, "before_cursor_execute", before)
    try:
        yield app
    finally:
        for each in engines:
            event.remove(each, "before_cursor_execute", before)


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql":
        from ..conftest import PG_SERVER

        if not PG_SERVER:
            pytest.skip("no PostgreSQL server for this run")
    return request.param


@pytest.fixture
def tally(monkeypatch: pytest.MonkeyPatch) -> Tally:
    counted = Tally()
    monkeypatch.setattr(query_module, "_TOKEN", _CountingPattern(query_module._TOKEN, counted))
    return counted


def _server(request: pytest.FixtureRequest, engine: str) -> Any:
    return request.getfixturevalue("server_db") if engine == "postgresql" else None


async def _one_key(pilot: Any, key: str, tally: Tally) -> Tally:
    """Type ``key`` into the query line and wait until its page and count are shown."""
    table = pilot.app.screen.query_one(CaseTable)
    before = table.generation
    with tally.counting():
        await pilot.press(key)
        await settle(pilot)
    assert table.generation != before, "the key started no query"
    return tally


async def _ready(pilot: Any, text: str) -> None:
    """The query line focused, holding ``text``, its result shown."""
    await settle(pilot)
    await pilot.press("slash")
    line = pilot.app.screen.query_one("#query")
    line.value = text
    line.cursor_position = len(text)
    await settle(pilot)


async def test_one_keystroke_parses_the_query_once_and_reads_ids_rows_and_count(
    desk, queue, engine, tally, request
):
    with _app_counting(engine, desk, _server(request, engine), tally) as app:
        async with app.run_test(size=(120, 30)) as pilot:
            await _ready(pilot, "status:open impresor")
            found = await _one_key(pilot, "a", tally)  # "status:open impresora"
    said = f"{found.parses} parses, {len(found.statements)} statements:\n" + "\n".join(
        found.statements
    )
    assert found.parses == 1, said
    assert len(found.statements) <= 3, said


async def test_a_keystroke_naming_a_person_resolves_the_name_once(
    desk, queue, engine, tally, request
):
    with _app_counting(engine, desk, _server(request, engine), tally) as app:
        async with app.run_test(size=(120, 30)) as pilot:
            await _ready(pilot, "assignee:an")
            found = await _one_key(pilot, "a", tally)  # "assignee:ana"
    said = f"{found.parses} parses, {len(found.statements)} statements:\n" + "\n".join(
        found.statements
    )
    assert found.parses == 1, said
    names = [s for s in found.statements if "FROM desk_user WHERE login" in s]
    assert len(names) == 1, said
    assert len(found.statements) <= 4, said


async def test_an_operator_deactivated_elsewhere_is_refused_at_the_next_keystroke(desk, queue):
    """Who reads is kept from key to key, not past a change of the desk: once the change
    is heard, the next read asks who the operator is now."""
    from deskTUI.services import admin

    from .conftest import running_app
    from .test_live_refresh import seen_within

    async with running_app(desk, desk.ana) as (app, pilot):
        table = app.screen.query_one(CaseTable)
        said = app.screen.query_one("#query-error")
        assert table.total > 0
        admin.update_user(desk.uow(), desk.admin, "ana", active=False)  # another terminal
        await seen_within(pilot, lambda: str(said.render()).strip() != "")
        await _ready(pilot, "status:open impresor")
        await pilot.press("a")
        await settle(pilot)
        assert table.total == 0 and str(said.render()).strip()
