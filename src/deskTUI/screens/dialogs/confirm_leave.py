"""Leaving a form with unsaved changes asks first: leave (losing them) or stay."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ...i18n import N_, _
from ...widgets.spoken_keys import SpokenKeys


class ConfirmLeave(SpokenKeys, ModalScreen[bool]):
    """Leaving with unsaved changes asks first."""

    BINDINGS = [Binding("escape", "stay", N_("Stay"))]

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
