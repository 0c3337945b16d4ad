"""What people see, as SVG snapshots (frozen clock, fixed data, UTC)."""

from __future__ import annotations

import pytest

from .conftest import make_app, settle


def _after(theme: str | None = None, keys: tuple[str, ...] = ()):
    async def run_before(pilot) -> None:
        if theme:
            pilot.app.theme = theme
        await settle(pilot)
        if keys:
            await pilot.press(*keys)
            await settle(pilot)

    return run_before


def test_the_case_list_at_80x24_in_the_dark_theme(desk, queue, snap_compare):
    """Supervisor sofia's three open cases, newest change first, the cursor on CS-000003 in
    one colour, short priorities (crit/low/high), SLA time left, the query `status:open`
    above, the footer with enter, space, slash, r and q."""
    assert snap_compare(make_app(desk), terminal_size=(80, 24), run_before=_after())


def test_the_case_list_at_120x40_in_the_light_theme(desk, queue, snap_compare):
    """The admin's list at 120 columns on the light theme: the views panel on the left with
    live counts (My queue 0, Unassigned 2, Urgent 2, Breaching SLA 0, All open 4, Finished 0), the four
    open cases beside it."""
    assert snap_compare(
        make_app(desk, desk.admin), terminal_size=(120, 40), run_before=_after("textual-light")
    )


def test_the_case_editor_general_tab(desk, queue, snap_compare):
    """The first case of the list (CS-000003, critical, assigned to luis) opened with enter:
    the title bar with number and status, the six
    section tabs (General first), and every General field with its value."""
    assert snap_compare(make_app(desk), terminal_size=(100, 34), run_before=_after(keys=("enter",)))


def test_the_status_dialog_of_an_agents_case(desk, queue, snap_compare):
    """Agent ana's in-progress CS-000001 with the status dialog open over the editor:
    only on_hold and finished offered, the note field saying it is required."""
    from deskTUI.screens.case_editor import CaseEditorScreen

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.app.push_screen(CaseEditorScreen(queue[0].id))
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)

    assert snap_compare(make_app(desk, desk.ana), terminal_size=(80, 24), run_before=run_before)


TAB_PICTURES = {
    "activities": "the time entries table of CS-000001 (ana's 90 minutes) under the totals line",
    "others": "estimate, billable, cost per hour, consumed, contract and quote of CS-000001",
    "comments": "ana's public comment with its time and author",
    "files": "the file counters line and the empty files table",
    "log": "the log: opened, new → assigned (ana), assigned → in_progress, the time line",
}


@pytest.mark.parametrize("tab", list(TAB_PICTURES))
def test_each_editor_tab(desk, queue, snap_compare, tab):
    """Each section of CS-000001 after ana logged 90 minutes and commented (see TAB_PICTURES)."""
    from deskTUI.screens.case_editor import CaseEditorScreen
    from deskTUI.services import cases, worklog

    worklog.log_time(
        desk.uow(), desk.ana, queue[0].number, work_date=desk.clock.now.date(), minutes=90,
        description="Cambio de fusor",
    )  # fmt: skip
    cases.comment_case(desk.uow(), desk.ana, queue[0].number, "Ya casi está", public=True)

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.app.push_screen(CaseEditorScreen(queue[0].id))
        await settle(pilot)
        pilot.app.screen.query_one("#sections").active = f"tab-{list(TAB_PICTURES).index(tab) + 2}"
        await settle(pilot)

    assert snap_compare(make_app(desk, desk.sofia), terminal_size=(100, 30), run_before=run_before)


def test_the_keys_panel_beside_the_list(desk, queue, snap_compare):
    """`?` on the list: the keys panel on the right lists every binding of the screen."""
    assert snap_compare(
        make_app(desk), terminal_size=(120, 30), run_before=_after(keys=("question_mark",))
    )


def test_the_new_case_form(desk, snap_compare):
    """`n` from the list: area, category, client, contact, title, priority, description."""
    assert snap_compare(make_app(desk), terminal_size=(100, 40), run_before=_after(keys=("n",)))
