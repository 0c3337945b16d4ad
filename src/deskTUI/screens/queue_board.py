"""The queue board (B): a supervisor's day on one screen, kept live.

Open cases by status and priority, unassigned cases by age, each agent's
load, and the cases breaching or about to breach their SLA. Arrows or hjkl
move from number to number (on into the next table at an edge, tab jumps),
enter opens the list of exactly those cases (hours: the person's timesheet;
a case's line: the case), `r` reads again, escape goes back. The board is
read again when anyone changes the desk (at most every few seconds) and
every minute, since time alone moves ages and SLA clocks.
"""

from __future__ import annotations

from typing import Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from .. import formats, words
from ..domain.durations import format_minutes
from ..domain.enums import Priority, Role, Status
from ..formats import when
from ..i18n import N_, _, pgettext
from ..safe_text import safe
from ..services.board import Board, queue_board
from ..services.board_cells import Cell, CountTable
from ..services.board_links import ROWS_BY
from ..session import DeskSession, session_of
from ..widgets.board_table import BoardTable
from ..widgets.fit import Cell as Shown
from ..widgets.fit import Col
from ..widgets.keys_footer import KeysFooter
from ..widgets.spoken_keys import SpokenKeys
from ..widgets.timer_bar import TimerBar
from .loading import ReadsAgainWhenChanged, ServiceCalls

REFRESH_SECONDS = 60
"""Time alone moves ages and SLA clocks: the board is read again this often."""

Target = (
    tuple[Literal["list"], str] | tuple[Literal["timesheet"], str] | tuple[Literal["case"], int]
)
"""What enter on a cell opens: ("list", query), ("timesheet", login) or ("case", id)."""


def _grid_words(rows_by: str) -> tuple[str, str]:
    """The first table's heading and its first column's, for what its rows are."""
    if rows_by == "project":
        return _("Open cases by project and priority"), _("Project")
    if rows_by == "service":
        return _("Open cases by service and priority"), _("Service")
    return _("Open cases by status and priority"), _("Status")


def span(minutes: int) -> str:
    """``50m``, ``5h50m``, ``3d 4h``: days once past two of them."""
    if minutes < 48 * 60:
        return format_minutes(minutes)
    days, rest = divmod(minutes, 24 * 60)
    return f"{days}d {rest // 60}h" if rest // 60 else f"{days}d"


def left(minutes: int | None) -> str:
    """Time left on an SLA clock: ``10m left``, ``5h50m over``."""
    if minutes is None:
        return ""
    return (
        _("{span} over").format(span=span(-minutes))
        if minutes < 0
        else _("{span} left").format(span=span(minutes))
    )


def number(count: int) -> Text:
    return Text(formats.number(count), style="dim" if count == 0 else "bold", justify="right")


def label(text: str) -> Text:
    return Text(safe(text, one_line=True))


