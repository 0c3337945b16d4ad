"""Small modal dialogs for the case's actions: status, assign, comment, log time.

Each asks for what the rule needs, calls one service in a worker, and either
closes (the caller reloads) or shows the domain's sentence and stays open
with what the operator typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, OptionList, Static
from textual.widgets.option_list import Option

from ..domain.durations import parse_duration
from ..domain.errors import DomainError
from ..i18n import _, error_text
from ..safe_text import safe
from ..services import cases, worklog
from ..services.views import MoveOptions
from ..widgets.pick_list import PickList
from .failures import failure_text

if TYPE_CHECKING:
    from ..app import DeskApp


class ActionDialog(ModalScreen[bool]):
    """A titled box with fields, one error line, and a service call on submit."""

    BINDINGS = [Binding("escape", "cancel", _("Cancel"), id="dialog.cancel")]

    class Failed(Message):
        def __init__(self, text: str) -> None:
            self.text = text
            super().__init__()

    class Done(Message):
        pass

    title_text = ""

    @property
    def desk(self) -> DeskApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.title_text), classes="dialog-title")
            yield from self.fields()
            yield Static(classes="dialog-error", id="dialog-error")

    def fields(self) -> ComposeResult:
        yield from ()

    def action_cancel(self) -> None:
        self.dismiss(False)

    def show_error(self, text: str) -> None:
        self.query_one("#dialog-error", Static).update(Content(text))

    @work(thread=True, exclusive=True, group="dialog", exit_on_error=False)
    def call(self, service: Callable[[], Any]) -> None:
        """Run one service call off the event loop; its refusal stays on screen."""
        try:
            service()
        except Exception as error:  # a refusal, or a bug shown as one line
            self.post_message(self.Failed(failure_text(error, self.log)))
            return
        self.post_message(self.Done())

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.show_error(message.text)

    @on(Done)
    def _done(self) -> None:
        self.dismiss(True)


class StatusDialog(ActionDialog):
    """Only the moves this operator may make on this case; note or solution when the rule asks."""

    def __init__(self, case_id: int, choices: MoveOptions) -> None:
        super().__init__()
        self.case_id = case_id
        self.choices = choices
        self.title_text = _("Move {number} from {status} to…").format(
            number=choices.number, status=choices.status.value
        )

    def fields(self) -> ComposeResult:
        options = [Option(Content(o.target.value), id=o.target.value) for o in self.choices.options]
        if not options:
            yield Static(Content(_("No status change is open to you on this case.")))
        yield OptionList(*options, id="targets")
        yield Input(placeholder=_("note (why)"), id="note")
        yield Input(value=self.choices.solution, placeholder=_("solution"), id="solution")
        yield Static(id="preview")

    def on_mount(self) -> None:
        self.query_one("#targets", OptionList).focus()
        self._show_needs()

    def _selected(self) -> Any:
        option_list = self.query_one("#targets", OptionList)
        if option_list.highlighted is None or not self.choices.options:
            return None
        return self.choices.options[option_list.highlighted]

    @on(OptionList.OptionHighlighted, "#targets")
    def _show_needs(self) -> None:
        choice = self._selected()
        solution = self.query_one("#solution", Input)
        solution.display = bool(choice and choice.solution_required)
        note = self.query_one("#note", Input)
        note.placeholder = (
            _("note (required)") if choice and choice.note_required else _("note (optional)")
        )
        preview = ""
        if choice and choice.target.value == "finished" and self.choices.finish_preview:
            preview = _("Finishing consumes {sentence}").format(
                sentence=self.choices.finish_preview
            )
        self.query_one("#preview", Static).update(Content(preview))

    @on(OptionList.OptionSelected, "#targets")
    def _picked(self) -> None:
        self.query_one("#note", Input).focus()

    @on(Input.Submitted)
    def submit(self) -> None:
        choice = self._selected()
        if choice is None:
            return
        note = self.query_one("#note", Input).value
        solution = self.query_one("#solution", Input).value if choice.solution_required else None
        self.call(
            lambda: cases.move_case(
                self.desk.uow(),
                self.desk.actor,
                self.case_id,
                choice.target,
                note=note,
                solution=solution,
            )
        )


class AssignDialog(ActionDialog):
    """Type to filter the staff of the case's area; enter assigns."""

    def __init__(self, case_id: int, number: str, candidates: list[tuple[str, str]]) -> None:
        super().__init__()
        self.case_id = case_id
        self.candidates = candidates
        self.title_text = _("Assign {number} to…").format(number=number)

    def fields(self) -> ComposeResult:
        entries = [(login, f"{login}  {name}") for login, name in self.candidates]
        yield PickList(entries, list_id="people", placeholder=_("type to filter"))
        yield Input(placeholder=_("note (optional)"), id="note")

    @on(OptionList.OptionSelected, "#people")
    @on(Input.Submitted, "#note")
    def submit(self) -> None:
        login = self.query_one(PickList).picked
        if login is None:
            self.show_error(_("Pick someone from the list"))
            return
        note = self.query_one("#note", Input).value
        self.call(
            lambda: cases.assign_case(
                self.desk.uow(), self.desk.actor, self.case_id, login or "", note
            )
        )


