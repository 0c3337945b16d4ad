"""Survey templates (seed 004: "exista una encuesta para ese tipo de ticket"): a name and
ordered questions, attached to categories; a case's survey asks its category's template,
else the desk's default one (the 1-5 score and comment every survey asked before).

A question is a scale from 1 to 5, yes or no, one choice of its list, or free text; a
required one refuses to be left empty. Answers are stored as text codes (``"4"``,
``"yes"``/``"no"``, the option as written, the text) and a scale's number beside it, so
the database adds up averages and counts each value.

A template's questions are fixed once a survey answered it (added only before), so a
question's answers always answered the same question.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from .errors import ValidationError
from .marks import N_
from .values import clean_text


class QuestionKind(StrEnum):
    SCALE = "scale"
    YES_NO = "yes_no"
    CHOICE = "choice"
    TEXT = "text"


QUESTIONS_MAX = 30
OPTIONS_MAX = 20
QUESTION_MAX_LEN = 300
OPTION_MAX_LEN = 100
NAME_MAX_LEN = 100
ANSWER_MAX_LEN = 5000

DEFAULT_SCORE = "score"
DEFAULT_COMMENT = "comment"
BUILT_IN_TEXTS = {
    DEFAULT_SCORE: N_("How satisfied are you with how your case was handled?"),
    DEFAULT_COMMENT: N_("Comment"),
}
"""The default template's questions are the desk's own words, shown in the operator's
language (their ``code``); an admin's questions are data, shown as written."""

YES = "yes"
NO = "no"
_YES_WORDS = {"yes", "y", "true", "1", "si", "sí", "s"}
_NO_WORDS = {"no", "n", "false", "0"}


@dataclass
class Question:
    template_id: int
    position: int
    """1, 2, 3 ... in the order the survey asks them."""
    kind: QuestionKind
    text: str
    options: tuple[str, ...] = ()
    required: bool = False
    code: str | None = None
    """``score`` / ``comment`` for the default template's two (their text translated)."""
    id: int | None = None

    def __post_init__(self) -> None:
        self.kind = parse_kind(self.kind)
        self.text = clean_text(
            self.text, N_("question"), required=self.code is None, max_len=QUESTION_MAX_LEN
        )
        self.options = check_options(self.kind, self.options)


@dataclass
class SurveyTemplate:
    name: str
    is_default: bool = False
    id: int | None = None
    questions: list[Question] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.name = clean_text(
            self.name, N_("survey template's name"), required=True, max_len=NAME_MAX_LEN
        )


@dataclass(frozen=True)
class Answer:
    question_id: int
    value: str
    """The stored code: ``"4"``, ``"yes"``/``"no"``, the option as written, the text."""
    score: int | None = None
    """A scale's number (the database's averages), else None."""


def parse_kind(kind: object) -> QuestionKind:
    try:
        return QuestionKind(str(kind))
    except ValueError:
        raise ValidationError(
            "survey.question_kind",
            "A question is one of {kinds}, not {kind!r}",
            kinds=", ".join(k.value for k in QuestionKind),
            kind=str(kind),
        ) from None


def check_options(kind: QuestionKind, options: Sequence[str]) -> tuple[str, ...]:
    """A choice's options: 2 to 20, each written once; other kinds have none."""
    cleaned = tuple(clean_text(o, N_("option"), max_len=OPTION_MAX_LEN) for o in options)
    cleaned = tuple(o for o in cleaned if o)
    for option in cleaned:
        if "\n" in option or "\r" in option:  # stored one a line, shown one a line
            raise ValidationError(
                "survey.option_lines",
                "An option is one line: {option!r} has a line break",
                option=option[:60],
            )
    if kind is not QuestionKind.CHOICE:
        if cleaned:
            raise ValidationError(
                "survey.options_unused",
                "Only a question of kind choice has options; this one is {kind}",
                kind=kind.value,
            )
        return ()
    if not 2 <= len(cleaned) <= OPTIONS_MAX:
        raise ValidationError(
            "survey.options_count",
            "A choice needs from 2 to {most} options, not {count}",
            most=OPTIONS_MAX,
            count=len(cleaned),
        )
    folded = [o.casefold() for o in cleaned]
    for i, option in enumerate(folded):
        if option in folded[:i]:
            raise ValidationError(
                "survey.option_twice",
                "The option {option!r} is written twice",
                option=cleaned[i],
            )
    return cleaned


