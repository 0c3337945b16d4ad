"""Survey averages are driven by the surveys, each finding its case by primary key.

Joined plainly, SQLite's planner walked every case by its area index and looked for
each one's survey: 1.9 s on the million-case demo desk (126k surveys), against 0.2 s
driven by the surveys. Plans follow the schema (and the demo's statistics), not the
row count, so a small demo desk shows the plan of a large one.
"""

from __future__ import annotations

import pytest

from deskTUI.store.uow import UnitOfWork

from .conftest import query_plan, statements_issued

pytestmark = pytest.mark.sqlite_only


def plan_of(desk, column: str, areas: frozenset[int] | None) -> list[str]:
    with statements_issued(desk) as issued, UnitOfWork(desk) as uow:
        totals = uow.surveys.totals_by(column, areas)
    assert totals, "the demo desk has answered surveys"
    (statement, parameters), *_ = [s for s in issued if "survey" in s[0]]
    return query_plan(desk, statement, parameters)


@pytest.mark.parametrize("column", ["assignee_id", "area_id", "category_id", "month"])
@pytest.mark.parametrize("areas", [None, frozenset({1})], ids=["admin", "supervisor"])
def test_the_averages_scan_the_surveys_and_never_every_case(demo_desk, column, areas):
    lines = plan_of(demo_desk, column, areas)
    assert lines[0] == "SCAN survey", lines
    assert not any(line.startswith("SCAN support_case") for line in lines), lines
    assert not any("USING COVERING INDEX ix_case_area" in line for line in lines), lines
    if column != "month" or areas is not None:
        assert "SEARCH support_case USING INTEGER PRIMARY KEY (rowid=?)" in lines, lines
