"""Save the current query as a named view."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input

from ...i18n import _
from ...widgets.text_input import TextInput
from .base import ActionDialog


class SaveViewDialog(ActionDialog):
    """Keep the current query in the side panel under a name."""

    def __init__(self, query: str) -> None:
        super().__init__()
        self.query_text = query
        self.title_text = _("Save the query {query!r} as a view named…").format(query=query)

    def fields(self) -> ComposeResult:
        yield TextInput(placeholder=_("view name"), id="name")

    @on(Input.Submitted, "#name")
    def submit(self) -> None:
        from ...services import saved_views

        name = self.query_one("#name", Input).value
        self.call(
            lambda: saved_views.save_view(self.desk.uow(), self.desk.actor, name, self.query_text)
        )