class CommentDialog(ActionDialog):
    """A comment: internal unless marked public (clients always write public)."""

    def __init__(self, case_id: int, number: str, *, staff: bool) -> None:
        super().__init__()
        self.case_id = case_id
        self.staff = staff
        self.title_text = _("Comment on {number}").format(number=number)

    def fields(self) -> ComposeResult:
        yield Input(placeholder=_("comment"), id="body")
        yield Checkbox(
            _("public (the client sees it)"),
            value=not self.staff,
            disabled=not self.staff,
            id="public",
        )

    @on(Input.Submitted, "#body")
    def submit(self) -> None:
        body = self.query_one("#body", Input).value
        public = self.query_one("#public", Checkbox).value
        self.call(
            lambda: cases.comment_case(
                self.desk.uow(), self.desk.actor, self.case_id, body, public=public
            )
        )


class TimeDialog(ActionDialog):
    """Log work: a duration (1h30m, 1:30, 90m) for today, billable as the case says."""

    def __init__(self, case_id: int, number: str, *, billable: bool) -> None:
        super().__init__()
        self.case_id = case_id
        self.billable = billable
        self.title_text = _("Log time on {number}").format(number=number)

    def fields(self) -> ComposeResult:
        yield Input(placeholder=_("duration: 1h30m, 1:30, 90m"), id="duration")
        yield Input(placeholder=_("what was done"), id="note")
        yield Checkbox(_("billable"), value=self.billable, id="billable")

    @on(Input.Submitted)
    def submit(self) -> None:
        try:
            minutes = parse_duration(self.query_one("#duration", Input).value)
        except DomainError as error:
            self.show_error(error_text(error))
            return
        note = self.query_one("#note", Input).value
        billable = self.query_one("#billable", Checkbox).value
        today = self.desk.clock().astimezone().date()
        self.call(
            lambda: worklog.log_time(
                self.desk.uow(),
                self.desk.actor,
                self.case_id,
                work_date=today,
                minutes=minutes,
                description=note,
                billable=billable,
            )
        )


BULK_OPERATIONS = ("assign", "move", "priority")


