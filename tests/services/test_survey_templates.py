"""Survey templates (issue 21, seed 004): questions of four kinds attached to categories,
answered once per finished case; the survey of before is the default template."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from deskTUI.domain.errors import PermissionDenied, ValidationError
from deskTUI.domain.survey_templates import Question, QuestionKind, check_answers
from deskTUI.services import cases, reports, survey_templates, surveys


def _finished(desk, **fields):
    case = desk.open(by=desk.maria, **fields)
    cases.assign_case(desk.uow(), desk.admin, case.number, "ana")
    cases.move_case(desk.uow(), desk.ana, case.number, "in_progress")
    cases.move_case(desk.uow(), desk.ana, case.number, "finished", solution="Listo")
    return case


def _printers_survey(desk) -> None:
    survey_templates.add_template(desk.uow(), desk.admin, "Impresoras")
    for kind, text, options in (
        ("scale", "¿Qué tan rápido fue?", ()),
        ("yes_no", "¿Se resolvió?", ()),
        ("choice", "¿Cómo nos contactó?", ("Teléfono", "Correo", "Chat")),
    ):
        survey_templates.add_question(
            desk.uow(), desk.admin, "Impresoras", kind=kind, text=text, options=options,
            required=True,
        )  # fmt: skip
    survey_templates.attach(desk.uow(), desk.admin, "Impresoras", "Impresoras")


def test_each_kind_of_question_takes_its_answers_and_refuses_others() -> None:
    questions = [
        Question(1, 1, QuestionKind.SCALE, "Rápido", required=True, id=10),
        Question(1, 2, QuestionKind.YES_NO, "¿Resuelto?", id=11),
        Question(1, 3, QuestionKind.CHOICE, "Canal", ("Teléfono", "Correo"), id=12),
        Question(1, 4, QuestionKind.TEXT, "Comentario", id=13),
    ]
    given = check_answers(questions, {1: "4", 2: "sí", 3: "2", 4: "  bien  "})
    assert [(a.question_id, a.value, a.score) for a in given] == [
        (10, "4", 4), (11, "yes", None), (12, "Correo", None), (13, "bien", None),
    ]  # fmt: skip
    assert [a.value for a in check_answers(questions, {1: "5", 3: "teléfono"})] == ["5", "Teléfono"]
    for raw, code in (
        ({2: "yes"}, "survey.required"),
        ({1: "6"}, "survey.score"),
        ({1: "1e26"}, "survey.score"),
        ({1: "3", 2: "quizás"}, "survey.yes_no"),
        ({1: "3", 3: "Fax"}, "survey.choice"),
        ({1: "3", 9: "x"}, "survey.no_question"),
        ({1: "3", 4: "x" * 5001}, "text.too_long"),
    ):
        with pytest.raises(ValidationError) as refused:
            check_answers(questions, raw)
        assert refused.value.code == code, raw


def test_a_category_survey_asks_its_templates_questions_and_the_old_averages_count(desk):
    _printers_survey(desk)
    printers = _finished(desk)
    networks = _finished(desk, category="Redes")
    assert [q.code for q in surveys.survey_questions(desk.uow(), desk.maria, networks.number)] == [
        "score",
        "comment",
    ]
    asked = surveys.survey_questions(desk.uow(), desk.maria, printers.number)
    assert [(q.position, q.kind.value) for q in asked] == [
        (1, "scale"), (2, "yes_no"), (3, "choice"),
    ]  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        surveys.answer_survey(desk.uow(), desk.maria, printers.number, answers={1: "5", 2: "yes"})
    assert str(refused.value) == "Question 3 needs an answer"
    survey = surveys.answer_survey(
        desk.uow(), desk.maria, printers.number, answers={1: "5", 2: "no", 3: "Chat"}
    )
    surveys.answer_survey(desk.uow(), desk.maria, networks.number, score=2, comment="Lento")
    assert survey.score == 5
    assert [(q.position, v) for q, v in surveys.survey_answers(desk.uow(), desk.sofia, printers.number)] == [
        (1, "5"), (2, "no"), (3, "Chat"),
    ]  # fmt: skip
    assert [(q.code, v) for q, v in surveys.survey_answers(desk.uow(), desk.sofia, networks.number)] == [
        ("score", "2"), ("comment", "Lento"),
    ]  # fmt: skip
    by_area = surveys.survey_averages(desk.uow(), desk.admin, "area")
    assert [(a.count, a.mean) for a in by_area.values()] == [(2, Decimal("3.50"))]
    # Each question's answers: Sofía's area's; Diego (Desarrollo) is shown none of them.
    found = reports.report(desk.uow(), desk.sofia, "surveys", zone=UTC, by="area")
    assert [(r["question"], r["answer"], r["answers"]) for r in found.records()] == [
        (1, None, 1), (1, "5", 1), (2, None, 1), (2, "no", 1), (3, None, 1), (3, "Chat", 1),
        (1, None, 1), (1, "2", 1), (2, None, 1),
    ]  # fmt: skip
    assert reports.report(desk.uow(), desk.diego, "surveys", zone=UTC, by="area").rows == ()
    # Its questions stay as they were asked once a survey answered the template.
    with pytest.raises(ValidationError) as refused:
        survey_templates.add_question(desk.uow(), desk.admin, "Impresoras", kind="text", text="Más")
    assert refused.value.code == "survey.template_answered"


def test_a_choice_needs_one_line_options_and_an_empty_template_is_not_attached(desk):
    survey_templates.add_template(desk.uow(), desk.admin, "Vacía")
    for options, code in (
        (("Sí", "No\nquizás"), "survey.option_lines"),
        (("Uno",), "survey.options_count"),
        (("Uno", "uno"), "survey.option_twice"),
    ):
        with pytest.raises(ValidationError) as refused:
            survey_templates.add_question(
                desk.uow(), desk.admin, "Vacía", kind="choice", text="¿Cuál?", options=options
            )
        assert refused.value.code == code
    with pytest.raises(ValidationError) as refused:
        survey_templates.attach(desk.uow(), desk.admin, "Vacía", "Impresoras")
    assert str(refused.value) == (
        "The template 'Vacía' has no questions yet: add them before attaching it"
    )
    # Nothing was kept by the refusals: the default still asks Impresoras' cases.
    case = _finished(desk)
    assert [q.code for q in surveys.survey_questions(desk.uow(), desk.maria, case.number)] == [
        "score",
        "comment",
    ]


def test_only_an_admin_manages_templates_and_a_client_reads_none(desk):
    for who in (desk.sofia, desk.ana, desk.maria):
        with pytest.raises(PermissionDenied):
            survey_templates.add_template(desk.uow(), who, "Otra")
    with pytest.raises(PermissionDenied):
        survey_templates.templates(desk.uow(), desk.maria)
    names = [v.template.name for v in survey_templates.templates(desk.uow(), desk.sofia)]
    assert names == ["Satisfaction"]


def test_surveys_answered_at_0013_become_answers_of_the_default_template(db, desk):
    """The desk at 0013 with two answered surveys: after the upgrade each is an answer
    of the default template (score, and comment where written) and the averages and the
    satisfaction report count them as before."""
    from alembic import command
    from sqlalchemy import insert, text

    from deskTUI.store.database import HEAD_REVISION, current_revision
    from deskTUI.store.migrate import alembic_config, upgrade_to_head

    first, second = _finished(desk), _finished(desk, category="Redes")
    config = alembic_config(db)
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0013")
    assert current_revision(db) == "0013"
    survey = _table("survey", "case_id", "respondent_id", "score", "comment", "answered_at")
    at = datetime(2026, 3, 2, 12, tzinfo=UTC)
    with db.engine.begin() as connection:
        connection.execute(
            insert(survey),
            [
                {"case_id": first.id, "respondent_id": desk.maria.id, "score": 4,
                 "comment": "Rápido", "answered_at": at},
                {"case_id": second.id, "respondent_id": desk.maria.id, "score": 1,
                 "comment": "", "answered_at": at},
            ],
        )  # fmt: skip
    upgrade_to_head(db)
    assert current_revision(db) == HEAD_REVISION
    assert [(q.code, v) for q, v in surveys.survey_answers(desk.uow(), desk.sofia, first.number)] == [
        ("score", "4"), ("comment", "Rápido"),
    ]  # fmt: skip
    assert [
        (q.code, v) for q, v in surveys.survey_answers(desk.uow(), desk.sofia, second.number)
    ] == [
        ("score", "1"),
    ]
    averages = surveys.survey_averages(desk.uow(), desk.admin, "area")
    assert [(a.count, a.mean) for a in averages.values()] == [(2, Decimal("2.50"))]
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT COUNT(*) FROM survey_answer")).scalar_one() == 3
    with pytest.raises(ValidationError):  # answered before: still once
        surveys.answer_survey(desk.uow(), desk.maria, first.number, score=5)


def _table(name: str, *columns: str):
    from sqlalchemy import column, table

    return table(name, *(column(c) for c in columns))
