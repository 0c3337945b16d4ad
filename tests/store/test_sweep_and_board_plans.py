"""The escalation sweep and the queue board read their own indexes, never every case.

Every TUI that is open sweeps once a minute: before these indexes a sweep loaded each
open case, 19 s at 100k cases with the write lock held. The plan depends on the schema,
not the row count, so a small demo desk shows the plan of a large one.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from deskTUI.domain.sla import DEFAULT_TARGETS, late_before
from deskTUI.store import board_sql
from deskTUI.store.uow import UnitOfWork

from .conftest import query_plan, statements_issued

pytestmark = pytest.mark.sqlite_only


def test_the_sweep_finds_its_candidates_through_the_watch_indexes_only(demo_desk):
    now = datetime(2026, 11, 22, 12, tzinfo=UTC)
    minutes = {p.value: t.first_response for p, t in DEFAULT_TARGETS.items()}
    with statements_issued(demo_desk) as issued, UnitOfWork(demo_desk) as uow:
        uow.cases.escalation_candidates(late_before(DEFAULT_TARGETS, now), minutes)
    sweeps = [(s, p) for s, p in issued if "FROM support_case" in s]
    assert len(sweeps) == 2 * len(DEFAULT_TARGETS)
    for statement, parameters in sweeps:
        plan = query_plan(demo_desk, statement, parameters)
        assert len(plan) == 1, plan
        assert plan[0].startswith("SEARCH support_case USING INDEX ix_case_"), plan
        assert "_watch (priority=? AND created_at<?)" in plan[0], plan


def _plan(demo_desk, statement) -> list[str]:
    return query_plan(demo_desk, statement.text, tuple(statement.params))


@pytest.mark.parametrize("areas", [None, frozenset({1}), frozenset({1, 2})])
def test_the_boards_oldest_unassigned_are_read_in_age_order_from_their_index(demo_desk, areas):
    plan = _plan(demo_desk, board_sql.waiting_statement(board_sql.area_clause(areas), "sqlite"))
    assert plan[0] == "SCAN c USING INDEX ix_case_waiting", plan
    assert not any("TEMP B-TREE" in line for line in plan), plan


@pytest.mark.parametrize("areas", [None, frozenset({1})])
def test_the_boards_one_pass_reads_the_open_cases_index_alone(demo_desk, areas):
    now = datetime(2026, 11, 22, 12, tzinfo=UTC)
    statement = board_sql.groups_statement(
        board_sql.area_clause(areas), late_before(DEFAULT_TARGETS, now), now, "sqlite"
    )
    plan = _plan(demo_desk, statement)
    assert "USING COVERING INDEX ix_case_open_board" in plan[0], plan


@pytest.mark.parametrize("link", ["project", "service"])
@pytest.mark.parametrize("areas", [None, frozenset({1})])
def test_the_board_by_project_or_service_reads_its_covering_index_alone(demo_desk, areas, link):
    statement = board_sql.links_statement(board_sql.area_clause(areas), link, "sqlite")
    plan = _plan(demo_desk, statement)
    reads = [line for line in plan if " c " in f" {line} " or "support_case" in line]
    assert reads and all("COVERING INDEX ix_case_open_links" in line for line in reads), plan
