"""Seed 004's flow: "a category survey answered with three questions". An admin attaches
a three-question template to Impresoras; a case of it is finished; María answers its
survey in the TUI by keys (a scale, yes/no, a choice); the answers are on the desk and
in the CLI's JSON."""

from __future__ import annotations

from textual.widgets import Input, Static

from deskTUI.screens.case_view import CaseViewScreen
from deskTUI.screens.dialogs import SurveyDialog
from deskTUI.screens.reports import ReportsScreen
from deskTUI.services import survey_templates, surveys

from .conftest import burst, delivered, make_app, running_app, settle
from .test_reports import rows_of
from .test_survey import finished_for_maria, survey_of


def _printers_template(desk) -> None:
    survey_templates.add_template(desk.uow(), desk.admin, "Impresoras")
    for kind, text, options, required in (
        ("scale", "¿Qué tan rápido lo atendimos?", (), True),
        ("yes_no", "¿Quedó resuelto?", (), True),
        ("choice", "¿Cómo nos contactó?", ("Teléfono", "Correo", "Chat"), False),
        ("text", "¿Algo más?", (), True),
    ):
        survey_templates.add_question(
            desk.uow(), desk.admin, "Impresoras", kind=kind, text=text, options=options,
            required=required,
        )  # fmt: skip
    survey_templates.attach(desk.uow(), desk.admin, "Impresoras", "Impresoras")


def _shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_a_category_survey_is_answered_by_keys_one_question_after_another(desk):
    _printers_template(desk)
    case = finished_for_maria(desk)
    async with running_app(desk, desk.maria, size=(100, 30)) as (app, pilot):
        assert isinstance(app.screen, SurveyDialog)  # offered as she opens the desk
        assert _shown(app, "#survey-question") == (
            "Question 1 of 4 (required)\n¿Qué tan rápido lo atendimos?"
        )
        await pilot.press("escape")  # later, from the case: y
        await settle(pilot)
        await app.push_screen(CaseViewScreen(case.id))
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, SurveyDialog)
        await pilot.press("7")  # no score 7: still the first question
        await settle(pilot)
        assert _shown(app, "#survey-question").startswith("Question 1 of 4")
        await pilot.press("4", "x", "n")  # 4; x is no answer to yes/no; n: no
        await settle(pilot)
        assert _shown(app, "#survey-question") == "Question 3 of 4\n¿Cómo nos contactó?"
        await pilot.press("3")  # the third option: Chat
        await settle(pilot)
        assert _shown(app, "#survey-question").startswith("Question 4 of 4 (required)")
        await pilot.press("enter")  # required and empty: a sentence, nothing sent
        await settle(pilot)
        assert _shown(app, "#dialog-error") == "Question 4 needs an answer"
        assert survey_of(desk, case) is None
        app.screen.query_one("#answer", Input).value = "x" * 5001  # too long: said at once
        await pilot.press("enter")
        await settle(pilot)
        assert _shown(app, "#dialog-error") == (
            "The answer is 5,001 characters long; at most 5,000 are allowed"
        )
        app.screen.query_one("#answer", Input).value = ""
        await pilot.press(*"Atención rápida", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
    assert survey_of(desk, case).score == 4
    given = surveys.survey_answers(desk.uow(), desk.sofia, case.number)
    assert [(q.position, v) for q, v in given] == [
        (1, "4"), (2, "no"), (3, "Chat"), (4, "Atención rápida"),
    ]  # fmt: skip
    # Sofía's reports (R), the surveys tab (7): each question, then each answer given.
    async with running_app(desk, desk.sofia, size=(160, 40)) as (app, pilot):
        await pilot.press("R")
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        assert isinstance(app.screen, ReportsScreen)
        rows = [(r[0], r[2], r[5], r[6], r[8]) for r in rows_of(app)]
    assert rows == [
        ("Impresoras", "1", "—", "1", "4.00"),
        ("Impresoras", "1", "4", "1", "—"),
        ("Impresoras", "2", "—", "1", "—"),
        ("Impresoras", "2", "no", "1", "—"),
        ("Impresoras", "3", "—", "1", "—"),
        ("Impresoras", "3", "Chat", "1", "—"),
        ("Impresoras", "4", "—", "1", "—"),
    ]


def test_the_category_survey_dialog_picture(desk, snap_compare):
    """María's survey of CS-000001 (Impresoras' template) at 100×24 after she pressed 5
    for the first question: 'Question 2 of 4 (required)', '¿Quedó resuelto?', the list
    'y · yes' / 'n · no' with nothing highlighted and the hint 'y: yes · n: no · escape:
    later (y on the case)'."""
    _printers_template(desk)
    finished_for_maria(desk)

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)

    assert snap_compare(make_app(desk, desk.maria), terminal_size=(100, 24), run_before=run_before)


