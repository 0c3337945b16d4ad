"""The agenda's plan dialog reads its typed day with the domain's one day parser, as every
CLI command does (tests/cli/test_one_day_parser_cli.py): the same sentences, nothing planned.
Both engines."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from deskTUI.domain.errors import ValidationError
from deskTUI.i18n import error_text
from deskTUI.services import views
from deskTUI.services.agenda import plan

MADRID = ZoneInfo("Europe/Madrid")


@pytest.mark.parametrize(
    ("day", "says"),
    [
        ("9999-12-31", "The day '9999-12-31' is outside the desk's calendar (1900-01-01 to 9998-12-31)"),
        ("0001-01-01", "The day '0001-01-01' is outside the desk's calendar (1900-01-01 to 9998-12-31)"),
        ("31/12/2026", "The day '31/12/2026' is not a date: write YYYY-MM-DD"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("what", ["call", "task"])
def test_a_planned_day_outside_the_calendar_or_no_date_is_refused_and_plans_nothing(
    desk, started, what, day, says
):
    case = started()
    with pytest.raises(ValidationError) as refused:
        plan(desk.uow, desk.ana, case.number, what=what, title="Llamar", day=day,
             start="09:00", end="09:30", zone=MADRID)  # fmt: skip
    assert error_text(refused.value) == says
    detail = views.case_detail(desk.uow(), desk.ana, case.number)
    assert (detail.events, detail.tasks) == ([], [])
