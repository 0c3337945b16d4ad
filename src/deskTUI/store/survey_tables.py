"""The surveys' tables (migration 0014): a template's questions, the category a template
is attached to, the answers. Beside ``tables.py``, which imports them, so the desk's
metadata holds them.
"""

from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy import Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from .name_keys import name_key_field


def _text(default: str = "") -> Any:
    return Field(default=default, sa_type=Text, nullable=False)


class SurveyTemplateRow(SQLModel, table=True):
    """A survey's questions (migration 0014); the default one asks cases of categories
    attached to none."""

    __tablename__: ClassVar[str] = "survey_template"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, unique=True)
    name_key: str = name_key_field()  # the name as compared, unique (0022, name_keys.py)
    is_default: bool = False


class SurveyQuestionRow(SQLModel, table=True):
    __tablename__: ClassVar[str] = "survey_question"
    __table_args__ = (
        UniqueConstraint("template_id", "position", name="uq_survey_question_position"),
    )
    id: int | None = Field(default=None, primary_key=True)
    template_id: int = Field(foreign_key="survey_template.id")
    position: int
    kind: str = Field(max_length=16)
    text: str = _text()
    options: str = _text()
    """A choice's options, one a line."""
    required: bool = False
    code: str | None = Field(default=None, max_length=16)


class CategorySurveyRow(SQLModel, table=True):
    """The template a category's cases are asked (at most one; none: the default)."""

    __tablename__: ClassVar[str] = "category_survey"
    category_id: int = Field(foreign_key="category.id", primary_key=True)
    template_id: int = Field(foreign_key="survey_template.id", index=True)


class SurveyAnswerRow(SQLModel, table=True):
    """One question's answer in a case's survey (one survey per case: keyed by the case,
    so the demo's bulk load writes them beside its surveys)."""

    __tablename__: ClassVar[str] = "survey_answer"
    __table_args__ = (UniqueConstraint("case_id", "question_id", name="uq_survey_answer_question"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="survey.case_id")
    question_id: int = Field(foreign_key="survey_question.id", index=True)
    value: str = _text()
    score: int | None = None
