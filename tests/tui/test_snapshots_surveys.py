"""Pictures of the survey templates screen (issue 21, SURVEYS): frozen clock, fixed desk."""

from __future__ import annotations

from deskTUI.screens.survey_templates import SurveyTemplatesScreen
from deskTUI.services import survey_templates

from .conftest import make_app, settle


def test_the_survey_templates_screen_picture(desk, snap_compare):
    """The admin's survey templates at 100×24: 'Satisfaction' (every category without its
    own) with its scale and comment, then 'Impresoras' attached to 'Soporte / Impresoras'
    with a required yes/no and a choice of three options; the keys a, q, c in the footer."""
    survey_templates.add_template(desk.uow(), desk.admin, "Impresoras")
    survey_templates.add_question(
        desk.uow(), desk.admin, "Impresoras", kind="yes_no", text="¿Se resolvió?", required=True
    )
    survey_templates.add_question(
        desk.uow(), desk.admin, "Impresoras", kind="choice", text="¿Cómo nos contactó?",
        options=("Teléfono", "Correo", "Chat"),
    )  # fmt: skip
    survey_templates.attach(desk.uow(), desk.admin, "Impresoras", "Impresoras")

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.app.push_screen(SurveyTemplatesScreen())
        await settle(pilot)

    app = make_app(desk, desk.admin)
    assert snap_compare(app, terminal_size=(100, 24), run_before=run_before)
