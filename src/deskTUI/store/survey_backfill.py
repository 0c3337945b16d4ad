"""Surveys stored without their template (rows loaded in bulk: the demo) made answers of
the default template, as migration 0014 made the surveys answered before it."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection


def answer_default_surveys(connection: Connection) -> None:
    """Give each survey without a template the default one, and its score and comment
    as the answers to that template's two questions (a comment only where written)."""
    ids: dict[str, int] = dict(
        connection.execute(
            text(
                "SELECT q.code, q.id FROM survey_question q "
                "JOIN survey_template t ON t.id = q.template_id "
                "WHERE t.is_default AND q.code IS NOT NULL"
            )
        ).all()
    )
    template = connection.execute(
        text("SELECT id FROM survey_template WHERE is_default")
    ).scalar_one()
    missing = "FROM survey WHERE template_id IS NULL"
    connection.execute(
        text(
            "INSERT INTO survey_answer (case_id, question_id, value, score) "
            f"SELECT case_id, :q, CAST(score AS VARCHAR(1)), score {missing} "
            "AND score IS NOT NULL ORDER BY case_id"
        ),
        {"q": ids["score"]},
    )
    connection.execute(
        text(
            "INSERT INTO survey_answer (case_id, question_id, value, score) "
            f"SELECT case_id, :q, comment, NULL {missing} AND comment <> '' ORDER BY case_id"
        ),
        {"q": ids["comment"]},
    )
    connection.execute(
        text("UPDATE survey SET template_id = :t WHERE template_id IS NULL"), {"t": template}
    )
