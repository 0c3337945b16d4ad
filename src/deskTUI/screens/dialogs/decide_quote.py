"""Approve or reject a case's quote."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...i18n import _
from ...services import cases
from ...widgets.text_input import TextInput
from .base import ActionDialog


class DecideQuoteDialog(ActionDialog):
    """The client's (or an admin's) answer to a quote: approve or reject, with a note."""

    def __init__(self, case_id: int, number: str, summary: str) -> None:
        super().__init__()
        self.case_id = case_id
        self.summary = summary
        self.title_text = _("The quote of {number}").format(number=number)

    def fields(self) -> ComposeResult:
        yield Static(Content(self.summary))
        yield OptionList(
            Option(Content(_("approve")), id="approve"),
            Option(Content(_("reject")), id="reject"),
            id="verdict",
        )
        yield TextInput(placeholder=_("note (optional)"), id="note")

    def on_mount(self) -> None:
        self.query_one("#verdict", OptionList).focus()

    @on(OptionList.OptionSelected, "#verdict")
    def _to_note(self) -> None:
        self.query_one("#note", Input).focus()

    @on(Input.Submitted, "#note")
    def submit(self) -> None:
        verdict = self.query_one("#verdict", OptionList).highlighted
        approve = verdict in (None, 0)
        note = self.query_one("#note", Input).value
        self.call(
            lambda: cases.decide_quote(
                self.desk.uow(), self.desk.actor, self.case_id, approve=approve, note=note
            )
        )
