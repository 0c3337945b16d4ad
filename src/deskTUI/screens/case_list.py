"""The home screen: the case list with its one-line query."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..domain.enums import Status
from ..domain.errors import DomainError
from ..domain.query import parse_query
from ..i18n import _, error_text
from ..safe_text import safe
from ..services.case_list import (
    COUNT_CAP,
    OPENING_QUERY,
    OPENING_SORT,
    Cancel,
    Cancelled,
    ListCount,
    ListRow,
    OpeningPage,
    case_count,
    case_page,
)
from ..session import DeskSession, session_of
from ..widgets.case_table import WINDOW, CaseTable
from ..widgets.keys_footer import KeysFooter
from ..widgets.query_input import QueryInput
from ..widgets.timer_bar import TimerBar
from .case_actions import ACTION_BINDINGS, CaseActions
from .desk_ui import desk_ui
from .failures import failure_text, transient
from .loading import retrying

if TYPE_CHECKING:
    from ..services.admin import DeskSetup
    from ..services.saved_views import ViewCount

SORT_NAMES = {
    "updated": _("newest change first"),
    "next": _("next to execute"),
    "priority": _("by priority"),
    "number": _("by number"),
    "relevance": _("best text match first"),
}
TEXT_ORDERS = {
    # Text matches come out of the full-text index by case number, so that is their order.
    "updated": _("text matches, newest case first"),
    "number": _("text matches, by number"),
    "relevance": _("best text match first"),
}


def setup_text(setup: DeskSetup) -> str:
    """A new desk's guidance on the list: what a case needs that the desk lacks, who may
    add it and how (the keys here, the commands from a shell)."""
    area, client = "area" in setup.missing, "client" in setup.missing
    if area and client:
        what = _("This desk has no area with a category and no client yet: a case needs both.")
    elif area:
        what = _("This desk has no area with a category yet: every case is filed under one.")
    else:
        what = _("This desk has no client yet: every case is a client's.")
    if setup.may_add:
        how = _("Press n to add them here, one dialog each, or from a shell:")
    else:
        how = _("Only an admin can add them (with n here, or from a shell):")
    commands = []
    if area:
        commands.append("  desktui area add Soporte --category Impresoras")
    if client:
        commands.append('  desktui client add "Acme SA" --contact "María Pérez"')
    return "\n".join([what, how, *commands])


class CaseListScreen(CaseActions, Screen[None]):
    """Find cases with ``/`` and a query; open one with enter."""

    BINDINGS = [
        Binding("slash", "focus_query", _("Query"), id="list.query"),
        Binding("escape", "focus_table", _("Back"), show=False),
        Binding("n", "new_case", _("New"), id="list.new"),
        Binding("N", "new_for_contact", _("New for a contact"), id="list.new_contact", show=False),
        Binding("b", "bulk", _("Bulk"), id="list.bulk", show=False),
        Binding(
            "v",
            "toggle_views",
            _("Views"),
            id="list.views",
            show=False,
            tooltip=_("(on the views: v hides them, escape goes back)"),
        ),
        Binding("o", "cycle_sort", _("Order"), id="list.sort", show=False),
        Binding("w", "save_view", _("Save view"), id="list.save_view", show=False),
        Binding("r", "refresh", _("Refresh"), id="list.refresh", show=False),
        # Not in the footer: at 80 columns it would push out "? Keys", which lists it.
        Binding("q", "app.quit", _("Quit"), id="list.quit", show=False),
        *ACTION_BINDINGS,
    ]

    class Page(Message):
        """A window of rows came back from the database."""

        def __init__(self, generation: int, offset: int, rows: list[ListRow]) -> None:
            self.generation = generation
            self.offset = offset
            self.rows = rows
            super().__init__()

    class Counted(Message):
        """How many cases the query matches (perhaps "10,000+")."""

        def __init__(self, generation: int, count: ListCount, cap: int | None) -> None:
            self.generation = generation
            self.count = count
            self.cap = cap
            super().__init__()

    class Failed(Message):
        def __init__(self, text: str, *, of_list: bool = True, transient: bool = True) -> None:
            self.text = text
            self.of_list = of_list
            """A read of the list itself (a page, the count), not of the views panel."""
            self.transient = transient
            """The store failed (reading again may work), not a refusal of the query."""
            super().__init__()

    def __init__(self) -> None:
        super().__init__()
        self.query_text = OPENING_QUERY
        self.sort = OPENING_SORT
        """The list's order: updated, next (the queue to execute), priority or number."""
        self._said = ""
        self._failed = False
        """A read of the list failed: the next change on the desk (or r) runs it again."""
        self._failure_said = False
        """The line under the query says a read failed (or is being tried again)."""
        self._first_page_shown = False
        self._reads: list[Cancel] = []
        """Reads of the current query still running, or done (cancelling those is harmless)."""
        self.view_queries: list[str] = []
        """The query of each line of the views panel (two views may share one)."""
        self._views_shown_by_key = False
        """`v` showed the views panel (hidden for want of room): escape hides it again."""
        self._keys_offered: tuple[bool, bool] | None = None
        """Whether the footer offers the case keys, and `s`, as last judged."""

    @property
    def desk(self) -> DeskSession:
        return session_of(self.app)

    class Views(Message):
        def __init__(self, views: list[ViewCount]) -> None:
            self.views = views
            super().__init__()

    class Setup(Message):
        """What the desk lacks before a case can be opened (``new``: `n` asked for it)."""

        def __init__(self, setup: DeskSetup | None, *, new: bool = False) -> None:
            self.setup = setup
            self.new = new
            super().__init__()

    def compose(self) -> ComposeResult:
        yield Static(id="title-bar")
        with Horizontal(id="list-body"):
            yield OptionList(id="views")
            with Vertical(id="list-main"):
                yield QueryInput(
                    value=OPENING_QUERY,
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
            self.run_query(self.query_text)

    def _show_opening(self, opening: OpeningPage) -> None:
        """The first page, read before the app started: shown as any page, then counted."""
        generation = self.query_one(CaseTable).reset()
        self._title(None)
        self.post_message(self.Page(generation, 0, opening.rows))
        self._count_in_worker(opening.query, generation, COUNT_CAP, self._read())

    def _title(self, total: ListCount | None) -> None:
        actor = self.desk.actor
        if total is None:
            count = _("… cases")
        elif total.total == 1 and not total.more:
            count = _("1 case")
        else:
            count = _("{count} cases").format(count=total.text())
        order = SORT_NAMES["updated" if self.sort == "relevance" else self.sort]
        if self._has_words(self.query_text):
            order = TEXT_ORDERS.get(self.sort, TEXT_ORDERS["updated"])
        text = f" deskTUI · {safe(actor.login, one_line=True)} ({actor.role.value}) · {count} · {order}"
        # One line, always (tcss): no layout needed, and it changes twice per keystroke.
        self.query_one("#title-bar", Static).update(Content(text), layout=False)

    def _say(self, text: str) -> None:
        """The line under the query: what is wrong with it, or nothing.

        Changed only when it changes: a new text may change its height, which
        costs the whole screen a layout, and typing must not pay that per key.
        """
        if text != self._said:
            self._said = text
            self.query_one("#query-error", Static).update(Content(text))

    # -- querying ----------------------------------------------------------------
    @staticmethod
    def _has_words(text: str) -> bool:
        try:
            return bool(parse_query(text).words)
        except DomainError:
            return False

    @on(Input.Changed, "#query")
    def query_typed(self, event: Input.Changed) -> None:
        """The list follows the query as it is typed; a query not yet valid waits quietly
        (enter says what is wrong with it)."""
        if event.value == self.query_text:
            return
        try:
            parse_query(event.value)
        except DomainError:
            return
        self._say("")
        self.query_text = event.value
        self.run_query(event.value)

    @on(Input.Submitted, "#query")
    def submit_query(self, event: Input.Submitted) -> None:
        try:
            parse_query(event.value)
        except DomainError as error:
            # A wrong query says what is wrong and keeps the last good result.
            self._say(error_text(error))
            return
        self._say("")
        if event.value != self.query_text:
            self.query_text = event.value
            self.run_query(event.value)
        self.query_one(CaseTable).focus()

    def use_query(self, text: str) -> None:
        """Show ``text`` in the query line and run it (the palette's saved queries)."""
        self.query_one("#query", Input).value = text
        self._say("")
        self.query_text = text
        self.run_query(text)

    def _read(self) -> Cancel:
        """A handle on a read about to start, so a newer query can abandon it."""
        cancel = Cancel()
        self._reads.append(cancel)
        return cancel

    def run_query(self, text: str) -> None:
        """A new result: its first page, then its count (the page is what people wait for).

        The reads of the previous query are abandoned: typing fast never leaves a
        pile of counts nobody will see competing with the page being typed for.
        """
        self._failed = False
        for read in self._reads:
            read.cancel()
        self._reads.clear()
        table = self.query_one(CaseTable)
        generation = table.reset()
        self._title(None)
        self._fetch(text, generation, 0, self._read())

    def _load(self, text: str, generation: int, offset: int, cancel: Cancel) -> bool:
        """Runs in a worker thread: the database never blocks the screen."""
        try:
            page = case_page(
                self.desk.reader, self.desk.actor, text, now=self.desk.clock(), sort=self.sort,
                offset=offset, limit=WINDOW, cancel=cancel,
            )  # fmt: skip
        except Cancelled:
            return False
        except Exception as error:  # a refusal, or a bug shown as one line
            self.post_message(
                self.Failed(failure_text(error, self.log), transient=transient(error))
            )
            return False
        self.post_message(self.Page(generation, offset, page.rows))
        return True

    @work(thread=True, exclusive=True, group="case-page", exit_on_error=False)
    def _fetch(self, text: str, generation: int, offset: int, cancel: Cancel) -> None:
        if self._load(text, generation, offset, cancel):
            self._count(text, generation, COUNT_CAP, cancel)

    def _count(self, text: str, generation: int, cap: int | None, cancel: Cancel) -> None:
        try:
            count = case_count(
                self.desk.reader, self.desk.actor, text, now=self.desk.clock(), cap=cap,
                cancel=cancel,
            )  # fmt: skip
        except Cancelled:
            return
        except Exception as error:
            self.post_message(
                self.Failed(failure_text(error, self.log), transient=transient(error))
            )
            return
        self.post_message(self.Counted(generation, count, cap))

    @on(CaseTable.NeedCount)
    def count_further(self, message: CaseTable.NeedCount) -> None:
        self._count_in_worker(self.query_text, message.generation, message.cap, self._read())

    @work(thread=True, exclusive=True, group="case-count", exit_on_error=False)
    def _count_in_worker(self, text: str, generation: int, cap: int | None, cancel: Cancel) -> None:
        self._count(text, generation, cap, cancel)

    @on(Page)
    def show_page(self, message: Page) -> None:
        table = self.query_one(CaseTable)
        if self._failure_said:
            self._failure_said = False
            self._say("")  # the read works again: the failure is over
        table.put_rows(message.generation, message.offset, message.rows)
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

    @on(Counted)
    def show_count(self, message: Counted) -> None:
        table = self.query_one(CaseTable)
        if message.generation != table.generation:
            return
        count = message.count
        table.set_total(message.generation, count.total, more=count.more, cap=message.cap)
        self._title(count)

    @on(Failed)
    def show_failure(self, message: Failed) -> None:
        self._started()
        if not message.transient:  # the query itself is refused: reading it again won't do
            self._say(message.text)
            return
        # Both the list and the views panel are read again at the next change.
        self._failed = self._failed or message.of_list
        self._failure_said = True
        self._say(retrying(message.text, key=True))

    @on(CaseTable.NeedRows)
    def fetch_rows(self, message: CaseTable.NeedRows) -> None:
        self._fetch_window(self.query_text, message.generation, message.offset, self._read())

    @work(thread=True, group="case-rows", exit_on_error=False)
    def _fetch_window(self, text: str, generation: int, offset: int, cancel: Cancel) -> None:
        self._load(text, generation, offset, cancel)

    @on(CaseTable.Open)
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
        offered = (self.current_case() is not None, self._may("change_status"))
        if offered != self._keys_offered:
            self._keys_offered = offered
            self.refresh_bindings()

    def after_change(self, changed: bool | None) -> None:
        if changed:
            self.run_query(self.query_text)
            self._count_views()

    def desk_changed(self) -> None:
        """Someone changed the desk: the rows on screen, the count and the views' counts
        are read again, in place (the query, the cursor's case and the scroll stay)."""
        table = self.query_one(CaseTable)
        if self._failed:  # no result is on its way: this is the retry the list promised
            self._say(_("Reading the list again…"))
            self.run_query(self.query_text)
            self._count_views()
            return
        if not table.loaded:
            return  # a result is on its way anyway
        generation = table.reread()
        self._count_in_worker(self.query_text, generation, COUNT_CAP, self._read())
        self._count_views()

    def on_screen_resume(self) -> None:
        """Back from a case: what was done there shows in the list and the counts."""
        if self.query_one(CaseTable).total:
            self.run_query(self.query_text)
        self._count_views()

    # -- the views panel -----------------------------------------------------------
    @work(thread=True, exclusive=True, group="views", exit_on_error=False)
    def _count_views(self) -> None:
        from ..services.saved_views import panel  # the ORM: not before the first page

        try:
            views = panel(self.desk.read_uow(), self.desk.actor, cap=COUNT_CAP)
        except Exception as error:  # the panel is a convenience: say why it is empty
            self.post_message(self.Failed(failure_text(error, self.log), of_list=False))
            return
        self.post_message(self.Views(views))
        self.post_message(self.Setup(self._read_setup()))  # read with the counts, as often

    def _read_setup(self) -> DeskSetup | None:
        """Runs in a worker: what the desk lacks (None: the read failed, nothing is said)."""
        from ..services.admin import desk_setup

        try:
            return desk_setup(self.desk.read_uow(), self.desk.actor)
        except Exception as error:  # guidance only: the form says what is wrong anyway
            self.log.warning(f"reading the desk's setup failed: {error!r}")
            return None

    @on(Setup)
    def _show_setup(self, message: Setup) -> None:
        setup = message.setup
        if setup is not None:
            hint = self.query_one("#setup-hint", Static)
            hint.display = bool(setup.missing)
            if setup.missing:
                hint.update(Content(setup_text(setup)))
        if message.new:
            self._new_case(setup)

    @on(Views)
    def _show_views(self, message: Views) -> None:
        views = self.query_one("#views", OptionList)
        highlighted = views.highlighted
        views.clear_options()
        self.view_queries = [view.query for view in message.views]
        for view in message.views:
            label = f"{safe(view.name, one_line=True)}  {view.count_text()}"
            views.add_option(Option(Content(label)))
        if highlighted is not None and highlighted < views.option_count:
            views.highlighted = highlighted

    @on(OptionList.OptionSelected, "#views")
    def _pick_view(self, event: OptionList.OptionSelected) -> None:
        self.use_query(self.view_queries[event.option_index])
        self.query_one(CaseTable).focus()

    def action_toggle_views(self) -> None:
        """v: to the views panel, shown first where it was hidden; pressed on the panel, it
        hides the panel (v used to hide it wherever it showed, so reaching it took v v)."""
        views = self.query_one("#views", OptionList)
        if views.display and views.has_focus:
            self._hide_views()
            return
        if not views.display:
            views.display = True
            self._views_shown_by_key = True
        views.focus()

    def _hide_views(self) -> None:
        self.query_one("#views", OptionList).display = False
        self._views_shown_by_key = False
        self.query_one(CaseTable).focus()

    def action_save_view(self) -> None:
        from .dialogs import SaveViewDialog

        self.app.push_screen(SaveViewDialog(self.query_text), self.after_change)

    # -- actions -------------------------------------------------------------------
    def action_focus_query(self) -> None:
        self.query_one("#query", Input).focus()

    def action_focus_table(self) -> None:
        """escape: back to the list; from the views panel `v` showed, the panel hides again."""
        if self.query_one("#views", OptionList).has_focus and self._views_shown_by_key:
            self._hide_views()
        self.query_one(CaseTable).focus()

    def action_new_case(self) -> None:
        """n: the new-case form, once the desk has what a case needs (read now: another
        terminal may have just added it); on a new desk an admin adds an area, then a
        client, a dialog each, and others are told who may."""
        self._ask_new_case()

    @work(thread=True, exclusive=True, group="case-action", exit_on_error=False)
    def _ask_new_case(self) -> None:
        self.post_message(self.Setup(self._read_setup(), new=True))

    def _new_case(self, setup: DeskSetup | None) -> None:
        if setup is None or not setup.missing:
            self._open_new_case()
        elif setup.may_add:
            self._add_first(setup.missing[0])
        else:
            self.app.notify(setup_text(setup), markup=False, timeout=15)

    def _add_first(self, missing: str) -> None:
        """The dialog that adds what is missing first; once added, what is missing is read
        again (another terminal may have added the rest): the next dialog, or the new-case
        form. Escape in a dialog stops there (the hint says what is still missing)."""
        from .dialogs.add_area import AddAreaDialog
        from .dialogs.add_client import AddClientDialog

        def added(done: bool | None) -> None:
            self._count_views()  # and the setup, so the hint follows
            if done:
                self._ask_new_case()

        dialog = AddAreaDialog() if missing == "area" else AddClientDialog()
        self.app.push_screen(dialog, added)

    def _open_new_case(self) -> None:
        from .case_view import CaseViewScreen
        from .new_case import NewCaseScreen

        def opened(case_id: int | None) -> None:
            if case_id is not None:
                self.app.push_screen(CaseViewScreen(case_id))

        self.app.push_screen(NewCaseScreen(), opened)

    class Contacts(Message):
        def __init__(self, contacts: list[tuple[int, int, str]]) -> None:
            self.contacts = contacts
            super().__init__()

    def action_new_for_contact(self) -> None:
        """N: pick a contact, and the new case comes with its client filled in (seed 002)."""
        self._load_contacts()

    @work(thread=True, exclusive=True, group="contacts", exit_on_error=False)
    def _load_contacts(self) -> None:
        from ..services.admin import clients_and_contacts

        setup = self._read_setup()
        if setup is not None and setup.missing:  # a new desk: as n, what to add first
            self.post_message(self.Setup(setup, new=True))
            return
        try:
            clients, contacts = clients_and_contacts(self.desk.read_uow(), self.desk.actor)
        except Exception as error:  # read again only at N: no promise to retry
            text = failure_text(error, self.log)
            self.post_message(self.Failed(text, of_list=False, transient=False))
            return
        names = {c.id: c.name for c in clients}
        rows = [(p.client_id, p.id, f"{p.name} — {names.get(p.client_id, '')}") for p in contacts]
        self.post_message(self.Contacts(rows))

    @on(Contacts)
    def _pick_contact(self, message: Contacts) -> None:
        from .case_view import CaseViewScreen
        from .dialogs import ContactPicker
        from .new_case import NewCaseScreen

        def opened(case_id: int | None) -> None:
            if case_id is not None:
                self.app.push_screen(CaseViewScreen(case_id))

        def picked(choice: tuple[int, int] | None) -> None:
            if choice is not None:
                client_id, contact_id = choice
                self.app.push_screen(
                    NewCaseScreen(client_id=client_id, contact_id=contact_id), opened
                )

        self.app.push_screen(ContactPicker(message.contacts), picked)

    def action_bulk(self) -> None:
        """Space marks cases; b acts on all of them (supervisors triaging a queue)."""
        from .dialogs import BulkDialog

        table = self.query_one(CaseTable)
        if not table.selected:
            self.app.notify(_("Mark cases with space first, then press b."))
            return
        self.app.push_screen(BulkDialog(sorted(table.selected)), self.after_change)

    def action_cycle_sort(self) -> None:
        """o: newest change → next to execute → priority → number → newest change; with
        words in the query: newest case first → by number → best match first."""
        if self._has_words(self.query_text):
            order = ["updated", "number", "relevance"]
        else:
            order = ["updated", "next", "priority", "number"]
        position = order.index(self.sort if self.sort in order else "updated")
        self.sort = order[(position + 1) % len(order)]
        self.run_query(self.query_text)

    def action_refresh(self) -> None:
        self.run_query(self.query_text)
