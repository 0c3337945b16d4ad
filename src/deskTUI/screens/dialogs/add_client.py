"""Add a client and its contacts from the TUI (an admin on a new desk, issue 18)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from ...i18n import _
from ...widgets.text_input import TextInput
from .add_area import AddDialog


class AddClientDialog(AddDialog):
    """A client (the account cases are for) with its contact people, if any."""

    name_field = "client-name"
    list_field = "client-contacts"

    def __init__(self) -> None:
        super().__init__()
        self.title_text = _("Add a client and its contacts")

    def fields(self) -> ComposeResult:
        yield TextInput(placeholder=_("client name, e.g. Acme SA"), id="client-name")
        yield TextInput(
            placeholder=_("contact people, separated by commas (optional)"),
            id="client-contacts",
        )
        yield Static(
            Content(_("Enter adds it; escape adds nothing (later: desktui client add).")),
            classes="dialog-hint",
        )

    def add(self, name: str, names: list[str]) -> None:
        from ...services import admin

        self.call(lambda: admin.add_client(self.desk.uow(), self.desk.actor, name, names))
