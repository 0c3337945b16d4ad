"""surveys: the client who opened a finished case answers once; staff read the averages."""

from __future__ import annotations

from decimal import Decimal

import pytest

from deskTUI.domain.enums import LogKind
from deskTUI.domain.errors import PermissionDenied, ValidationError
from deskTUI.domain.surveys import Average
from deskTUI.services import cases, surveys, views


def _finished(desk, assignee="ana", by=None, **fields):
    case = desk.open(by=by or desk.maria, **fields)
    cases.assign_case(desk.uow(), desk.admin, case.number, assignee)
    worker = getattr(desk, assignee)
    cases.move_case(desk.uow(), worker, case.number, "in_progress")
    cases.move_case(desk.uow(), worker, case.number, "finished", solution="Listo")
    return case


def _survey_of(desk, case):
    with desk.uow() as uow:
        return uow.surveys.for_case(case.id)


def test_the_reporter_answers_the_survey_of_a_finished_case(desk):
    case = _finished(desk)
    desk.clock.advance(minutes=5)
    answer = surveys.answer_survey(desk.uow(), desk.maria, case.number, score=4, comment="Rápido")
    stored = _survey_of(desk, case)
    assert stored == answer
    assert (stored.respondent_id, stored.score, stored.comment, stored.answered_at) == (
        desk.maria.id,
        4,
        "Rápido",
        desk.clock.now,
    )
    log = views.case_detail(desk.uow(), desk.sofia, case.number).log
    assert [(e.actor_id, e.new) for e in log if e.kind is LogKind.SURVEY] == [
        (desk.maria.id, "score 4")
    ]


def test_the_survey_is_answered_only_once(desk, snapshot):
    case = _finished(desk)
    surveys.answer_survey(desk.uow(), desk.maria, case.number, score=5)
    before = snapshot(case.number)
    with pytest.raises(ValidationError) as caught:
        surveys.answer_survey(
            desk.uow(), desk.maria, case.number, score=1, comment="Cambié de idea"
        )
    assert caught.value.code == "survey.answered"
    assert snapshot(case.number) == before
    assert _survey_of(desk, case).score == 5


def test_the_survey_is_not_answered_again_after_a_reopen(desk):
    case = _finished(desk)
    surveys.answer_survey(desk.uow(), desk.maria, case.number, score=2)
    cases.move_case(desk.uow(), desk.maria, case.number, "in_progress", note="Volvió a fallar")
    cases.move_case(desk.uow(), desk.ana, case.number, "finished")
    with pytest.raises(ValidationError) as caught:
        surveys.answer_survey(desk.uow(), desk.maria, case.number, score=5)
    assert caught.value.code == "survey.answered"


def test_the_survey_opens_only_once_the_case_is_finished(desk, snapshot):
    case = desk.open(by=desk.maria)
    before = snapshot(case.number)
    with pytest.raises(ValidationError) as caught:
        surveys.answer_survey(desk.uow(), desk.maria, case.number, score=5)
    assert caught.value.code == "survey.not_finished"
    assert caught.value.params["status"] == "new"
    assert snapshot(case.number) == before
    assert _survey_of(desk, case) is None


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("jorge", "permission.denied"),
        ("gloria", "permission.not_visible"),
        ("ana", "permission.denied"),
        ("sofia", "permission.denied"),
        ("admin", "permission.denied"),
    ],
)
def test_only_the_client_who_opened_the_case_answers(desk, snapshot, who, code):
    case = _finished(desk)
    before = snapshot(case.number)
    with pytest.raises(PermissionDenied) as caught:
        surveys.answer_survey(desk.uow(), getattr(desk, who), case.number, score=5)
    assert caught.value.code == code
    assert snapshot(case.number) == before


def test_a_case_opened_by_staff_has_no_survey_to_answer(desk):
    case = _finished(desk, by=desk.sofia)
    with pytest.raises(PermissionDenied) as caught:
        surveys.answer_survey(desk.uow(), desk.maria, case.number, score=5)
    assert caught.value.code == "permission.denied"


@pytest.mark.parametrize("score", [0, 6, True])
def test_a_score_outside_one_to_five_is_refused(desk, snapshot, score):
    case = _finished(desk)
    before = snapshot(case.number)
    with pytest.raises(ValidationError) as caught:
        surveys.answer_survey(desk.uow(), desk.maria, case.number, score=score)
    assert caught.value.code == "survey.score"
    assert snapshot(case.number) == before


@pytest.fixture
def answered(desk):
    """Three answered cases: Ana 5 and 2 in Soporte, Pedro 4 in Desarrollo/Errores."""
    for assignee, category, score in (
        ("ana", "Impresoras", 5),
        ("ana", "Redes", 2),
        ("pedro", "Errores", 4),
    ):
        case = _finished(desk, assignee=assignee, category=category)
        surveys.answer_survey(desk.uow(), desk.maria, case.number, score=score)
    with desk.uow() as uow:
        ids = {a.name: a.id for a in uow.areas.list()}
        ids |= {c.name: c.id for c in uow.areas.categories()}
    return ids


def test_survey_averages_by_agent_area_and_category(desk, answered):
    assert surveys.survey_averages(desk.uow(), desk.admin, "agent") == {
        desk.ana.id: Average(2, Decimal("3.50")),
        desk.pedro.id: Average(1, Decimal("4.00")),
    }
    assert surveys.survey_averages(desk.uow(), desk.admin, "area") == {
        answered["Soporte"]: Average(2, Decimal("3.50")),
        answered["Desarrollo"]: Average(1, Decimal("4.00")),
    }
    assert surveys.survey_averages(desk.uow(), desk.admin, "category") == {
        answered["Impresoras"]: Average(1, Decimal("5.00")),
        answered["Redes"]: Average(1, Decimal("2.00")),
        answered["Errores"]: Average(1, Decimal("4.00")),
    }


@pytest.mark.parametrize("who", ["ana", "maria"])
def test_agents_and_clients_cannot_see_survey_averages(desk, answered, who):
    with pytest.raises(PermissionDenied) as caught:
        surveys.survey_averages(desk.uow(), getattr(desk, who), "agent")
    assert caught.value.code == "permission.role"


def test_averages_by_an_unknown_grouping_are_refused_as_a_domain_error(desk):
    with pytest.raises(ValidationError) as caught:
        surveys.survey_averages(desk.uow(), desk.admin, "week")  # type: ignore[arg-type]
    assert str(caught.value) == "Averages are by agent, area, category or month, not 'week'"