async def test_a_survey_typed_in_one_burst_keeps_every_key_in_its_question(desk):
    """A terminal delivers '5 y 2 Rápido enter' in one read: the score, yes, the second
    option and the text each reach their own question, none lost to the one before."""
    _printers_template(desk)
    case = finished_for_maria(desk)
    async with running_app(desk, desk.maria, size=(100, 30)) as (app, pilot):
        assert isinstance(app.screen, SurveyDialog)
        burst(app, "5", "y", "2", *"Rápido", "enter")
        await delivered(pilot)
        await settle(pilot)
        assert not isinstance(app.screen, SurveyDialog)
    given = surveys.survey_answers(desk.uow(), desk.sofia, case.number)
    assert [(q.position, v) for q, v in given] == [
        (1, "5"), (2, "yes"), (3, "Correo"), (4, "Rápido"),
    ]  # fmt: skip


async def test_an_answer_refused_is_said_on_its_own_question_not_after_the_last(desk):
    """A text too long on the first of two questions: the sentence comes at once and the
    question stays (there is no way back to it once the survey has moved on)."""
    survey_templates.add_template(desk.uow(), desk.admin, "Texto primero")
    survey_templates.add_question(
        desk.uow(), desk.admin, "Texto primero", kind="text", text="¿Qué pasó?"
    )
    survey_templates.add_question(
        desk.uow(), desk.admin, "Texto primero", kind="scale", text="Nota"
    )
    survey_templates.attach(desk.uow(), desk.admin, "Texto primero", "Impresoras")
    case = finished_for_maria(desk)
    async with running_app(desk, desk.maria, size=(100, 30)) as (app, pilot):
        assert isinstance(app.screen, SurveyDialog)
        app.screen.query_one("#answer", Input).value = "x" * 5001
        await pilot.press("enter")
        await settle(pilot)
        assert _shown(app, "#survey-question") == "Question 1 of 2\n¿Qué pasó?"
        assert _shown(app, "#dialog-error") == (
            "The answer is 5,001 characters long; at most 5,000 are allowed"
        )
        app.screen.query_one("#answer", Input).value = "Se trabó el papel"
        await pilot.press("enter", "3")
        await settle(pilot)
        assert not isinstance(app.screen, SurveyDialog)
    assert survey_of(desk, case).comment == "Se trabó el papel"


async def test_s_for_si_answers_yes_as_y_does_and_is_plain_text_in_a_free_answer(desk):
    survey_templates.add_template(desk.uow(), desk.admin, "Corta")
    for kind, text in (("yes_no", "¿Quedó resuelto?"), ("text", "¿Algo más?")):
        survey_templates.add_question(
            desk.uow(), desk.admin, "Corta", kind=kind, text=text, required=True
        )
    survey_templates.attach(desk.uow(), desk.admin, "Corta", "Impresoras")
    case = finished_for_maria(desk)
    async with running_app(desk, desk.maria, size=(100, 30)) as (app, pilot):
        assert isinstance(app.screen, SurveyDialog)
        await pilot.press("s", *"sí", "enter")  # s: sí; then "sí" typed as the answer
        await settle(pilot)
        assert not isinstance(app.screen, SurveyDialog)
    given = surveys.survey_answers(desk.uow(), desk.sofia, case.number)
    assert [(q.position, v) for q, v in given] == [(1, "yes"), (2, "sí")]


async def test_the_answered_survey_shows_under_the_others_tab_for_staff_and_its_client(desk):
    _printers_template(desk)
    case = finished_for_maria(desk)
    surveys.answer_survey(
        desk.uow(), desk.maria, case.number, answers={1: 4, 2: "yes", 3: "Chat", 4: "[b]Bien[/b]"}
    )
    for who in (desk.sofia, desk.maria):
        async with running_app(desk, who, case_id=case.id) as (app, _pilot):
            others = str(app.screen.query_one("#others-body", Static).render())
            assert others.split("Survey\n", 1)[1].splitlines() == [
                "  ¿Qué tan rápido lo atendimos?  4",
                "  ¿Quedó resuelto?  yes",
                "  ¿Cómo nos contactó?  Chat",
                "  ¿Algo más?  [b]Bien[/b]",  # the client's words, never markup
            ]
