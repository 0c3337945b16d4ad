"""The fields of an activity (seed 001's Actividades), shared by the log and edit dialogs.

Fecha, H/Inicio, H/Fin or a duration instead, Actividad, Ejecutor, Facturable and
Artículo, one labelled line each. The focus starts on the duration: work just done is
"t 1h30 tab what enter", as it always was; shift+tab reaches the day and the clock
times. The Ejecutor and Artículo lists are read in a worker when the dialog opens
(services/activities.time_form): the operator's own login is the executor until then.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static

from ...domain.activities import check_clock_order
from ...domain.durations import parse_duration
from ...domain.local_time import local_instant
from ...domain.values import parse_clock
from ...formats import day_forms, parse_day
from ...i18n import N_, _
from ...safe_text import safe
from ...services.activities import TimeForm, time_form
from ...widgets.text_input import TextInput
from .base import ActionDialog
from .lookup import LookupDialog

LABELS = {
    "day": N_("Date"),
    "start": N_("Start"),
    "end": N_("End"),
    "duration": N_("or duration"),
    "note": N_("Activity"),
    "executor": N_("Executor"),
    "billable": N_("Billable"),
    "article": N_("Article"),
}
"""Seed 001's names of an activity's fields, in the operator's words when shown."""


def typed_timing(
    day_text: str, start_text: str, end_text: str, duration_text: str, today: date, zone: tzinfo
) -> tuple[date | None, datetime | None, datetime | None, int | None]:
    """The day, start, end (UTC instants) and minutes as typed; each empty one None. The
    clock times are on the typed day, or today; a refusal is the domain's sentence
    (25:00, a day past the desk's calendar, a time the clocks skip)."""
    day = parse_day(day_text, N_("date")) if day_text.strip() else None
    start = end = None
    if start_text.strip() and end_text.strip():
        check_clock_order(
            parse_clock(start_text, N_("start time")), parse_clock(end_text, N_("end time"))
        )
    if start_text.strip():
        start = local_instant(
            day or today, parse_clock(start_text, N_("start time")), zone, N_("start time")
        )
    if end_text.strip():
        end = local_instant(
            day or today, parse_clock(end_text, N_("end time")), zone, N_("end time")
        )
    minutes = parse_duration(duration_text) if duration_text.strip() else None
    return day, start, end, minutes


class TimeFieldsDialog(ActionDialog):
    """The activity's fields; a subclass fills them (``initial``) and submits them."""

    CSS_PATH = "time_fields.tcss"
    BINDINGS = [
        *ActionDialog.BINDINGS,
        # Seed 001: "Ejecutor y artículo … pueden ser ubicados con … un asistente de búsqueda".
        Binding("ctrl+l", "look_up", N_("Look up"), id="time.look_up"),
    ]

    case_id: int
    initial: dict[str, str]
    """The text each field starts with, by field id."""
    billable_default = False
    executor_login = ""
    """The executor shown before the lists are read (the operator, or the entry's)."""
    form: TimeForm | None = None
    executor_label = ""
    """How the executor is shown before the lists are read (its login, by default)."""
    executor_id: int | None = None
    """The entry's executor, when an entry is changed."""

    def fields(self) -> ComposeResult:
        def row(name: str, widget: Widget) -> Horizontal:
            return Horizontal(Label(_(LABELS[name])), widget, classes="form-row")

        values = self.initial
        yield row(
            "day",
            TextInput(
                values.get("day", ""),
                placeholder=_("today; or {forms}").format(forms=day_forms()),
                id="day",
                compact=True,
            ),
        )
        yield row(
            "start",
            TextInput(values.get("start", ""), placeholder="HH:MM", id="start", compact=True),
        )
        yield row(
            "end", TextInput(values.get("end", ""), placeholder="HH:MM", id="end", compact=True)
        )
        yield row(
            "duration",
            TextInput(
                values.get("duration", ""),
                placeholder=_("1h30m, 1:30, 90m (instead of start and end)"),
                id="duration",
                compact=True,
            ),
        )
        yield row(
            "note",
            TextInput(
                values.get("note", ""), placeholder=_("what was done"), id="note", compact=True
            ),
        )
        login = self.executor_login
        yield row(
            "executor",
            Select[str](
                [(Text(safe(self.executor_label or login or "…", one_line=True)), login)],
                value=login,
                allow_blank=False,
                id="executor",
                compact=True,
            ),
        )
        yield row(
            "billable", Checkbox("", value=self.billable_default, id="billable", compact=True)
        )
        yield row(
            "article",
            TextInput(
                values.get("article", ""),
                placeholder=_("type; → completes one in use"),
                id="article",
                compact=True,
            ),
        )
        yield Static(
            Content(_("enter saves · a start and an end, or a duration · escape cancels")),
            classes="dialog-hint",
        )

    def on_mount(self) -> None:
        self.query_one("#duration", Input).focus()
        desk, case_id = self.desk, self.case_id
        self.call_service(
            lambda: time_form(desk.read_uow(), desk.actor, case_id, self.executor_id),
            self._fill,
            failed=self.show_error,
            group="dialog-load",
            exclusive=True,
        )

    def _fill(self, form: TimeForm) -> None:
        """The people the operator may log for, and the articles in use, now read."""
        self.form = form
        self.executor_login = form.entry_executor or self.executor_login
        choices = [
            (Text(safe(f"{login}  {name}", one_line=True)), login) for login, name in form.executors
        ]
        if self.executor_login not in {login for login, _name in form.executors}:
            choices.insert(0, (Text(safe(self.executor_login, one_line=True)), self.executor_login))
        select = self.query_one("#executor", Select)
        select.set_options(choices)
        select.value = self.executor_login
        select.disabled = len(choices) < 2  # an agent logs for themselves: nothing to choose
        self.query_one("#article", Input).suggester = SuggestFromList(
            form.articles, case_sensitive=False
        )

    def action_look_up(self) -> None:
        """ctrl+l on the Executor or the Article: find one by typing part of it."""
        if self.form is None:
            return
        focused = self.focused
        if isinstance(focused, Select) and focused.id == "executor":
            people = self.form.executors
            entries = [(i, f"{login}  {name}") for i, (login, name) in enumerate(people)]

            def person(index: int | None) -> None:
                if index is not None:
                    focused.value = people[index][0]

            self.app.push_screen(LookupDialog(_(LABELS["executor"]), entries), person)
        elif isinstance(focused, Input) and focused.id == "article":
            articles = self.form.articles

            def article(index: int | None) -> None:
                if index is not None:
                    focused.value = articles[index]
                    focused.cursor_position = len(focused.value)

            self.app.push_screen(
                LookupDialog(_(LABELS["article"]), list(enumerate(articles))), article
            )

    def default_day(self) -> date:
        """The day clock times are on when the day field is empty."""
        return self.desk.today()

    def typed(self) -> dict[str, Any]:
        """Every field as the service takes it; raises the domain's sentence on bad input."""

        def text(name: str) -> str:
            return self.query_one(f"#{name}", Input).value

        day, start, end, minutes = typed_timing(
            text("day"),
            text("start"),
            text("end"),
            text("duration"),
            self.default_day(),
            self.desk.zone,
        )
        return {
            "work_date": day,
            "start": start,
            "end": end,
            "minutes": minutes,
            "description": text("note"),
            "executor": str(self.query_one("#executor", Select).value),
            "billable": self.query_one("#billable", Checkbox).value,
            "article": text("article"),
        }
