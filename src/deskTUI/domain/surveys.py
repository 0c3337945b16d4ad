"""Satisfaction surveys (Encuestas, seed 004): once per finished case, by its client."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from .enums import Role, Status
from .errors import ValidationError
from .marks import N_, code
from .permissions import Action, CaseRef, can
from .values import case_number, clean_text

if TYPE_CHECKING:
    from .people import User

MONTH_FORMAT = "YYYY-MM"
"""Averages by month are keyed ``"2026-03"``: the year and month of the answer in UTC
(every operator's reports agree, whatever their zone; an answer in the last hours of a
month west of Greenwich counts in the next one)."""


@dataclass
class Survey:
    case_id: int
    respondent_id: int
    score: int | None
    """The satisfaction score: the first scale answer of the survey's template (None for
    a template without one answered; ``domain.survey_templates.headline``)."""
    comment: str
    answered_at: datetime
    id: int | None = None
    template_id: int | None = None
    """The template answered (None only before it is stored: the service fills it)."""

    def __post_init__(self) -> None:
        if self.score is not None and (
            isinstance(self.score, bool)
            or not isinstance(self.score, int)
            or not 1 <= self.score <= 5
        ):
            raise ValidationError(
                "survey.score",
                "The satisfaction score must be a whole number from 1 to 5, not {score!r}",
                score=self.score,
            )
        self.comment = clean_text(self.comment, N_("survey comment"), max_len=5000)


def check_can_answer(case_id: int, status: Status, already_answered: bool) -> None:
    if status is not Status.FINISHED:
        raise ValidationError(
            "survey.not_finished",
            "The survey of {case} opens once the case is finished; it is {status}",
            case=case_number(case_id),
            status=code(status),
        )
    if already_answered:
        raise ValidationError(
            "survey.answered",
            "The survey of {case} was already answered",
            case=case_number(case_id),
        )


def offers_survey(case: CaseRef, status: Status, reporter: User | None) -> bool:
    """Whether finishing ``case`` offers its survey: it is finished and was opened by a
    client user who may still answer it (active, still of the case's account)."""
    return (
        status is Status.FINISHED
        and reporter is not None
        and reporter.role is Role.CLIENT
        and can(reporter, Action.ANSWER_SURVEY, case)
    )


@dataclass(frozen=True)
class Average:
    count: int
    mean: Decimal
    """Rounded half-up to two decimals."""

    @classmethod
    def of(cls, count: int, total: int) -> Average:
        """The average of ``count`` scores that add up to ``total``."""
        return cls(count, (Decimal(total) / count).quantize(Decimal("0.01"), ROUND_HALF_UP))


def averages(rows: Iterable[tuple[Hashable, int]]) -> dict[Hashable, Average]:
    """Mean score per key (an agent, area, category or month)."""
    sums: dict[Hashable, list[int]] = {}
    for key, score in rows:
        sums.setdefault(key, []).append(score)
    return {key: Average.of(len(s), sum(s)) for key, s in sums.items()}


def averages_of(totals: Iterable[tuple[Hashable, int, int]]) -> dict[Hashable, Average]:
    """Mean score per key from (key, count, total) rows, as SQL's GROUP BY gives them."""
    return {key: Average.of(count, total) for key, count, total in totals if count}