class BulkDialog(ActionDialog):
    """The same action on every selected case; a summary says what was done and what refused."""

    class Summary(Message):
        def __init__(self, results: list[Any]) -> None:
            self.results = results
            super().__init__()

    def __init__(self, case_ids: list[int]) -> None:
        super().__init__()
        self.case_ids = case_ids
        self.finished = False
        self.title_text = _("{count} selected cases").format(count=len(case_ids))

    def fields(self) -> ComposeResult:
        yield OptionList(
            Option(Content(_("assign to…")), id="assign"),
            Option(Content(_("move to status…")), id="move"),
            Option(Content(_("set priority…")), id="priority"),
            id="operation",
        )
        yield Input(placeholder=_("login, status or priority"), id="value")
        yield Input(placeholder=_("note (when the rule needs one)"), id="note")
        yield Static(id="summary")

    def on_mount(self) -> None:
        self.query_one("#operation", OptionList).focus()

    @on(OptionList.OptionSelected, "#operation")
    def _to_value(self) -> None:
        self.query_one("#value", Input).focus()

    @on(Input.Submitted)
    def submit(self) -> None:
        if self.finished:
            self.dismiss(True)
            return
        from ..services import bulk

        operation = self.query_one("#operation", OptionList)
        index = operation.highlighted or 0
        kind = BULK_OPERATIONS[index]
        value = self.query_one("#value", Input).value.strip()
        note = self.query_one("#note", Input).value
        desk, ids = self.desk, list(self.case_ids)
        runs = {
            "assign": lambda: bulk.bulk_assign(desk.uow, desk.actor, ids, value, note),
            "move": lambda: bulk.bulk_move(desk.uow, desk.actor, ids, value, note),
            "priority": lambda: bulk.bulk_priority(desk.uow, desk.actor, ids, value),
        }
        self._run_bulk(runs[kind])

    @work(thread=True, exclusive=True, group="dialog", exit_on_error=False)
    def _run_bulk(self, run: Callable[[], list[Any]]) -> None:
        try:
            results = run()
        except Exception as error:
            self.post_message(self.Failed(failure_text(error, self.log)))
            return
        self.post_message(self.Summary(results))

    @on(Summary)
    def _summary(self, message: Summary) -> None:
        self.finished = True
        done = [r.number for r in message.results if r.done]
        lines = [_("Done: {numbers}").format(numbers=", ".join(done) or "—")]
        lines += [
            f"{r.number}: {safe(r.reason, one_line=True)}" for r in message.results if not r.done
        ]
        lines.append(_("Press enter or escape to close."))
        self.query_one("#summary", Static).update(Content("\n".join(lines)))

    def action_cancel(self) -> None:
        self.dismiss(self.finished)


class SaveViewDialog(ActionDialog):
    """Keep the current query in the side panel under a name."""

    def __init__(self, query: str) -> None:
        super().__init__()
        self.query_text = query
        self.title_text = _("Save the query {query!r} as a view named…").format(query=query)

    def fields(self) -> ComposeResult:
        yield Input(placeholder=_("view name"), id="name")

    @on(Input.Submitted, "#name")
    def submit(self) -> None:
        from ..services import saved_views

        name = self.query_one("#name", Input).value
        self.call(
            lambda: saved_views.save_view(self.desk.uow(), self.desk.actor, name, self.query_text)
        )


class QuoteDialog(ActionDialog):
    """Quote the work (seed 003): price, currency and hours; the client approves it next."""

    def __init__(self, case_id: int, number: str) -> None:
        super().__init__()
        self.case_id = case_id
        self.title_text = _("Quote {number}").format(number=number)

    def fields(self) -> ComposeResult:
        yield Input(placeholder=_("price, e.g. 150.00"), id="price")
        yield Input(value="USD", placeholder=_("currency (ISO 4217)"), id="currency")
        yield Input(placeholder=_("hours: 3, 2.5 or 2h30m"), id="hours")
        yield Input(placeholder=_("message to the client"), id="message")

    @on(Input.Submitted)
    def submit(self) -> None:
        try:
            minutes = parse_duration(self.query_one("#hours", Input).value)
        except DomainError as error:
            self.show_error(error_text(error))
            return
        price = self.query_one("#price", Input).value
        currency = self.query_one("#currency", Input).value
        message = self.query_one("#message", Input).value
        self.call(
            lambda: cases.issue_quote(
                self.desk.uow(), self.desk.actor, self.case_id,
                price=price, currency=currency, minutes=minutes, message=message,
            )
        )  # fmt: skip


