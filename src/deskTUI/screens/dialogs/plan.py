"""Plan a follow-up on a case: a call, meeting, follow-up, visit, other event, or a task."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Select

from ... import words
from ...domain.enums import EventKind
from ...formats import day, day_forms, parse_day
from ...i18n import N_, _, pgettext
from ...services.agenda import plan
from ...widgets.text_input import TextInput
from .base import ActionDialog

KINDS = ("follow_up", "call", "meeting", "visit", "other", "task")


def _kind_word(kind: str) -> str:
    """What is planned as a person reads it: an event's kind, or a task."""
    return pgettext("Agenda", "task") if kind == "task" else words.word(EventKind, kind)


class PlanDialog(ActionDialog):
    """What, title, day and (for events) start and end; enter in any field plans it."""

    def __init__(self, case_id: int, number: str, day: date) -> None:
        super().__init__()
        self.case_id = case_id
        self.day = day
        self.title_text = _("Plan on {number}").format(number=number)

    def fields(self) -> ComposeResult:
        choices = [(Text(_kind_word(k)), k) for k in KINDS]
        yield Select(choices, value="follow_up", allow_blank=False, id="what")
        yield TextInput(placeholder=_("title"), id="title")
        # The day as the operator writes it (7/12/2026 in es); ISO is read as well.
        yield TextInput(
            day(self.day), placeholder=_("day {forms}").format(forms=day_forms()), id="day"
        )
        yield TextInput("09:00", placeholder=_("start HH:MM (events)"), id="start")
        yield TextInput("09:30", placeholder=_("end HH:MM (events)"), id="end")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    @on(Select.Changed, "#what")
    def _times_for_events_only(self, event: Select.Changed) -> None:
        for name in ("#start", "#end"):
            self.query_one(name, Input).display = event.value != "task"

    @on(Input.Submitted)
    def submit(self) -> None:
        values = {
            name: self.query_one(f"#{name}", Input).value
            for name in ("title", "day", "start", "end")
        }
        what = str(self.query_one("#what", Select).value)
        self.call(
            lambda: plan(
                self.desk.uow,
                self.desk.actor,
                self.case_id,
                what=what,
                zone=self.desk.zone,
                **{**values, "day": parse_day(values["day"], N_("day")).isoformat()},
            )
        )
