"""The surveys report (issue 21): each question's answers by agent, area, category or
month: a line per question with its answers and (a scale) its average, then a line per
value (a score, yes/no, an option) with its count and share of that question's answers.

Only answers are counted: a survey of before templates counts as the default template's
answers (migration 0014), so this report and the satisfaction one agree on its scores.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from ..domain.marks import Word
from ..domain.reports import Column, Report, Value, edges, mean, months
from ..domain.survey_templates import NO, YES, Question, QuestionKind
from ..i18n import N_
from ..store.survey_sql import SurveyAnswerReader
from .survey_templates import question_text, template_title

if TYPE_CHECKING:
    from .reports import _Context

TITLES = {
    "agent": N_("Survey answers by agent"),
    "area": N_("Survey answers by area"),
    "category": N_("Survey answers by category"),
    "month": N_("Survey answers by month"),
}


def _order(question: Question, value: str) -> tuple[int, str]:
    """Values in the question's order: scores 1-5, yes then no, options as listed."""
    if question.kind is QuestionKind.YES_NO:
        return ({YES: 0, NO: 1}.get(value, 2), value)
    if question.kind is QuestionKind.CHOICE and value in question.options:
        return (question.options.index(value), value)
    return (0, value)


def survey_answers_report(
    ctx: _Context,
    by: str,
    key_columns: tuple[Column, ...],
    names: Callable[[object], tuple[Value, ...]] | None,
) -> Report:
    reader = SurveyAnswerReader(ctx.uow.session)
    label: Callable[[Any], tuple[Value, ...]]
    if by == "month":
        buckets = months(ctx.period)
        found = reader.answer_counts(by, edges(buckets, ctx.zone), ctx.areas)

        def label(key: Any) -> tuple[Value, ...]:
            return (buckets[int(key)].label,)

    else:
        found = reader.answer_counts(by, [ctx.start, ctx.end], ctx.areas)
        assert names is not None
        label = names
    questions: dict[int, tuple[str, Question]] = {}
    for template in ctx.uow.survey_templates.list():
        for q in template.questions:
            questions[q.id or 0] = (template_title(template), q)
    groups: dict[tuple[Any, int], list[tuple[str | None, int, int]]] = {}
    for key, question_id, value, count, total in found:
        groups.setdefault((key, question_id), []).append((value, count, total))
    rows: list[tuple[Value, ...]] = []

    def sort_key(item: tuple[tuple[Any, int], Any]) -> tuple[Any, ...]:
        (key, question_id), _ = item
        title, question = questions[question_id]
        shown = label(key)[0]
        return (int(key) if by == "month" else str(shown or ""), title, question.position)

    for (key, question_id), values in sorted(groups.items(), key=sort_key):
        title, question = questions[question_id]
        lead = label(key)
        answers = sum(n for _, n, _ in values)
        scale = question.kind is QuestionKind.SCALE
        average = mean(sum(t for _, _, t in values), answers) if scale else None
        head: tuple[Value, ...] = (
            title,
            question.position,
            question_text(question),
            question.kind,  # the code in --json and CSV, its word in a table
        )
        rows.append((*lead, *head, None, answers, None, average))
        if question.kind is QuestionKind.TEXT:
            continue
        for value, count, _ in sorted(values, key=lambda v: _order(question, v[0] or "")):
            share = (Decimal(100 * count) / answers).quantize(Decimal("0.1"), ROUND_HALF_UP)
            # A yes/no answer is the vocabulary's word: "yes" in --json, "sí" to a reader.
            given: Value = Word(value) if question.kind is QuestionKind.YES_NO and value else value
            rows.append((*lead, *head, given, count, share, None))
    columns = (
        *key_columns,
        Column("template", N_("Template")),
        Column("question", N_("Q"), "count"),
        Column("question_text", N_("Question")),
        Column("kind", N_("Kind")),
        Column("answer", N_("Answer")),
        Column("answers", N_("Answers"), "count"),
        Column("percent", N_("Share"), "percent"),
        Column("average", N_("Average"), "decimal"),
    )
    notes = (
        N_(
            "Surveys answered in the period: a line per question (its answers, a scale's "
            "average), then a line per answer given (its count and share)."
        ),
    )
    return ctx.make("surveys", TITLES[by], columns, rows, None, by, notes)
