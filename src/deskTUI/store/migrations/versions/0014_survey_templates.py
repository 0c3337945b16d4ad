"""Survey templates with several questions, attached to categories; the 1-5 + comment survey becomes the default template (issue 21, seed 004). Owner: SURVEYS.

Every survey answered before becomes an answer of the default template: its score the
answer to the template's scale question (code ``score``), its comment, when written, the
answer to the free-text one (``comment``). The survey row keeps its score and comment
(the satisfaction report's figures, now the first scale and text answers of any
template), so the averages of before count the same answers after.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 16:00:00
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

import deskTUI.store.types
from deskTUI.store import change_watch

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

DEFAULT_NAME = "Satisfaction"
"""The default template's stored name (shown translated: domain.survey_templates)."""


def upgrade() -> None:
    op.create_table(
        "survey_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "survey_question",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("options", sa.Text(), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(["template_id"], ["survey_template.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("template_id", "position", name="uq_survey_question_position"),
    )
    op.create_table(
        "category_survey",
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["category_id"], ["category.id"]),
        sa.ForeignKeyConstraint(["template_id"], ["survey_template.id"]),
        sa.PrimaryKeyConstraint("category_id"),
    )
    op.create_index("ix_category_survey_template_id", "category_survey", ["template_id"])

    bind = op.get_bind()
    templates = sa.table(
        "survey_template",
        sa.column("id", sa.Integer),
        sa.column("name", sa.String),
        sa.column("is_default", sa.Boolean),
    )
    questions = sa.table(
        "survey_question",
        sa.column("id", sa.Integer),
        sa.column("template_id", sa.Integer),
        sa.column("position", sa.Integer),
        sa.column("kind", sa.String),
        sa.column("text", sa.Text),
        sa.column("options", sa.Text),
        sa.column("required", sa.Boolean),
        sa.column("code", sa.String),
    )
    bind.execute(sa.insert(templates).values(name=DEFAULT_NAME, is_default=True))
    default_id = bind.execute(sa.select(templates.c.id).where(templates.c.is_default)).scalar_one()
    question = {"template_id": default_id, "text": "", "options": ""}
    bind.execute(
        sa.insert(questions),
        [
            {**question, "position": 1, "kind": "scale", "required": True, "code": "score"},
            {**question, "position": 2, "kind": "text", "required": False, "code": "comment"},
        ],
    )
    ids = dict(bind.execute(sa.select(questions.c.code, questions.c.id)).all())

    if bind.dialect.name == "sqlite":
        _rebuild_survey(with_template=True)
    else:
        op.add_column("survey", sa.Column("template_id", sa.Integer(), nullable=True))
        op.alter_column("survey", "score", existing_type=sa.Integer(), nullable=True)
        op.create_foreign_key(
            "survey_template_id_fkey", "survey", "survey_template", ["template_id"], ["id"]
        )
    op.create_index("ix_survey_template_id", "survey", ["template_id"])
    # Left nullable: the demo's bulk load stores surveys first, their template after
    # (store/survey_backfill.py); every survey the services store names its template.
    bind.execute(sa.text("UPDATE survey SET template_id = :t"), {"t": default_id})

    op.create_table(
        "survey_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["survey.case_id"]),
        sa.ForeignKeyConstraint(["question_id"], ["survey_question.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id", "question_id", name="uq_survey_answer_question"),
    )
    op.create_index("ix_survey_answer_question_id", "survey_answer", ["question_id"])
    # The answers of before, as answers of the default template's two questions.
    bind.execute(
        sa.text(
            "INSERT INTO survey_answer (case_id, question_id, value, score) "
            "SELECT case_id, :q, CAST(score AS VARCHAR(1)), score FROM survey ORDER BY case_id"
        ),
        {"q": ids["score"]},
    )
    bind.execute(
        sa.text(
            "INSERT INTO survey_answer (case_id, question_id, value, score) "
            "SELECT case_id, :q, comment, NULL FROM survey WHERE comment <> '' ORDER BY case_id"
        ),
        {"q": ids["comment"]},
    )
    # The live refresh hears writes to every table of a server desk (change_watch.py).
    if op.get_bind().dialect.name == "postgresql":
        for table in ("survey_template", "survey_question", "category_survey", "survey_answer"):
            op.execute(change_watch.notify_table_sql(table))


def downgrade() -> None:
    op.drop_index("ix_survey_answer_question_id", table_name="survey_answer")
    op.drop_table("survey_answer")
    # A survey of a template without a scale answered has no score the old schema holds.
    op.execute("DELETE FROM survey WHERE score IS NULL")
    op.drop_index("ix_survey_template_id", table_name="survey")
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_survey(with_template=False)
    else:
        op.drop_constraint("survey_template_id_fkey", "survey", type_="foreignkey")
        op.drop_column("survey", "template_id")
        op.alter_column("survey", "score", existing_type=sa.Integer(), nullable=False)
    op.drop_index("ix_category_survey_template_id", table_name="category_survey")
    op.drop_table("category_survey")
    op.drop_table("survey_question")
    op.drop_table("survey_template")


def _rebuild_survey(*, with_template: bool) -> None:
    """SQLite changes a column's NULL only on a copy of the table: made here from the
    table written out below, not by Alembic's batch, whose copy reflected the table and
    wrote its constraints in an order that changed from one run to the next (two desks at
    one revision with different CREATE TABLE texts)."""
    bind = op.get_bind()
    op.create_table("survey_rebuilt", *_survey(with_template=with_template))
    columns = "id, case_id, respondent_id, score, comment, answered_at"
    bind.execute(sa.text(f"INSERT INTO survey_rebuilt ({columns}) SELECT {columns} FROM survey"))
    op.drop_table("survey")
    op.rename_table("survey_rebuilt", "survey")


def _survey(*, with_template: bool) -> list[Any]:
    """The survey table before (0001) or after this revision."""
    template = (
        [
            sa.Column("template_id", sa.Integer(), nullable=True),
            sa.ForeignKeyConstraint(
                ["template_id"], ["survey_template.id"], name="survey_template_id_fkey"
            ),
        ]
        if with_template
        else []
    )
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("respondent_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=with_template),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("answered_at", deskTUI.store.types.UtcDateTime(timezone=True), nullable=False),
        *template,
        sa.ForeignKeyConstraint(["case_id"], ["support_case.id"]),
        sa.ForeignKeyConstraint(["respondent_id"], ["desk_user.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id"),
    ]
