"""Survey templates in the TUI for admins (issue 21): from the palette, `a` adds a
template, `q` its questions, `c` attaches it to a category, by keys only."""

from __future__ import annotations

from deskTUI.screens.survey_templates import SurveyTemplatesScreen
from deskTUI.services import survey_templates, surveys

from .conftest import running_app, settle
from .test_reports import rows_of
from .test_survey import finished_for_maria


async def test_an_admin_makes_a_template_and_attaches_it_by_keys(desk):
    async with running_app(desk, desk.admin, size=(120, 30)) as (app, pilot):
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Survey templates")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SurveyTemplatesScreen)
        await pilot.press("a", *"Impresoras", "enter")
        await settle(pilot)
        await pilot.press("down", "down", "down", "q")  # on the new template's line
        await settle(pilot)
        await pilot.press("down", "enter", *"Se resolvió?", "tab", "tab", "down", "enter")
        await settle(pilot)
        await pilot.press("q", "down", "down", "enter", *"Cómo nos contactó?", "tab")
        await pilot.press(*"Teléfono; Correo", "enter")
        await settle(pilot)
        await pilot.press("q", "enter", "enter")  # a scale without its text: refused
        await settle(pilot)
        assert str(app.screen.query_one("#dialog-error").render()) == "The question is required"
        await pilot.press("escape", "c", *"Soporte / Impresoras", "enter")
        await settle(pilot)
        rows = rows_of(app, "#survey-templates-table")
    assert [r[:4] for r in rows[3:]] == [
        ["Impresoras", "", "", ""],
        ["", "1. Se resolvió?", "yes/no", "required"],
        ["", "2. Cómo nos contactó?", "choice", ""],
    ]
    assert rows[3][4] == "Soporte / Impresoras"
    case = finished_for_maria(desk)
    asked = surveys.survey_questions(desk.uow(), desk.maria, case.number)
    assert [(q.kind.value, q.options, q.required) for q in asked] == [
        ("yes_no", (), True),
        ("choice", ("Teléfono", "Correo"), False),
    ]
    assert [v.template.name for v in survey_templates.templates(desk.uow(), desk.admin)] == [
        "Satisfaction",
        "Impresoras",
    ]
