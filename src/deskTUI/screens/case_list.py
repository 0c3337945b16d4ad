"""The home screen: the case list with its one-line query."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from datetime import datetime
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static

from ..domain.enums import Status
from ..domain.errors import DomainError
from ..i18n import N_, _, error_text
from ..services.case_list import COUNT_CAP, Cancel, Cancelled, ListCount, opening_query
from ..services.list_reads import ListReads
from ..session import DeskSession, session_of
from ..widgets.case_table import WINDOW, CaseTable
from ..widgets.keys_footer import KeysFooter
from ..widgets.list_title import ListTitle
from ..widgets.query_input import QueryInput
from ..widgets.timer_bar import TimerBar
from ..widgets.views_panel import ViewsPanel
from .case_actions import ACTION_BINDINGS, CaseActions
from .desk_ui import desk_ui
from .list_columns import Counted as Counted
from .list_columns import ListColumns
from .list_columns import Page as Page
from .loading import retrying
from .new_case_flow import NewCaseFlow

if TYPE_CHECKING:
    from ..services.case_list import OpeningPage
    from ..services.saved_views import ViewCount


class CaseListScreen(CaseActions, ListColumns, NewCaseFlow):
    """Find cases with ``/`` and a query; open one with enter."""

    BINDINGS = [
        Binding("slash", "focus_query", N_("Query"), id="list.query"),
        Binding("escape", "focus_table", N_("Back"), show=False),
        Binding("n", "new_case", N_("New"), id="list.new"),
        Binding("N", "new_for_contact", N_("New for a contact"), id="list.new_contact", show=False),
        Binding("b", "bulk", N_("Bulk"), id="list.bulk", show=False),
        Binding(
            "v",
            "toggle_views",
            N_("Views"),
            id="list.views",
            show=False,
            tooltip=N_("(on the views: v hides them, escape goes back)"),
        ),
        Binding("o", "cycle_sort", N_("Order"), id="list.sort", show=False),
        Binding("w", "save_view", N_("Save view"), id="list.save_view", show=False),
        Binding("r", "refresh", N_("Refresh"), id="list.refresh", show=False),
        # Not in the footer: at 80 columns it would push out "? Keys", which lists it.
        Binding("q", "app.quit", N_("Quit"), id="list.quit", show=False),
        *ACTION_BINDINGS,
    ]

    def __init__(self) -> None:
        super().__init__()
        self.reads = ListReads(lambda: self.desk.reader, lambda: self.desk.actor, self._now)
        """The query shown, parsed once, and its listing (read in workers)."""
        self._said = ""
        self._failed = False
        """A read of the list failed: the next change on the desk (or r) runs it again."""
        self._failure_said = False
        """The line under the query says a read failed (or is being tried again)."""
        self._first_page_shown = False
        self._keys_offered: tuple[bool, bool] | None = None
        """Whether the footer offers the case keys, and `s`, as last judged."""

    @property
    def query_text(self) -> str:
        return self.reads.text

    @property
    def sort(self) -> str:
        """The list's order: updated, next (the queue to execute), priority or number."""
        return self.reads.sort

    def _now(self) -> datetime:
        return self.desk.clock()

    @property
    def desk(self) -> DeskSession:
        return session_of(self.app)

    def compose(self) -> ComposeResult:
        yield ListTitle(id="title-bar")
        with Horizontal(id="list-body"):
            yield ViewsPanel(id="views")
            with Vertical(id="list-main"):
                yield QueryInput(
                    value=opening_query(),
                    placeholder=_("status:open prio:>=high assignee:me words…"),
                    id="query",
                )
                yield Static(id="query-error")
                hint = Static(id="setup-hint")
                hint.display = False  # shown on a desk that lacks what a case needs
                yield hint
                yield CaseTable(id="cases")
        yield TimerBar()
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        # The views panel takes room a narrow terminal needs for the list: there, v shows it.
        self.query_one("#views", OptionList).display = self.app.size.width >= 110
        self._title(None)
        self.query_one(CaseTable).focus()
        self.watch(self.query_one(CaseTable), "cursor", self._judge_keys, init=False)
        opening = desk_ui(self.app).take_opening_page()
        if opening is not None and (opening.query, opening.sort) == (self.query_text, self.sort):
            self._show_opening(opening)
        else:
            self.run_query()

    def _show_opening(self, opening: OpeningPage) -> None:
        """The first page, read before the app started: shown as any page, then counted."""
        generation = self.query_one(CaseTable).reset()
        self.reads.start(generation)
        self._title(None)
        # Shown at the screen's next turn, as any page is: after the mount is over.
        self.call_later(self.show_page, Page(generation, 0, opening.rows, opening.columns))
        self._count_in_worker(generation, COUNT_CAP, self.reads.read())

    def _title(self, total: ListCount | None) -> None:
        self.query_one(ListTitle).show(
            self.desk.actor, total, self.sort, words=self.reads.has_words
        )

    def _say(self, text: str) -> None:
        """The line under the query: what is wrong with it, or nothing.

        Changed only when it changes: a new text may change its height, which
        costs the whole screen a layout, and typing must not pay that per key.
        """
        if text != self._said:
            self._said = text
            self.query_one("#query-error", Static).update(Content(text))

    # -- querying ----------------------------------------------------------------
    @on(Input.Changed, "#query")
    def query_typed(self, event: Input.Changed) -> None:
        """The list follows the query as it is typed; a query not yet valid waits quietly
        (enter says what is wrong with it)."""
        if event.value == self.query_text:
            return
        try:
            self.reads.use(event.value)  # the one parse of this keystroke
        except DomainError:
            return
        self._say("")
        self.run_query()

    @on(Input.Submitted, "#query")
    def submit_query(self, event: Input.Submitted) -> None:
        if event.value != self.query_text:
            try:
                self.reads.use(event.value)
            except DomainError as error:
                # A wrong query says what is wrong and keeps the last good result.
                self._say(error_text(error))
                return
            self.run_query()
        self._say("")
        self.query_one(CaseTable).focus()

    def use_query(self, text: str) -> None:
        """Show ``text`` in the query line, in the operator's words, and run it (the
        palette's queries, a view, a board cell)."""
        from ..services.case_list import in_operators_words

        with suppress(DomainError):  # else shown as it is, and refused just below
            text = in_operators_words(text)
        self.query_one("#query", Input).value = text
        try:
            self.reads.use(text)
        except DomainError as error:  # a saved view gone stale: said, as enter says it
            self._say(error_text(error))
            return
        self._say("")
        self.run_query()

    def run_query(self, *, fresh: bool = False) -> None:
        """A new result: its first page, then its count (the page is what people wait for).

        The reads of the previous query are abandoned: typing fast never leaves a
        pile of counts nobody will see competing with the page being typed for.
        ``fresh``: the desk may have changed, so who reads and the SLA targets are read
        again (a keystroke reuses them: three statements, not nine).
        """
        self._failed = False
        generation = self.query_one(CaseTable).reset()
        self.reads.start(generation, fresh=fresh)
        self._title(None)
        self._fetch(generation, 0, self.reads.read())

    def _reading(self, generation: int, offset: int, cancel: Cancel) -> Callable[[], Page | None]:
        """A window of rows, read in a worker thread (the database never blocks the
        screen); None: a newer result replaced this one meanwhile."""

        def read() -> Page | None:
            try:
                read = self.reads.page(generation, offset, WINDOW, cancel)
                return Page(generation, offset, read.rows, read.columns)
            except Cancelled:
                return None

        return read

    def _fetch(self, generation: int, offset: int, cancel: Cancel) -> None:
        """A result's first page, then its count (in a worker of its own, once the page
        is shown: the page is what people wait for, and what keys typed meanwhile wait for)."""

        def shown(page: Page | None) -> None:
            if page is not None:
                self.show_page(page)
                self._count_in_worker(generation, COUNT_CAP, cancel)

        self.call_service(
            self._reading(generation, offset, cancel),
            shown,
            failed=self._query_refused,
            store_failed=self._list_unread,
            group="case-page",
            exclusive=True,
        )

    @on(CaseTable.NeedCount, "#cases")
    def count_further(self, message: CaseTable.NeedCount) -> None:
        self._count_in_worker(message.generation, message.cap, self.reads.read())

    def _count_in_worker(self, generation: int, cap: int | None, cancel: Cancel) -> None:
        def count() -> Counted | None:
            try:
                return Counted(generation, self.reads.count(generation, cap, cancel), cap)
            except Cancelled:
                return None

        self.call_service(
            count,
            self._show_count,
            failed=self._query_refused,
            store_failed=self._list_unread,
            group="case-count",
            exclusive=True,
        )

    def show_page(self, page: Page | None) -> None:
        if page is None:
            return
        table = self.query_one(CaseTable)
        if self._failure_said:
            self._failure_said = False
            self._say("")  # the read works again: the failure is over
        if page.columns is not None and page.generation == table.generation:
            table.use_columns(page.columns)  # the operator's, as read with the rows
        table.put_rows(page.generation, page.offset, page.rows)
        self._paint_now(table)
        self._judge_keys()
        self._started()

    def _paint_now(self, widget: Widget) -> None:
        """Show what changed in this frame rather than at the screen's next tick.

        Textual paints on a 60 fps timer, and the tick after a recent frame (the
        query line's echo of the key, a millisecond after the press) comes 17 to
        33 ms later: twice all the rest of a keystroke's work at a million cases.
        ``widget`` is marked dirty as its own refresh would (through a message,
        a turn of the loop later), and the timer's handler paints, as its tick
        would (Textual is pinned in pyproject.toml; tests/tui/test_list_paint.py
        fails if this stops painting).
        """
        self._dirty_widgets.add(widget)
        self._on_timer_update()

    def _started(self) -> None:
        if not self._first_page_shown:
            # Only once the page is painted: the views panel's counts (they import the
            # ORM in their thread, and an import holds the GIL), then the rest of the app.
            self._first_page_shown = True
            self.call_after_refresh(self._count_views)
            self.call_after_refresh(desk_ui(self.app).first_page_shown)

    def _show_count(self, counted: Counted | None) -> None:
        table = self.query_one(CaseTable)
        if counted is None or counted.generation != table.generation:
            return
        count = counted.count
        table.set_total(counted.generation, count.total, more=count.more, cap=counted.cap)
        self._title(count)

    def _query_refused(self, text: str) -> None:
        """The query itself is refused (a bound, a case one may not see): said; reading
        it again would only repeat it."""
        self._started()
        self._say(text)

    def _list_unread(self, text: str) -> None:
        """The store failed reading the list: said, and read again at the next change."""
        self._failed = True
        self._views_unread(text)

    def _views_unread(self, text: str) -> None:
        """A read failed (the list, or the views panel's counts): both are read again at
        the next change on the desk, or with r."""
        self._started()
        self._failure_said = True
        self._say(retrying(text, key=True))

    _contacts_unread = _query_refused  # N's contacts: read again only at N, no promise

    @on(CaseTable.NeedRows, "#cases")
    def fetch_rows(self, message: CaseTable.NeedRows) -> None:
        generation, offset = message.generation, message.offset
        self.call_service(
            self._reading(generation, offset, self.reads.read()),
            self.show_page,
            failed=self._query_refused,
            store_failed=self._list_unread,
            group="case-rows",
        )

    @on(CaseTable.Open, "#cases")
    def open_case(self, message: CaseTable.Open) -> None:
        from .case_view import CaseViewScreen

        self.app.push_screen(CaseViewScreen(message.case_id))

    def current_case(self) -> tuple[int, str] | None:
        row = self.query_one(CaseTable).highlighted
        return (row.id, row.number) if row else None

    def policy_status(self) -> Status | None:
        row = self.query_one(CaseTable).highlighted
        if row is None:
            return None
        try:
            return Status(row.status)
        except ValueError:  # a status this version does not know: judged as any case
            return None

    def _may(self, action: str) -> bool:
        """No case on the list (an empty desk, a query matching nothing): no case key
        would do anything, so none is offered."""
        return self.current_case() is not None and super()._may(action)

    def _judge_keys(self, *_moved: object) -> None:
        """`s` is offered on the highlighted case's status (a client may only reopen a
        finished case), the case keys only with a case on the list: judged as the cursor
        moves and rows arrive, the footer redrawn only when the answer changes."""
        if self.query_one(CaseTable).awaiting:
            # Judged when the row comes (show_page): offered, taken back and offered
            # again, the footer was redrawn twice, with the whole screen (34 KB over SSH).
            return
        offered = (self.current_case() is not None, self._may("change_status"))
        if offered != self._keys_offered:
            self._keys_offered = offered
            self.refresh_bindings()

    def after_change(self, changed: bool | None) -> None:
        if changed:
            self.run_query(fresh=True)
            self._count_views()

    def desk_changed(self) -> None:
        """Someone changed the desk: the rows on screen, the count and the views' counts
        are read again, in place (the query, the cursor's case and the scroll stay)."""
        table = self.query_one(CaseTable)
        if self._failed:  # no result is on its way: this is the retry the list promised
            self._say(_("Reading the list again…"))
            self.run_query(fresh=True)
            self._count_views()
            return
        if not table.loaded:
            self.reads.stale()  # a result is on its way anyway; the next one reads afresh
            return
        generation = table.reread()
        self.reads.start(generation, fresh=True)
        self._count_in_worker(generation, COUNT_CAP, self.reads.read())
        self._count_views()

    def on_screen_resume(self) -> None:
        """Back from a case: what was done there shows in the list and the counts."""
        if self.query_one(CaseTable).total:
            self.run_query(fresh=True)
        else:
            self.reads.stale()
        self._count_views()

    # -- the views panel -----------------------------------------------------------
    def _count_views(self) -> None:
        """The views panel's counts, and what the desk lacks (read as often, each on its
        own: a failed setup read is guidance lost, and must not hide the counts)."""

        def read() -> list[ViewCount]:
            from ..services.saved_views import panel  # the ORM: not before the first page

            return panel(self.desk.read_uow(), self.desk.actor, cap=COUNT_CAP)

        self.call_service(
            read, self._show_views, failed=self._views_unread, group="views", exclusive=True
        )
        self.call_service(
            self._read_setup,
            self.show_setup,
            failed=self._setup_unread,
            group="setup",
            exclusive=True,
        )

    def _show_views(self, views: list[ViewCount]) -> None:
        self.query_one(ViewsPanel).show_views(views)

    @on(OptionList.OptionSelected, "#views")
    def _pick_view(self, event: OptionList.OptionSelected) -> None:
        self.use_query(self.query_one(ViewsPanel).query_at(event.option_index))
        self.query_one(CaseTable).focus()

    def action_toggle_views(self) -> None:
        """v: to the views panel, shown first where it was hidden; pressed on the panel, it
        hides the panel (v used to hide it wherever it showed, so reaching it took v v)."""
        views = self.query_one(ViewsPanel)
        if views.display and views.has_focus:
            self._hide_views()
            return
        if not views.display:
            views.display = True
            views.shown_by_key = True
        views.focus()

    def _hide_views(self) -> None:
        views = self.query_one(ViewsPanel)
        views.display = views.shown_by_key = False
        self.query_one(CaseTable).focus()

    def action_save_view(self) -> None:
        from .dialogs import SaveViewDialog

        self.app.push_screen(SaveViewDialog(self.query_text), self.after_change)

    # -- actions -------------------------------------------------------------------
    def action_focus_query(self) -> None:
        self.query_one("#query", Input).focus()

    def action_focus_table(self) -> None:
        """escape: back to the list; from the views panel `v` showed, the panel hides again."""
        views = self.query_one(ViewsPanel)
        if views.has_focus and views.shown_by_key:
            self._hide_views()
        self.query_one(CaseTable).focus()

    def action_bulk(self) -> None:
        """Space marks cases; b acts on all of them (supervisors triaging a queue)."""
        from .dialogs import BulkDialog

        table = self.query_one(CaseTable)
        if not table.selected:
            self.app.notify(_("Mark cases with space first, then press b."), markup=False)
            return
        self.app.push_screen(BulkDialog(sorted(table.selected)), self.after_change)

    def action_cycle_sort(self) -> None:
        """o: newest change → next to execute → priority → number → newest change; with
        words in the query: newest case first → by number → best match first."""
        if self.reads.has_words:
            order = ["updated", "number", "relevance"]
        else:
            order = ["updated", "next", "priority", "number"]
        position = order.index(self.sort if self.sort in order else "updated")
        self.reads.sort = order[(position + 1) % len(order)]
        self.run_query()

    def action_refresh(self) -> None:
        self.run_query(fresh=True)
