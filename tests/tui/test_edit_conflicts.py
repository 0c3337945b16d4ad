"""An editor open while someone else saves the case: told who and what, then asked."""

from __future__ import annotations

import time

from textual.widgets import Input

from deskTUI.screens.case_view import CaseViewScreen
from deskTUI.screens.dialogs.edit_conflict import EditConflictDialog
from deskTUI.screens.edit_case import EditCaseScreen
from deskTUI.services import cases, views

from .conftest import make_app, settle
from .test_edit_case import open_edit
from .test_live_refresh import other_operator_renames


def stored(desk, case_id):
    return views.case_detail(desk.uow(), desk.admin, case_id).case


async def test_the_editor_says_who_saved_what_meanwhile_before_the_operator_saves(desk, queue):
    app = make_app(desk, desk.admin)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_edit(app, pilot, queue[1].id)
        other_operator_renames(desk, queue[1].number, "Red lenta: título de Sofía")
        notice = screen.query_one("#edit-meanwhile")
        start = time.monotonic()
        while "sofia saved this case meanwhile (Title)" not in str(notice.render()):
            assert time.monotonic() - start < 2.0, str(notice.render())
            await pilot.pause(0.05)
        print(f"\nthe editor named sofia {1000 * (time.monotonic() - start):.0f} ms after her save")


async def conflict(app, pilot, desk, queue) -> EditCaseScreen:
    """I edit title and progress; meanwhile admin saves title and product."""
    screen = await open_edit(app, pilot, queue[1].id)
    screen.query_one("#f-title", Input).value = "Mi título"
    screen.query_one("#f-progress", Input).value = "40"
    cases.edit_case(
        desk.uow(), desk.admin, queue[1].id, {"title": "Su título", "product": "Router X"}
    )
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(app.screen, EditConflictDialog)
    return screen


async def test_keep_theirs_leaves_their_version_and_saves_nothing_of_mine(desk, queue):
    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(100, 40)) as pilot:
        await conflict(app, pilot, desk, queue)
        version = stored(desk, queue[1].id).version
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
    case = stored(desk, queue[1].id)
    assert (case.title, case.product, case.progress) == ("Su título", "Router X", 0)
    assert case.version == version


async def test_reload_shows_their_version_in_the_form_to_edit_again(desk, queue):
    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await conflict(app, pilot, desk, queue)
        await pilot.press("r")
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_one("#f-title", Input).value == "Su título"
        assert screen.query_one("#f-product", Input).value == "Router X"
        assert screen.query_one("#f-progress", Input).value == "0"
        screen.query_one("#f-progress", Input).value = "60"
        await pilot.press("ctrl+s")  # now on their version: no conflict
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
    case = stored(desk, queue[1].id)
    assert (case.title, case.product, case.progress) == ("Su título", "Router X", 60)


async def test_a_merge_keeps_the_fields_marked_mine_and_theirs_elsewhere(desk, queue):
    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(100, 40)) as pilot:
        await conflict(app, pilot, desk, queue)
        dialog = app.screen
        lines = [str(o.prompt) for o in dialog.query_one("#clashes").options]
        assert lines[0].startswith(
            "Title (they changed it too): mine «Mi título» · theirs «Su título»"
        )
        assert "→ keep mine" in lines[0]
        assert lines[1].startswith("Progress") and "(they changed it too)" not in lines[1]
        version = stored(desk, queue[1].id).version
        await pilot.press("space")  # the title: theirs
        assert "→ keep theirs" in str(dialog.query_one("#clashes").options[0].prompt)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
    case = stored(desk, queue[1].id)
    assert (case.title, case.product, case.progress) == ("Su título", "Router X", 40)
    assert case.version == version + 1  # one more save, on top of theirs


