"""Assign a case to someone on the staff of its area."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, OptionList

from ...i18n import _
from ...services import cases
from ...widgets.pick_list import PickList
from ...widgets.text_input import TextInput
from .base import ActionDialog


class AssignDialog(ActionDialog):
    """Type to filter the staff of the case's area; enter assigns."""

    def __init__(self, case_id: int, number: str, candidates: list[tuple[str, str]]) -> None:
        super().__init__()
        self.case_id = case_id
        self.candidates = candidates
        self.title_text = _("Assign {number} to…").format(number=number)

    def fields(self) -> ComposeResult:
        entries = [(login, f"{login}  {name}") for login, name in self.candidates]
        yield PickList(entries, list_id="people", placeholder=_("type to filter"))
        yield TextInput(placeholder=_("note (optional)"), id="note")

    @on(OptionList.OptionSelected, "#people")
    @on(Input.Submitted, "#note")
    def submit(self) -> None:
        login = self.query_one(PickList).picked
        if login is None:
            self.show_error(_("Pick someone from the list"))
            return
        note = self.query_one("#note", Input).value
        self.call(
            lambda: cases.assign_case(
                self.desk.uow(), self.desk.actor, self.case_id, login or "", note
            )
        )
