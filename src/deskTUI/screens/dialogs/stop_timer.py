"""Stop the running timer: say what was done; it becomes time entries."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Checkbox, Input, Static

from ...i18n import _
from ...safe_text import safe
from ...services import timers
from ...services.timers import TimerView
from ...widgets.timer_bar import clock_text
from .base import ActionDialog


class StopTimerDialog(ActionDialog):
    """The note starts as what was said at start; billable starts as the case's flag."""

    def __init__(self, view: TimerView) -> None:
        super().__init__()
        self.view = view

    def compose(self) -> ComposeResult:
        # The elapsed time now, not when the timer was last read from the database.
        elapsed = (self.desk.clock() - self.view.started_at).total_seconds()
        self.title_text = _("Stop the timer on {number} ({elapsed})").format(
            number=self.view.number, elapsed=clock_text(elapsed)
        )
        yield from super().compose()

    BINDINGS = [
        *ActionDialog.BINDINGS,
        Binding("ctrl+d", "discard", _("Discard the timer"), id="timer.discard"),
    ]

    def fields(self) -> ComposeResult:
        # Shown through the sanitizer; sent back only if the operator changed it.
        self.shown_note = safe(self.view.description, one_line=True)
        yield Input(self.shown_note, placeholder=_("what was done"), id="note")
        yield Checkbox(_("billable"), value=self.view.billable, id="billable")
        yield Static(
            Content(
                _(
                    "enter logs it · ctrl+d throws it away, logging nothing · escape keeps it running"
                )
            ),
            classes="dialog-hint",
        )

    def action_discard(self) -> None:
        """For a timer that cannot become entries (over 24 h, a finished case)."""
        self.call(lambda: timers.discard_timer(self.desk.uow(), self.desk.actor))

    @on(Input.Submitted, "#note")
    def submit(self) -> None:
        typed = self.query_one("#note", Input).value
        note = None if typed == self.shown_note else typed
        billable = self.query_one("#billable", Checkbox).value
        self.call(
            lambda: timers.stop_timer(
                self.desk.uow(),
                self.desk.actor,
                self.desk.zone,
                description=note,
                billable=billable,
            )
        )
