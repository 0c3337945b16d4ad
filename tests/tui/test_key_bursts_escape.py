"""Escape and the title question typed in bursts (issue 18 review)."""

from __future__ import annotations

from deskTUI.screens.case_list import CaseListScreen
from deskTUI.screens.case_view import CaseViewScreen
from deskTUI.screens.edit_case import EditCaseScreen
from deskTUI.services import views

from .conftest import burst, delivered, running_app


async def test_escapes_in_a_burst_close_exactly_as_many_things_and_never_quit(desk, queue):
    async with running_app(desk, desk.sofia) as (app, pilot):
        burst(app, "/", *" impresora", "enter", "enter", "c", "escape")
        await delivered(pilot)
        assert isinstance(app.screen, CaseViewScreen), app.screen
        burst(app, "c", "escape", "escape")
        await delivered(pilot)
        assert isinstance(app.screen, CaseListScreen), app.screen
        burst(app, *["escape"] * 8)
        await delivered(pilot)
        assert isinstance(app.screen, CaseListScreen) and app.is_running
        assert app.return_code is None


async def test_a_comment_then_escape_then_q_in_one_burst_saves_the_comment_before_quitting(
    desk, queue
):
    printer = queue[0]
    async with running_app(desk, desk.sofia, case_id=printer.id) as (app, pilot):
        burst(app, "c", *"hola", "ctrl+s", "escape", "q")
        for _ in range(100):
            if not app.is_running:
                break
            await pilot.pause(0.05)
        assert not app.is_running  # q on the list quits: after the comment was saved
    bodies = [c.body for c in views.case_detail(desk.uow(), desk.sofia, printer.id).comments]
    assert bodies[-1] == "hola"


async def test_a_one_letter_title_typed_in_a_burst_is_saved_on_y_and_kept_on_n(desk, queue):
    printer = queue[0]
    for answer, title in (("n", "La impresora no imprime"), ("y", "W")):
        async with running_app(desk, desk.sofia, case_id=printer.id) as (app, pilot):
            burst(app, "e", "ctrl+u", "W", "ctrl+s", answer)
            await delivered(pilot)
            if answer == "n":
                assert isinstance(app.screen, EditCaseScreen), app.screen
                assert app.screen.focused is not None and app.screen.focused.id == "f-title"
            else:
                assert isinstance(app.screen, CaseViewScreen), app.screen
        stored = views.case_detail(desk.uow(), desk.sofia, printer.id).case.title
        assert stored == title, (answer, stored)


async def test_n_then_more_typing_after_the_title_question_lands_in_the_title(desk, queue):
    printer = queue[0]
    async with running_app(desk, desk.sofia, case_id=printer.id) as (app, pilot):
        burst(app, "e", "ctrl+u", "W", "ctrl+s", "n", *"ifi caído", "ctrl+s")
        await delivered(pilot)
        assert isinstance(app.screen, CaseViewScreen), app.screen
    stored = views.case_detail(desk.uow(), desk.sofia, printer.id).case.title
    assert stored == "Wifi caído", stored


async def test_keys_panel_then_two_escapes_in_a_burst_close_the_panel_then_the_case(desk, queue):
    async with running_app(desk, desk.sofia, case_id=queue[0].id) as (app, pilot):
        burst(app, "?", "escape")
        await delivered(pilot)
        assert isinstance(app.screen, CaseViewScreen) and not app.screen.query("HelpPanel")
        burst(app, "?", "escape", "escape")
        await delivered(pilot)
        assert isinstance(app.screen, CaseListScreen), app.screen
        assert not app.screen.query("HelpPanel")