async def test_the_conflict_dialog_names_who_saved_meanwhile_and_when_in_the_operators_zone(
    desk, queue
):
    from zoneinfo import ZoneInfo

    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(100, 40)) as pilot:
        app.zone = ZoneInfo("America/Santiago")
        screen = await open_edit(app, pilot, queue[1].id)
        screen.query_one("#f-title", Input).value = "Mi título"
        desk.clock.advance(minutes=7)
        cases.edit_case(desk.uow(), desk.admin, queue[1].id, {"priority": "high"})
        saved_at = desk.clock().astimezone(ZoneInfo("America/Santiago"))
        screen.desk_changed()  # as the live refresh does: the form learns of it first
        await settle(pilot)
        assert "admin saved this case meanwhile (Priority)" in str(
            screen.query_one("#edit-meanwhile").render()
        )
        await pilot.press("ctrl+s")  # already known: asked at once, before any save
        await settle(pilot)
        assert isinstance(app.screen, EditConflictDialog)
        assert str(app.screen.query_one(".dialog-title").render()) == (
            f"admin saved CS-000002 at {saved_at:%-m/%-d/%Y %H:%M} while you edited it."
        )
    assert stored(desk, queue[1].id).title == "Red lenta en el piso 3"


async def test_a_restored_draft_over_a_case_saved_since_names_who_saved_it(desk, queue):
    from .test_drafts import wait_for

    first = make_app(desk, desk.sofia)
    async with first.run_test(size=(100, 40)) as pilot:
        screen = await open_edit(first, pilot, queue[1].id)
        screen.query_one("#f-title", Input).value = "Red lenta: a medio escribir"
        await wait_for(pilot, lambda: first.drafts.load(queue[1].number) is not None)
    # The terminal was closed; admin saves the case before sofia comes back.
    desk.clock.advance(minutes=30)
    cases.edit_case(desk.uow(), desk.admin, queue[1].id, {"priority": "high"})
    second = make_app(desk, desk.sofia)
    async with second.run_test(size=(100, 40)) as pilot:
        screen = await open_edit(second, pilot, queue[1].id)
        await settle(pilot)
        assert screen.query_one("#f-title", Input).value == "Red lenta: a medio escribir"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(second.screen, EditConflictDialog)
        heading = str(second.screen.query_one(".dialog-title").render())
        assert heading.startswith("admin saved CS-000002 at "), heading


def test_the_picture_of_the_conflict_dialog_naming_who_and_when_at_80x24(desk, queue, snap_compare):
    """'admin saved CS-000002 at 2026-03-02 … while you edited it.' over the two clashes
    (Title, they changed it too; Progress), the first highlighted, its keys in the footer."""

    async def run_before(pilot) -> None:
        await conflict(pilot.app, pilot, desk, queue)

    app = make_app(desk, desk.sofia)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


async def test_keys_typed_after_a_save_that_meets_a_conflict_go_to_its_question(
    desk, queue, monkeypatch
):
    # ctrl+s escape in one burst: the save ends with the question of what to keep; the
    # escape typed after it closes that question (back to my edits), one thing, and
    # neither reaches the form underneath (which asked to leave its unsaved edits) nor
    # leaves the question opening over another dialog.
    from .conftest import burst, delivered

    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_edit(app, pilot, queue[1].id)
        screen.query_one("#f-title", Input).value = "Mi título"
        cases.edit_case(desk.uow(), desk.admin, queue[1].id, {"title": "Su título"})
        assert screen.theirs is None  # not seen yet: the save itself meets the conflict
        real = views.case_detail

        def slow(*args, **kwargs):  # what they saved takes a moment to read (a busy server)
            time.sleep(0.3)
            return real(*args, **kwargs)

        monkeypatch.setattr(views, "case_detail", slow)
        burst(app, "ctrl+s", "escape")
        await delivered(pilot)
        assert app.screen is screen, app.screen_stack
        assert screen.query_one("#f-title", Input).value == "Mi título"
    assert stored(desk, queue[1].id).title == "Su título"
