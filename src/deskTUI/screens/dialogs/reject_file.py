"""Reject an attachment: the reason is asked, as the uploader must learn what to send."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input

from ...i18n import _
from ...safe_text import safe
from ...services import files
from ...widgets.text_input import TextInput
from .base import ActionDialog


class RejectFileDialog(ActionDialog):
    """The reason on one line; enter rejects, escape leaves the file as it was."""

    def __init__(self, file_id: int, name: str) -> None:
        super().__init__()
        self.file_id = file_id
        self.title_text = _("Reject {name}: why?").format(name=safe(name, one_line=True))

    def fields(self) -> ComposeResult:
        yield TextInput(placeholder=_("reason (the uploader reads it)"), id="reason")

    @on(Input.Submitted, "#reason")
    def submit(self) -> None:
        reason = self.query_one("#reason", Input).value
        self.call(
            lambda: files.review_file(
                self.desk.uow(), self.desk.actor, self.file_id, "rejected", reason
            )
        )
