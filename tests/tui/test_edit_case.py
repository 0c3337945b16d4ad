"""Editing fields from the TUI: save, a lost race, leaving with unsaved changes."""

from __future__ import annotations

from textual.widgets import Input

from deskTUI.screens.case_view import CaseViewScreen
from deskTUI.screens.dialogs import ConfirmLeave
from deskTUI.screens.dialogs.edit_conflict import EditConflictDialog
from deskTUI.screens.edit_case import EditCaseScreen
from deskTUI.services import cases, presence, views

from .conftest import heading, make_app, settle


async def open_edit(app, pilot, case_id: int) -> EditCaseScreen:
    await settle(pilot)
    await app.push_screen(CaseViewScreen(case_id))
    await settle(pilot)
    await pilot.press("e")
    await settle(pilot)
    assert isinstance(app.screen, EditCaseScreen)
    return app.screen


async def test_ctrl_s_saves_the_changed_fields_and_the_editor_shows_them(desk, queue):
    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_edit(app, pilot, queue[1].id)
        screen.query_one("#f-title", Input).value = "Red muy lenta en el piso 3"
        screen.query_one("#f-progress", Input).value = "40"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
        assert "Red muy lenta" in heading(app)
    case = views.case_detail(desk.uow(), desk.sofia, queue[1].id).case
    assert (case.title, case.progress) == ("Red muy lenta en el piso 3", 40)


async def test_a_save_that_lost_a_race_names_who_changed_it_and_keeps_the_edits(desk, queue):
    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_edit(app, pilot, queue[1].id)
        screen.query_one("#f-title", Input).value = "Mi título"
        cases.edit_case(
            desk.uow(), desk.admin, queue[1].id, {"priority": "high"}
        )  # someone else saves
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EditConflictDialog)
        assert "admin saved CS-000002" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press("escape")  # back to my edits, nothing saved
        await settle(pilot)
        assert app.screen is screen
        assert "admin saved this case meanwhile (Priority)" in str(
            screen.query_one("#edit-meanwhile").render()
        )
        assert screen.query_one("#f-title", Input).value == "Mi título"
    case = views.case_detail(desk.uow(), desk.sofia, queue[1].id).case
    assert (case.title, case.priority.value) == ("Red lenta en el piso 3", "high")


async def test_a_refused_value_is_explained_under_its_field_in_the_domains_words(desk, queue):
    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_edit(app, pilot, queue[1].id)
        screen.query_one("#f-progress", Input).value = "140"
        screen.query_one("#f-title", Input).value = "Otro título"
        await pilot.press("ctrl+s")
        await settle(pilot)
        beside = screen.query_one("#e-progress")
        assert beside.display
        assert str(beside.render()) == "The progress must be from 0 to 100, not 140"
        assert app.focused is screen.query_one("#f-progress")
        assert not screen.query_one("#e-title").display
        assert str(screen.query_one("#edit-error").render()) == ""
    case = views.case_detail(desk.uow(), desk.sofia, queue[1].id).case
    assert (case.title, case.progress) == ("Red lenta en el piso 3", 0)  # nothing changed


async def test_area_then_its_category_contract_estimate_owner_and_reviewer_are_edited(desk, queue):
    from textual.widgets import Select

    def pick(screen, key: str, label: str) -> None:
        select = screen.query_one(f"#f-{key}", Select)
        select.value = next(v for text, v in select._options if str(text).startswith(label))

    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_edit(app, pilot, queue[1].id)
        await settle(pilot)
        pick(screen, "area", "Desarrollo")
        await settle(pilot)
        category = screen.query_one("#f-category", Select)
        offered = sorted(str(text) for text, v in category._options if v is not Select.NULL)
        assert offered == ["Errores", "Mejoras"]
        assert category.value is Select.NULL  # the old category belongs to the old area
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "is not a category of the area" in str(screen.query_one("#e-category").render())
        pick(screen, "category", offered[0])
        pick(screen, "contract", desk.hours.label)
        pick(screen, "owner", "sofia")
        pick(screen, "reviewer", "diego")
        screen.query_one("#f-estimate", Input).value = "2h30m"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen), screen.query_one("#edit-error").render()
    detail = views.case_detail(desk.uow(), desk.sofia, queue[1].id)
    assert (detail.names["area"], detail.names["category"]) == ("Desarrollo", offered[0])
    assert (detail.names["owner"], detail.names["reviewer"]) == ("sofia", "diego")
    assert (detail.case.contract_id, detail.case.estimate_minutes) == (desk.hours.id, 150)


async def test_leaving_with_unsaved_changes_asks_first(desk, queue):
    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_edit(app, pilot, queue[1].id)
        screen.query_one("#f-title", Input).value = "Borrador"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmLeave)
        await pilot.press("escape")  # stay
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("shift+tab", "enter")  # focus "Leave" and press it
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
    assert (
        views.case_detail(desk.uow(), desk.sofia, queue[1].id).case.title
        == "Red lenta en el piso 3"
    )