def check_can_add_question(template: SurveyTemplate, answered: bool) -> None:
    if answered:
        raise ValidationError(
            "survey.template_answered",
            "The template {name!r} was already answered: its questions stay as they were "
            "asked (add a new template and attach it instead)",
            name=template.name,
        )
    if len(template.questions) >= QUESTIONS_MAX:
        raise ValidationError(
            "survey.questions_max",
            "A template holds at most {most} questions",
            most=QUESTIONS_MAX,
        )


def check_can_attach(template: SurveyTemplate) -> None:
    """A template asks something: one without questions would offer an empty survey."""
    if not template.questions:
        raise ValidationError(
            "survey.template_empty",
            "The template {name!r} has no questions yet: add them before attaching it",
            name=template.name,
        )


def parse_answer(question: Question, raw: object) -> Answer | None:
    """The answer to one question from what was typed or picked; None when left empty."""
    assert question.id is not None
    text = "" if raw is None else str(raw)
    if question.kind is QuestionKind.TEXT:
        value = clean_text(text, N_("answer"), max_len=ANSWER_MAX_LEN)
        return Answer(question.id, value) if value else None
    word = text.strip()
    if not word:
        return None
    if question.kind is QuestionKind.SCALE:
        if word not in {"1", "2", "3", "4", "5"}:
            raise ValidationError(
                "survey.score",
                "Question {n} is answered with a whole number from 1 to 5, not {value!r}",
                n=question.position,
                value=word[:40],
            )
        return Answer(question.id, word, int(word))
    if question.kind is QuestionKind.YES_NO:
        folded = word.casefold()
        if folded in _YES_WORDS:
            return Answer(question.id, YES)
        if folded in _NO_WORDS:
            return Answer(question.id, NO)
        raise ValidationError(
            "survey.yes_no",
            "Question {n} is answered yes or no, not {value!r}",
            n=question.position,
            value=word[:40],
        )
    for i, option in enumerate(question.options, start=1):
        if word.casefold() == option.casefold() or word == str(i):
            return Answer(question.id, option)
    raise ValidationError(
        "survey.choice",
        "Question {n} is answered with one of its options ({options}), not {value!r}",
        n=question.position,
        options=", ".join(question.options),
        value=word[:40],
    )


def check_answers(questions: Sequence[Question], raw: Mapping[int, object]) -> list[Answer]:
    """Every answer given, by question position; a required question left empty, or a
    position the template has not, is refused (the first one, in the survey's order)."""
    positions = {q.position for q in questions}
    for position in sorted(raw):
        if position not in positions:
            raise ValidationError(
                "survey.no_question",
                "The survey has no question {n}: its questions are 1 to {last}",
                n=position,
                last=len(questions),
            )
    answers = []
    for question in sorted(questions, key=lambda q: q.position):
        answer = parse_answer(question, raw.get(question.position))
        if answer is None and question.required:
            raise ValidationError(
                "survey.required",
                "Question {n} needs an answer",
                n=question.position,
            )
        if answer is not None:
            answers.append(answer)
    return answers


def headline(questions: Sequence[Question], answers: Sequence[Answer]) -> tuple[int | None, str]:
    """The survey's satisfaction score and comment, as every survey had before templates:
    the first scale answer and the first free text answered. The satisfaction report
    and its averages read these, so answers migrated from the old survey keep counting."""
    given = {a.question_id: a for a in answers}
    score: int | None = None
    comment = ""
    for question in sorted(questions, key=lambda q: q.position):
        answer = given.get(question.id or 0)
        if question.kind is QuestionKind.SCALE and score is None and answer is not None:
            score = answer.score
        if question.kind is QuestionKind.TEXT and not comment and answer is not None:
            comment = answer.value
    return score, comment
