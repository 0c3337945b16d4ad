"""The reports screen (R): tabs and number keys switch report, `g` the grouping, `[` `]` the
period; tables with the figures and textual-plotext charts; agents and clients are told no."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from textual.widgets import DataTable
from textual_plotext import PlotextPlot

from deskTUI.screens.reports import ReportsScreen
from deskTUI.services import cases, surveys, worklog

from .conftest import make_app, settle


@pytest.fixture
def history(desk):
    """Five weeks of Soporte's work before the desk's now (Monday 2 March 2026 12:00 UTC):
    in week k (0 = W06 … 4 = W10) k + 1 cases opened and k of them finished, each worked
    an hour (ana's billable on the hours contract, luis's not) and its survey answered 3 + k % 3; one Desarrollo case
    in W10 that Sofía does not see."""
    now = desk.clock.now
    monday = datetime(2026, 2, 2, tzinfo=UTC)  # W06; W10's work ends by 06:05, before now
    for week in range(5):
        for i in range(week + 1):
            desk.clock.now = monday + timedelta(weeks=week, hours=i)
            case = desk.open(by=desk.maria, title=f"Caso {week}.{i}", priority="high")
            if i == week:
                continue  # the week's last case stays open
            who = desk.ana if i % 2 == 0 else desk.luis
            if who is desk.ana:  # billed to Acme's hours contract
                changes = {"contract": desk.hours.id, "billable": True}
                cases.edit_case(desk.uow(), desk.sofia, case.number, changes)
            cases.assign_case(desk.uow(), desk.sofia, case.number, who.login)
            cases.move_case(desk.uow(), who, case.number, "in_progress")
            worklog.log_time(
                desk.uow(),
                who,
                case.number,
                work_date=desk.clock.now.date(),
                minutes=60,
                billable=who is desk.ana,
            )
            desk.clock.now += timedelta(hours=3)
            cases.move_case(desk.uow(), who, case.number, "finished", solution="Listo")
            desk.clock.now += timedelta(minutes=5)
            surveys.answer_survey(desk.uow(), desk.maria, case.number, score=3 + week % 3)
    desk.clock.now = now - timedelta(hours=1)
    desk.open(by=desk.diego, title="Fuera de Soporte", category="Errores", client="Globex Ltda")
    desk.clock.now = now


def rows_of(app, selector="#reports-table"):
    table = app.screen.query_one(selector, DataTable)
    return [[str(c).strip() for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_r_shows_the_weekly_report_of_the_supervisors_areas_with_a_chart(desk, history):
    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await settle(pilot)
        assert isinstance(app.screen, ReportsScreen)
        rows = rows_of(app)
        # Twelve weeks, 2025-W51 … 2026-W10, and the total; W06 … W10 opened 1 … 5 and
        # finished 0 … 4 (the Desarrollo case is not Sofía's): 15 opened, 10 finished.
        assert len(rows) == 13
        assert [r[0] for r in rows[7:12]] == [f"2026-W{w:02d}" for w in range(6, 11)]
        assert [(r[3], r[4]) for r in rows[7:12]] == [
            ("1", "0"),
            ("2", "1"),
            ("3", "2"),
            ("4", "3"),
            ("5", "4"),
        ]
        assert rows[-1][0] == "all" and rows[-1][3:] == ["15", "10"]
        assert app.screen.query_one("#reports-chart", PlotextPlot).display
        title = str(app.screen.query_one("#editor-title").render())
        assert "2025-12-15 → 2026-03-08" in title


async def test_keys_switch_report_grouping_and_period(desk, history):
    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        # Hours by agent: ana worked cases 0, 2 of each week (1+1+2 = 4 h billable... by
        # week: W07 1 case (i=0 ana), W08 2 (ana, luis), W09 3 (ana, luis, ana), W10 4
        # (ana, luis, ana, luis): ana 1 + 1 + 2 + 2 = 6 h billable, luis 0 + 1 + 1 + 2 = 4 h.
        rows = rows_of(app)
        assert [r[0] for r in rows] == ["ana", "luis", "all"]
        assert rows[0][1:4] == ["6h", "0m", "6h"] and rows[1][1:4] == ["0m", "4h", "4h"]
        assert rows[2][4:] == ["6.00", "4.00", "10.00"]
        await pilot.press("g")
        await settle(pilot)
        assert [r[0] for r in rows_of(app)] == ["Acme SA", "all"]
        await pilot.press("6")
        await settle(pilot)
        # Satisfaction by agent: ana's answers 4 (W07: 4) + W08 5 + W09 3 + 3 + W10 4 + 4
        # = 23 / 6 = 3.83; luis's W08 5 + W09 3 + W10 4 + 4 = 16 / 4 = 4.00.
        assert [r[:3] for r in rows_of(app)] == [
            ["ana", "6", "3.83"],
            ["luis", "4", "4.00"],
            ["all", "10", "3.90"],
        ]
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert app.screen.period.first == date(2025, 9, 22)  # twelve weeks earlier
        assert rows_of(app) == [["all", "0", "—"]]
        await pilot.press("right_square_bracket", "3")
        await settle(pilot)
        sla = rows_of(app)
        # High: 15 opened, first response by assignment within the hour for the 10 worked,
        # the 5 never assigned are weeks past 4 h: 10 of 15 = 66.67 %; all 10 resolved in 3 h.
        assert sla[1][:5] == ["high", "4h", "15", "10", "66.67 %"]
        assert sla[1][6:] == ["10", "10", "100.00 %"]
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ReportsScreen)


@pytest.mark.parametrize("who", ["ana", "maria"])
async def test_agents_and_clients_are_not_offered_the_reports_and_their_key_does_nothing(desk, who):
    app = make_app(desk, getattr(desk, who))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await settle(pilot)
        assert not isinstance(app.screen, ReportsScreen)
        # Not offered (keys panel, palette), so the key does nothing: no refusal to read.
        assert "R" not in app.screen.active_bindings
        assert not app._notifications, [n.message for n in app._notifications]


def test_the_weekly_report_with_its_chart(desk, history, snap_compare):
    """Sofía's weekly report at 120×40: the title with the period 2025-12-15 → 2026-03-08,
    the six tabs (1 Weekly active), twelve weeks with W06 … W10 at 1/0 … 5/4 and the bold
    total 15/10, the note line, and below a bar chart of opened and finished per week."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("R")
        await settle(pilot)

    assert snap_compare(make_app(desk, desk.sofia), terminal_size=(120, 40), run_before=run_before)


