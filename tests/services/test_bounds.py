"""The edges of the query language and of the figures people type, on SQLite and on
PostgreSQL (issue 17, items 7 and 8): every list answers or refuses with a sentence."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from deskTUI.domain.errors import DomainError, ValidationError
from deskTUI.services import case_list, saved_views, search
from deskTUI.store.list_reader import ListReader

EDGE_DAYS = [
    date.min, date.min + timedelta(days=1), date(1899, 12, 31), date(1900, 1, 1),
    date(9998, 12, 31), date(9999, 1, 1), date.max - timedelta(days=1), date.max,
]  # fmt: skip
OPS = ["", ">=", ">", "<=", "<", "="]
AGE_EDGES = [0, 1, 5218 * 7 * 24 * 60, 5218 * 7 * 24 * 60 + 1, 999_999]


def _day_term(key: str, op: str, day: date, negated: bool) -> str:
    return f"{'-' if negated else ''}{key}:{op}{day.isoformat()}"


edges = st.sampled_from(EDGE_DAYS)
days = st.one_of(edges, edges, st.dates())
"""The edges of the calendar two times in three: where the tracebacks were."""
day_terms = st.builds(
    _day_term, st.sampled_from(["created", "updated"]), st.sampled_from(OPS), days, st.booleans()
)
age_terms = st.builds(
    lambda op, n, unit, neg: f"{'-' if neg else ''}age:{op}{n}{unit}",
    st.sampled_from(OPS),
    st.one_of(st.sampled_from(AGE_EDGES), st.integers(0, 10**7)),
    st.sampled_from("mhdw"),
    st.booleans(),
)
priority_terms = st.builds(
    lambda op, level, neg: f"{'-' if neg else ''}prio:{op}{level}",
    st.sampled_from(OPS),
    st.sampled_from(["low", "medium", "high", "critical", "crit", "med"]),
    st.booleans(),
)
queries = st.lists(st.one_of(day_terms, age_terms, priority_terms), min_size=1, max_size=3).map(
    " ".join
)


@settings(
    max_examples=60,
    derandomize=True,  # the same queries on every run: CI cannot flake
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=queries)
@example(query="created:>=9999-12-31")  # the tester's: an OverflowError on both engines
@example(query="updated:<9999-12-31")
@example(query="prio:<low")  # an IN () PostgreSQL refused
@example(query="-prio:>critical age:>5218w")
def test_a_query_of_dates_ages_and_priorities_at_their_bounds_answers_or_says_why(desk, query):
    """The command line's list, the screen's page and count: a result or a refusal in a
    sentence, never an OverflowError or a database's syntax error."""
    if search.search_cases(desk.uow(), desk.admin).total == 0:  # the desk lives across examples
        desk.open(title="Uno")
    reader = ListReader.for_database(desk.uow().db)
    for run in (
        lambda: search.search_cases(desk.uow(), desk.admin, query, limit=5),
        lambda: case_list.case_page(reader, desk.admin, query, now=desk.clock(), limit=5),
        lambda: case_list.case_count(reader, desk.admin, query, now=desk.clock()),
    ):
        try:
            run()
        except DomainError as refusal:
            assert str(refusal).startswith("In the query, "), refusal


def test_a_saved_view_whose_query_no_longer_runs_leaves_the_panel_and_its_counts(desk):
    """Saved under an older version, ``created:>=9999-12-31`` failed the whole panel every
    time it opened; now that view alone shows no count."""
    desk.open(title="Uno")
    with desk.uow() as uow:
        uow.saved_views.put(desk.ana.id, "Fin de los tiempos", "created:>=9999-12-31")
        uow.commit()
    views = {v.name: v for v in saved_views.panel(desk.uow(), desk.ana)}
    stale = views["Fin de los tiempos"]
    assert stale.count_text() == "—"
    assert stale.refusal is not None
    assert "outside the desk's calendar" in str(stale.refusal)
    assert views["All open"].count_text() == "1"


def test_a_new_case_with_a_cost_per_hour_past_the_bounds_is_refused(desk):
    with pytest.raises(ValidationError) as refused:
        desk.open(title="Caro", billable=True, cost_per_hour="1e26")
    assert str(refused.value) == (
        "The cost per hour can be at most 1,000,000,000,000, not 100000000000000000000000000"
    )
    assert search.search_cases(desk.uow(), desk.admin).total == 0
