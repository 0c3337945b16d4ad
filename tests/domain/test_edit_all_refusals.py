"""A save of many fields is told everything wrong at once; a stub title is asked about.

Issue 18: the edit form refused the progress 150 first and the bad date only on the
next save. Case.edit now checks every field and raises them together (``Refusals``),
each with its code, its field and its sentence; one refusal stays itself.
"""

from __future__ import annotations

import pytest

from deskTUI.domain.case import retitle_needs_asking
from deskTUI.domain.enums import Status
from deskTUI.domain.errors import Refusals, ValidationError
from deskTUI.i18n import error_text

from .conftest import PEOPLE, at, make_case


def test_every_refused_field_of_an_edit_is_told_at_once_and_nothing_is_changed():
    case = make_case(Status.IN_PROGRESS)
    before = (case.progress, case.planned_start, case.title, case.product)
    with pytest.raises(Refusals) as refused:
        case.edit(
            PEOPLE.supervisor,
            {"progress": "150", "planned_start": "2026-13-45", "product": "Router X"},
            at(hours=2),
        )
    found = [(error.field, error.code) for error in refused.value.refusals]
    assert found == [("progress", "field.range"), ("planned_start", "field.date")]
    assert error_text(refused.value) == (
        "The progress must be from 0 to 100, not 150; "
        "The planned start date '2026-13-45' is not a date: write YYYY-MM-DD"
    )
    assert (case.progress, case.planned_start, case.title, case.product) == before
    assert case.pending_log == []


def test_one_refused_field_is_still_that_refusal_alone():
    case = make_case(Status.IN_PROGRESS)
    with pytest.raises(ValidationError) as refused:
        case.edit(PEOPLE.supervisor, {"progress": "150", "product": "Router X"}, at(hours=2))
    assert not isinstance(refused.value, Refusals)
    assert (refused.value.field, refused.value.code) == ("progress", "field.range")


def test_a_field_an_agent_may_not_change_and_a_bad_value_are_refused_together():
    case = make_case(Status.IN_PROGRESS)  # assigned to PEOPLE.assignee
    with pytest.raises(Refusals) as refused:
        case.edit(PEOPLE.assignee, {"priority": "critical", "progress": "-1"}, at(hours=2))
    assert [error.field for error in refused.value.refusals] == ["priority", "progress"]


def test_the_planned_dates_are_compared_only_when_both_could_be_read():
    case = make_case(Status.IN_PROGRESS)
    with pytest.raises(ValidationError) as refused:
        case.edit(
            PEOPLE.supervisor,
            {"planned_start": "2026-04-31", "planned_close": "2026-04-01"},
            at(hours=2),
        )
    assert not isinstance(refused.value, Refusals)  # no "close before start" on a non-date
    assert refused.value.field == "planned_start"


@pytest.mark.parametrize(
    ("old", "new", "asks"),
    [
        ("Pegado largo", "W", True),
        ("Pegado largo", " QA ", True),
        ("Pegado largo", "VPN", False),
        ("Pegado largo", "Pegado largo", False),
        ("", "W", False),
        ("W", "W", False),
        ("AB", "A", True),
        ("Pegado largo", "", False),  # refused as required, not asked about
    ],
)
def test_a_title_of_one_or_two_characters_over_a_non_empty_one_is_asked_about(old, new, asks):
    assert retitle_needs_asking(old, new) is asks
