"""What the activity dialogs look like (issue 21, ACTIVITIES), as SVG snapshots (frozen
clock, fixed data, UTC)."""

from __future__ import annotations

from deskTUI.screens.case_view import CaseViewScreen
from deskTUI.services import cases

from .conftest import make_app, settle


def test_the_time_dialog_with_seed_001s_fields_filled_by_a_supervisor(desk, snap_compare):
    """`t` on CS-000001 as sofia at 80×24: Date 3/1/2026, Start 09:00, End 10:30, the
    duration empty, Activity 'Cambio del fusor', Executor sofia (a list: she may log for
    her agents), Billable ticked (the case is billable), Article 'Fusor HP 4015'; the hint
    line says enter saves, a start and an end or a duration, escape cancels."""
    case = desk.open(billable=True, product="Fusor HP 4015")
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.app.push_screen(CaseViewScreen(case.id))
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        for name, text in (
            ("day", "3/1/2026"),
            ("start", "09:00"),
            ("end", "10:30"),
            ("note", "Cambio del fusor"),
            ("article", "Fusor HP 4015"),
        ):
            pilot.app.screen.query_one(f"#{name}").value = text
        pilot.app.screen.query_one("#note").focus()
        await settle(pilot)

    assert snap_compare(make_app(desk, desk.sofia), terminal_size=(80, 24), run_before=run_before)


def test_the_comment_dialog_with_a_text_of_several_lines(desk, snap_compare):
    """`c` on CS-000001 as sofia at 80×24: the box shows the three lines typed ('Revisé el
    fusor.', an empty line, 'Falta calibrar la bandeja 2.'), the cursor after the last;
    'public (the client sees it)' unticked; the hint: enter new line, ctrl+s send, ctrl+e
    your editor, esc cancel."""
    case = desk.open()

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.app.push_screen(CaseViewScreen(case.id))
        await settle(pilot)
        await pilot.press("c", *"Revisé el fusor.", "enter", "enter")
        await pilot.press(*"Falta calibrar la bandeja 2.")
        await settle(pilot)

    assert snap_compare(make_app(desk, desk.sofia), terminal_size=(80, 24), run_before=run_before)


def test_the_payment_dialog_of_an_approved_quote(desk, snap_compare):
    """`$` on a quoted and approved case as sofia at 80×24: "Payment of CS-000001", the
    three states unpaid, partial, paid in words with unpaid highlighted, and the hint
    'now: unpaid · enter records · escape cancels'."""
    from decimal import Decimal

    case = desk.open(title="Cotizar el cambio de fusor", billable=True)
    cases.issue_quote(
        desk.uow(), desk.sofia, case.number, price=Decimal("150"), currency="USD", minutes=180
    )
    cases.decide_quote(desk.uow(), desk.maria, case.number, approve=True)

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.app.push_screen(CaseViewScreen(case.id))
        await settle(pilot)
        await pilot.press("dollar_sign")
        await settle(pilot)

    assert snap_compare(make_app(desk, desk.sofia), terminal_size=(80, 24), run_before=run_before)
