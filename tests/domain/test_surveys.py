"""Satisfaction surveys (surveys.py, DOMAIN.md "Surveys")."""

from __future__ import annotations

from decimal import Decimal

import pytest

from deskTUI.domain.enums import Status
from deskTUI.domain.errors import ValidationError
from deskTUI.domain.surveys import Average, Survey, averages, check_can_answer

from .conftest import CASE_ID, PEOPLE, at


def survey(score: object, comment: str = "Quick and kind") -> Survey:
    return Survey(CASE_ID, PEOPLE.reporter.id or 0, score, comment, at(days=2))  # type: ignore[arg-type]


@pytest.mark.parametrize("score", [1, 2, 3, 4, 5])
def test_a_score_from_1_to_5_is_accepted(score: int) -> None:
    assert survey(score).score == score


# None is a survey whose template has no scale question answered (issue 21).
@pytest.mark.parametrize("score", [0, 6, -1, True, False, "5", 4.5, 5.0])
def test_any_other_score_is_refused(score: object) -> None:
    with pytest.raises(ValidationError) as error:
        survey(score)
    assert error.value.code == "survey.score"
    assert str(error.value) == (
        f"The satisfaction score must be a whole number from 1 to 5, not {score!r}"
    )


def test_the_comment_is_optional_and_stripped() -> None:
    assert survey(5, "").comment == ""
    assert survey(4, "  Thanks!  ").comment == "Thanks!"


def test_a_comment_with_a_nul_character_is_refused() -> None:
    with pytest.raises(ValidationError) as error:
        survey(4, "ok\x00")
    assert error.value.code == "text.nul"


def test_a_finished_case_not_yet_answered_may_be_answered() -> None:
    check_can_answer(CASE_ID, Status.FINISHED, already_answered=False)


@pytest.mark.parametrize(
    "status", [s for s in Status if s is not Status.FINISHED], ids=lambda s: s.value
)
def test_only_a_finished_case_has_a_survey(status: Status) -> None:
    with pytest.raises(ValidationError) as error:
        check_can_answer(CASE_ID, status, already_answered=False)
    assert error.value.code == "survey.not_finished"
    assert str(error.value) == (
        f"The survey of CS-000042 opens once the case is finished; it is {status.value}"
    )


def test_a_survey_is_answered_once() -> None:
    with pytest.raises(ValidationError) as error:
        check_can_answer(CASE_ID, Status.FINISHED, already_answered=True)
    assert error.value.code == "survey.answered"
    assert str(error.value) == "The survey of CS-000042 was already answered"


def test_averages_per_key_are_rounded_half_up_to_two_decimals() -> None:
    rows = [
        ("alex", 5),
        ("alex", 4),
        ("alex", 4),
        ("bruno", 1),
        ("bruno", 2),
        *(("sofia", s) for s in (5, 5, 5, 4, 4, 4, 3, 3)),  # 33 / 8 = 4.125
    ]
    result = averages(rows)
    assert result == {
        "alex": Average(3, Decimal("4.33")),
        "bruno": Average(2, Decimal("1.50")),
        "sofia": Average(8, Decimal("4.13")),
    }
    assert str(result["bruno"].mean) == "1.50"


def test_averages_accept_any_hashable_key() -> None:
    result = averages([((7, "2026-03"), 3), ((7, "2026-03"), 4), ((8, "2026-03"), 5)])
    assert result[(7, "2026-03")] == Average(2, Decimal("3.50"))
    assert result[(8, "2026-03")] == Average(1, Decimal("5.00"))


def test_no_answers_give_no_averages() -> None:
    assert averages([]) == {}


def test_averages_from_the_database_s_counts_and_sums_round_half_up() -> None:
    from deskTUI.domain.surveys import averages_of

    assert averages_of([("2026-03", 8, 25), ("2026-04", 3, 10), ("empty", 0, 0)]) == {
        "2026-03": Average(8, Decimal("3.13")),  # 3.125: half up, not to even
        "2026-04": Average(3, Decimal("3.33")),
    }
