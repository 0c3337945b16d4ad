"""The case view (read-only): General, Activities, Others, then Comments, Files and Log (seed 001).

The form that changes the fields is screens/edit_case.py; this screen only shows them.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static, TabbedContent

from .. import words
from ..domain.lifecycle import MovableCase
from ..domain.permissions import Action
from ..domain.preferences import Arrangement
from ..formats import money, number
from ..i18n import N_, _, ngettext
from ..safe_text import safe
from ..services.presence import editors
from ..services.views import CaseDetail, case_detail
from ..session import DeskSession, session_of
from ..widgets.fit import FittedTable, at_cursor
from ..widgets.keys_footer import KeysFooter
from ..widgets.spoken_keys import SpokenKeys
from ..widgets.timer_bar import TimerBar
from .case_actions import ACTION_BINDINGS, KEY_PERMISSIONS, CaseActions
from .case_files import FILE_BINDINGS, FILE_KEY_PERMISSIONS, CaseFileKeys
from .case_mail import CaseMail, MailTable, read_case_mail, show_mail
from .case_sections import TABS, show_sections
from .case_similar import SIMILAR_BINDINGS, SIMILAR_KEY_PERMISSIONS, CaseSimilar
from .case_tabs import TAB_BINDINGS, CaseTabOrder
from .loading import kept_cursors

if TYPE_CHECKING:
    from ..services.files import OpenedCopy, Viewer


class CaseViewScreen(
    SpokenKeys, CaseSimilar, CaseFileKeys, CaseActions, CaseTabOrder, Screen[None]
):
    """One case, section by section, read-only (e opens the edit form)."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), id="editor.back"),
        Binding("e", "edit", N_("Edit"), id="editor.edit"),
        Binding("u", "quote", N_("Quote"), id="editor.quote", show=False),
        Binding("d", "delete_entry", N_("Delete entry"), id="editor.delete_entry", show=False),
        Binding("o", "open_file", N_("Open file"), id="editor.open_file", show=False),
        *ACTION_BINDINGS,
        *TAB_BINDINGS,
        *FILE_BINDINGS,
        *SIMILAR_BINDINGS,
    ]
    key_permissions = {
        **KEY_PERMISSIONS,
        **FILE_KEY_PERMISSIONS,
        **SIMILAR_KEY_PERMISSIONS,
        "edit": (Action.EDIT_CASE, Action.UPDATE_PROGRESS),
        "quote": (Action.ISSUE_QUOTE, Action.DECIDE_QUOTE),
        "delete_entry": (Action.EDIT_TIME,),
    }

    @dataclass
    class Loaded:
        """What the view shows: the case, and others with its edit form open now."""

        detail: CaseDetail
        editors: list[str]
        tabs: Arrangement | None = None
        """The operator's order of the tabs (case_tabs.py)."""
        mail: CaseMail | None = None
        """The case's e-mail (None: the operator reads no mail records, case_mail.py)."""

    def __init__(self, case_id: int) -> None:
        super().__init__()
        self.case_id = case_id
        self.detail: CaseDetail | None = None

    @property
    def desk(self) -> DeskSession:
        return session_of(self.app)

    def compose(self) -> ComposeResult:
        yield Static(Content(_("Loading…")), id="editor-title")
        with TabbedContent(*[_(t) for t in TABS], id="sections"):
            for tab in TABS:
                if tab in ("Activities", "Files", "Log", "Similar"):
                    yield VerticalScroll(
                        Static(id=f"{tab.lower()}-summary"),
                        FittedTable(id=f"{tab.lower()}-table", cursor_type="row"),
                        can_focus=tab != "Similar",  # tab goes to the cases, enter opens one
                    )
                elif tab == "Comments":  # the comments, then the case's e-mail (case_mail.py)
                    yield VerticalScroll(
                        Static(id="comments-body"),
                        Static(id="mail-summary"),
                        MailTable(id="mail-table", cursor_type="row"),
                        Static(id="mail-why"),
                    )
                else:
                    yield VerticalScroll(Static(id=f"{tab.lower()}-body"))
        yield TimerBar()
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self._load()

    def _load(self) -> None:
        """Read the case (group editor-load: the case's keys typed meanwhile wait for it)."""
        desk, case_id = self.desk, self.case_id

        def read() -> CaseViewScreen.Loaded:
            detail = case_detail(desk.read_uow(), desk.actor, case_id)
            mail = read_case_mail(desk, case_id, self.log)
            return self.Loaded(
                detail, editors(desk.read_uow(), desk.actor, case_id), self.read_tab_order(), mail
            )

        self.call_service(
            read, self._loaded, failed=self.show_failure, group="editor-load", exclusive=True
        )

    def show_failure(self, text: str) -> None:
        self.query_one("#editor-title", Static).update(Content(text))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in FILE_KEY_PERMISSIONS and not self.on_files_tab():
            return False  # the Files tab's keys, offered on that tab only
        if action in SIMILAR_KEY_PERMISSIONS and not self.on_similar_tab():
            return False
        return super().check_action(action, parameters)

    @on(TabbedContent.TabActivated)
    def _tab_shown(self) -> None:
        self.refresh_bindings()  # the footer offers the keys of the tab now shown
        self.similar_tab_shown()

    # -- actions (status, assign, comment, time come from CaseActions) -------------------
    def current_case(self) -> tuple[int, str] | None:
        return (self.case_id, self.detail.case.number if self.detail else str(self.case_id))

    def policy_case(self) -> MovableCase | None:
        return self.detail.case if self.detail else None

    def after_change(self, changed: bool | None) -> None:
        if changed:
            self._load()

    def show_action_error(self, text: str) -> None:
        # Sanitized here too (CaseActions sanitizes its own): a refusal may quote data.
        self.query_one("#editor-title", Static).update(Content(safe(text, one_line=True)))

    def action_quote(self) -> None:
        """u: quote the work, or answer the quote waiting for this operator (seed 003)."""
        if self.detail is None:
            return
        from ..domain.enums import QuoteStatus
        from ..domain.permissions import Action, can
        from .dialogs import DecideQuoteDialog, QuoteDialog

        case = self.detail.case
        quote = case.quote
        if quote.status is QuoteStatus.QUOTED and can(self.desk.actor, Action.DECIDE_QUOTE, case):
            hours = (quote.minutes or 0) / 60
            summary = f"{money(quote.price, quote.currency)} · {number(hours)} h · {safe(quote.message, one_line=True)}"
            self.app.push_screen(
                DecideQuoteDialog(self.case_id, case.number, summary), self.after_change
            )
        else:
            self.app.push_screen(QuoteDialog(self.case_id, case.number), self.after_change)

    def _entry_at_cursor(self) -> Any:
        table = self.query_one("#activities-table", DataTable)
        return None if self.detail is None else at_cursor(table, self.detail.entries)

    @on(DataTable.RowSelected, "#activities-table")
    def _edit_entry(self) -> None:
        """enter on an activity: change its duration, description or billable flag."""
        from .dialogs import EditTimeDialog

        if (entry := self._entry_at_cursor()) is not None:
            self.app.push_screen(EditTimeDialog(entry), self.after_change)

    @on(DataTable.RowSelected, "#similar-table")
    def _open_similar(self) -> None:
        self.open_similar()

    def action_delete_entry(self) -> None:
        from .dialogs import DeleteTimeDialog

        if self.focused is self.query_one("#activities-table") and (
            entry := self._entry_at_cursor()
        ):
            self.app.push_screen(DeleteTimeDialog(entry), self.after_change)

    # -- opening an attachment: a private read-only copy for $PAGER or the desktop ------
    def action_open_file(self) -> None:
        """o on the Files tab: the highlighted attachment, shown by ``$PAGER`` (or the
        desktop's opener) from a copy with a safe name; never run, never by its own name."""
        table = self.query_one("#files-table", DataTable)
        if self.detail is None or (file := at_cursor(table, self.detail.files)) is None:
            return
        if (file_id := file.id) is not None:
            self._copy_file(file_id)

    def _copy_file(self, file_id: int) -> None:
        from ..services import files  # the blob store: only when a file is opened

        desk = self.desk

        def copy_it() -> tuple[OpenedCopy, Viewer | None]:
            copy = files.open_copy(desk.read_uow(), desk.actor, file_id)
            return copy, files.viewer_for(copy.path)

        self.call_service(
            copy_it, self._show_file, failed=self.show_failure, group="open-file", exclusive=True
        )

    def _show_file(self, opened: tuple[OpenedCopy, Viewer | None]) -> None:
        copy, viewer = opened
        where = _("A copy of {name} is at {path}").format(
            name=safe(copy.item.name, one_line=True), path=safe(str(copy.path), one_line=True)
        )
        if viewer is None:
            self.app.notify(where, markup=False, timeout=15)
            return
        try:
            if viewer.waits:  # a pager takes the terminal until the person quits it
                with self.app.suspend():
                    subprocess.run(viewer.argv, check=False, shell=False)
                copy.discard()
            else:  # the desktop's viewer: started beside the TUI, it may read the copy later
                subprocess.Popen(viewer.argv, shell=False, start_new_session=True)
                self.app.notify(where, markup=False, timeout=15)
        except (SuspendNotSupported, OSError) as error:
            why = safe(getattr(error, "strerror", None) or _("no terminal to hand over"))
            self.app.notify(f"{where} ({why})", markup=False, timeout=15)

    def action_edit(self) -> None:
        if self.detail is None:
            return
        from .edit_case import EditCaseScreen

        self.app.push_screen(EditCaseScreen(self.detail.case, self.detail.names), self.after_change)

    def desk_changed(self) -> None:
        """Someone changed the desk (perhaps this case): read the case again."""
        self._load()

    def _loaded(self, loaded: Loaded) -> None:
        with kept_cursors(self):
            self.show(loaded)

    def show(self, message: Loaded) -> None:
        detail = message.detail
        self.detail = detail
        if message.tabs is not None:
            self.arrange_tabs(message.tabs)
        self.refresh_bindings()  # the keys offered are judged on this case now
        case = detail.case
        editing = ""
        if message.editors:
            who = ", ".join(safe(login, one_line=True) for login in message.editors)
            # One msgid for English, a singular and a plural verb in Spanish ("lo están").
            editing = ngettext(
                " · {who} editing it now", " · {who} editing it now", len(message.editors)
            ).format(who=who)
        self.query_one("#editor-title", Static).update(
            Content(
                f" {case.number} · {safe(case.title, one_line=True)} · {words.label(case.status)}{editing}"
            )
        )
        show_sections(self, detail)
        show_mail(self, message.mail)
        self.similar_case_read()
