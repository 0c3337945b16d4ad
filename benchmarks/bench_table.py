"""Why the list is not a DataTable: N rows into Textual's DataTable vs deskTUI's first page of N.

Both run headless at the same size. The DataTable gets the list's eight
columns filled from real cases (plain sqlite3, newest change first) and is
timed from ``add_rows`` to the first paint after its dimensions took all the
rows in. Cells are ``rich.text.Text``, built before the clock starts: a
DataTable list would have to pass Text (ARCHITECTURE.md, "Untrusted text":
plain ``str`` cells are parsed as markup), and Text skips that parse, so
this is the faster, stricter baseline (plain str took about 1.6× as long here).

deskTUI is timed from asking the list screen to run its query again (what
``r`` does) to the paint after the first page, with the query set to all
cases, so both show the same N cases.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench_app import SIZE, first_page, generation, open_desk, watched_app

HEADERS = ("NUMBER", "TITLE", "CLIENT", "PRIO", "STATUS", "ASSIGNEE", "SLA", "UPDATED")
ROWS_SQL = """
SELECT c.id, c.title, cl.name, c.priority, c.status, u.login, c.created_at, c.updated_at,
       c.resolved_at
FROM support_case AS c
JOIN client AS cl ON cl.id = c.client_id
LEFT JOIN desk_user AS u ON u.id = c.assignee_id
ORDER BY c.updated_at DESC, c.id DESC
LIMIT ?
"""
SLA_HOURS = 72
"""A resolution target, only so the SLA cells hold text of the width the list shows."""


def _naive(value: str | datetime) -> datetime:
    """A stored instant as a naive datetime: SQLite's text, or a server's aware UTC time."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None)
    return datetime.fromisoformat(value)


def _sla(created: str | datetime, resolved: str | datetime | None, now: datetime) -> str:
    if resolved:
        return ""
    left = SLA_HOURS - int((now - _naive(created)).total_seconds() // 3600)
    sign, hours = ("-" if left < 0 else ""), abs(left)
    return f"{sign}{hours // 24}d" if hours >= 24 else f"{sign}{hours}h"


def _read(db_path: Path | str, count: int) -> list[tuple[Any, ...]]:
    if isinstance(db_path, str):  # a server desk's URL
        from bench_sql import _server_connection

        with _server_connection(db_path) as connection:
            return connection.execute(ROWS_SQL.replace("?", "%s"), (count,)).fetchall()
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as connection:
        return connection.execute(ROWS_SQL, (count,)).fetchall()


def table_rows(db_path: Path | str, count: int) -> list[tuple[Any, ...]]:
    """The first ``count`` cases as the list would show them, read with plain sqlite3 (or
    psycopg from a server desk)."""
    from rich.text import Text

    now = datetime.now()
    found = _read(db_path, count)
    cells = [
        (
            f"CS-{case_id:06d}",
            title,
            client,
            priority,
            status,
            assignee or "—",
            _sla(created, resolved, now),
            _naive(updated).strftime("%m-%d %H:%M"),
        )
        for case_id, title, client, priority, status, assignee, created, updated, resolved in found
    ]
    return [tuple(Text(cell) for cell in row) for row in cells]


async def _datatable_once(rows: list[tuple[Any, ...]]) -> float:
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable

    class TableApp(App[None]):
        def compose(self) -> ComposeResult:
            yield DataTable()

        def on_mount(self) -> None:
            self.query_one(DataTable).add_columns(*HEADERS)

    app = TableApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.query_one(DataTable)
        start = time.perf_counter()
        table.add_rows(rows)
        # DataTable measures new rows when idle; the paint that counts is the one after
        # its virtual size has taken every row in (header included, hence >=).
        while table.virtual_size.height < len(rows):
            await table.wait_for_refresh()
        await table.wait_for_refresh()
        return (time.perf_counter() - start) * 1000


def datatable_ms(rows: list[tuple[Any, ...]], runs: int) -> list[float]:
    return [asyncio.run(_datatable_once(rows)) for _ in range(runs)]


async def _first_pages(db_path: Path | str, runs: int, timeout: float) -> list[float]:
    db, actor = open_desk(db_path)
    app = watched_app(db, actor)
    times = []
    try:
        async with app.run_test(size=SIZE) as pilot:
            await first_page(app, timeout)
            screen = app.screen
            await _rerun(app, lambda: screen.use_query(""), timeout)  # all cases, like the table
            await pilot.pause()
            for _ in range(runs):
                times.append(await _rerun(app, _refresh_action(screen), timeout))
    finally:
        db.dispose()
    return times


def _refresh_action(screen: Any) -> Any:
    """What ``r`` does on the list; run_query as a fallback if the action is renamed."""
    return getattr(screen, "action_refresh", None) or (lambda: screen.run_query(fresh=True))


async def _rerun(app: Any, ask: Any, timeout: float) -> float:
    painted = app.watch.after(generation(app))
    start = time.perf_counter()
    ask()
    return (await asyncio.wait_for(painted, timeout) - start) * 1000


def first_page_ms(db_path: Path | str, runs: int, timeout: float = 60.0) -> list[float]:
    return asyncio.run(_first_pages(db_path, runs, timeout))
