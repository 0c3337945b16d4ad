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


PICTURES = {
    "list": "supervisor sofia's open cases, the cursor on the first row, short priorities, "
    "SLA time left, the query `status:open` above and the footer's keys; at 120 columns the "
    "views panel with live counts on the left",
    "general": "CS-000001 opened: number, title and status in the title bar, the six section "
    "tabs with General first, and every General field with its value",
    "activities": "the totals line (1h30m billable, estimate —) over the time entries table "
    "with ana's 90 minutes of 'Cambio de fusor'",
    "others": "estimate, complexity, level, billable, cost, consumed 1h30m, owner, reviewer, "
    "contract and quote of CS-000001",
    "comments": "ana's public comment 'Ya casi está' with its time and author",
    "files": "the file counters line (0 files) and the empty files table (Name, Size, Type, "
    "Review, Reason, Uploaded)",
    "log": "the log: opened, new → assigned (ana), assigned → in_progress, the time line, "
    "the comment",
    "status": "agent ana's status dialog over CS-000001: only on_hold and finished offered, "
    "the note field saying it is required",
    "help": "`?` on the list: the keys panel on the right lists every binding of the screen",
}
TABS = ("general", "activities", "others", "comments", "files", "log")
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
THEMES = ("textual-dark", "textual-light")


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("picture", list(PICTURES))
def test_each_screen_at_both_sizes_in_both_themes(desk, queue, snap_compare, picture, size, theme):
    """What ``PICTURES[picture]`` says, after ana logged 90 minutes on CS-000001 and
    commented on it, at 80×24 and 120×40, in Textual's dark and light themes. Nothing may be
    cut off at 80 columns but long titles, which end in an ellipsis."""
    from deskTUI.screens.case_view import CaseViewScreen
    from deskTUI.services import cases, worklog

    worklog.log_time(
        desk.uow(), desk.ana, queue[0].number, work_date=desk.clock.now.date(), minutes=90,
        description="Cambio de fusor",
    )  # fmt: skip
    cases.comment_case(desk.uow(), desk.ana, queue[0].number, "Ya casi está", public=True)

    async def run_before(pilot) -> None:
        pilot.app.theme = theme
        await settle(pilot)
        if picture == "help":
            await pilot.press("question_mark")
        elif picture != "list":
            await pilot.app.push_screen(CaseViewScreen(queue[0].id))
            await settle(pilot)
            if picture == "status":
                await pilot.press("s")
            else:
                pilot.app.screen.query_one("#sections").active = f"tab-{TABS.index(picture) + 1}"
        await settle(pilot)

    actor = desk.ana if picture == "status" else desk.sofia
    assert snap_compare(make_app(desk, actor), terminal_size=SIZES[size], run_before=run_before)


def test_the_edit_form_shows_a_refusal_under_its_field(desk, queue, snap_compare):
    """`e` then a progress of 140 and ctrl+s: the form scrolled to Progress %, the sentence
    "The progress must be from 0 to 100, not 140" right under it, the focus in the field."""
    from deskTUI.screens.case_view import CaseViewScreen

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.app.push_screen(CaseViewScreen(queue[1].id))
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        progress = pilot.app.screen.query_one("#f-progress")
        progress.cursor_blink = False  # a blinking cursor would make the picture flaky
        progress.value = "140"
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(make_app(desk), terminal_size=(80, 24), run_before=run_before)


def test_the_new_case_form(desk, snap_compare):
    """`n` from the list: one line each for area, category, client, contact, title and
    priority (medium), then a five-line description box, a five-line solution box and the
    Files line (paths, Tab completes); the footer with ctrl+s and escape."""
    assert snap_compare(make_app(desk), terminal_size=(100, 40), run_before=_after(keys=("n",)))


