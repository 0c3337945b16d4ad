"""What the query-plan tests share: one small demo desk, and the statements a call issues."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
from sqlalchemy import event

from deskTUI.store.database import Database, open_database
from deskTUI.tools.demo import build_demo


@pytest.fixture(scope="session")
def demo_desk(tmp_path_factory) -> Iterator[Database]:
    """A 200-case demo desk (seed 3), read only by the tests that take it. Plans follow the
    schema, not the row count (no ANALYZE statistics are kept), so a small desk shows the
    plans of a large one."""
    db = open_database(str(tmp_path_factory.mktemp("plans") / "plans.db"))
    # The Spanish demo: the plans' queries name its clients, areas and words.
    build_demo(db, "root", cases=200, seed=3, language="es")
    yield db
    db.dispose()


@contextlib.contextmanager
def statements_issued(db: Database) -> Iterator[list[tuple[str, tuple]]]:
    """Every statement (and its parameters) sent to ``db`` inside the block, by either of
    its engines (read-only units of work have their own)."""
    issued: list[tuple[str, tuple]] = []

    def keep(_conn, _cursor, statement, parameters, _context, _many):
        issued.append((statement, parameters))

    engines = {id(e): e for e in (db.engine, db.read_engine)}.values()
    for engine in engines:
        event.listen(engine, "before_cursor_execute", keep)
    try:
        yield issued
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", keep)


def query_plan(db: Database, statement: str, parameters: tuple) -> list[str]:
    """SQLite's EXPLAIN QUERY PLAN of one statement, a line per step."""
    with db.engine.connect() as connection:
        rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        return [row[-1] for row in rows]
