"""Every query the case list can issue reads an index in the list's order.

At a million cases, a page that sorts its matches in a temporary B-tree, or
scans the whole case table, costs seconds where an index read costs a
millisecond (ARCHITECTURE.md). This runs EXPLAIN QUERY PLAN for each filter,
alone and combined, with each sort, as each role issues it, and fails on a
temp B-tree or a full scan. Plans depend on the schema and its indexes, not
on the number of rows (no ANALYZE statistics are kept), so a small demo desk
shows the plans of a large one.
"""

from __future__ import annotations

import pytest

from deskTUI.domain.permissions import visibility_scope
from deskTUI.domain.query import parse_query
from deskTUI.services.common import sla_deadlines
from deskTUI.store import list_sql
from deskTUI.store.sql_executor import of_unit
from deskTUI.store.uow import UnitOfWork

FILTERS = [
    "",
    "status:open",
    "status:new",
    "status:new,on_hold",
    "-status:finished",
    "prio:>=high",
    "prio:critical",
    "assignee:me",
    "assignee:none",
    "assignee:ana",
    "assignee:ana,luis",
    "-assignee:none",
    'client:"Acme SA"',
    'client:"Acme SA","Globex Ltda"',
    'area:"Soporte Técnico"',
    "category:Impresoras",
    "updated:>=2026-01-01",
    "created:<2026-01-01",
    "sla:breached",
    "sla:ok",
    "impresora",
    "impresora red",
    "impresora -correo",
    "-impresora",
    "status:open prio:>=high",
    "status:open assignee:me",
    "status:open assignee:ana",
    'status:new client:"Acme SA"',
    'status:open area:"Soporte Técnico" prio:critical',
    "status:open sla:breached assignee:none",
    'status:new client:"Acme SA" impresora',
    "assignee:me impresora",
    # The queue board's lists (services/board.py): ages of unassigned cases, about to breach.
    "age:>4h",
    "status:open assignee:none prio:critical age:>=1h age:<4h",
    'status:open assignee:none age:>=3d area:"Soporte Técnico"',
    "sla:soon",
    "status:open sla:soon",
    'status:open sla:breached area:"Soporte Técnico"',
    # Issue 21 (seed 003): a contract's and a contact's cases, by id or by name.
    "contract:1",
    'status:open contact:"María Pérez"',
    "-contract:1",
]
SORTS = ["updated", "created", "number", "priority", "next", "relevance"]
ROLES = ["root", "sofia", "ana", "client"]


@pytest.fixture
def desk(demo_desk):
    return demo_desk


def explain(connection, statement: list_sql.Sql) -> list[str]:
    rows = connection.exec_driver_sql(
        f"EXPLAIN QUERY PLAN {statement.text}", tuple(statement.params)
    )
    return [row[-1] for row in rows]


def statements(plan: list_sql.ListQuery) -> list[tuple[str, list_sql.Sql]]:
    """The page query of each sort (both runs of "next"), and the count."""
    out: list[tuple[str, list_sql.Sql]] = []
    for sort in SORTS:
        if sort == "next" and plan.match is None:
            (late, late_index), (rest, rest_index) = plan.queue_runs()
            out += [
                ("next, breached", plan.page(sort, 0, 100, late, late_index)),
                ("next, rest", plan.page(sort, 0, 100, rest, rest_index)),
                ("next, breached count", plan.count(None, late)),
            ]
        else:
            out.append((sort, plan.page(sort, 0, 100)))
    out.append(("count", plan.count()))
    return out


CASES = ("SCAN support_case", "SCAN c")  # the case table, by name or by the list's alias


def faults(sort: str, lines: list[str]) -> list[str]:
    """The plan lines that would make this query slow at a million cases."""
    bad = []
    for line in lines:
        if "TEMP B-TREE" in line:
            bad.append(line)
        elif line.startswith(CASES) and line.split()[1] in ("c", "support_case"):
            # A walk of the table's own B-tree is a walk in case-number order: what the
            # "number" sort asks for, and nothing else may do it.
            if "INDEX" not in line and sort != "number":
                bad.append(line)
        elif line.startswith("SCAN") and not (
            "INDEX" in line or "VIRTUAL TABLE" in line or line in ("SCAN matches",)
        ):
            bad.append(line)  # a full scan of any other table
        elif "VIRTUAL TABLE INDEX" in line and ":=" in line:
            # FTS5 given a rowid: the text query run again for each case the outer loop
            # reads (a client's count at 100,000 cases took 9 s so).
            bad.append(line)
    return bad


def test_every_list_query_reads_an_index_and_never_sorts_or_scans(desk):
    checked, failures = 0, []
    with UnitOfWork(desk, readonly=True) as uow:
        people = {u.login: u for u in uow.users.list()}
        people["client"] = next(u for u in people.values() if u.client_id is not None)
        deadlines = sla_deadlines(uow)
        connection = uow.session.connection()
        execute = of_unit(uow)
        for role in ROLES:
            actor = people[role]
            scope = visibility_scope(actor)
            for text in FILTERS:
                plan = list_sql.list_query(execute, parse_query(text), scope, actor.id, deadlines)
                assert not plan.matches_nothing, f"{text!r} names something the demo lacks"
                for sort, statement in statements(plan):
                    lines = explain(connection, statement)
                    checked += 1
                    if faults(sort, lines):
                        failures.append(f"{role} {sort} {text!r}: {' ; '.join(lines)}")
    assert checked >= len(ROLES) * len(FILTERS) * len(SORTS)
    assert failures == [], "\n".join(failures)


def test_the_plan_check_catches_a_sort_and_a_full_scan(desk):
    """The check itself: a query ordered by an unindexed column is caught."""
    with UnitOfWork(desk, readonly=True) as uow:
        connection = uow.session.connection()
        sorted_ = explain(connection, list_sql.Sql("SELECT id FROM support_case ORDER BY title"))
        scanned = explain(
            connection, list_sql.Sql("SELECT id FROM support_case WHERE title = ?", ["x"])
        )
    assert faults("updated", sorted_)
    assert faults("updated", scanned)
    assert faults("updated", ["SCAN case_search VIRTUAL TABLE INDEX 0:=M4"])  # MATCH per row
    assert faults("number", scanned) == []  # the one allowed walk: the table in number order


def test_a_name_that_names_nothing_answers_without_asking_the_database(desk):
    with UnitOfWork(desk, readonly=True) as uow:
        root = uow.users.by_login("root")
        execute = of_unit(uow)
        plan = list_sql.list_query(
            execute, parse_query("client:Nadie"), visibility_scope(root), root.id
        )
        assert plan.matches_nothing
        assert list_sql.page_ids(execute, plan, "updated", 0, 10) == []
        assert list_sql.count_cases(execute, plan) == 0
        negated = list_sql.list_query(
            execute, parse_query("-client:Nadie"), visibility_scope(root), root.id
        )
        assert list_sql.count_cases(execute, negated) == 200
