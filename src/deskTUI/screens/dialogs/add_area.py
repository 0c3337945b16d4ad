"""Add an area and its categories from the TUI (an admin on a new desk, issue 18)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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
    """A name, then a list; enter in the name goes on to the list, enter there adds."""

    list_field = ""
    """The id of the list's field, where enter adds (and a refusal puts the cursor back)."""

    def send(self, service: Callable[[], Any]) -> None:
        """The fields let go of the focus while the desk answers: keys typed on in the
        same burst (the next dialog's) wait for the answer instead of landing here."""
        self.set_focus(None)
        self.call(service)

    def show_error(self, text: str) -> None:
        super().show_error(text)
        if self.focused is None:  # refused: back where enter was pressed
            self.query_one(f"#{self.list_field}", Input).focus()


class AddAreaDialog(AddDialog):
    """An area (a team) with its categories: every case is filed under an area's category."""

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

    @on(Input.Submitted, "#area-name")
    def _to_categories(self) -> None:
        self.query_one("#area-categories", Input).focus()

    @on(Input.Submitted, "#area-categories")
    def submit(self) -> None:
        from ...services import admin

        name = self.query_one("#area-name", Input).value.strip()
        categories = listed(self.query_one("#area-categories", Input).value)
        if not categories:
            self.show_error(_("Name at least one category: every case is filed under one."))
            return
        self.send(lambda: admin.add_area(self.desk.uow(), self.desk.actor, name, categories))
