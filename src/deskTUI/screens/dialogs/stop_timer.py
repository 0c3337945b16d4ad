"""Stop the running timer: say what was done; it becomes time entries.

When someone finished or cancelled the timer's case while it ran, the dialog
says so and asks for the case its time (up to the close) goes on instead.
"""

from __future__ import annotations

from datetime import timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Checkbox, Input, Static

from ... import words
from ...domain.durations import format_minutes
from ...domain.timers import timer_minutes
from ...formats import when
from ...i18n import N_, _
from ...safe_text import safe
from ...services import timers
from ...services.timers import Stopped, TimerView
from ...widgets.text_input import TextInput
from ...widgets.timer_bar import clock_text
from .base import ActionDialog


class StopTimerDialog(ActionDialog):
    """The note starts as what was said at start; billable starts as the case's flag."""

    def __init__(self, view: TimerView, to: str = "") -> None:
        super().__init__()
        self.view = view
        self.to = to
        """The case offered for a closed case's time (the one the operator was on)."""

    def compose(self) -> ComposeResult:
        # The elapsed time now, not when the timer was last read from the database; a timer
        # whose case closed counts up to the close only.
        if self.view.closed is not None:
            elapsed = self.view.elapsed.total_seconds()
        else:
            elapsed = (self.desk.clock() - self.view.started_at).total_seconds()
        self.elapsed = elapsed
        self.title_text = _("Stop the timer on {number} ({elapsed})").format(
            number=self.view.number, elapsed=clock_text(elapsed)
        )
        yield from super().compose()

    BINDINGS = [
        *ActionDialog.BINDINGS,
        Binding("ctrl+d", "discard", N_("Discard the timer"), id="timer.discard"),
    ]

    def fields(self) -> ComposeResult:
        closed = self.view.closed
        if closed is not None:
            yield Static(
                Content(
                    _(
                        "{by} {status} {number} at {at} while the timer ran: its {elapsed} up "
                        "to then go on another case you work on."
                    ).format(
                        by=closed.by,
                        status=words.label(closed.status),
                        number=self.view.number,
                        at=when(closed.at, self.desk.zone),
                        elapsed=format_minutes(timer_minutes(self.view.elapsed)),
                    )
                ),
                classes="dialog-hint",
                id="closed",
            )
            yield TextInput(self.to, placeholder=_("case to log it on: CS-…"), id="to")
        # Shown through the sanitizer; sent back only if the operator changed it.
        self.shown_note = safe(self.view.description, one_line=True)
        yield TextInput(self.shown_note, placeholder=_("what was done"), id="note")
        yield Checkbox(_("billable"), value=self.view.billable, id="billable")
        if closed is None:
            # The rule said where it applies: 8 s logging a whole minute surprised operators.
            yield Static(
                Content(
                    _(
                        "{elapsed} so far logs {minutes}: a timer counts to the nearest "
                        "minute, and at least one"
                    ).format(
                        elapsed=clock_text(self.elapsed),
                        minutes=format_minutes(timer_minutes(timedelta(seconds=self.elapsed))),
                    )
                ),
                classes="dialog-hint",
                id="rounding",
            )
        yield Static(
            Content(
                _(
                    "enter logs it · ctrl+d throws it away, logging nothing · escape keeps it running"
                )
            ),
            classes="dialog-hint",
        )

    def on_mount(self) -> None:
        if self.view.closed is not None:
            self.query_one("#to", Input).focus()

    def action_discard(self) -> None:
        """For a timer that cannot become entries (over 24 h, a finished case)."""
        self.call(lambda: timers.discard_timer(self.desk.uow(), self.desk.actor))

    @on(Input.Submitted)
    def submit(self) -> None:
        typed = self.query_one("#note", Input).value
        note = None if typed == self.shown_note else typed
        billable = self.query_one("#billable", Checkbox).value
        to = self.query_one("#to", Input).value.strip() if self.view.closed else ""
        # A closed case's timer without a case named: the service says what happened.
        self.call(lambda: self._stop(note, billable, to or None), then=self._said)

    def _stop(self, note: str | None, billable: bool, to: str | None) -> Stopped:
        """In the dialog's worker: stop the timer."""
        return timers.stop_timer(
            self.desk.uow(),
            self.desk.actor,
            self.desk.zone,
            description=note,
            billable=billable,
            to=to,
        )

    def _said(self, stopped: Stopped) -> None:
        """Where the time went, when it was not the timer's own case."""
        if stopped.timed:
            self.app.notify(said(stopped), markup=False)


def said(stopped: Stopped) -> str:
    """Where a timer's time went when it was not its own case."""
    logged = ", ".join(format_minutes(e.minutes) for e in stopped.entries)
    return _("Logged the timer of {timed}, {logged}, on {number}.").format(
        timed=stopped.timed, logged=logged, number=stopped.number
    )