def test_the_list_and_a_marked_row_without_colour(desk, queue, snap_compare, monkeypatch):
    """NO_COLOR set: the same list in shades of grey only; CS-000003 marked with space shows
    a ✓ in its first cell (and bold italics) and the cursor, moved on to CS-000002, in
    reverse video: neither needs colour."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(desk)
    assert app.no_color
    assert snap_compare(app, terminal_size=(80, 24), run_before=_after(keys=("space",)))


def test_the_list_with_a_timer_running(desk, queue, snap_compare):
    """Agent ana's list at 80×24 with her timer on CS-000001 running for 1 h 5 min: the bar
    above the footer reads "Timer CS-000001 · La impresora no imprime · 1:05:00 · T on the case stops it"."""
    from datetime import UTC

    from deskTUI.services import timers

    timers.start_timer(desk.uow(), desk.ana, queue[0].number, UTC)
    desk.clock.advance(hours=1, minutes=5)
    assert snap_compare(make_app(desk, desk.ana), terminal_size=(80, 24), run_before=_after())


@pytest.mark.parametrize("span", ["d", "w", "m"])
def test_the_agenda_in_each_view(desk, queue, snap_compare, span):
    """Agent ana's agenda (A) of Monday 2 March 2026, by day, week and month: a 09:00 call on
    CS-000001 marked "late today" (ended, not marked), a 09:30 meeting on CS-000001
    overlapping it in "clash", a task due Wednesday; the month adds a meeting on the 20th."""
    from datetime import UTC, datetime

    from deskTUI.services import calendar

    def at(day: int, hour: int, minute: int = 0) -> datetime:
        return datetime(2026, 3, day, hour, minute, tzinfo=UTC)

    number = queue[0].number
    for kind, title, start, end in [
        ("call", "Llamar a María", at(2, 9), at(2, 10)),
        ("meeting", "Revisión con soporte", at(2, 9, 30), at(2, 10, 30)),
        ("meeting", "Cierre de mes", at(20, 15), at(20, 16)),
    ]:
        calendar.schedule_event(
            desk.uow(), desk.sofia, number, kind=kind, title=title, start=start, end=end,
            owner="ana",
        )  # fmt: skip
    calendar.add_task(desk.uow(), desk.ana, number, title="Pedir tóner", due=at(4, 0).date())
    assert snap_compare(
        make_app(desk, desk.ana), terminal_size=(100, 24), run_before=_after(keys=("A", span))
    )


def test_the_timesheet_of_a_week(desk, queue, snap_compare):
    """W for agent ana, week of Monday 2 March 2026: 1h30m and 30m on CS-000001 on Monday
    with a 30-minute gap between them, 45m on Wednesday; the title with the week's 2h45m,
    the seven day totals under the table, and the gap line."""
    from datetime import UTC, date, datetime, timedelta

    from deskTUI.services import worklog

    nine = datetime(2026, 3, 2, 9, tzinfo=UTC)
    for start, minutes in [(nine, 90), (nine + timedelta(hours=2), 30)]:
        worklog.log_time(
            desk.uow(), desk.ana, queue[0].number, work_date=date(2026, 3, 2), start=start,
            end=start + timedelta(minutes=minutes), description="Cambio de fusor",
        )  # fmt: skip
    # Wednesday's 45 minutes are logged once worked (on Wednesday); the picture is Monday's.
    monday, desk.clock.now = desk.clock.now, datetime(2026, 3, 4, 20, tzinfo=UTC)
    worklog.log_time(desk.uow(), desk.ana, queue[0].number, work_date=date(2026, 3, 4), minutes=45)
    desk.clock.now = monday
    assert snap_compare(
        make_app(desk, desk.ana), terminal_size=(100, 30), run_before=_after(keys=("W",))
    )


def test_a_contract_near_exhaustion(desk, snap_compare):
    """C as supervisor sofia: Acme's 40-hour contract 88 % used (35 h posted by one finished
    case) with a nine-tenths bar and the level "warning"; the incident and day contracts untouched;
    below, the 40-hour contract's ledger with its one post of 35 units."""
    from .test_contracts import finish_on_hours_contract

    finish_on_hours_contract(desk, 35 * 60)
    assert snap_compare(
        make_app(desk, desk.sofia), terminal_size=(100, 24), run_before=_after(keys=("C",))
    )


# -- every screen and dialog at 80×24 (issue 18) -------------------------------------
async def _on_case(pilot, desk, queue, *keys: str) -> None:
    """CS-000001 opened in the case view, then ``keys``."""
    from deskTUI.screens.case_view import CaseViewScreen

    await pilot.app.push_screen(CaseViewScreen(queue[0].id))
    await settle(pilot)
    if keys:
        await pilot.press(*keys)


async def _on_activities(pilot, desk, queue, *keys: str) -> None:
    """The case's Activities tab, its time entry highlighted, then ``keys``."""
    await _on_case(pilot, desk, queue)
    pilot.app.screen.query_one("#sections").active = "tab-2"
    await settle(pilot)
    pilot.app.screen.query_one("#activities-table").focus()
    await settle(pilot)
    await pilot.press(*keys)


async def _push(pilot, dialog) -> None:
    await pilot.app.push_screen(dialog)


async def _edit_then(pilot, desk, queue, *keys: str) -> None:
    """The edit form of CS-000001 (`e`), then ``keys``."""
    await _on_case(pilot, desk, queue, "e")
    await settle(pilot)
    if keys:
        await pilot.press(*keys)


async def _over_the_form(pilot, desk, queue, dialog) -> None:
    """The edit form of CS-000001 with ``dialog`` over it."""
    await _edit_then(pilot, desk, queue)
    await settle(pilot)
    await _push(pilot, dialog)


def _look_up():
    from deskTUI.screens.dialogs import LookupDialog

    return LookupDialog("Coordinator", [(1, "ana · Ana Torres"), (2, "luis · Luis Mendoza")])


def _leave():
    from deskTUI.screens.dialogs import ConfirmLeave

    return ConfirmLeave()


def _conflict(desk, queue):
    from deskTUI.screens.dialogs.edit_conflict import EditConflictDialog, FieldClash

    clashes = [
        FieldClash("title", "Title", "La impresora no imprime nada", "Impresora sin tóner", True),
        FieldClash("priority", "Priority", "critical", "high", False),
    ]
    return EditConflictDialog(queue[0].number, ["ana"], clashes)


