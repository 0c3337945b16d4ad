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
from ..domain.enums import Importance, Origin, Priority, Stage
from ..i18n import _
from ..services import cases
from .failures import failure_text

if TYPE_CHECKING:
    from ..app import DeskApp

TEXT_FIELDS = ("title", "progress", "planned_start", "planned_close", "product", "group")
AREA_FIELDS = ("description", "solution")
CHOICE_FIELDS: dict[str, type] = {
    "priority": Priority,
    "importance": Importance,
    "stage": Stage,
    "origin": Origin,
}
LABELS = {
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

    @property
    def desk(self) -> DeskApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Static(
            Content(_(" Editing {number}").format(number=self.case.number)), id="editor-title"
        )
        with VerticalScroll(id="edit-form"):
            for name in TEXT_FIELDS:
                yield Label(_(LABELS[name]))
                yield Input(_text(getattr(self.case, name)), id=f"f-{name}")
            for name, enum in CHOICE_FIELDS.items():
                yield Label(_(LABELS[name]))
                options = [(Text(member.value or "—"), member.value) for member in enum]
                yield Select(
                    options, value=getattr(self.case, name).value, allow_blank=False, id=f"f-{name}"
                )
            for name in AREA_FIELDS:
                yield Label(_(LABELS[name]))
                yield TextArea(_text(getattr(self.case, name)), id=f"f-{name}")
            yield Static(id="edit-error", classes="dialog-error")
        yield Footer(compact=True)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in TEXT_FIELDS:
            out[name] = self.query_one(f"#f-{name}", Input).value
        for name in CHOICE_FIELDS:
            out[name] = self.query_one(f"#f-{name}", Select).value
        for name in AREA_FIELDS:
            out[name] = self.query_one(f"#f-{name}", TextArea).text
        return out

    def changes(self) -> dict[str, Any]:
        return {k: v for k, v in self.values().items() if v != _text(getattr(self.case, k))}

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
