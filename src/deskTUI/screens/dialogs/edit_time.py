"""Edit a time entry."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Checkbox, Input

from ...i18n import _
from ...safe_text import safe
from ...services import worklog
from ...widgets.text_input import TextInput
from .base import ActionDialog


class EditTimeDialog(ActionDialog):
    """Change a time entry's duration, description or billable flag (same rules as logging it)."""

    def __init__(self, entry: Any) -> None:
        super().__init__()
        self.entry = entry
        self.title_text = _("Time entry {id}").format(id=entry.id)

    def fields(self) -> ComposeResult:
        from ...domain.durations import format_minutes

        yield TextInput(
            format_minutes(self.entry.minutes), placeholder=_("duration"), id="duration"
        )
        # Shown through the sanitizer; sent back only if the operator changed it.
        self.shown_note = safe(self.entry.description, one_line=True)
        yield TextInput(self.shown_note, placeholder=_("what was done"), id="note")
        yield Checkbox(_("billable"), value=self.entry.billable, id="billable")

    @on(Input.Submitted)
    def submit(self) -> None:
        if (minutes := self.typed_duration("duration")) is None:
            return
        changes: dict[str, Any] = {"billable": self.query_one("#billable", Checkbox).value}
        if (typed := self.query_one("#note", Input).value) != self.shown_note:
            changes["description"] = typed
        if minutes != self.entry.minutes:
            changes["minutes"] = minutes
        self.call(
            lambda: worklog.edit_time(
                self.desk.uow(), self.desk.actor, self.entry.id, changes, self.desk.zone
            )
        )
