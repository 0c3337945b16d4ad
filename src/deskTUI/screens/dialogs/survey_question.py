"""A question added at the end of a survey template (issue 21): its kind (arrows),
its text, a choice's options separated by ';', and whether it is required; enter in a
line or on the last list adds it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ... import words
from ...domain.survey_templates import QuestionKind
from ...i18n import _
from ...safe_text import safe
from ...services import survey_templates
from ...widgets.text_input import TextInput
from .base import ActionDialog


class QuestionDialog(ActionDialog):
    def __init__(self, template: str) -> None:
        super().__init__()
        self.template = template
        self.title_text = _("A question for {name}").format(name=safe(template, one_line=True))

    def fields(self) -> ComposeResult:
        yield OptionList(
            *(Option(Content(words.label(k)), id=k.value) for k in QuestionKind),
            id="question-kind",
        )
        yield TextInput(placeholder=_("the question"), id="question-text")
        yield TextInput(
            placeholder=_("a choice's options: Phone; Email; Chat"), id="question-options"
        )
        yield OptionList(
            Option(Content(_("optional")), id="optional"),
            Option(Content(_("required")), id="required"),
            id="question-required",
        )
        yield Static(
            Content(_("↑↓ choose · tab next · enter adds · escape cancels")),
            classes="dialog-hint",
        )

    def on_mount(self) -> None:
        self.query_one("#question-required", OptionList).highlighted = 0
        kinds = self.query_one("#question-kind", OptionList)
        kinds.highlighted = 0
        kinds.focus()

    @on(OptionList.OptionSelected, "#question-kind")
    def _kind(self) -> None:
        self.query_one("#question-text", Input).focus()

    @on(Input.Submitted)
    @on(OptionList.OptionSelected, "#question-required")
    def action_add(self) -> None:
        kinds = self.query_one("#question-kind", OptionList)
        index = kinds.highlighted or 0
        kind = list(QuestionKind)[index].value
        text = self.query_one("#question-text", Input).value
        typed = self.query_one("#question-options", Input).value
        options = [o for o in typed.split(";") if o.strip()]
        required = self.query_one("#question-required", OptionList).highlighted == 1
        desk, template = self.desk, self.template
        self.call(
            lambda: survey_templates.add_question(
                desk.uow(),
                desk.actor,
                template,
                kind=kind,
                text=text,
                options=options,
                required=required,
            )
        )
