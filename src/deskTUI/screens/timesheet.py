"""The timesheet: one person's week of time entries, with day and week totals.

`[` `]` move by a week, `.` comes back to this week, `u` shows another
person's (supervisors), `enter` changes the highlighted entry and `d` deletes
it, under the same rules as the case's Activities tab.
"""

from __future__ import annotations

from datetime import date, timedelta, tzinfo

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from .. import formats
from ..domain.durations import format_minutes
from ..domain.timesheet import Sheet
from ..formats import clock_time, money, weekday_day
from ..i18n import N_, _, pgettext
from ..safe_text import safe
from ..services.timesheet import SheetLine, Timesheet, timesheet
from ..session import DeskSession, session_of
from ..widgets.fit import Cell, Col, FittedTable, at_cursor, spoken_columns
from ..widgets.keys_footer import KeysFooter
from ..widgets.spoken_keys import SpokenKeys
from ..widgets.timer_bar import TimerBar
from .loading import ServiceCalls

COLUMNS = [
    Col("day", N_("Day"), whole=True),
    Col("time", N_("Time"), whole=True),
    Col("duration", N_("Duration"), whole=True, right=True),
    Col("case", N_("Case"), whole=True),
    Col("activity", N_("Activity"), least=12),
    Col("billable", N_("Billable"), whole=True, gives_way=1),
    Col("article", N_("Article"), gives_way=3, least=8),
    Col("entry", N_("Entry"), whole=True, right=True, gives_way=2),
]
"""The week's entries (widgets/fit.py): the activity is squeezed, then the entry's id
and the billable word give way; times, durations and case numbers are never cut."""


def summary(sheet: Sheet, zone: tzinfo) -> str:
    """Each day's total (billable / not), then the gaps and overlaps found."""
    lines = []
    for day in sheet.days:
        lines.append(
            _("{day}  {total}  billable {billable}  non-billable {free}  cost {cost}").format(
                day=weekday_day(day.day),
                total=f"{format_minutes(day.total_minutes):>7}",
                billable=f"{format_minutes(day.billable_minutes):>6}",
                free=f"{format_minutes(day.non_billable_minutes):>6}",
                cost=money(day.cost, None),
            )
        )
    for gap in sheet.gaps:
        lines.append(
            _("gap of {minutes} on {day} at {start}").format(
                minutes=format_minutes(gap.minutes),
                day=weekday_day(gap.day),
                start=clock_time(gap.start.astimezone(zone)),
            )
        )
    for one, other in sheet.overlaps:
        lines.append(_("entries {one} and {other} overlap").format(one=one, other=other))
    return "\n".join(lines)


class TimesheetScreen(SpokenKeys, ServiceCalls, Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), id="sheet.back"),
        Binding("left_square_bracket", "move(-1)", N_("Previous week"), id="sheet.previous"),
        Binding("right_square_bracket", "move(1)", N_("Next week"), id="sheet.next"),
        Binding("full_stop", "this_week", N_("This week"), id="sheet.today", show=False),
        Binding("d", "delete_entry", N_("Delete entry"), id="sheet.delete"),
        Binding("u", "whose", N_("Whose"), id="sheet.whose", show=False),
    ]

    def __init__(self, day: date | None = None, login: str | None = None) -> None:
        super().__init__()
        self.day = day
        self.login = login
        self.result: Timesheet | None = None

    @property
    def desk(self) -> DeskSession:
        return session_of(self.app)

    def compose(self) -> ComposeResult:
        yield Static(id="editor-title")
        yield FittedTable(id="sheet-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="sheet-summary")
        yield Static(id="sheet-message", classes="dialog-error")
        yield TimerBar()
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        if self.day is None:
            self.day = self.desk.today()
        self.query_one(FittedTable).focus()
        self.reload()

    def reload(self) -> None:
        day, login = self.day, self.login
        self.fetch(
            lambda: timesheet(self.desk.read_uow(), self.desk.actor, day=day, login=login)  # type: ignore[arg-type]
        )

    def show_failure(self, text: str) -> None:
        self.query_one("#sheet-message", Static).update(Content(text))
        self.login = self.result.login if self.result else None  # back to the one on screen

    def show(self, result: Timesheet) -> None:
        self.result = result
        week = result.sheet.week
        sunday = result.sheet.first + timedelta(days=6)
        self.query_one("#editor-title", Static).update(
            Content(
                _(
                    " Timesheet · {login} · {first} → {last} · {total}"
                    " ({billable} billable, {free} not) · cost {cost}"
                ).format(
                    login=safe(result.login, one_line=True),
                    first=formats.day(result.sheet.first),
                    last=formats.day(sunday),
                    total=format_minutes(week.total_minutes),
                    billable=format_minutes(week.billable_minutes),
                    free=format_minutes(week.non_billable_minutes),
                    cost=money(week.cost, None),
                )
            )
        )
        self.query_one("#sheet-message", Static).update("")
        self.query_one("#sheet-summary", Static).update(
            Content(summary(result.sheet, self.desk.zone))
        )
        rows = [self._cells(line) for line in result.lines]
        time = pgettext("time of day", "Time")
        self.query_one(FittedTable).set_rows(spoken_columns(COLUMNS, time=time), rows)

    def _cells(self, line: SheetLine) -> list[Cell]:
        e = line.entry
        when = ""
        if e.start and e.end:
            when = f"{e.start.astimezone(self.desk.zone):%H:%M}–{e.end.astimezone(self.desk.zone):%H:%M}"
        return [
            weekday_day(e.work_date),
            when,
            format_minutes(e.minutes),
            line.case_number,
            Text(safe(e.description or line.case_title, one_line=True)),
            _("yes") if e.billable else _("no"),
            Text(safe(e.article, one_line=True)),
            str(e.id),
        ]

    def _line(self) -> SheetLine | None:
        if self.result is None:
            return None
        return at_cursor(self.query_one(FittedTable), self.result.lines)

    def _changed(self, changed: bool | None) -> None:
        if changed:
            self.reload()

    @on(DataTable.RowSelected, "#sheet-table")
    def _edit(self) -> None:
        """enter: change the entry (duration, what was done, billable)."""
        if (line := self._line()) is not None:
            from .dialogs import EditTimeDialog

            self.app.push_screen(EditTimeDialog(line.entry), self._changed)

    def action_delete_entry(self) -> None:
        if (line := self._line()) is not None:
            from .dialogs import DeleteTimeDialog

            self.app.push_screen(DeleteTimeDialog(line.entry), self._changed)

    def action_move(self, weeks: int) -> None:
        shown = self.day if self.day is not None else self.desk.today()  # set on mount
        self.day = shown + timedelta(weeks=weeks)
        self.reload()

    def action_this_week(self) -> None:
        self.day = self.desk.today()
        self.reload()

    def action_whose(self) -> None:
        from .dialogs import WhoseAgendaDialog

        def chosen(choice: tuple[str | None, str | None] | None) -> None:
            if choice is not None:
                self.login = choice[0]
                self.reload()

        self.app.push_screen(WhoseAgendaDialog(), chosen)
