"""The survey of a finished case (seed 004: "seleccionar la respuesta que considere
correcta para cada pregunta"): its category's template asked one question at a time.

Keys: a scale by 1-5, yes/no by y (or s, sí)/n, a choice by its number (or arrows and enter), free
text typed and enter. A required question is not passed empty; an optional list has a
last "no answer" line. The last answer sends the survey.
"""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...domain.errors import DomainError
from ...domain.survey_templates import NO, YES, Question, QuestionKind, parse_answer
from ...i18n import N_, _, error_text
from ...safe_text import safe
from ...services import surveys
from ...services.survey_templates import question_text
from ...widgets.text_input import TextInput
from .base import ActionDialog

SCORES = {
    1: N_("very unsatisfied"),
    2: N_("unsatisfied"),
    3: N_("neither"),
    4: N_("satisfied"),
    5: N_("very satisfied"),
}
SCORE_KEY = N_("Score {n}")
SKIP = "skip"


class SurveyDialog(ActionDialog):
    """One question at a time; escape closes it unanswered (the case's `y` opens it again)."""

    BINDINGS = [
        *ActionDialog.BINDINGS,
        *(Binding(str(n), f"digit({n})", SCORE_KEY, show=False) for n in range(1, 10)),
        Binding("y", f"pick('{YES}')", N_("Yes"), show=False),
        # "s" for sí: a Spanish client answers with the word's first letter, as "y" for yes.
        Binding("s", f"pick('{YES}')", N_("Yes"), show=False),
        Binding("n", f"pick('{NO}')", N_("No"), show=False),
    ]

    def spoken_binding(self, binding: Binding) -> Binding:
        """A digit's key reads "Score 4" in the operator's language (one sentence with
        its number, not a word per digit)."""
        if binding.description == SCORE_KEY:
            return replace(binding, description=_(SCORE_KEY).format(n=binding.key))
        return super().spoken_binding(binding)

    def __init__(
        self, case_id: int, number: str, title: str, questions: tuple[Question, ...] = ()
    ) -> None:
        super().__init__()
        self.case_id = case_id
        self.case_title = title
        self.questions = list(questions)
        self.index = 0
        self.answers: dict[int, str] = {}
        self.title_text = _("How did we do on {number}?").format(number=number)

    def fields(self) -> ComposeResult:
        yield Static(Content(safe(self.case_title, one_line=True)), id="survey-case")
        yield Static(id="survey-question")
        yield OptionList(id="choices")
        yield TextInput(placeholder=_("your answer; enter goes on"), id="answer")
        yield Static(id="survey-hint", classes="dialog-hint")

    def on_mount(self) -> None:
        if self.questions:
            self._ask()
        else:  # opened without its questions: read them off the event loop
            self.call_service(
                lambda: surveys.survey_questions(
                    self.desk.read_uow(), self.desk.actor, self.case_id
                ),
                self._loaded,
                failed=self.show_error,
                group="survey-questions",
            )

    def _loaded(self, questions: list[Question]) -> None:
        self.questions = questions
        self._ask()

    @property
    def question(self) -> Question | None:
        return self.questions[self.index] if self.index < len(self.questions) else None

    def _ask(self) -> None:
        question = self.question
        if question is None:
            return
        self.show_error("")
        head = _("Question {n} of {count}").format(n=self.index + 1, count=len(self.questions))
        if question.required:
            head = _("Question {n} of {count} (required)").format(
                n=self.index + 1, count=len(self.questions)
            )
        text = Content(f"{head}\n") + Content(safe(question_text(question)))
        self.query_one("#survey-question", Static).update(text)
        options = self.query_one("#choices", OptionList)
        field = self.query_one("#answer", Input)
        is_text = question.kind is QuestionKind.TEXT
        options.display, field.display = not is_text, is_text
        if is_text:
            field.value = self.answers.get(question.position, "")
            field.focus()
            hint = _("enter goes on · escape: later (y on the case)")
        else:
            options.clear_options()
            options.add_options(self._options(question))
            options.focus()
            # Nothing chosen until the client chooses: two hasty enters must not send a 1.
            self.call_after_refresh(setattr, options, "highlighted", None)
            hint = {
                QuestionKind.SCALE: _("1–5 picks a score · escape: later (y on the case)"),
                QuestionKind.YES_NO: _("y: yes · n: no · escape: later (y on the case)"),
                QuestionKind.CHOICE: _("a number or enter picks · escape: later (y on the case)"),
            }[question.kind]
        self.query_one("#survey-hint", Static).update(Content(hint))

    def _options(self, question: Question) -> list[Option]:
        if question.kind is QuestionKind.SCALE:
            found = [Option(Content(f"{n} · {_(w)}"), id=str(n)) for n, w in SCORES.items()]
        elif question.kind is QuestionKind.YES_NO:
            found = [
                Option(Content(_("y · yes")), id=YES),
                Option(Content(_("n · no")), id=NO),
            ]
        else:
            found = [
                Option(Content(f"{i} · ") + Content(safe(o, one_line=True)), id=f"option-{i}")
                for i, o in enumerate(question.options, start=1)
            ]
        if not question.required:
            found.append(Option(Content(_("no answer")), id=SKIP))
        return found

    def action_digit(self, n: int) -> None:
        question = self.question
        if question is None or question.kind is QuestionKind.TEXT:
            return
        if question.kind is QuestionKind.SCALE and n <= 5:
            self._chosen(str(n))
        elif question.kind is QuestionKind.CHOICE and n <= len(question.options):
            self._chosen(question.options[n - 1])

    def action_pick(self, value: str) -> None:
        question = self.question
        if question is not None and question.kind is QuestionKind.YES_NO:
            self._chosen(value)

    @on(OptionList.OptionSelected, "#choices")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        question, option = self.question, event.option.id or ""
        if question is None:
            return
        if option == SKIP:
            self._chosen("")
        elif question.kind is QuestionKind.CHOICE:
            self._chosen(question.options[int(option.removeprefix("option-")) - 1])
        else:
            self._chosen(option)

    @on(Input.Submitted, "#answer")
    def _typed(self, event: Input.Submitted) -> None:
        question = self.question
        if question is None:
            return
        if question.required and not event.value.strip():
            self.show_error(_("Question {n} needs an answer").format(n=question.position))
            return
        self._chosen(event.value)

    def _chosen(self, value: str) -> None:
        question = self.question
        if question is None or self._answering:
            return
        try:  # each answer checked as it is given: no way back to a question once passed
            parse_answer(question, value)
        except DomainError as error:
            self.show_error(error_text(error))
            return
        self.answers[question.position] = value
        self.index += 1
        if self.question is not None:
            self._ask()
            return
        self.index -= 1  # a refusal leaves the last question on screen
        answers = dict(self.answers)
        self.call(
            lambda: surveys.answer_survey(
                self.desk.uow(), self.desk.actor, self.case_id, answers=answers
            )
        )
