"""Satisfaction surveys (Encuestas, seed 004): once per finished case, by its client."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from .enums import Status
from .errors import ValidationError
from .values import case_number, clean_text


@dataclass
class Survey:
    case_id: int
    respondent_id: int
    score: int
    comment: str
    answered_at: datetime
    id: int | None = None

    def __post_init__(self) -> None:
        if (
            isinstance(self.score, bool)
            or not isinstance(self.score, int)
            or not 1 <= self.score <= 5
        ):
            raise ValidationError(
                "survey.score",
                "The satisfaction score must be a whole number from 1 to 5, not {score!r}",
                score=self.score,
            )
        self.comment = clean_text(self.comment, "survey comment", max_len=5000)


def check_can_answer(case_id: int, status: Status, already_answered: bool) -> None:
    if status is not Status.FINISHED:
        raise ValidationError(
            "survey.not_finished",
            "The survey of {case} opens once the case is finished; it is {status}",
            case=case_number(case_id),
            status=status.value,
        )
    if already_answered:
        raise ValidationError(
            "survey.answered",
            "The survey of {case} was already answered",
            case=case_number(case_id),
        )


@dataclass(frozen=True)
class Average:
    count: int
    mean: Decimal
    """Rounded half-up to two decimals."""


def averages(rows: Iterable[tuple[Hashable, int]]) -> dict[Hashable, Average]:
    """Mean score per key (an agent, area, category or month)."""
    sums: dict[Hashable, list[int]] = {}
    for key, score in rows:
        sums.setdefault(key, []).append(score)
    return {
        key: Average(len(s), (Decimal(sum(s)) / len(s)).quantize(Decimal("0.01"), ROUND_HALF_UP))
        for key, s in sums.items()
    }
