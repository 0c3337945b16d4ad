"""The agenda: a day, week or month of events and calendar tasks, moved through by keys.

`d` `w` `m` pick the span, `[` `]` move by one, `.` comes back to
today; `o` marks an event held or a task completed, `x` an event not held;
`p` plans a follow-up on the highlighted item's case, `enter` opens that case,
`u` shows another person's or an area's agenda (supervisors). The case
actions (s, a, c, t, T) apply to the highlighted item's case.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from ..domain.agenda import Span, shift
from ..formats import day, weekday_day
from ..i18n import N_, _, ngettext, pgettext
from ..safe_text import safe
from ..services.agenda import Agenda, AgendaItem, agenda, mark
from ..session import DeskSession, session_of
from ..widgets.fit import Cell, Col, FittedTable, at_cursor, spoken_columns
from ..widgets.keys_footer import KeysFooter
from ..widgets.spoken_keys import SpokenKeys
from ..widgets.timer_bar import TimerBar
from .case_actions import ACTION_BINDINGS, CaseActions

SPAN_KEYS = {"d": Span.DAY, "w": Span.WEEK, "m": Span.MONTH}

COLUMNS = [
    Col("day", N_("Day"), whole=True),
    Col("time", N_("Time"), whole=True),
    # Words for late, clash, today are never cut: at 80 columns the title is, not "late".
    Col("flags", N_("Flags"), whole=True),
    Col("what", N_("What"), whole=True, gives_way=2),
    Col("title", N_("Title"), least=12),
    Col("case", N_("Case"), whole=True),
    Col("status", N_("Status"), whole=True, gives_way=1),
    # One's own agenda names oneself on every line: "who" goes first when space is short.
    Col("who", N_("Who"), gives_way=3, least=5),
]
"""The agenda's columns; when even squeezed titles leave no room, who, what and the
status give way, in that order."""


def _flags(item: AgendaItem) -> str:
    """Words, not colours: they read the same without colour and over any terminal."""
    words = []
    if item.overdue:
        words.append(_("late"))
    if item.conflict:
        words.append(_("clash"))
    if item.today:
        words.append(_("today"))
    return " ".join(words)


class AgendaScreen(SpokenKeys, CaseActions, Screen[None]):
    """Whose agenda and which period are kept here; the items come from the service."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), id="agenda.back"),
        Binding("d", "span('day')", N_("Day"), id="agenda.day"),
        Binding("w", "span('week')", N_("Week"), id="agenda.week"),
        Binding("m", "span('month')", N_("Month"), id="agenda.month"),
        Binding("left_square_bracket", "move(-1)", N_("Previous"), id="agenda.previous"),
        Binding("right_square_bracket", "move(1)", N_("Next"), id="agenda.next"),
        Binding("full_stop", "today", N_("Today"), id="agenda.today", show=False),
        Binding("o", "mark(True)", N_("Done"), id="agenda.done"),
        Binding("x", "mark(False)", N_("Not held"), id="agenda.not_held", show=False),
        Binding("u", "whose", N_("Whose"), id="agenda.whose", show=False),
        *[
            Binding(b.key, b.action, b.description, id=b.id, show=b.key == "p")
            for b in ACTION_BINDINGS
        ],
    ]

    def __init__(self, day: date | None = None, span: Span = Span.WEEK) -> None:
        super().__init__()
        self.day = day
        self.span = span
        self.owner: str | None = None
        self.area: str | None = None
        self.shown_whose: tuple[str | None, str | None] = (None, None)
        """The owner and area of the agenda on screen."""
        self.result: Agenda | None = None

    @property
    def desk(self) -> DeskSession:
        return session_of(self.app)

    def compose(self) -> ComposeResult:
        yield Static(id="editor-title")
        yield FittedTable(id="agenda-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="agenda-message", classes="dialog-error")
        yield TimerBar()
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        if self.day is None:
            self.day = self.desk.today()
        self.query_one(FittedTable).focus()
        self.reload()

    def reload(self) -> None:
        day, span, owner, area = self.day, self.span, self.owner, self.area
        self.fetch(
            lambda: agenda(
                self.desk.read_uow(),
                self.desk.actor,
                day=day,  # type: ignore[arg-type]
                span=span,
                zone=self.desk.zone,
                owner=owner,
                area=area,
            )
        )

    def show_failure(self, text: str) -> None:
        self.query_one("#agenda-message", Static).update(Content(text))
        # A person or area that cannot be shown: back to the last agenda that could, so
        # the next key (another week, another span) works instead of failing again.
        self.owner, self.area = self.shown_whose

    def show(self, result: Agenda) -> None:
        self.shown_whose = (self.owner, self.area)
        self.result = result
        zone = self.desk.zone
        period = day(result.first)
        if result.last != result.first:
            period += f" → {day(result.last)}"
        title = ngettext(
            " Agenda · {whose} · {span} {period} · {count} item",
            " Agenda · {whose} · {span} {period} · {count} items",
            len(result.items),
        ).format(
            whose=safe(result.whose, one_line=True),
            span=_(result.span.value),
            period=period,
            count=len(result.items),
        )
        self.query_one("#editor-title", Static).update(Content(title))
        self.query_one("#agenda-message", Static).update("")
        rows: list[list[Cell]] = []
        for item in result.items:
            when = ""
            if item.start and item.end:
                begin, end = item.start.astimezone(zone), item.end.astimezone(zone)
                when = f"{begin:%H:%M}–{end:%H:%M}"
            style = "bold" if item.today or item.overdue else ""
            rows.append(
                [
                    Text(weekday_day(item.day), style=style),
                    when,
                    Text(_flags(item), style="bold" if item.overdue or item.conflict else ""),
                    item.what_word,
                    Text(safe(item.title, one_line=True)),
                    Text(safe(item.case_number or "—", one_line=True)),
                    item.status_word,
                    Text(safe(item.owner, one_line=True)),
                ]
            )
        time = pgettext("time of day", "Time")
        self.query_one(FittedTable).set_rows(spoken_columns(COLUMNS, time=time), rows)

    # -- the highlighted item ----------------------------------------------------
    def _item(self) -> AgendaItem | None:
        if self.result is None:
            return None
        return at_cursor(self.query_one(FittedTable), self.result.items)

    def current_case(self) -> tuple[int, str] | None:
        item = self._item()
        if item is None or item.case_id is None or item.case_number is None:
            return None
        return item.case_id, item.case_number

    def after_change(self, changed: bool | None) -> None:
        if changed:
            self.reload()

    # -- actions -----------------------------------------------------------------
    def action_span(self, span: str) -> None:
        self.span = Span(span)
        self.reload()

    def action_move(self, steps: int) -> None:
        shown = self.day if self.day is not None else self.desk.today()  # set on mount
        self.day = shift(shown, self.span, steps)
        self.reload()

    def action_today(self) -> None:
        self.day = self.desk.today()
        self.reload()

    def action_mark(self, done: bool) -> None:
        item = self._item()
        if item is None:
            return
        self._mark(item, done)

    def _mark(self, item: AgendaItem, done: bool) -> None:
        """Mark, then read the period again, in one worker: the table shows the new state."""
        day, span, owner, area = self.day, self.span, self.owner, self.area

        def mark_and_read() -> Agenda:
            mark(self.desk.uow(), self.desk.actor, item, done)
            return agenda(
                self.desk.uow(), self.desk.actor, day=day, span=span,  # type: ignore[arg-type]
                zone=self.desk.zone, owner=owner, area=area,
            )  # fmt: skip

        self.fetch(mark_and_read)

    @on(DataTable.RowSelected, "#agenda-table")
    def action_open_case(self) -> None:
        """enter: the highlighted item's case."""
        if (current := self.current_case()) is not None:
            from .case_view import CaseViewScreen

            self.app.push_screen(CaseViewScreen(current[0]))

    def plan_day(self) -> date:
        return self.day or super().plan_day()

    def action_whose(self) -> None:
        from .dialogs import WhoseAgendaDialog

        def chosen(choice: tuple[str | None, str | None] | None) -> None:
            if choice is not None:
                self.owner, self.area = choice
                self.reload()

        self.app.push_screen(WhoseAgendaDialog(), chosen)
