"""The operator's inbox: assignments, escalations, mentions, quotes, survey offers.

Newest first, unread ones marked and bold. Enter opens the notification's case
(and marks it read), m or space marks the highlighted one read, M all of them.
Reads and writes run in thread workers; the app's unread badge follows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from ..formats import when
from ..i18n import N_, _
from ..safe_text import safe
from ..services.notices import kind_word, notice_text
from ..session import DeskSession, session_of
from ..widgets.fit import Cell, Col, FittedTable, at_cursor, spoken_columns
from ..widgets.keys_footer import KeysFooter
from ..widgets.spoken_keys import SpokenKeys
from ..widgets.timer_bar import TimerBar
from .desk_ui import desk_ui
from .loading import ServiceCalls

if TYPE_CHECKING:
    from ..services.notifications import Notification

INBOX_LIMIT = 500
"""The newest notifications shown: an inbox kept for years need not be read whole."""

UNREAD_MARK = "•"

COLUMNS = [
    Col("mark", "", whole=True),
    Col("when", N_("When"), whole=True),
    Col("kind", N_("Kind"), whole=True, gives_way=1),
    Col("case", N_("Case"), whole=True),
    Col("message", N_("Message"), least=20),
]
"""The inbox's columns (widgets/fit.py): the message takes the rest of the line and
ends in an ellipsis; the kind gives way on a very narrow screen."""


class InboxScreen(SpokenKeys, ServiceCalls, Screen[None]):
    CSS_PATH = "inbox.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), id="inbox.back"),
        # Before the table's own enter, so the footer says what enter does here.
        Binding("enter", "open", N_("Open case"), id="inbox.open", priority=True),
        Binding("m,space", "mark_read", N_("Read"), id="inbox.read"),
        Binding("M", "mark_all_read", N_("All read"), id="inbox.all_read"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[Notification] = []

    @property
    def desk(self) -> DeskSession:
        return session_of(self.app)

    def compose(self) -> ComposeResult:
        yield Static(Content(_(" Inbox · newest first")), id="editor-title")
        yield FittedTable(id="inbox-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="inbox-message", classes="dialog-error")
        yield TimerBar()
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#inbox-table", FittedTable).focus()
        self.fetch(self._read)

    def _read(self) -> list[Notification]:
        from ..services.notifications import inbox

        return inbox(self.desk.read_uow(), self.desk.actor, limit=INBOX_LIMIT)

    def show_failure(self, text: str) -> None:
        self._say(text)

    def _say(self, text: str) -> None:
        """The line under the table: what went wrong, or that the inbox is empty."""
        line = self.query_one("#inbox-message", Static)
        line.update(Content(text))
        line.display = bool(text)

    def show(self, items: list[Notification]) -> None:
        self.items = items
        self._say(
            "" if items else _("Nothing here yet: assignments, mentions, quotes, escalations "
                               "and surveys show up here.")
        )  # fmt: skip
        rows: list[list[Cell]] = []
        for n in items:
            style = "" if n.read else "bold"
            rows.append(
                [
                    Text("" if n.read else UNREAD_MARK, style=style),
                    Text(when(n.created_at, self.desk.zone), style),
                    Text(kind_word(n.kind), style),
                    Text(n.case or "", style),
                    Text(safe(notice_text(n.message), one_line=True), style),
                ]
            )
        table = self.query_one("#inbox-table", FittedTable)
        table.set_rows(spoken_columns(COLUMNS), rows, keys=[str(n.id) for n in items])

    def _highlighted(self) -> Notification | None:
        return at_cursor(self.query_one("#inbox-table", DataTable), self.items)

    # -- actions ---------------------------------------------------------------------
    @on(DataTable.RowSelected, "#inbox-table")
    def _selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        """Enter: the notification's case, in the case editor; the notification is read."""
        from .case_view import CaseViewScreen

        item = self._highlighted()
        if item is None:
            return
        if not item.read:
            self._mark([item.id])
        if item.case_id is not None:
            self.app.push_screen(CaseViewScreen(item.case_id))

    def action_mark_read(self) -> None:
        item = self._highlighted()
        if item is not None and not item.read:
            self._mark([item.id])

    def action_mark_all_read(self) -> None:
        if any(not n.read for n in self.items):
            self._mark(None)

    def _mark(self, ids: list[int] | None) -> None:
        from ..services.notifications import mark_all_read, mark_read

        desk = self.desk

        def mark() -> None:
            if ids is None:
                mark_all_read(desk.uow(), desk.actor)
            else:
                mark_read(desk.uow(), desk.actor, ids)

        self.call_service(mark, self._marked, failed=self._mark_failed, group="inbox-mark")

    def _mark_failed(self, text: str) -> None:
        self.show_failure(text)
        self._marked(None)

    def _marked(self, _done: None) -> None:
        desk_ui(self.app).refresh_unread()
        if self.is_current:
            self.fetch(self._read)
