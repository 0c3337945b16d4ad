"""The inbox screen (I) and the unread badge on every screen's title line."""

from __future__ import annotations

from textual.widgets import DataTable

from deskTUI.screens.case_view import CaseViewScreen
from deskTUI.screens.inbox import InboxScreen
from deskTUI.services import cases, notifications
from deskTUI.widgets.inbox_badge import InboxBadge

from .conftest import make_app, running_app, settle


def three_for_ana(desk):
    """Two cases assigned to Ana, then a mention of her on the first: three unread."""
    first = desk.open(title="La impresora no imprime")
    second = desk.open(title="Red lenta en el piso 3", category="Redes")
    cases.assign_case(desk.uow(), desk.sofia, first.number, "ana")
    desk.clock.advance(minutes=5)
    cases.assign_case(desk.uow(), desk.sofia, second.number, "ana")
    desk.clock.advance(minutes=5)
    cases.comment_case(desk.uow(), desk.sofia, first.number, "@ana el fusor está en bodega")
    return first, second


def rows(table: DataTable) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def badge_text(app) -> str | None:
    """What the current screen's badge says, or None when it is hidden."""
    (badge,) = app.screen.query(InboxBadge)
    return str(badge.render()) if badge.display else None


async def test_i_opens_the_inbox_newest_first_with_the_unread_marked(desk):
    first, second = three_for_ana(desk)
    async with running_app(desk, desk.ana) as (app, pilot):
        assert badge_text(app) == "3 unread · I"
        assert app.sub_title == "ana (agent) · 3 unread · I"
        await pilot.press("I")
        await settle(pilot)
        assert isinstance(app.screen, InboxScreen)
        table = app.screen.query_one("#inbox-table", DataTable)
        shown = rows(table)
        assert [r[0] for r in shown] == ["•", "•", "•"]
        assert [r[2:4] for r in shown] == [
            ["mention", first.number],
            ["assignment", second.number],
            ["assignment", first.number],
        ]
        assert shown[0][1] == "3/2/2026 12:10"  # UTC, the tests' local zone; the short form
        assert shown[0][4] == f"sofia mentioned you on {first.number}: @ana el fusor está en bodega"
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, InboxScreen)


async def test_enter_opens_the_case_and_the_unread_count_drops(desk):
    first, _second = three_for_ana(desk)
    async with running_app(desk, desk.ana) as (app, pilot):
        await pilot.press("I")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
        assert app.screen.case_id == first.id
        assert badge_text(app) == "2 unread · I"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, InboxScreen)
        assert [r[0] for r in rows(app.screen.query_one("#inbox-table", DataTable))] == [
            "",
            "•",
            "•",
        ]
        assert badge_text(app) == "2 unread · I"
    assert notifications.unread_count(desk.uow(), desk.ana) == 2


async def test_m_marks_one_read_and_shift_m_all_of_them(desk):
    three_for_ana(desk)
    async with running_app(desk, desk.ana) as (app, pilot):
        await pilot.press("I")
        await settle(pilot)
        await pilot.press("down", "m")
        await settle(pilot)
        table = app.screen.query_one("#inbox-table", DataTable)
        assert [r[0] for r in rows(table)] == ["•", "", "•"]
        assert table.cursor_row == 1  # the refresh keeps the operator's place
        assert badge_text(app) == "2 unread · I"
        await pilot.press("M")
        await settle(pilot)
        assert [r[0] for r in rows(table)] == ["", "", ""]
        assert badge_text(app) is None  # nothing unread: no badge
        assert app.sub_title == "ana (agent)"
    assert notifications.unread_count(desk.uow(), desk.ana) == 0


async def test_a_notification_arriving_meanwhile_raises_the_count(desk):
    async with running_app(desk, desk.ana) as (app, pilot):
        assert badge_text(app) is None
        case = desk.open()
        cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")  # another terminal
        app.post_message(app.DeskChanged())  # what the desk watch says within half a second
        await settle(pilot)
        assert badge_text(app) == "1 unread · I"


async def test_the_palette_offers_the_inbox(desk):
    async with running_app(desk, desk.ana) as (app, pilot):
        await pilot.press("ctrl+p")
        await pilot.press(*"Inbox")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, InboxScreen)


def test_the_inbox_picture(desk, snap_compare):
    """Ana's inbox at 100×20 after she read the oldest: the title line ' Inbox · newest
    first' with the badge '2 unread · I' at its right end, the table newest first (the
    mention, then the two assignments) with the two unread rows marked • and bold, the
    read one plain, messages cut with an ellipsis, and the keys esc, enter, m, M."""
    three_for_ana(desk)
    oldest = notifications.inbox(desk.uow(), desk.ana)[-1]
    notifications.mark_read(desk.uow(), desk.ana, [oldest.id])

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("I")
        await settle(pilot)

    assert snap_compare(make_app(desk, desk.ana), terminal_size=(100, 20), run_before=run_before)


async def test_a_hostile_comment_quoted_in_a_mention_stays_plain_text(desk):
    case = desk.open()
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    body = "@ana [@click=app.quit]salir[/] \x1b[31mrojo\u202e"
    cases.comment_case(desk.uow(), desk.sofia, case.number, body)
    async with running_app(desk, desk.ana, size=(160, 30)) as (app, pilot):
        await pilot.press("I")
        await settle(pilot)
        message = rows(app.screen.query_one("#inbox-table", DataTable))[0][4]
        assert "[@click=app.quit]salir[/]" in message
        assert "\x1b" not in message and "\u202e" not in message
        assert app.is_running
