"""survey answer | show | questions | template list | show | add | question | attach."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .. import words
from ..domain.errors import ValidationError
from ..domain.survey_templates import Question, SurveyTemplate
from ..i18n import N_, _
from ..services import survey_templates, surveys
from ..services.survey_templates import TemplateView, question_text, template_title
from .context import Context, number_of
from .render import table

FILE_MAX = 1_000_000
"""The answers file read at most (30 questions of 5,000 characters are 150 KB): a device
or a huge file named by mistake is refused, not read to the end."""


def _answers(ctx: Context) -> dict[int, object]:
    """--file's object, then each --answer N=VALUE (a later one wins)."""
    found: dict[int, object] = {}
    a = ctx.args
    if a.file:
        try:
            with Path(a.file).open("rb") as handle:  # a survey's answers: never megabytes
                raw = handle.read(FILE_MAX + 1)
            if len(raw) > FILE_MAX:
                raise ValueError(f"more than {FILE_MAX:,} bytes")
            document = json.loads(raw.decode("utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise ValidationError(
                "survey.file",
                "The answers file {path} cannot be read as JSON: {reason}",
                path=a.file,
                reason=str(error)[:200],
            ) from None
        if isinstance(document, dict) and isinstance(document.get("answers"), dict):
            document = document["answers"]
        if not isinstance(document, dict):
            raise ValidationError(
                "survey.file",
                "The answers file {path} cannot be read as JSON: {reason}",
                path=a.file,
                reason="not an object",
            )
        for key, value in document.items():
            found[_position(str(key))] = "" if value is None else str(value)
    for given in a.answer:
        key, sep, value = given.partition("=")
        if not sep:
            raise ValidationError(
                "survey.answer_shape",
                "An answer is written N=VALUE (the question's number, =, the answer), "
                "not {given!r}",
                given=given[:60],
            )
        found[_position(key)] = value
    return found


def _position(key: str) -> int:
    key = key.strip()
    if not key.isascii() or not key.isdigit() or len(key) > 4:
        raise ValidationError(
            "survey.answer_shape",
            "An answer is written N=VALUE (the question's number, =, the answer), not {given!r}",
            given=key[:60],
        )
    return int(key)


def answer(ctx: Context) -> int:
    a = ctx.args
    survey = surveys.answer_survey(ctx.uow(), ctx.actor(), a.number, answers=_answers(ctx))
    number = number_of(a.number)
    if ctx.json:
        ctx.emit_json(
            {
                "case": number,
                "template_id": survey.template_id,
                "score": survey.score,
                "answers": _answered(ctx, a.number),
            }
        )
    else:
        ctx.say(_("Thank you: the survey of {number} is answered.").format(number=number))
    return 0


def _answered(ctx: Context, number: str) -> list[dict[str, Any]]:
    given = {q.position: v for q, v in surveys.survey_answers(ctx.read_uow(), ctx.actor(), number)}
    return [{"question": p, "value": v} for p, v in sorted(given.items())]


def show(ctx: Context) -> int:
    """The answers of a case's survey, for whoever sees the case (none: not answered)."""
    given = surveys.survey_answers(ctx.read_uow(), ctx.actor(), ctx.args.number)
    number = number_of(ctx.args.number)
    if ctx.json:
        ctx.emit_json(
            {
                "case": number,
                "answered": bool(given),
                "answers": [
                    {"question": q.position, "kind": q.kind.value, "value": v} for q, v in given
                ],
            }
        )
    elif not given:
        ctx.say(_("The survey of {number} is not answered.").format(number=number))
    else:
        rows = [
            [str(q.position), ctx.show(question_text(q)), ctx.show(words.survey_answer(q.kind, v))]
            for q, v in given
        ]
        for line in table(rows, [N_("Q"), N_("Question"), N_("Answer")]):
            ctx.say(line)
    return 0


def _question_json(q: Question) -> dict[str, Any]:
    return {
        "id": q.id,
        "position": q.position,
        "kind": q.kind.value,
        "text": q.text,
        "code": q.code,
        "options": list(q.options),
        "required": q.required,
    }


def _question_lines(ctx: Context, questions: list[Question]) -> list[str]:
    rows = [
        [
            str(q.position),
            words.label(q.kind),
            _("yes") if q.required else "",
            ctx.show(question_text(q)),
            ctx.show(" | ".join(q.options)),
        ]
        for q in questions
    ]
    return table(rows, [N_("Q"), N_("Kind"), N_("Required"), N_("Question"), N_("Options")])


def questions(ctx: Context) -> int:
    found = surveys.survey_questions(ctx.read_uow(), ctx.actor(), ctx.args.number)
    if ctx.json:
        ctx.emit_json(
            {"case": number_of(ctx.args.number), "questions": [_question_json(q) for q in found]}
        )
    else:
        for line in _question_lines(ctx, found):
            ctx.say(line)
    return 0


def _template_json(view: TemplateView) -> dict[str, Any]:
    t = view.template
    return {
        "id": t.id,
        "name": t.name,
        "default": t.is_default,
        "answered": view.answered,
        "categories": list(view.categories),
        "questions": [_question_json(q) for q in t.questions],
    }


def _say_template(ctx: Context, view: TemplateView) -> None:
    t = view.template
    ctx.say(
        _("{name} (id {id}): {categories}").format(
            name=ctx.show(template_title(t)),
            id=t.id,
            categories=ctx.show(", ".join(view.categories))
            if view.categories
            else (_("every category without its own") if t.is_default else _("no category")),
        )
    )
    for line in _question_lines(ctx, t.questions):
        ctx.say("  " + line)


def template_list(ctx: Context) -> int:
    views = survey_templates.templates(ctx.read_uow(), ctx.actor())
    if ctx.json:
        ctx.emit_json({"templates": [_template_json(v) for v in views]})
    else:
        for view in views:
            _say_template(ctx, view)
    return 0


def template_show(ctx: Context) -> int:
    view = survey_templates.template(ctx.read_uow(), ctx.actor(), ctx.args.template)
    if ctx.json:
        ctx.emit_json(_template_json(view))
    else:
        _say_template(ctx, view)
    return 0


def template_add(ctx: Context) -> int:
    made: SurveyTemplate = survey_templates.add_template(ctx.uow(), ctx.actor(), ctx.args.name)
    if ctx.json:
        ctx.emit_json({"id": made.id, "name": made.name})
    else:
        ctx.say(_("Added the survey template {name}.").format(name=ctx.show(made.name)))
    return 0


def template_question(ctx: Context) -> int:
    a = ctx.args
    question = survey_templates.add_question(
        ctx.uow(),
        ctx.actor(),
        a.template,
        kind=a.kind,
        text=a.text,
        options=a.option,
        required=a.required,
    )
    if ctx.json:
        ctx.emit_json(_question_json(question))
    else:
        ctx.say(
            _("Added question {n} to {name}.").format(
                n=question.position, name=ctx.show(a.template)
            )
        )
    return 0


def template_attach(ctx: Context) -> int:
    a = ctx.args
    template, category = survey_templates.attach(
        ctx.uow(), ctx.actor(), a.template, a.category, a.area
    )
    if ctx.json:
        ctx.emit_json({"template_id": template.id, "category": category})
    else:
        ctx.say(
            _("The cases of {category} are asked the survey {name}.").format(
                category=ctx.show(category), name=ctx.show(template_title(template))
            )
        )
    return 0
