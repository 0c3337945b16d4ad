"""Comment on a case, internal or public."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Checkbox, Input

from ...i18n import _
from ...services import cases
from ...widgets.text_input import TextInput
from .base import ActionDialog


class CommentDialog(ActionDialog):
    """A comment: internal unless marked public (clients always write public)."""

    def __init__(self, case_id: int, number: str, *, staff: bool) -> None:
        super().__init__()
        self.case_id = case_id
        self.staff = staff
        self.title_text = _("Comment on {number}").format(number=number)

    def fields(self) -> ComposeResult:
        yield TextInput(placeholder=_("comment"), id="body")
        yield Checkbox(
            _("public (the client sees it)"),
            value=not self.staff,
            disabled=not self.staff,
            id="public",
        )

    @on(Input.Submitted, "#body")
    def submit(self) -> None:
        body = self.query_one("#body", Input).value
        public = self.query_one("#public", Checkbox).value
        self.call(
            lambda: cases.comment_case(
                self.desk.uow(), self.desk.actor, self.case_id, body, public=public
            )
        )
