"""A yes/no question before an action that is easy to regret; no is the default.

Enter on the focused button answers (it starts on "no"), ``y`` says yes, ``n`` or
escape say no: a stray key can only keep things as they are.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ...i18n import N_
from ...widgets.keys_footer import KeysFooter
from ...widgets.spoken_keys import SpokenKeys


class ConfirmDialog(SpokenKeys, ModalScreen[bool]):
    """``question`` is shown as given (already translated, data already made safe)."""

    BINDINGS = [
        Binding("y", "answer(True)", N_("Yes"), id="confirm.yes"),
        Binding("n", "answer(False)", N_("No"), id="confirm.no"),
        Binding("escape", "answer(False)", N_("No"), id="confirm.cancel"),
    ]

    def __init__(self, question: str, yes: str, no: str) -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(Content(self.question), classes="dialog-title")
            with Horizontal():
                yield Button(self.yes, id="yes", variant="warning")
                yield Button(self.no, id="no", variant="primary")
        yield KeysFooter(compact=True)  # y and n are keys too: said where keys are said

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