class DecideQuoteDialog(ActionDialog):
    """The client's (or an admin's) answer to a quote: approve or reject, with a note."""

    def __init__(self, case_id: int, number: str, summary: str) -> None:
        super().__init__()
        self.case_id = case_id
        self.summary = summary
        self.title_text = _("The quote of {number}").format(number=number)

    def fields(self) -> ComposeResult:
        yield Static(Content(self.summary))
        yield OptionList(
            Option(Content(_("approve")), id="approve"),
            Option(Content(_("reject")), id="reject"),
            id="verdict",
        )
        yield Input(placeholder=_("note (optional)"), id="note")

    def on_mount(self) -> None:
        self.query_one("#verdict", OptionList).focus()

    @on(OptionList.OptionSelected, "#verdict")
    def _to_note(self) -> None:
        self.query_one("#note", Input).focus()

    @on(Input.Submitted, "#note")
    def submit(self) -> None:
        verdict = self.query_one("#verdict", OptionList).highlighted
        approve = verdict in (None, 0)
        note = self.query_one("#note", Input).value
        self.call(
            lambda: cases.decide_quote(
                self.desk.uow(), self.desk.actor, self.case_id, approve=approve, note=note
            )
        )


class EditTimeDialog(ActionDialog):
    """Change a time entry's duration, description or billable flag (same rules as logging it)."""

    def __init__(self, entry: Any) -> None:
        super().__init__()
        self.entry = entry
        self.title_text = _("Time entry {id}").format(id=entry.id)

    def fields(self) -> ComposeResult:
        from ..domain.durations import format_minutes

        yield Input(format_minutes(self.entry.minutes), placeholder=_("duration"), id="duration")
        yield Input(self.entry.description, placeholder=_("what was done"), id="note")
        yield Checkbox(_("billable"), value=self.entry.billable, id="billable")

    @on(Input.Submitted)
    def submit(self) -> None:
        try:
            minutes = parse_duration(self.query_one("#duration", Input).value)
        except DomainError as error:
            self.show_error(error_text(error))
            return
        changes: dict[str, Any] = {
            "description": self.query_one("#note", Input).value,
            "billable": self.query_one("#billable", Checkbox).value,
        }
        if minutes != self.entry.minutes:
            changes["minutes"] = minutes
        self.call(
            lambda: worklog.edit_time(self.desk.uow(), self.desk.actor, self.entry.id, changes)
        )


class DeleteTimeDialog(ActionDialog):
    """Deleting a time entry asks first; the log keeps what was deleted."""

    def __init__(self, entry: Any) -> None:
        super().__init__()
        self.entry = entry
        self.title_text = _("Delete time entry {id}? Enter deletes, escape keeps it.").format(
            id=entry.id
        )

    def fields(self) -> ComposeResult:
        yield Input(placeholder=_("press enter to delete"), id="confirm")

    @on(Input.Submitted, "#confirm")
    def submit(self) -> None:
        self.call(lambda: worklog.delete_time(self.desk.uow(), self.desk.actor, self.entry.id))


class ContactPicker(ModalScreen[tuple[int, int] | None]):
    """Find a contact by typing; enter gives (client id, contact id) for a new case (seed 002)."""

    BINDINGS = [Binding("escape", "cancel", _("Cancel"))]

    def __init__(self, contacts: list[tuple[int, int, str]]) -> None:
        super().__init__()
        self.contacts = contacts
        """(client id, contact id, "name — client") of every contact the operator may see."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                Content(_("New case for a contact: type part of the name")), classes="dialog-title"
            )
            entries = [(f"{client}:{contact}", label) for client, contact, label in self.contacts]
            yield PickList(entries, list_id="contacts", placeholder=_("type to filter"))

    @on(OptionList.OptionSelected, "#contacts")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        client, contact = str(event.option.id).split(":")
        self.dismiss((int(client), int(contact)))

    def action_cancel(self) -> None:
        self.dismiss(None)
