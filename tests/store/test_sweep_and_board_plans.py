"""The escalation sweep and the queue board read their own indexes, never every case.

Every TUI that is open sweeps once a minute: before these indexes a sweep loaded each
open case, 19 s at 100k cases with the write lock held. The plan depends on the schema,
not the row count, so a small demo desk shows the plan of a large one.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import event

from deskTUI.domain.sla import DEFAULT_TARGETS, late_before
from deskTUI.services.demo import build_demo
from deskTUI.store import board_sql
from deskTUI.store.database import open_database
from deskTUI.store.uow import UnitOfWork

pytestmark = pytest.mark.sqlite_only


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    db = open_database(str(tmp_path_factory.mktemp("watch") / "watch.db"))
    build_demo(db, "root", cases=200, seed=3)
    yield db
    db.dispose()


def test_the_sweep_finds_its_candidates_through_the_watch_indexes_only(desk):
    issued: list[tuple[str, tuple]] = []

    def keep(_conn, _cursor, statement, parameters, _context, _many):
        issued.append((statement, parameters))

    event.listen(desk.engine, "before_cursor_execute", keep)
    try:
        with UnitOfWork(desk) as uow:
            now = datetime(2026, 11, 22, 12, tzinfo=UTC)
            minutes = {p.value: t.first_response for p, t in DEFAULT_TARGETS.items()}
            uow.cases.escalation_candidates(late_before(DEFAULT_TARGETS, now), minutes)
    finally:
        event.remove(desk.engine, "before_cursor_execute", keep)
    sweeps = [(s, p) for s, p in issued if "FROM support_case" in s]
    assert len(sweeps) == 2 * len(DEFAULT_TARGETS)
    with desk.engine.connect() as connection:
        for statement, parameters in sweeps:
            plan = [
                r[-1]
                for r in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            ]
            assert len(plan) == 1, plan
            assert plan[0].startswith("SEARCH support_case USING INDEX ix_case_"), plan
            assert "_watch (priority=? AND created_at<?)" in plan[0], plan


def _plan(desk, statement) -> list[str]:
    with desk.engine.connect() as connection:
        rows = connection.exec_driver_sql(
            f"EXPLAIN QUERY PLAN {statement.text}", tuple(statement.params)
        )
        return [r[-1] for r in rows]


@pytest.mark.parametrize("areas", [None, frozenset({1}), frozenset({1, 2})])
def test_the_boards_oldest_unassigned_are_read_in_age_order_from_their_index(desk, areas):
    plan = _plan(desk, board_sql.waiting_statement(board_sql.area_clause(areas), "sqlite"))
    assert plan[0] == "SCAN c USING INDEX ix_case_waiting", plan
    assert not any("TEMP B-TREE" in line for line in plan), plan


@pytest.mark.parametrize("areas", [None, frozenset({1})])
def test_the_boards_one_pass_reads_the_open_cases_index_alone(desk, areas):
    now = datetime(2026, 11, 22, 12, tzinfo=UTC)
    statement = board_sql.groups_statement(
        board_sql.area_clause(areas), late_before(DEFAULT_TARGETS, now), now, "sqlite"
    )
    plan = _plan(desk, statement)
    assert "USING COVERING INDEX ix_case_open_board" in plan[0], plan
