"""Print SQLite's plan for every shape of query the case list can issue.

    python benchmarks/query_plans.py [--cases N]

Builds a small demo desk in a temporary directory (plans depend on the schema
and its indexes, not on the row count, as long as no ANALYZE statistics
exist), then runs EXPLAIN QUERY PLAN for each filter alone and with each
sort, as an admin, a supervisor and an agent would issue it. Lines with a
full scan of support_case or a temporary B-tree are marked: issue 6 wants
none. This is the starting point of the query-plan test it asks for.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from sqlalchemy.dialects import sqlite

from deskTUI.domain.permissions import visibility_scope
from deskTUI.domain.query import parse_query
from deskTUI.services.common import sla_deadlines
from deskTUI.services.demo import build_demo
from deskTUI.store import case_queries
from deskTUI.store.database import open_database
from deskTUI.store.uow import UnitOfWork

FILTERS = [
    "",
    "status:open",
    "status:new",
    "prio:>=high",
    "assignee:me",
    "assignee:none",
    "assignee:ana",
    'client:"Acme SA"',
    "area:Soporte",
    "category:Impresoras",
    "updated:>=2026-01-01",
    "created:<2026-01-01",
    "sla:breached",
    "impresora",
    "status:open prio:>=high assignee:me",
]
SORTS = ["updated", "number", "priority", "next", "created"]


def plans(cases: int) -> list[tuple[str, str, str, list[str]]]:
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(str(Path(tmp) / "plans.db"))
        build_demo(db, "root", cases=cases)
        out = []
        with UnitOfWork(db) as uow:
            people = {u.login: u for u in uow.users.list()}
            deadlines = sla_deadlines(uow)
            connection = uow.session.connection()
            for who in ("root", "sofia", "ana"):
                actor = people[who]
                for text in FILTERS:
                    for sort in SORTS:
                        statement = case_queries.case_ids_query(
                            parse_query(text), visibility_scope(actor), actor.id, sort, deadlines
                        ).limit(100)
                        sql = str(
                            statement.compile(
                                dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}
                            )
                        )
                        rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}").fetchall()
                        out.append((who, text or "(all)", sort, [r[-1] for r in rows]))
        db.dispose()
        return out


def bad(line: str) -> bool:
    return line.startswith("SCAN support_case") or "TEMP B-TREE" in line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=300)
    args = parser.parse_args()
    found = plans(args.cases)
    flagged = 0
    for who, text, sort, lines in found:
        marks = [line for line in lines if bad(line)]
        flagged += bool(marks)
        status = "SLOW" if marks else "ok  "
        print(f"{status} {who:5} {sort:8} {text}")
        for line in marks:
            print(f"       {line}")
    print(f"\n{flagged} of {len(found)} query shapes scan the cases or sort in a temporary B-tree")


if __name__ == "__main__":
    main()
