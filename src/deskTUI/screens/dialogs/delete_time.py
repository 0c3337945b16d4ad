"""Confirm deleting a time entry."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input

from ...i18n import _
from ...services import worklog
from ...widgets.text_input import TextInput
from .base import ActionDialog


class DeleteTimeDialog(ActionDialog):
    """Deleting a time entry asks first; the log keeps what was deleted."""

    def __init__(self, entry: Any) -> None:
        super().__init__()
        self.entry = entry
        self.title_text = _("Delete time entry {id}? Enter deletes, escape keeps it.").format(
            id=entry.id
        )

    def fields(self) -> ComposeResult:
        yield TextInput(placeholder=_("press enter to delete"), id="confirm")

    @on(Input.Submitted, "#confirm")
    def submit(self) -> None:
        self.call(lambda: worklog.delete_time(self.desk.uow(), self.desk.actor, self.entry.id))
