"""Rename an area, category or client (and a project or a service) from the catalogue
screen (issue 21); also asks the name of a new project or service."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input

from ...widgets.text_input import TextInput
from .base import ActionDialog


class NameDialog(ActionDialog):
    """One line, the name; enter sends it to ``save`` (a service call), whose refusal
    (a name taken, a blank one) stays under the line with what was typed."""

    def __init__(self, title: str, name: str, save: Callable[[str], object]) -> None:
        super().__init__()
        self.title_text = title
        self.current = name
        self.save = save

    def fields(self) -> ComposeResult:
        yield TextInput(value=self.current, id="record-name")

    def on_mount(self) -> None:
        self.query_one("#record-name", Input).focus()

    @on(Input.Submitted, "#record-name")
    def _submitted(self, event: Input.Submitted) -> None:
        typed = event.value
        self.call(lambda: self.save(typed))
