"""Add an area and its categories from the TUI (an admin on a new desk, issue 18)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Static

from ...i18n import _
from ...widgets.text_input import TextInput
from .base import ActionDialog


def listed(text: str) -> list[str]:
    """Names typed on one line, separated by commas: 'Impresoras, Redes'."""
    return [name.strip() for name in text.split(",") if name.strip()]


class AddDialog(ActionDialog):
    """A name, then a list; enter in the name goes on to the list, enter there adds.

    A refusal puts the cursor back in the list (ActionDialog.call gives the focus back
    to the field that had it when enter was pressed)."""

    name_field = ""
    """The id of the name's field."""
    list_field = ""
    """The id of the list's field, where enter adds."""

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.input.id == self.name_field:
            self.query_one(f"#{self.list_field}", Input).focus()
        elif event.input.id == self.list_field:
            name = self.query_one(f"#{self.name_field}", Input).value.strip()
            self.add(name, listed(event.input.value))

    def add(self, name: str, names: list[str]) -> None:
        """Call the service that adds ``name`` with its ``names`` (through ``call``)."""
        raise NotImplementedError


class AddAreaDialog(AddDialog):
    """An area (a team) with its categories: every case is filed under an area's category."""

    name_field = "area-name"
    list_field = "area-categories"

    def __init__(self) -> None:
        super().__init__()
        self.title_text = _("Add an area (a team) and its categories")

    def fields(self) -> ComposeResult:
        yield TextInput(placeholder=_("area name, e.g. Soporte"), id="area-name")
        yield TextInput(
            placeholder=_("its categories, separated by commas, e.g. Impresoras, Redes"),
            id="area-categories",
        )
        yield Static(
            Content(_("Enter adds it; escape adds nothing (later: desktui area add).")),
            classes="dialog-hint",
        )

    def add(self, name: str, names: list[str]) -> None:
        from ...services import admin

        if not names:
            self.show_error(_("Name at least one category: every case is filed under one."))
            return
        self.call(lambda: admin.add_area(self.desk.uow(), self.desk.actor, name, names))
