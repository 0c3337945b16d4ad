"""The Files tab's keys (seed 000 Archivos): f attaches files, v marks the highlighted one
valid, x rejects it with a reason, n puts it back to pending (a review made by mistake).

Mixed into the case view. The keys are offered only while the Files tab is shown (the
same letters may mean something on another tab) and only to those the policy lets
attach or review; the services check again on every call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.binding import Binding
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import DataTable, TabbedContent

from ..domain.permissions import Action
from ..i18n import N_
from ..widgets.fit import at_cursor
from .loading import ServiceCalls

if TYPE_CHECKING:
    from ..domain.files import Attachment
    from ..services.views import CaseDetail
    from ..session import DeskSession

FILE_BINDINGS = [
    Binding("f", "attach_files", N_("Attach"), id="files.attach"),
    Binding("v", "file_valid", N_("Valid"), id="files.valid"),
    Binding("x", "file_reject", N_("Reject"), id="files.reject"),
    Binding("n", "file_pending", N_("Pending"), id="files.pending"),
]
FILE_KEY_PERMISSIONS: dict[str, tuple[Action, ...]] = {
    "attach_files": (Action.ATTACH_FILE,),
    "file_valid": (Action.REVIEW_FILE,),
    "file_reject": (Action.REVIEW_FILE,),
    "file_pending": (Action.REVIEW_FILE,),
}


class CaseFileKeys(ServiceCalls):
    """Mixed into the case view, which has the case, the desk and the reload."""

    if TYPE_CHECKING:
        detail: CaseDetail | None
        case_id: int

        @property
        def desk(self) -> DeskSession: ...

        def after_change(self, changed: bool | None) -> None: ...
        def show_refusal(self, text: str) -> None: ...

    def _screen(self) -> Screen[None]:
        return cast("Screen[None]", self)

    def on_files_tab(self) -> bool:
        """True while the Files tab is the one shown (found by its table, wherever the
        operator has put the tab)."""
        try:
            pane = self._screen().query_one("#sections", TabbedContent).active_pane
            table = self._screen().query_one("#files-table", DataTable)
        except NoMatches:  # not composed yet
            return False
        return pane is not None and pane in table.ancestors

    def file_at_cursor(self) -> Attachment | None:
        if self.detail is None:
            return None
        return at_cursor(self._screen().query_one("#files-table", DataTable), self.detail.files)

    def action_attach_files(self) -> None:
        from .dialogs.attach_files import AttachFilesDialog

        if self.detail is not None:
            dialog = AttachFilesDialog(self.case_id, self.detail.case.number)
            self._screen().app.push_screen(dialog, self.after_change)

    def action_file_valid(self) -> None:
        self._review("valid")

    def action_file_pending(self) -> None:
        self._review("pending")

    def _review(self, status: str) -> None:
        from ..services import files

        if (item := self.file_at_cursor()) is None or item.id is None:
            return
        desk, file_id = self.desk, item.id
        self.call_service(
            lambda: files.review_file(desk.uow(), desk.actor, file_id, status),
            lambda _item: self.after_change(True),
            failed=self.show_refusal,
            group="dialog",  # a write: the keys after v or n wait for it, then for the reload
        )

    def action_file_reject(self) -> None:
        from .dialogs.reject_file import RejectFileDialog

        if (item := self.file_at_cursor()) is not None and item.id is not None:
            self._screen().app.push_screen(RejectFileDialog(item.id, item.name), self.after_change)
