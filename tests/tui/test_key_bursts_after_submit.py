"""Keys typed right after a dialog's submitting Enter reach the screen under it (issue 18)."""

from __future__ import annotations

from deskTUI.screens.case_view import CaseViewScreen
from deskTUI.services import views

from .conftest import burst, delivered, running_app


async def test_two_comments_typed_in_one_burst_are_both_saved(desk, queue):
    printer = queue[0]
    async with running_app(desk, desk.sofia, case_id=printer.id) as (app, pilot):
        burst(app, "c", *"hola", "ctrl+s", "c", *"otra", "ctrl+s")
        await delivered(pilot)
        assert isinstance(app.screen, CaseViewScreen), app.screen
    bodies = [c.body for c in views.case_detail(desk.uow(), desk.sofia, printer.id).comments]
    assert bodies[-2:] == ["hola", "otra"], bodies


async def test_two_time_entries_typed_in_one_burst_are_both_logged(desk, queue):
    printer = queue[0]
    async with running_app(desk, desk.ana, case_id=printer.id) as (app, pilot):
        burst(app, "t", *"30m", "enter", "t", *"15m", "enter")
        await delivered(pilot)
        assert isinstance(app.screen, CaseViewScreen), app.screen
    entries = views.case_detail(desk.uow(), desk.sofia, printer.id).entries
    assert sorted(e.minutes for e in entries) == [15, 30]


async def test_keys_typed_after_a_slow_comment_reach_the_case_not_the_closing_dialog(
    desk, queue, slow_service
):
    from deskTUI.screens.dialogs import comment

    slow_service(comment.cases, "comment_case", 2.5)
    printer = queue[0]
    async with running_app(desk, desk.sofia, case_id=printer.id) as (app, pilot):
        burst(app, "c", *"hola", "ctrl+s", "c", *"otra", "ctrl+s")
        await delivered(pilot)
        await pilot.pause(3)
        await delivered(pilot)
        assert isinstance(app.screen, CaseViewScreen), app.screen
    bodies = [c.body for c in views.case_detail(desk.uow(), desk.sofia, printer.id).comments]
    assert bodies[-2:] == ["hola", "otra"], bodies


async def test_a_write_that_outlasts_the_hold_is_not_submitted_again_by_the_keys_after_it(
    desk, queue, slow_service, short_key_hold
):
    # Past the hold's bound the keys go on; they must not type into the dialog that is
    # about to close, nor submit it a second time.
    from deskTUI.screens.dialogs import comment

    slow_service(comment.cases, "comment_case", 1.5)
    short_key_hold(0.3)
    printer = queue[0]
    async with running_app(desk, desk.sofia, case_id=printer.id) as (app, pilot):
        burst(app, "c", *"hola", "ctrl+s", *"otra", "ctrl+s")
        await pilot.pause(2.5)
        await delivered(pilot)
        assert isinstance(app.screen, CaseViewScreen), app.screen
    bodies = [c.body for c in views.case_detail(desk.uow(), desk.sofia, printer.id).comments]
    assert bodies[-1:] == ["hola"] and "otra" not in "".join(bodies), bodies


async def test_ctrl_s_pressed_again_while_a_slow_new_case_is_saved_opens_one_case(
    desk, slow_service
):
    # The server took 2.5 s; the operator pressed ctrl+s again meanwhile. The second
    # ctrl+s is for what comes after the save, not a second case with the same text.
    from textual.widgets import Select

    from deskTUI.screens.new_case import NewCaseScreen
    from deskTUI.services import file_batch

    slow_service(file_batch, "open_case_with_files", 2.5)
    async with running_app(desk, desk.sofia, size=(100, 40)) as (app, pilot):
        burst(app, "n")
        await delivered(pilot)
        screen = app.screen
        assert isinstance(screen, NewCaseScreen), screen
        for field, label in (("#area", "Soporte"), ("#category", "Redes")):
            select = screen.query_one(field, Select)
            select.value = next(v for shown, v in select._options if str(shown) == label)
            await delivered(pilot)
        for field, label in (("#client", "Acme SA"), ("#contact", "John Smith")):
            select = screen.query_one(field, Select)
            select.value = next(v for shown, v in select._options if str(shown) == label)
            await delivered(pilot)
        screen.query_one("#title").value = "Sin red en recepción"
        screen.query_one("#description").text = "Desde las 9"
        burst(app, "ctrl+s", "ctrl+s")
        await pilot.pause(3)
        await delivered(pilot)
        await pilot.pause(3)
        await delivered(pilot)
        assert isinstance(app.screen, CaseViewScreen), app.screen
    from deskTUI.services.search import search_cases

    found = search_cases(desk.uow(), desk.sofia, '"Sin red en recepción"').cases
    assert len(found) == 1, [c.number for c in found]


async def test_ctrl_s_pressed_again_while_a_slow_edit_is_saved_saves_it_once(
    desk, queue, slow_service, short_key_hold
):
    # Past the hold's bound (shortened here), the second ctrl+s reaches the form while
    # the first save runs: it must not save again (and meet its own save as a conflict).
    from deskTUI.screens import edit_case

    printer = queue[0]
    async with running_app(desk, desk.sofia, case_id=printer.id) as (app, pilot):
        burst(app, "e", *" rota")
        await delivered(pilot)
        slow_service(edit_case.cases, "edit_case", 1.0)
        short_key_hold(0.2)
        burst(app, "ctrl+s")
        await pilot.pause(0.5)
        burst(app, "ctrl+s")
        await pilot.pause(2)
        await delivered(pilot)
        assert isinstance(app.screen, CaseViewScreen), app.screen_stack
    case = views.case_detail(desk.uow(), desk.sofia, printer.id).case
    assert case.title == "La impresora no imprime rota"
    assert case.version == printer.version + 1 + 2  # the two moves of the queue, one save