async def test_the_look_ups_change_the_contact_among_the_clients_and_the_coordinator(desk, queue):
    from textual.widgets import Select

    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_edit(app, pilot, queue[1].id)
        await settle(pilot)
        contact = screen.query_one("#f-contact", Select)
        offered = sorted(
            str(label) for label, value in contact._options if value is not Select.NULL
        )
        assert offered == ["John Smith", "María Pérez"]  # only Acme SA's contacts
        contact.value = next(v for label, v in contact._options if str(label) == "John Smith")
        coordinator = screen.query_one("#f-coordinator", Select)
        coordinator.value = next(
            v for label, v in coordinator._options if str(label).startswith("sofia")
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
    detail = views.case_detail(desk.uow(), desk.sofia, queue[1].id)
    assert (detail.names["contact"], detail.names["coordinator"]) == ("John Smith", "sofia")


async def test_the_others_fields_are_edited_in_the_same_form(desk, queue):
    from textual.widgets import Select

    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_edit(app, pilot, queue[1].id)
        screen.query_one("#f-cost_per_hour", Input).value = "35.50"
        screen.query_one("#f-level", Input).value = "4"
        screen.query_one("#f-billable", Select).value = "yes"
        screen.query_one("#f-complexity", Select).value = "high"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
    case = views.case_detail(desk.uow(), desk.sofia, queue[1].id).case
    assert (str(case.cost_per_hour), case.level, case.billable, case.complexity.value) == (
        "35.50",
        4,
        True,
        "high",
    )


async def test_an_agent_saving_only_working_fields_is_not_refused_for_fields_left_alone(
    desk, queue
):
    app = make_app(desk, desk.ana)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_edit(app, pilot, queue[0].id)  # ana's case
        screen.query_one("#f-progress", Input).value = "60"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen), str(screen.query_one("#edit-error").render())
    assert views.case_detail(desk.uow(), desk.sofia, queue[0].id).case.progress == 60


async def test_saving_another_field_keeps_a_coordinator_who_is_no_longer_active(desk, queue):
    from textual.widgets import Select

    from deskTUI.services import admin

    cases.edit_case(desk.uow(), desk.sofia, queue[1].id, {"coordinator": "luis"})
    admin.update_user(desk.uow(), desk.admin, "luis", active=False)
    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_edit(app, pilot, queue[1].id)
        await settle(pilot)
        coordinator = screen.query_one("#f-coordinator", Select)
        shown = {v: str(label) for label, v in coordinator._options}
        assert shown[coordinator.value] == "luis (no longer offered)"
        screen.query_one("#f-title", Input).value = "Red lenta en el piso 4"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
    detail = views.case_detail(desk.uow(), desk.sofia, queue[1].id)
    assert (detail.case.title, detail.names["coordinator"]) == ("Red lenta en el piso 4", "luis")


async def test_ctrl_l_on_a_look_up_finds_the_value_by_typing_part_of_its_name(desk, queue):
    from textual.widgets import Select

    from deskTUI.screens.dialogs import LookupDialog

    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_edit(app, pilot, queue[1].id)
        await settle(pilot)
        screen.query_one("#f-coordinator", Select).focus()
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert isinstance(app.screen, LookupDialog)
        await pilot.press(*"rojas")  # Sofía Rojas, by her surname: the list narrows
        await settle(pilot)
        await pilot.press("enter")  # one enter picks the only match
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
    assert views.case_detail(desk.uow(), desk.sofia, queue[1].id).names["coordinator"] == "sofia"


def retitled(desk, case, title: str) -> None:
    cases.edit_case(desk.uow(), desk.admin, case.id, {"title": title})


async def test_keys_typed_after_e_land_at_the_end_of_the_title(desk, queue):
    retitled(desk, queue[1], "Pegado largo")
    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_edit(app, pilot, queue[1].id)
        title = screen.query_one("#f-title", Input)
        assert app.focused is title
        assert title.cursor_position == len("Pegado largo")
        await pilot.press("X")
        assert title.value == "Pegado largoX"


async def test_tabbing_into_a_field_and_typing_adds_to_its_text_and_replaces_nothing(desk, queue):
    retitled(desk, queue[1], "Pegado largo")
    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_edit(app, pilot, queue[1].id)
        await pilot.press("tab", "shift+tab", "W")  # away from the title and back, then a key
        title = screen.query_one("#f-title", Input)
        assert title.value == "Pegado largoW"
        screen.query_one("#f-product", Input).value = "Router X"
        screen.query_one("#f-group").focus()
        await pilot.press("tab", "Z")  # from the group into the product
        assert screen.query_one("#f-product", Input).value == "Router XZ"


