"""Satisfaction surveys (seed 004): the client who opened a finished case answers once.

Finishing such a case offers the survey (a notification of kind ``survey``, once
per case: ``cases.move_case``); answering it marks that offer read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from ..domain.enums import LogKind, Status
from ..domain.errors import ValidationError
from ..domain.people import User
from ..domain.permissions import Action, can, may_ever, report_areas, require
from ..domain.survey_templates import Question, QuestionKind, check_answers, headline
from ..domain.surveys import Average, Survey, averages_of, check_can_answer
from ..store.uow import UnitOfWork
from .common import CaseRef, acting, load_case

GROUPINGS = {"agent": "assignee_id", "area": "area_id", "category": "category_id", "month": "month"}
"""What averages are grouped by, and the column that says it (month: the answer's
UTC year-month, ``domain.surveys.MONTH_FORMAT``)."""

Grouping = Literal["agent", "area", "category", "month"]


def answer_survey(
    uow: UnitOfWork,
    actor: User,
    ref: CaseRef,
    *,
    answers: Mapping[int, object] | None = None,
    score: int | None = None,
    comment: str = "",
) -> Survey:
    """Answer the survey of a finished case: ``answers`` by question position (1, 2 ...)
    of the case's category's template, as typed (``"4"``, ``"yes"``, an option or its
    number, text). Without them, ``score`` and ``comment`` answer the template's first
    scale and free-text questions (the survey of before templates: ``case survey``)."""
    with uow:
        actor = acting(uow, actor)
        case = load_case(uow, actor, ref, Action.ANSWER_SURVEY)
        assert case.id is not None and actor.id is not None
        check_can_answer(case.id, case.status, uow.surveys.for_case(case.id) is not None)
        template = uow.survey_templates.for_category(case.category_id)
        assert template.id is not None
        if answers is None:
            answers = _by_kind(template.questions, score, comment)
        given = check_answers(template.questions, answers)
        headline_score, headline_comment = headline(template.questions, given)
        now = uow.now()
        survey = uow.surveys.add(
            Survey(
                case.id,
                actor.id,
                headline_score,
                headline_comment,
                now,
                template_id=template.id,
            )
        )
        uow.survey_templates.add_answers(case.id, given)
        said = f"score {headline_score}" if headline_score is not None else "answered"
        uow.log.record(case.id, now, actor.id, LogKind.SURVEY, new=said)
        # Answered, from the dialog, the case or the shell: the offer is no longer news.
        uow.notifications.mark_read(actor.id, now, case_id=case.id, kind="survey")
        uow.commit()
        return survey


def _by_kind(questions: list[Question], score: int | None, comment: str) -> dict[int, object]:
    """The score to the first scale question, the comment to the first free text."""
    found: dict[int, object] = {}
    for kind, value in ((QuestionKind.SCALE, score), (QuestionKind.TEXT, comment)):
        first = next((q for q in questions if q.kind is kind), None)
        if first is not None and value is not None:
            found[first.position] = value
    return found


def survey_questions(uow: UnitOfWork, actor: User, ref: CaseRef) -> list[Question]:
    """The questions the survey of that case asks, in order (its category's template or
    the default one), for the dialog and ``survey answer``."""
    with uow:
        actor = acting(uow, actor)
        case = load_case(uow, actor, ref, Action.ANSWER_SURVEY)
        return uow.survey_templates.for_category(case.category_id).questions


def survey_answers(uow: UnitOfWork, actor: User, ref: CaseRef) -> list[tuple[Question, str]]:
    """The answered survey of a case, question by question (the questions answered), for
    whoever sees the case; empty when it was not answered."""
    with uow:
        actor = acting(uow, actor)
        case = load_case(uow, actor, ref, Action.VIEW_CASE)
        assert case.id is not None
        return answers_of(uow, case.id)


def answers_of(uow: UnitOfWork, case_id: int) -> list[tuple[Question, str]]:
    """A case's answered survey, question by question, inside ``uow`` (the caller has
    checked the actor sees the case); empty when it was not answered."""
    survey = uow.surveys.for_case(case_id)
    if survey is None or survey.template_id is None:
        return []
    questions = {q.id: q for q in uow.survey_templates.get(survey.template_id).questions}
    return [
        (questions[a.question_id], a.value)
        for a in uow.survey_templates.answers(case_id)
        if a.question_id in questions
    ]


@dataclass(frozen=True)
class SurveyOffer:
    """A survey the client was offered and has neither answered nor dismissed."""

    notification_id: int | None
    """The unread offer in the inbox (None once it was read or dismissed)."""
    case_id: int
    number: str
    title: str
    questions: tuple[Question, ...] = ()
    """What its survey asks, in order (the dialog asks them without reading the desk)."""


def pending_offer(uow: UnitOfWork, actor: User) -> SurveyOffer | None:
    """The newest unread survey offer the actor can still answer (a client's), if any.

    An offer whose case was reopened waits: it comes back when the case is finished
    again (the offer is not made twice, so it is the same one)."""
    with uow:
        actor = acting(uow, actor)
        if not may_ever(actor, Action.ANSWER_SURVEY):  # staff are offered no survey
            return None
        assert actor.id is not None
        for row in uow.notifications.for_user(actor.id, unread_only=True, kind="survey"):
            if row.case_id is None or not uow.cases.exists(row.case_id):
                continue
            case = uow.cases.get(row.case_id)
            if (
                case.status is Status.FINISHED
                and can(actor, Action.ANSWER_SURVEY, case)
                and uow.surveys.for_case(row.case_id) is None
            ):
                asked = uow.survey_templates.for_category(case.category_id).questions
                return SurveyOffer(row.id, row.case_id, case.number, case.title, tuple(asked))
        return None


def survey_to_answer(uow: UnitOfWork, actor: User, ref: CaseRef) -> SurveyOffer:
    """The survey of that case, if the actor may answer it now (the case's `y` key); else
    the sentence answering it would get (not theirs, not finished, already answered)."""
    with uow:
        actor = acting(uow, actor)
        case = load_case(uow, actor, ref, Action.ANSWER_SURVEY)
        assert case.id is not None and actor.id is not None
        check_can_answer(case.id, case.status, uow.surveys.for_case(case.id) is not None)
        offers = uow.notifications.for_user(actor.id, unread_only=True, kind="survey")
        offer = next((o.id for o in offers if o.case_id == case.id), None)
        asked = uow.survey_templates.for_category(case.category_id).questions
        return SurveyOffer(offer, case.id, case.number, case.title, tuple(asked))


def survey_averages(uow: UnitOfWork, actor: User, by: Grouping) -> dict[object, Average]:
    """Average satisfaction by agent, area or category (keys are their ids; an unassigned
    case's key is None) or month (``"2026-03"``, UTC). A supervisor's figures count only
    their areas' cases, an admin's every case. Added up in the database."""
    with uow:
        actor = acting(uow, actor)
        require(actor, Action.VIEW_REPORTS)
        if by not in GROUPINGS:
            raise ValidationError(
                "survey.grouping",
                "Averages are by agent, area, category or month, not {by!r}",
                by=by,
            )
        areas = report_areas(actor)
        return averages_of(uow.surveys.totals_by(GROUPINGS[by], areas))
