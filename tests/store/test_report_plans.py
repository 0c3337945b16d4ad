"""A supervisor's reports read the period's rows, never every case their areas ever had.

Without statistics SQLite's planner took the area's index for "c.area_id IN (...)" and
walked every case of the area, of all time: a supervisor's weekly report took 151 ms at
100k cases where an admin's took 15 ms; the satisfaction report scanned every case.
"""

from __future__ import annotations

from datetime import UTC, date

import pytest

from deskTUI.services.identity import resolve_actor
from deskTUI.services.reports import report
from deskTUI.store.uow import UnitOfWork

from .conftest import query_plan, statements_issued

pytestmark = pytest.mark.sqlite_only


@pytest.mark.parametrize(
    ("kind", "by"),
    [("weekly", None), ("response", None), ("sla", None), ("hours", "client"),
     ("hours", "agent"), ("satisfaction", "agent"), ("satisfaction", "month")],
)  # fmt: skip
@pytest.mark.parametrize("who", ["root", "sofia"])
def test_each_report_reads_the_period_not_every_case(demo_desk, kind, by, who):
    actor = resolve_actor(UnitOfWork(demo_desk), login=who)
    with statements_issued(demo_desk) as issued:
        report(
            UnitOfWork(demo_desk, readonly=True), actor, kind, zone=UTC, by=by,
            first=date(2026, 1, 5), last=date(2026, 3, 29),
        )  # fmt: skip
    reads = [
        (s, p)
        for s, p in issued
        if "support_case" in s and s.lstrip().startswith(("SELECT", "WITH"))
    ]
    assert reads, "the report read cases"
    for statement, parameters in reads:
        plan = query_plan(demo_desk, statement, parameters)
        assert not any("ix_case_area" in line for line in plan), plan
        assert not any(line.startswith(("SCAN c", "SCAN support_case")) for line in plan), plan
