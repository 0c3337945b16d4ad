"""cases.edit_case tells every refused field of one save at once, and stores nothing.

Issue 18: the edit form was refused the progress first and the bad date only on the
next save. The typed values, the references and the cross-record rules are all
checked, on SQLite and PostgreSQL, before the one answer.
"""

from __future__ import annotations

import pytest

from deskTUI.domain.errors import Refusals
from deskTUI.i18n import error_text
from deskTUI.services import cases


def test_every_refused_field_of_an_edit_is_told_in_one_answer_and_nothing_is_stored(desk, snapshot):
    case = desk.open()
    before = snapshot(case.number)
    with pytest.raises(Refusals) as caught:
        cases.edit_case(
            desk.uow(),
            desk.admin,
            case.number,
            {
                "progress": "150",
                "planned_start": "2026-13-45",
                "estimate": "soon",
                "area": "Desarrollo",  # its category stays Soporte's: a cross-record rule
                "product": "Router X",
            },
        )
    assert [(e.field, e.code) for e in caught.value.refusals] == [
        ("estimate_minutes", "duration.invalid"),
        ("progress", "field.range"),
        ("planned_start", "field.date"),
        ("category_id", "case.category_area"),
    ]
    sentence = error_text(caught.value)
    assert "not 150" in sentence and "'2026-13-45' is not a date" in sentence
    assert snapshot(case.number) == before


def test_a_missing_reference_and_a_bad_value_are_told_together(desk, snapshot):
    case = desk.open()
    before = snapshot(case.number)
    with pytest.raises(Refusals) as caught:
        cases.edit_case(
            desk.uow(), desk.admin, case.number, {"client": "Nadie SA", "progress": "-5"}
        )
    assert [e.field for e in caught.value.refusals] == ["client_id", "progress"]
    assert snapshot(case.number) == before
