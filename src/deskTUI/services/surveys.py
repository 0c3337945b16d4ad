"""Satisfaction surveys (seed 004): the client who opened a finished case answers once."""

from __future__ import annotations

from typing import Literal

from ..domain.enums import LogKind
from ..domain.errors import ValidationError
from ..domain.people import User
from ..domain.permissions import Action, require
from ..domain.surveys import Average, Survey, averages, check_can_answer
from ..store.uow import UnitOfWork
from .common import CaseRef, acting, load_case

GROUPINGS = {"agent": "assignee_id", "area": "area_id", "category": "category_id"}


def answer_survey(
    uow: UnitOfWork, actor: User, ref: CaseRef, *, score: int, comment: str = ""
) -> Survey:
    with uow:
        actor = acting(uow, actor)
        case = load_case(uow, actor, ref, Action.ANSWER_SURVEY)
        assert case.id is not None and actor.id is not None
        check_can_answer(case.id, case.status, uow.surveys.for_case(case.id) is not None)
        now = uow.now()
        survey = uow.surveys.add(Survey(case.id, actor.id, score, comment, now))
        uow.log.record(case.id, now, actor.id, LogKind.SURVEY, new=f"score {score}")
        uow.commit()
        return survey


def survey_averages(
    uow: UnitOfWork, actor: User, by: Literal["agent", "area", "category"]
) -> dict[object, Average]:
    """Average satisfaction by agent, area or category (keys are their ids)."""
    with uow:
        actor = acting(uow, actor)
        require(actor, Action.VIEW_REPORTS)
        if by not in GROUPINGS:
            raise ValidationError(
                "survey.grouping", "Averages are by agent, area or category, not {by!r}", by=by
            )
        return averages(uow.surveys.scores_by(GROUPINGS[by]))
