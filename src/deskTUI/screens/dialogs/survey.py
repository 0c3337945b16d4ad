"""The satisfaction survey of a finished case (seed 004): a score from 1 to 5 and a comment."""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...i18n import N_, _
from ...safe_text import safe
from ...services import surveys
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


class SurveyDialog(ActionDialog):
    """Pick a score (arrows and enter, or a digit), write a comment, enter sends it.
    Escape closes it unanswered: the case's `y` key opens it again later."""

    BINDINGS = [
        *ActionDialog.BINDINGS,
        *(Binding(str(n), f"score({n})", SCORE_KEY, show=False) for n in SCORES),
    ]

    def spoken_binding(self, binding: Binding) -> Binding:
        """A digit's key reads "Score 4" in the operator's language (one sentence with
        its number, not a word per digit)."""
        if binding.description == SCORE_KEY:
            return replace(binding, description=_(SCORE_KEY).format(n=binding.key))
        return super().spoken_binding(binding)

    def __init__(self, case_id: int, number: str, title: str) -> None:
        super().__init__()
        self.case_id = case_id
        self.case_title = title
        self.score: int | None = None
        self.title_text = _("How did we do on {number}?").format(number=number)

    def fields(self) -> ComposeResult:
        yield Static(Content(safe(self.case_title, one_line=True)), id="survey-case")
        yield OptionList(
            *(Option(Content(f"{n} · {_(word)}"), id=f"score-{n}") for n, word in SCORES.items()),
            id="score",
        )
        yield TextInput(placeholder=_("comment (optional); enter sends"), id="comment")
        yield Static(
            Content(_("1–5 picks a score · enter sends · escape: later (y on the case)")),
            classes="dialog-hint",
        )

    def on_mount(self) -> None:
        options = self.query_one("#score", OptionList)
        options.focus()
        # Nothing chosen until the client chooses: two hasty enters must not send a 1.
        self.call_after_refresh(setattr, options, "highlighted", None)

    def action_score(self, score: int) -> None:
        options = self.query_one("#score", OptionList)
        options.highlighted = score - 1
        self._chosen(score)

    @on(OptionList.OptionSelected, "#score")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self._chosen(event.option_index + 1)

    def _chosen(self, score: int) -> None:
        self.score = score
        self.show_error("")
        self.query_one("#comment", Input).focus()

    @on(Input.Submitted, "#comment")
    def submit(self) -> None:
        score = self.score
        if score is None:
            self.show_error(_("Choose a score from 1 to 5 first."))
            self.query_one("#score", OptionList).focus()
            return
        comment = self.query_one("#comment", Input).value
        self.call(
            lambda: surveys.answer_survey(
                self.desk.uow(), self.desk.actor, self.case_id, score=score, comment=comment
            )
        )
