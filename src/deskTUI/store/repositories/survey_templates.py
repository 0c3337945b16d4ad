"""Survey templates, their questions, the categories they are attached to, and the answers."""

from __future__ import annotations

import builtins
from collections.abc import Iterable

from sqlalchemy import delete
from sqlalchemy import select as sa_select
from sqlmodel import col, select

from ...domain.errors import NotFound
from ...domain.names import name_key
from ...domain.survey_templates import Answer, Question, QuestionKind, SurveyTemplate
from ..survey_tables import (
    CategorySurveyRow,
    SurveyAnswerRow,
    SurveyQuestionRow,
    SurveyTemplateRow,
)
from ..tables import SurveyRow
from .base import _past_every_id, _Repository, _unstorable


def _question(row: SurveyQuestionRow) -> Question:
    assert row.id is not None
    return Question(
        template_id=row.template_id,
        position=row.position,
        kind=QuestionKind(row.kind),
        text=row.text,
        options=tuple(o for o in row.options.split("\n") if o),
        required=row.required,
        code=row.code,
        id=row.id,
    )


class SurveyTemplateRepository(_Repository):
    def _with_questions(self, row: SurveyTemplateRow) -> SurveyTemplate:
        template = SurveyTemplate(row.name, row.is_default, row.id)
        query = (
            select(SurveyQuestionRow)
            .where(SurveyQuestionRow.template_id == row.id)
            .order_by(col(SurveyQuestionRow.position))
        )
        template.questions = [_question(q) for q in self.session.exec(query)]
        return template

    def list(self) -> builtins.list[SurveyTemplate]:
        query = select(SurveyTemplateRow).order_by(
            col(SurveyTemplateRow.is_default).desc(), col(SurveyTemplateRow.name_key)
        )
        return [self._with_questions(r) for r in self.session.exec(query)]

    def get(self, template_id: int) -> SurveyTemplate:
        row = (
            None
            if _past_every_id(template_id)
            else self.session.get(SurveyTemplateRow, template_id)
        )
        if row is None:
            raise NotFound(
                "survey.no_template", "There is no survey template {name!r}", name=str(template_id)
            )
        return self._with_questions(row)

    def find(self, name: str) -> SurveyTemplate | None:
        if _unstorable(name):
            return None
        query = select(SurveyTemplateRow).where(SurveyTemplateRow.name_key == name_key(name))
        row = self.session.exec(query).first()
        return self._with_questions(row) if row else None

    def by_name(self, name: str) -> SurveyTemplate:
        template = self.find(name)
        if template is None:
            raise NotFound("survey.no_template", "There is no survey template {name!r}", name=name)
        return template

    def default(self) -> SurveyTemplate:
        row = self.session.exec(
            select(SurveyTemplateRow).where(col(SurveyTemplateRow.is_default))
        ).one()
        return self._with_questions(row)

    def add(self, template: SurveyTemplate) -> SurveyTemplate:
        row = self._insert(SurveyTemplateRow(name=template.name, is_default=template.is_default))
        template.id = row.id
        return template

    def add_question(self, question: Question) -> Question:
        row = SurveyQuestionRow(
            template_id=question.template_id,
            position=question.position,
            kind=question.kind.value,
            text=question.text,
            options="\n".join(question.options),
            required=question.required,
            code=question.code,
        )
        question.id = self._insert(row).id
        return question

    def answered(self, template_id: int) -> bool:
        query = (
            sa_select(col(SurveyRow.id)).where(col(SurveyRow.template_id) == template_id).limit(1)
        )
        return self.session.execute(query).first() is not None

    # -- categories ------------------------------------------------------------------------
    def for_category(self, category_id: int | None) -> SurveyTemplate:
        """The template a case of that category is asked: its own, else the default."""
        link = self.session.get(CategorySurveyRow, category_id) if category_id else None
        return self.get(link.template_id) if link else self.default()

    def attach(self, category_id: int, template_id: int | None) -> None:
        """Attach the template to the category (None: back to the default)."""
        self.session.execute(
            delete(CategorySurveyRow).where(col(CategorySurveyRow.category_id) == category_id)
        )
        if template_id is not None:
            self.session.add(CategorySurveyRow(category_id=category_id, template_id=template_id))
        self.session.flush()

    def attachments(self) -> dict[int, int]:
        """Category id to its template's id, for the categories attached to one."""
        rows = self.session.exec(select(CategorySurveyRow))
        return {r.category_id: r.template_id for r in rows}

    # -- answers ---------------------------------------------------------------------------
    def add_answers(self, case_id: int, answers: Iterable[Answer]) -> None:
        for answer in answers:
            self.session.add(
                SurveyAnswerRow(
                    case_id=case_id,
                    question_id=answer.question_id,
                    value=answer.value,
                    score=answer.score,
                )
            )
        self.session.flush()

    def answers(self, case_id: int) -> builtins.list[Answer]:
        query = (
            select(SurveyAnswerRow)
            .where(SurveyAnswerRow.case_id == case_id)
            .order_by(col(SurveyAnswerRow.question_id))
        )
        return [Answer(r.question_id, r.value, r.score) for r in self.session.exec(query)]
