"""Move a case to another status: only the moves the operator may make."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ... import words
from ...i18n import _
from ...services import cases
from ...services.views import MoveOptions
from ...widgets.text_input import TextInput
from .base import ActionDialog


class StatusDialog(ActionDialog):
    """Only the moves this operator may make on this case; note or solution when the rule asks."""

    def __init__(self, case_id: int, choices: MoveOptions) -> None:
        super().__init__()
        self.case_id = case_id
        self.choices = choices
        self.title_text = _("Move {number} from {status} to…").format(
            number=choices.number, status=words.label(choices.status)
        )

    def fields(self) -> ComposeResult:
        options = [
            Option(Content(words.label(o.target)), id=o.target.value) for o in self.choices.options
        ]
        if not options:
            yield Static(Content(_("No status change is open to you on this case.")))
        yield OptionList(*options, id="targets")
        yield TextInput(placeholder=_("note (why)"), id="note")
        yield TextInput(value=self.choices.solution, placeholder=_("solution"), id="solution")
        yield Static(id="preview")

    def on_mount(self) -> None:
        self.query_one("#targets", OptionList).focus()
        self._show_needs()

    def _selected(self) -> Any:
        option_list = self.query_one("#targets", OptionList)
        if option_list.highlighted is None or not self.choices.options:
            return None
        return self.choices.options[option_list.highlighted]

    @on(OptionList.OptionHighlighted, "#targets")
    def _show_needs(self) -> None:
        choice = self._selected()
        solution = self.query_one("#solution", Input)
        solution.display = bool(choice and choice.solution_required)
        note = self.query_one("#note", Input)
        note.placeholder = (
            _("note (required)") if choice and choice.note_required else _("note (optional)")
        )
        preview = ""
        if choice and choice.target.value == "finished" and self.choices.finish_preview:
            preview = _("Finishing consumes {sentence}").format(
                sentence=self.choices.finish_preview
            )
        self.query_one("#preview", Static).update(Content(preview))

    @on(OptionList.OptionSelected, "#targets")
    def _picked(self) -> None:
        self.query_one("#note", Input).focus()

    @on(Input.Submitted)
    def submit(self) -> None:
        choice = self._selected()
        if choice is None:
            return
        note = self.query_one("#note", Input).value
        solution = self.query_one("#solution", Input).value if choice.solution_required else None
        self.call(
            lambda: cases.move_case(
                self.desk.uow(),
                self.desk.actor,
                self.case_id,
                choice.target,
                note=note,
                solution=solution,
            )
        )
