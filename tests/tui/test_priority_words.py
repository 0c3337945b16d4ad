"""A priority's words come from ``Priority`` alone: the short word the narrow list shows is
the one a query accepts, and the urgent colour follows the domain's order."""

from __future__ import annotations

import pytest

from deskTUI.domain.enums import Priority
from deskTUI.domain.query import parse_query
from deskTUI.widgets.case_table import URGENT, _short_priority


@pytest.mark.parametrize("priority", list(Priority))
def test_the_word_the_narrow_list_shows_for_a_priority_finds_that_priority_in_a_query(
    priority: Priority,
) -> None:
    shown = _short_priority(priority.value)
    assert shown == priority.short
    query = parse_query(f"prio:{shown}")
    assert [c.values for c in query.conditions if c.key == "priority"] == [{priority.value}]


def test_the_list_draws_the_priorities_at_least_as_urgent_as_high_in_the_urgent_colour() -> None:
    assert (
        {p.value for p in Priority if p.rank >= Priority.HIGH.rank}
        == URGENT
        == {
            "high",
            "critical",
        }
    )
