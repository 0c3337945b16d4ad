"""Log time worked on a case."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Checkbox, Input

from ...i18n import _
from ...services import worklog
from ...widgets.text_input import TextInput
from .base import ActionDialog


class TimeDialog(ActionDialog):
    """Log work: a duration (1h30m, 1:30, 90m) just done, billable as the case says."""

    def __init__(self, case_id: int, number: str, *, billable: bool) -> None:
        super().__init__()
        self.case_id = case_id
        self.billable = billable
        self.title_text = _("Log time on {number}").format(number=number)

    def fields(self) -> ComposeResult:
        yield TextInput(placeholder=_("duration: 1h30m, 1:30, 90m"), id="duration")
        yield TextInput(placeholder=_("what was done"), id="note")
        yield Checkbox(_("billable"), value=self.billable, id="billable")

    @on(Input.Submitted)
    def submit(self) -> None:
        if (minutes := self.typed_duration("duration")) is None:
            return
        note = self.query_one("#note", Input).value
        billable = self.query_one("#billable", Checkbox).value
        self.call(
            lambda: worklog.log_time(
                self.desk.uow(),
                self.desk.actor,
                self.case_id,
                work_date=None,  # today, or yesterday for more than today so far
                minutes=minutes,
                description=note,
                billable=billable,
                zone=self.desk.zone,
            )
        )
