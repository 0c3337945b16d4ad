"""Whose agenda to show: a person's login, an area, or your own."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ...i18n import N_, _
from ...widgets.spoken_keys import SpokenKeys
from ...widgets.text_input import TextInput


class WhoseAgendaDialog(SpokenKeys, ModalScreen[tuple[str | None, str | None] | None]):
    """Dismisses with (login, area): ``ana`` → (ana, None), ``area:Soporte`` → (None, Soporte),
    blank → your own. Whether you may read it is the service's to say."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(_("Whose agenda?")), classes="dialog-title")
            yield TextInput(placeholder=_("a login, area:NAME, or blank for yours"), id="whose")

    @on(Input.Submitted, "#whose")
    def _chosen(self) -> None:
        text = self.query_one("#whose", Input).value.strip()
        if not text:
            self.dismiss((None, None))
        elif text.lower().startswith("area:"):
            self.dismiss((None, text[5:].strip().strip('"')))
        else:
            self.dismiss((text, None))

    def action_cancel(self) -> None:
        self.dismiss(None)