class QueueBoardScreen(SpokenKeys, ReadsAgainWhenChanged, ServiceCalls, Screen[None]):
    CSS_PATH = "queue_board.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), id="board.back"),
        Binding("r", "refresh", N_("Refresh"), id="board.refresh"),
        Binding("g", "group", N_("Group by"), id="board.group"),
    ]
    LIVE_SECONDS = 5.0
    """Desk changes re-read the board at most this often (a busy desk changes every second)."""

    def __init__(self) -> None:
        super().__init__()
        self.board: Board | None = None
        self.rows_by = ROWS_BY[0]
        """What the first table's rows are (``g`` cycles status, project, service)."""
        self.targets: dict[str, list[list[Target | None]]] = {}
        """Per table, per row and column: what enter opens there."""

    @property
    def desk(self) -> DeskSession:
        return session_of(self.app)

    def compose(self) -> ComposeResult:
        yield Static(Content(_(" Queue board")), id="editor-title")
        with VerticalScroll(id="board-body"):
            with Horizontal(id="board-top"):
                with Vertical(classes="board-panel"):
                    yield Static(Content(_("Open cases by status and priority")), id="board-grid-heading", classes="board-heading")  # fmt: skip
                    yield BoardTable(id="board-grid")
                with Vertical(classes="board-panel"):
                    yield Static(Content(_("Unassigned by age")), classes="board-heading")
                    yield BoardTable(id="board-unassigned")
            yield Static(Content(_("Agents")), classes="board-heading")
            yield BoardTable(id="board-agents")
            yield Static(id="board-sla-heading", classes="board-heading")
            yield BoardTable(id="board-sla-counts")
            yield BoardTable(id="board-sla")
            yield Static(Content(_("Oldest unassigned")), classes="board-heading")
            yield BoardTable(id="board-waiting")
        yield Static(id="board-message", classes="dialog-error")
        yield TimerBar()
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#board-grid", BoardTable).focus()
        self.set_interval(REFRESH_SECONDS, self.reload)
        self.reload()

    # -- reading ------------------------------------------------------------------------
    def read(self) -> None:
        desk, rows_by = self.desk, self.rows_by
        self.fetch(
            lambda: queue_board(
                desk.read_uow(), desk.actor, desk.clock(), zone=desk.zone, rows_by=rows_by
            )
        )

    def action_group(self) -> None:
        """Rows by status, then by project, then by service, and round again."""
        self.rows_by = ROWS_BY[(ROWS_BY.index(self.rows_by) + 1) % len(ROWS_BY)]
        self.reload()

    def on_screen_resume(self) -> None:
        if self.board is not None:  # back from a list or a case: what was done there shows
            self.reload()

    def show_failure(self, text: str) -> None:
        self.query_one("#board-message", Static).update(Content(text))

    # -- showing ------------------------------------------------------------------------
    def show(self, board: Board) -> None:
        self.board = board
        self.query_one("#board-message", Static).update("")
        where = _("every area") if board.everything else ", ".join(board.areas) or _("no area")
        clock = when(board.now, self.desk.zone)
        title = _(" Queue board · {areas} · {clock}").format(areas=safe(where, one_line=True), clock=clock)  # fmt: skip
        self.query_one("#editor-title", Static).update(Content(title))
        heading, first = _grid_words(board.rows_by)
        self.query_one("#board-grid-heading", Static).update(Content(heading))
        self._counts("board-grid", board.grid, first)
        self._counts("board-unassigned", board.unassigned, _("Priority"))
        self._agents(board)
        self._sla(board)
        self._waiting(board)

    def _fill(
        self,
        name: str,
        columns: list[Col],
        rows: list[tuple[list[Shown], list[Target | None]]],
        first: int = 0,
    ) -> None:
        """Refill a table, its cursor kept where it was, and never left of column
        ``first``: the labels before it open nothing. The table fits its width
        (widgets/fit.py): text is squeezed, columns that declare it give way."""
        table = self.query_one(f"#{name}", BoardTable)
        table.set_rows(columns, [cells for cells, _targets in rows])
        self.targets[name] = [targets for _cells, targets in rows]
        if rows and table.shown:
            least = next((i for i, c in enumerate(table.shown) if columns.index(c) >= first), 0)
            if table.cursor_column < least:
                table.move_cursor(column=least, animate=False)

    def _counts(self, name: str, counts: CountTable, first: str) -> None:
        rows: list[tuple[list[Shown], list[Target | None]]] = []
        for row in counts.rows:
            rows.append(
                (
                    [label(row.label), *(number(c.count) for c in row.cells)],
                    [None, *(self._list(c) for c in row.cells)],
                )
            )
        columns = [Col("label", first, whole=True)]
        columns += [Col(f"c{i}", heading, whole=True, right=True) for i, heading in enumerate(counts.columns)]  # fmt: skip
        self._fill(name, columns, rows, first=1)
        self._stack()

    def _stack(self) -> None:
        """The two count tables side by side where both fit whole, else one above the
        other, each as wide as the screen: a count is never cut nor left out."""
        top = self.query_one("#board-top")
        half = (self.size.width - 2) // 2
        needed = max(t.natural_width() for t in top.query(BoardTable))
        top.set_class(needed > half, "-stacked")

    def on_resize(self) -> None:
        self._stack()

    @staticmethod
    def _list(cell: Cell) -> Target | None:
        return None if cell.query is None else ("list", cell.query)

    def _agents(self, board: Board) -> None:
        rows: list[tuple[list[Shown], list[Target | None]]] = []
        for agent in board.agents:
            sheet: Target = ("timesheet", agent.login)
            rows.append(
                (
                    [
                        label(agent.login),
                        label(agent.name),
                        Text(words.word(Role, agent.role)),
                        number(agent.open.count),
                        Text(span(agent.minutes_today), justify="right"),
                        Text(span(agent.minutes_week), justify="right"),
                        Text(left(agent.minutes_left(board.now)), justify="right"),
                    ],
                    [
                        None,
                        None,
                        None,
                        self._list(agent.open),
                        sheet,
                        sheet,
                        self._list(agent.open),
                    ],
                )
            )
        columns = [
            Col("agent", _("Agent"), whole=True),
            Col("name", _("Name"), gives_way=2, least=8),
            Col("role", _("Role"), whole=True, gives_way=1),
            Col("open", pgettext("cases open", "Open"), whole=True, right=True),
            Col("today", _("Today"), whole=True, right=True),
            Col("week", _("Week"), whole=True, right=True),
            Col("next", _("Next SLA"), whole=True, right=True),
        ]
        self._fill("board-agents", columns, rows, first=3)

    def _sla(self, board: Board) -> None:
        shown = len(board.sla)
        if shown < board.breached.count + board.soon.count:
            heading = _(
                "SLA · breached or about to breach (last quarter of a target) · "
                "the {shown} most overdue"
            ).format(shown=shown)
        else:
            heading = _("SLA · breached or about to breach (last quarter of a target)")
        self.query_one("#board-sla-heading", Static).update(Content(heading))
        self._fill(
            "board-sla-counts",
            [
                Col("breached", _("Breached"), whole=True, right=True),
                Col("soon", _("About to breach"), whole=True, right=True),
            ],
            [
                (
                    [number(board.breached.count), number(board.soon.count)],
                    [self._list(board.breached), self._list(board.soon)],
                )
            ],
        )
        rows: list[tuple[list[Shown], list[Target | None]]] = []
        for case in board.sla:
            opens: Target = ("case", case.id)
            rows.append(
                (
                    [
                        Text(case.number),
                        label(case.title),
                        Text(words.word(Priority, case.priority)),
                        Text(words.word(Status, case.status)),
                        label(case.assignee or "—"),
                        Text(words.label(case.target)),
                        Text(left(case.minutes_left), justify="right", style="bold red" if case.breached else "yellow"),
                    ],
                    [opens] * 7,
                )
            )  # fmt: skip
        columns = [
            Col("case", _("Case"), whole=True),
            Col("title", _("Title"), least=12),
            Col("priority", _("Priority"), whole=True, gives_way=2),
            Col("status", _("Status"), whole=True, gives_way=3),
            Col("assignee", _("Assignee"), gives_way=1, least=6),
            Col("clock", _("Clock"), whole=True, gives_way=4),
            Col("left", _("Time left"), whole=True, right=True),
        ]
        self._fill("board-sla", columns, rows)

    def _waiting(self, board: Board) -> None:
        rows: list[tuple[list[Shown], list[Target | None]]] = []
        for case in board.waiting:
            opens: Target = ("case", case.id)
            cells: list[Shown] = [Text(case.number), label(case.title), Text(words.word(Priority, case.priority)), Text(span(case.age_minutes), justify="right")]  # fmt: skip
            rows.append((cells, [opens] * 4))
        columns = [
            Col("case", _("Case"), whole=True),
            Col("title", _("Title"), least=12),
            Col("priority", _("Priority"), whole=True, gives_way=1),
            Col("age", _("Age"), whole=True, right=True),
        ]
        self._fill("board-waiting", columns, rows)

    # -- enter --------------------------------------------------------------------------
    @on(DataTable.CellSelected)
    def open_cell(self, event: DataTable.CellSelected) -> None:
        name = event.data_table.id or ""
        row = event.coordinate.row
        column = self.query_one(f"#{name}", BoardTable).declared_index(event.coordinate.column)
        rows = self.targets.get(name, [])
        target = rows[row][column] if row < len(rows) and column < len(rows[row]) else None
        if target is None:
            return
        match target:
            case ("list", query):
                from .board_list import BoardCaseList

                self.app.push_screen(BoardCaseList(query))
            case ("timesheet", login):
                from .timesheet import TimesheetScreen

                self.app.push_screen(TimesheetScreen(login=login))
            case ("case", case_id):
                from .case_view import CaseViewScreen

                self.app.push_screen(CaseViewScreen(case_id))
