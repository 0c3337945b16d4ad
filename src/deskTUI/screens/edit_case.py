"""Editing a case's fields: ctrl+s saves what changed; a lost race keeps the edits on screen."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Input, Label, Select, Static, TextArea

from ..domain.case import Case
from ..domain.enums import Complexity, Importance, Origin, Priority, Stage
from ..i18n import _
from ..safe_text import safe
from ..services import admin, cases
from .failures import failure_text

if TYPE_CHECKING:
    from ..app import DeskApp

TEXT_FIELDS = (
    "title",
    "progress",
    "planned_start",
    "planned_close",
    "product",
    "group",
    "case_class",
    "service",
    "support_type",
    "level",
    "cost_per_hour",
    "project",
    "sale_order",
    "chat_channel",
)
BOOL_FIELDS = ("billable", "internal")
AREA_FIELDS = ("description", "solution")
CHOICE_FIELDS: dict[str, type] = {
    "priority": Priority,
    "importance": Importance,
    "stage": Stage,
    "origin": Origin,
    "complexity": Complexity,
}
LOOKUPS = {"client": "Client", "contact": "Contact", "coordinator": "Coordinator"}
LABELS = {
    "case_class": "Class",
    "service": "Service",
    "support_type": "Support type",
    "level": "Level (weight in the queue)",
    "cost_per_hour": "Cost per hour",
    "project": "Project",
    "sale_order": "Sale order",
    "chat_channel": "Chat channel",
    "complexity": "Complexity",
    "billable": "Billable",
    "internal": "Internal case",
    "title": "Title",
    "progress": "Progress %",
    "planned_start": "Planned start (YYYY-MM-DD)",
    "planned_close": "Planned close (YYYY-MM-DD)",
    "product": "Product",
    "group": "Group",
    "description": "Description",
    "solution": "Solution",
    "priority": "Priority",
    "importance": "Importance",
    "stage": "Stage",
    "origin": "Origin",
}


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(
        getattr(value, "value", value) if not hasattr(value, "isoformat") else value.isoformat()
    )  # type: ignore[union-attr]


class ConfirmLeave(ModalScreen[bool]):
    """Leaving with unsaved changes asks first."""

    BINDINGS = [Binding("escape", "stay", _("Stay"))]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(Content(_("Leave without saving your changes?")), classes="dialog-title")
            with Horizontal():
                yield Button(_("Leave"), id="leave", variant="error")
                yield Button(_("Stay"), id="stay", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#stay", Button).focus()

    @on(Button.Pressed)
    def _answer(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "leave")

    def action_stay(self) -> None:
        self.dismiss(False)


class EditCaseScreen(Screen[bool]):
    """The fields the operator may change; the domain says which and why not."""

    BINDINGS = [
        Binding("ctrl+s", "save", _("Save"), id="edit.save"),
        Binding("escape", "leave", _("Back"), id="edit.back"),
    ]

    class Saved(Message):
        def __init__(self, changed: list[str]) -> None:
            self.changed = changed
            super().__init__()

    class Failed(Message):
        def __init__(self, text: str) -> None:
            self.text = text
            super().__init__()

    def __init__(self, case: Case) -> None:
        super().__init__()
        self.case = case
        self.version = case.version
        """The version the operator is editing: a save against a newer one is refused."""
        self.lookups: EditCaseScreen.Lookups | None = None

    @property
    def desk(self) -> DeskApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Static(
            Content(_(" Editing {number}").format(number=self.case.number)), id="editor-title"
        )
        with VerticalScroll(id="edit-form"):
            # Look-ups (seed 001's search assistant): type to jump, enter to pick.
            for name, label in LOOKUPS.items():
                yield Label(_(label))
                yield Select[int](
                    [], id=f"f-{name}", type_to_search=True, prompt=_("type to search")
                )
            for name in TEXT_FIELDS:
                yield Label(_(LABELS[name]))
                yield Input(_text(getattr(self.case, name)), id=f"f-{name}")
            for name, enum in CHOICE_FIELDS.items():
                yield Label(_(LABELS[name]))
                options = [(Text(member.value or "—"), member.value) for member in enum]
                yield Select(
                    options, value=getattr(self.case, name).value, allow_blank=False, id=f"f-{name}"
                )
            for name in BOOL_FIELDS:
                yield Label(_(LABELS[name]))
                yield Select(
                    [(Text(_("yes")), "yes"), (Text(_("no")), "no")],
                    value=_text(getattr(self.case, name)),
                    allow_blank=False,
                    id=f"f-{name}",
                )
            for name in AREA_FIELDS:
                yield Label(_(LABELS[name]))
                yield TextArea(_text(getattr(self.case, name)), id=f"f-{name}")
            yield Static(id="edit-error", classes="dialog-error")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._load_lookups()

    @work(thread=True, exclusive=True, group="edit-lookups", exit_on_error=False)
    def _load_lookups(self) -> None:
        try:
            clients, contacts = admin.clients_and_contacts(self.desk.uow(), self.desk.actor)
            users, _areas, _clients = admin.directory(self.desk.uow(), self.desk.actor)
        except Exception as error:  # a client user has no directory: the look-ups stay empty
            self.post_message(self.Failed(failure_text(error, self.log)))
            return
        self.post_message(
            self.Lookups(clients, contacts, [u for u in users if u.is_staff and u.active])
        )

    class Lookups(Message):
        def __init__(self, clients: list[Any], contacts: list[Any], staff: list[Any]) -> None:
            self.clients, self.contacts, self.staff = clients, contacts, staff
            super().__init__()

    @on(Lookups)
    def _fill_lookups(self, message: Lookups) -> None:
        self.lookups = message
        client = self.query_one("#f-client", Select)
        client.set_options([(Text(safe(c.name, one_line=True)), c.id) for c in message.clients])
        client.value = self.case.client_id
        coordinator = self.query_one("#f-coordinator", Select)
        coordinator.set_options(
            [(Text(safe(f"{u.login}  {u.name}", one_line=True)), u.id) for u in message.staff]
        )
        if self.case.coordinator_id is not None:
            coordinator.value = self.case.coordinator_id
        self._fill_contacts(self.case.client_id)
        if self.case.contact_id is not None:
            self.query_one("#f-contact", Select).value = self.case.contact_id

    def _fill_contacts(self, client_id: Any) -> None:
        if self.lookups is None:
            return
        contacts = [c for c in self.lookups.contacts if c.client_id == client_id]
        self.query_one("#f-contact", Select).set_options(
            [(Text(safe(c.name, one_line=True)), c.id) for c in contacts]
        )

    @on(Select.Changed, "#f-client")
    def _client_changed(self, event: Select.Changed) -> None:
        if self.lookups is not None and event.value != self.case.client_id:
            self._fill_contacts(event.value)

    def _lookup_changes(self) -> dict[str, Any]:
        """Only look-ups the operator really changed (empty until they are loaded)."""
        if self.lookups is None:
            return {}
        out: dict[str, Any] = {}
        for name in LOOKUPS:
            value = self.query_one(f"#f-{name}", Select).value
            value = None if value is Select.NULL else value
            if value != getattr(self.case, f"{name}_id"):
                out[name] = value if value is not None else ""
        return out

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in TEXT_FIELDS:
            out[name] = self.query_one(f"#f-{name}", Input).value
        for name in (*CHOICE_FIELDS, *BOOL_FIELDS):
            out[name] = self.query_one(f"#f-{name}", Select).value
        for name in AREA_FIELDS:
            out[name] = self.query_one(f"#f-{name}", TextArea).text
        return out

    def changes(self) -> dict[str, Any]:
        plain = {k: v for k, v in self.values().items() if v != _text(getattr(self.case, k))}
        return {**plain, **self._lookup_changes()}

    def action_save(self) -> None:
        changes = self.changes()
        if not changes:
            self.dismiss(False)
            return
        self._save(changes)

    @work(thread=True, exclusive=True, group="edit-save", exit_on_error=False)
    def _save(self, changes: dict[str, Any]) -> None:
        try:
            changed = cases.edit_case(
                self.desk.uow(),
                self.desk.actor,
                self.case.id,
                changes,
                expected_version=self.version,  # type: ignore[arg-type]
            )
        except Exception as error:  # a refusal or a lost race: the edits stay on screen
            self.post_message(self.Failed(failure_text(error, self.log)))
            return
        self.post_message(self.Saved(changed))

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.query_one("#edit-error", Static).update(Content(message.text))

    @on(Saved)
    def _saved(self) -> None:
        self.dismiss(True)

    def action_leave(self) -> None:
        if not self.changes():
            self.dismiss(False)
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.dismiss(False)

        self.app.push_screen(ConfirmLeave(), answered)
