"""The SQL that sorts by urgency and picks the open cases is written from the domain's enums.

``Priority`` (its declaration order) and ``Status.is_open`` are the one definition; the
store's fragments (schema_names) are generated from them. These tests ask a real
database, on both engines, whether the generated SQL judges every case as the domain does.
"""

from __future__ import annotations

from itertools import product

from sqlalchemy import text

from deskTUI.domain.enums import OPEN_STATUSES, PRIORITIES_BY_URGENCY, Priority, Status
from deskTUI.store import schema_names
from deskTUI.store.schema_names import OPEN_SQL, URGENCY, URGENCY_SQL, not_closed_sql, open_sql


def _one_case_per_priority_and_status(desk, db) -> dict[int, tuple[Priority, Status]]:
    """Open one case for each (priority, status) pair and store that pair on it as is:
    the SQL's judgement is the subject here, not the lifecycle that reaches a status."""
    made: dict[int, tuple[Priority, Status]] = {}
    for priority, status in product(Priority, Status):
        case = desk.open(priority=priority)
        with db.engine.begin() as connection:
            connection.execute(
                text("UPDATE support_case SET status = :s WHERE id = :id"),
                {"s": status.value, "id": case.id},
            )
        made[case.id] = (priority, status)
    return made


def test_ordering_by_the_generated_urgency_gives_the_domains_priority_order(desk, db):
    made = _one_case_per_priority_and_status(desk, db)
    with db.engine.connect() as connection:
        by_column = connection.execute(
            text("SELECT id, urgency FROM support_case ORDER BY urgency DESC, id")
        ).all()
        by_fragment = connection.execute(
            text(f"SELECT id FROM support_case ORDER BY {URGENCY_SQL} DESC, id")
        ).all()
    expected = sorted(made, key=lambda case_id: (-made[case_id][0].rank, case_id))
    assert [row.id for row in by_column] == expected
    assert [row.id for row in by_fragment] == expected
    assert all(urgency == made[case_id][0].rank for case_id, urgency in by_column)


def test_the_open_status_filters_select_exactly_the_cases_the_domain_calls_open(desk, db):
    made = _one_case_per_priority_and_status(desk, db)
    expected = {case_id for case_id, (_, status) in made.items() if status.is_open}
    with db.engine.connect() as connection:
        # OPEN_SQL as the partial indexes hold it, and the aliased forms the lists use.
        for condition in (OPEN_SQL, open_sql("c.status"), not_closed_sql("c.status")):
            found = connection.execute(
                text(f"SELECT c.id FROM support_case c WHERE {condition}")
            ).all()
            assert {row.id for row in found} == expected, condition
    assert {status for _, status in made.values() if status.is_open} == OPEN_STATUSES


def test_the_generated_fragments_keep_the_text_the_schema_and_its_migrations_were_built_with():
    # The urgency column, the partial indexes and migrations 0004-0008 hold this text: a
    # change of wording would make the schema differ from its migrations.
    assert URGENCY_SQL == (
        "CASE priority WHEN 'critical' THEN 3 WHEN 'high' THEN 2 WHEN 'medium' THEN 1 ELSE 0 END"
    )
    assert OPEN_SQL == "status IN ('new', 'assigned', 'in_progress', 'on_hold')"
    assert not_closed_sql("c.status") == "c.status NOT IN ('finished', 'cancelled')"
    assert {p.value: p.rank for p in Priority} == URGENCY
    assert [p.value for p in PRIORITIES_BY_URGENCY] == ["critical", "high", "medium", "low"]
    assert schema_names.BOARD_INDEX[2] == OPEN_SQL