EIGHTY = {
    # name: (who, what to do), what the picture shows in its docstring line
    "list-views": ("sofia", lambda p, d, q: p.press("v")),
    "agenda-day": ("sofia", lambda p, d, q: p.press("A", "d")),
    "agenda-week": ("sofia", lambda p, d, q: p.press("A", "w")),
    "agenda-month": ("sofia", lambda p, d, q: p.press("A", "m")),
    "board": ("sofia", lambda p, d, q: p.press("B")),
    "reports-weekly": ("sofia", lambda p, d, q: p.press("R", "1")),
    "reports-response": ("sofia", lambda p, d, q: p.press("R", "2")),
    "reports-sla": ("sofia", lambda p, d, q: p.press("R", "3")),
    "reports-hours": ("sofia", lambda p, d, q: p.press("R", "4")),
    "reports-contracts": ("sofia", lambda p, d, q: p.press("R", "5")),
    "reports-satisfaction": ("sofia", lambda p, d, q: p.press("R", "6")),
    "contracts": ("sofia", lambda p, d, q: p.press("C")),
    "timesheet": ("sofia", lambda p, d, q: p.press("W")),
    "inbox": ("ana", lambda p, d, q: p.press("I")),
    "new-case": ("sofia", lambda p, d, q: p.press("n")),
    "edit-form": ("sofia", _edit_then),
    "dialog-status": ("sofia", lambda p, d, q: _on_case(p, d, q, "s")),
    "dialog-assign": ("sofia", lambda p, d, q: _on_case(p, d, q, "a")),
    "dialog-comment": ("sofia", lambda p, d, q: _on_case(p, d, q, "c")),
    "dialog-time": ("sofia", lambda p, d, q: _on_case(p, d, q, "t")),
    "dialog-plan": ("sofia", lambda p, d, q: _on_case(p, d, q, "p")),
    "dialog-quote": ("sofia", lambda p, d, q: _on_case(p, d, q, "u")),
    "dialog-edit-time": ("sofia", lambda p, d, q: _on_activities(p, d, q, "enter")),
    "dialog-delete-time": ("sofia", lambda p, d, q: _on_activities(p, d, q, "d")),
    "dialog-stop-timer": ("ana", lambda p, d, q: _on_case(p, d, q, "T")),
    "dialog-bulk": ("sofia", lambda p, d, q: p.press("space", "space", "b")),
    "dialog-save-view": ("sofia", lambda p, d, q: p.press("w")),
    "dialog-contact": ("sofia", lambda p, d, q: p.press("N")),
    "dialog-whose-agenda": ("sofia", lambda p, d, q: p.press("A", "u")),
    "dialog-sla-targets": ("sofia", lambda p, d, q: p.press("S")),
    "dialog-look-up": ("sofia", lambda p, d, q: _over_the_form(p, d, q, _look_up())),
    "dialog-leave-unsaved": ("sofia", lambda p, d, q: _over_the_form(p, d, q, _leave())),
    "dialog-edit-conflict": ("sofia", lambda p, d, q: _push(p, _conflict(d, q))),
    "dialog-decide-quote": (
        "maria",
        lambda p, d, q: _push(p, _decide_quote(q)),
    ),
    "dialog-survey": ("maria", lambda p, d, q: _push(p, _survey(q))),
}


def _decide_quote(queue):
    from deskTUI.screens.dialogs import DecideQuoteDialog

    return DecideQuoteDialog(queue[0].id, queue[0].number, "150 USD · 2 h · Cambio de fusor")


def _survey(queue):
    from deskTUI.screens.dialogs import SurveyDialog

    return SurveyDialog(queue[0].id, queue[0].number, queue[0].title)


@pytest.mark.parametrize("picture", list(EIGHTY))
def test_every_screen_and_dialog_at_80x24(desk, queue, snap_compare, picture):
    """Each screen and dialog as a person at 80×24 sees it, over the busy desk of
    test_nothing_cut (an agenda week with a clash, 90 minutes logged, unassigned cases of
    every age, a 35-hour post on a contract, a long contract and client name); ana's
    timer running for the stop dialog. Nothing cut without an ellipsis, no figure cut."""
    from datetime import UTC

    from deskTUI.services import timers

    from .test_nothing_cut import busy_desk

    busy_desk(desk, queue)
    who, steps = EIGHTY[picture]
    if picture == "dialog-stop-timer":
        timers.start_timer(desk.uow(), desk.ana, queue[0].number, UTC)
        desk.clock.advance(minutes=25)

    async def run_before(pilot) -> None:
        await settle(pilot)
        await steps(pilot, desk, queue)
        await settle(pilot)
        for widget in pilot.app.screen.query("Input, TextArea"):
            widget.cursor_blink = False  # a blinking cursor would make the picture flaky
        await settle(pilot)

    app = make_app(desk, getattr(desk, who))
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
