"""A client's survey offer pops up once; `y` on the case answers it later."""

from __future__ import annotations

from deskTUI.screens.case_view import CaseViewScreen
from deskTUI.screens.dialogs import SurveyDialog
from deskTUI.services import cases, notifications

from .conftest import make_app, running_app, settle


def finished_for_maria(desk):
    """A case María opened, worked by Ana and finished: María is offered its survey."""
    case = desk.open(by=desk.maria, title="No imprime en color")
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    cases.move_case(desk.uow(), desk.ana, case.number, "in_progress")
    cases.move_case(desk.uow(), desk.ana, case.number, "finished", solution="Cartucho nuevo")
    return case


def survey_of(desk, case):
    with desk.uow() as uow:
        return uow.surveys.for_case(case.id)


async def test_the_client_sees_the_survey_once_and_answers_it(desk):
    case = finished_for_maria(desk)
    async with running_app(desk, desk.maria, size=(100, 30)) as (app, pilot):
        assert isinstance(app.screen, SurveyDialog)
        assert app.screen.title_text == f"How did we do on {case.number}?"
        await pilot.press("4")
        await pilot.press(*"Muy amables")
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, SurveyDialog)
        app.post_message(app.DeskChanged())  # the next change pops nothing
        await settle(pilot)
        assert not isinstance(app.screen, SurveyDialog)
    answer = survey_of(desk, case)
    assert (answer.respondent_id, answer.score, answer.comment) == (desk.maria.id, 4, "Muy amables")
    assert notifications.unread_count(desk.uow(), desk.maria) == 0


async def test_dismissed_it_never_pops_again_and_y_on_the_case_answers_it(desk):
    case = finished_for_maria(desk)
    async with running_app(desk, desk.maria, size=(100, 30)) as (app, pilot):
        assert isinstance(app.screen, SurveyDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, SurveyDialog)
        assert notifications.unread_count(desk.uow(), desk.maria) == 0  # dismissed = read
        app.post_message(app.DeskChanged())
        await settle(pilot)
        assert not isinstance(app.screen, SurveyDialog)
        await app.push_screen(CaseViewScreen(case.id))
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, SurveyDialog)
        await pilot.press("enter", "enter")  # nothing highlighted: enter chooses nothing
        await settle(pilot)
        assert isinstance(app.screen, SurveyDialog)
        assert survey_of(desk, case) is None
        await pilot.press("down", "down", "enter", "enter")  # 2, no comment
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
        await pilot.press("y")  # answered: the sentence instead of the dialog
        await settle(pilot)
        assert not isinstance(app.screen, SurveyDialog)
    assert survey_of(desk, case).score == 2


async def test_a_new_session_does_not_pop_an_offer_already_dismissed(desk):
    finished_for_maria(desk)
    first = make_app(desk, desk.maria)
    async with first.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
    second = make_app(desk, desk.maria)
    async with second.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert not isinstance(second.screen, SurveyDialog)


async def test_staff_have_no_survey_key(desk):
    case = finished_for_maria(desk)
    async with running_app(desk, desk.sofia, case_id=case.id, size=(100, 30)) as (app, pilot):
        assert app.screen.check_action("survey", ()) is False
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(app.screen, SurveyDialog)


def test_the_survey_dialog_picture(desk, snap_compare):
    """María's survey of CS-000001 popped over her case list at 100×24: the title 'How did
    we do on CS-000001?', the case's title; she pressed 4 for the score, so the default
    template's second question is asked: 'Question 2 of 2', 'Comment', its field focused
    and the hint line; the list behind it with the badge '1 unread · I'."""
    finished_for_maria(desk)

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)

    assert snap_compare(make_app(desk, desk.maria), terminal_size=(100, 24), run_before=run_before)


async def test_a_survey_offer_arriving_while_the_client_types_waits_and_takes_none_of_her_keys(
    desk,
):
    # Keys typed for the list (a '3' and an enter in the query) must not pick a score and
    # send a survey that popped up meanwhile: the offer waits until the keys are quiet.
    from textual.widgets import Input

    from deskTUI.screens.case_list import CaseListScreen
    from deskTUI.services.surveys import pending_offer

    from .conftest import burst, delivered

    app = make_app(desk, desk.maria)
    async with app.run_test(size=(100, 30)) as pilot:
        await delivered(pilot)
        assert isinstance(app.screen, CaseListScreen)
        case = finished_for_maria(desk)
        offer = pending_offer(desk.uow(), desk.maria)
        burst(app, "/", "space")
        app.post_message(app.UnreadChanged(1, offer))  # the offer lands while she types
        burst(app, "3", "enter")
        await delivered(pilot)
        assert isinstance(app.screen, CaseListScreen), app.screen
        assert app.screen.query_one("#query", Input).value.endswith(" 3")
        assert survey_of(desk, case) is None
        await pilot.pause(1.5)  # quiet: now it is offered
        await settle(pilot)
        assert isinstance(app.screen, SurveyDialog), app.screen