def test_the_hours_report_by_agent(desk, history, snap_compare):
    """`4`: hours by agent at 100×32: ana 6h billable, luis 4h not, the total 10.00 h, and
    upright bars side by side per agent, billable and non-billable, whole-hour ticks, the
    legend above the tallest bar with a colour mark for each."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("R")
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)

    assert snap_compare(make_app(desk, desk.sofia), terminal_size=(100, 32), run_before=run_before)


def test_satisfaction_by_month(desk, history, snap_compare):
    """`6` then `g` three times (agent, area, category, month) at 100×32: December 2025 to
    March 2026, no answers in December and January (dashes, no bar), February 6 answers
    averaging 3.83 (4 + 5 + 5 + 3 + 3 + 3 = 23), March 4 answers of 4 (4.00), all 10 at
    3.90; bars on a 0–5 scale with whole ticks."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("R")
        await settle(pilot)
        await pilot.press("6", "g", "g", "g")
        await settle(pilot)

    assert snap_compare(make_app(desk, desk.sofia), terminal_size=(100, 32), run_before=run_before)


async def test_r_reads_again_and_others_changes_do_at_most_every_live_seconds(desk, history):
    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await settle(pilot)
        screen = app.screen
        assert rows_of(app)[-1][3] == "15"
        desk.open(title="Uno más")
        await pilot.press("r")
        await settle(pilot)
        assert rows_of(app)[-1][3] == "16"
        screen.LIVE_SECONDS = 3.0
        screen.action_refresh()
        await settle(pilot)
        desk.open(title="Y otro")
        reads = screen.calls_made("fetch")
        screen.desk_changed()  # within three seconds of the last read: it waits
        screen.desk_changed()  # a second change meanwhile: still one read to come
        assert screen.calls_made("fetch") == reads
        await pilot.pause(3.2)
        await settle(pilot)
        assert screen.calls_made("fetch") == reads + 1
        assert rows_of(app)[-1][3] == "17"
