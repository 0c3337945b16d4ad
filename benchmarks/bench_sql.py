"""The SQL floor: what the database alone spends on the list's first page of each query.

The statements are the product's own, caught as they go to the driver
(SQLAlchemy's ``before_cursor_execute``) while the product fetches a page,
then replayed with their parameters on the plain sqlite3 connection of the
product's read engine: its pragmas and its Python ``lower()`` are part of
what the database really does; SQLAlchemy, the ORM and Python objects are
not. Catching them rather than compiling one known function keeps this
working while the query code changes shape (a plan may issue several
statements: names resolved first, then the page).

Per query of the keystroke script: ``page`` is every statement the list's
service ``case_page`` issues for the first window (today: the ids through
the index of the order, then those cases' columns with names joined, and
small look-ups such as the acting user); ``count`` is what ``case_count``
issues for the title's capped count, which the list asks for after the page.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench_app import open_desk
from bench_common import median

WINDOW = 100
"""Rows the list asks for at a time (widgets/case_table.py WINDOW)."""

Statement = tuple[str, Any]


@dataclass
class SqlResult:
    page_ms: dict[str, float] = field(default_factory=dict)
    count_ms: dict[str, float] = field(default_factory=dict)
    statements: dict[str, int] = field(default_factory=dict)
    """How many statements the page took, per query."""


def _caught(db: Any, action: Callable[[], object]) -> list[Statement]:
    """The reading statements ``action`` sends to the database, in order."""
    from sqlalchemy import event

    found: list[Statement] = []

    def catch(_conn: Any, _cursor: Any, sql: str, params: Any, _ctx: Any, _many: bool) -> None:
        if sql.lstrip().upper().startswith(("SELECT", "WITH")):  # not BEGIN, PRAGMA, ...
            found.append((sql, params))

    engines = {id(e): e for e in (db.engine, db.read_engine)}.values()
    for engine in engines:
        event.listen(engine, "before_cursor_execute", catch)
    try:
        action()
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", catch)
    return found


def _replay_ms(raw: Any, statements: list[Statement], runs: int) -> float:
    """Median over ``runs`` of running every statement to its last row."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for sql, params in statements:
            raw.execute(sql, params).fetchall()
        times.append((time.perf_counter() - start) * 1000)
    return median(times)


def _read_uow(db: Any) -> Any:
    """A read-only unit of work, as the list uses (DeskApp.read_uow), where the store has one."""
    from deskTUI.store.uow import UnitOfWork

    try:
        return UnitOfWork(db, readonly=True)
    except TypeError:
        return UnitOfWork(db)


def measure(db_path: Path, queries: list[str], runs: int) -> SqlResult:
    from deskTUI.services import views

    db, actor = open_desk(db_path)
    counter = getattr(views, "case_count", None)  # None while the page also counted
    result = SqlResult()
    try:
        with db.read_engine.connect() as connection:
            raw = connection.connection.driver_connection  # the sqlite3.Connection itself
            for text in queries:
                page = _caught(
                    db, lambda t=text: views.case_page(_read_uow(db), actor, t, limit=WINDOW)
                )
                result.page_ms[text] = _replay_ms(raw, page, runs)
                result.statements[text] = len(page)
                if counter is not None:
                    count = _caught(db, lambda t=text: counter(_read_uow(db), actor, t))
                    result.count_ms[text] = _replay_ms(raw, count, runs)
    finally:
        db.dispose()
    return result