def title_lines(desk, case) -> list[tuple[str | None, str | None]]:
    log = views.case_detail(desk.uow(), desk.admin, case.id).log
    return [(entry.old, entry.new) for entry in log if entry.field == "title"]


async def test_a_one_letter_title_over_a_real_one_asks_first_and_no_changes_nothing(desk, queue):
    from deskTUI.screens.dialogs.confirm import ConfirmDialog

    retitled(desk, queue[1], "Pegado largo")
    before = title_lines(desk, queue[1])
    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_edit(app, pilot, queue[1].id)
        screen.query_one("#f-title", Input).value = "W"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "Replace the title «Pegado largo» with «W»?" in str(
            app.screen.query_one(".dialog-title").render()
        )
        await pilot.press("enter")  # the focused answer is no
        await settle(pilot)
        assert app.screen is screen
        assert app.focused is screen.query_one("#f-title")
        assert screen.query_one("#f-title", Input).value == "W"  # the form is kept
        assert views.case_detail(desk.uow(), desk.sofia, queue[1].id).case.title == "Pegado largo"
        assert title_lines(desk, queue[1]) == before
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
    assert views.case_detail(desk.uow(), desk.sofia, queue[1].id).case.title == "W"
    assert title_lines(desk, queue[1]) == [*before, ("Pegado largo", "W")]


async def test_a_title_of_three_characters_saves_without_asking(desk, queue):
    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_edit(app, pilot, queue[1].id)
        screen.query_one("#f-title", Input).value = "VPN"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
    assert views.case_detail(desk.uow(), desk.sofia, queue[1].id).case.title == "VPN"


async def test_two_refused_fields_are_both_explained_in_one_save_and_nothing_is_stored(desk, queue):
    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_edit(app, pilot, queue[1].id)
        screen.query_one("#f-progress", Input).value = "150"
        screen.query_one("#f-planned_start", Input).value = "2026-13-45"
        screen.query_one("#f-product", Input).value = "Router X"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        shown = {
            key: str(screen.query_one(f"#e-{key}").render())
            for key in ("progress", "planned_start", "product")
            if screen.query_one(f"#e-{key}").display
        }
        assert shown == {
            "progress": "The progress must be from 0 to 100, not 150",
            "planned_start": (  # the operator's locale's form, or ISO (issue 20)
                "The planned start date '2026-13-45' is not a date: write mm/dd/yyyy or yyyy-mm-dd"
            ),
        }
        assert app.focused is screen.query_one("#f-progress")  # the first of them in the form
        assert str(screen.query_one("#edit-error").render()) == ""
    case = views.case_detail(desk.uow(), desk.sofia, queue[1].id).case
    assert (case.progress, case.planned_start, case.product) == (0, None, "")


async def test_a_long_title_is_shortened_in_the_question_so_its_buttons_stay_on_screen(desk, queue):
    from deskTUI.screens.dialogs.confirm import ConfirmDialog

    retitled(desk, queue[1], "Pegado largo " * 15)  # 195 characters, near the limit
    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_edit(app, pilot, queue[1].id)
        screen.query_one("#f-title", Input).value = "W"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        question = str(app.screen.query_one(".dialog-title").render())
        assert question == "Replace the title «Pegado largo Pegado largo Pegado largo …» with «W»?"
        assert app.screen.query_one("#yes").region.bottom <= 24
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is screen


def test_the_picture_of_two_refusals_told_at_once_at_80x24(desk, queue, snap_compare):
    """Progress 150 and the day 2026-13-45 in one save: each sentence under its field,
    the cursor on the progress (the first of them), the footer's keys below."""

    async def run_before(pilot) -> None:
        screen = await open_edit(pilot.app, pilot, queue[1].id)
        screen.query_one("#f-progress", Input).value = "150"
        screen.query_one("#f-planned_start", Input).value = "2026-13-45"
        await pilot.press("ctrl+s")
        await settle(pilot)

    app = make_app(desk, desk.sofia)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_the_picture_of_the_title_question_at_80x24(desk, queue, snap_compare):
    """'Replace the title «Pegado largo» with «W»?', Replace and Keep editing (focused),
    y and n in the footer, over the form."""
    retitled(desk, queue[1], "Pegado largo")

    async def run_before(pilot) -> None:
        screen = await open_edit(pilot.app, pilot, queue[1].id)
        await pilot.press("ctrl+u", "W", "ctrl+s")
        await settle(pilot)
        assert screen is not pilot.app.screen

    app = make_app(desk, desk.sofia)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


async def test_others_no_longer_see_the_case_being_edited_once_the_form_is_left(desk, queue):
    """The form tells others it stopped editing as it closes (a call of the app's: the
    screen's own would go with it)."""
    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_edit(app, pilot, queue[1].id)
        assert presence.editors(desk.uow(), desk.admin, queue[1].id) == ["sofia"]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
    assert presence.editors(desk.uow(), desk.admin, queue[1].id) == []
