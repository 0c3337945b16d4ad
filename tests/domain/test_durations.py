"""Durations as people type them (durations.py): always whole minutes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deskTUI.domain.durations import format_minutes, hours, parse_duration
from deskTUI.domain.errors import ValidationError


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("1h30m", 90),
        ("1h30", 90),
        ("1h 30m", 90),
        ("1H30M", 90),
        ("1:30", 90),
        ("0:45", 45),
        ("10:05", 605),
        ("90m", 90),
        ("90 min", 90),
        ("45min", 45),
        ("1.5", 90),
        ("1,5", 90),
        ("2.25", 135),
        ("3", 180),
        ("2h", 120),
        ("1.5h", 90),
        ("1,25 h", 75),
        ("  2h  ", 120),
        ("24h", 1440),
    ],
)
def test_a_typed_duration_means_whole_minutes(text: str, minutes: int) -> None:
    assert parse_duration(text) == minutes


@pytest.mark.parametrize(
    "text",
    ["", "   ", "abc", "h", "m", "1:60", "1:5", "1h60", "-1h", "-30m", "1.5m", "90s", "1h30m15s"],
)
def test_a_string_that_is_not_a_duration_is_refused_with_examples(text: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_duration(text)
    assert refused.value.code == "duration.invalid"
    assert str(refused.value) == (
        f"{text!r} is not a duration: write 1h30m, 1:30, 90m or 1.5 (hours)"
    )


@pytest.mark.parametrize("text", ["0.01", "1.51", "0,333h", "1.001h30m"])
def test_a_duration_that_is_not_a_whole_number_of_minutes_is_refused(text: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_duration(text)
    assert refused.value.code == "duration.fraction"
    assert str(refused.value) == f"{text!r} is not a whole number of minutes"


def test_none_is_refused_like_an_empty_duration() -> None:
    with pytest.raises(ValidationError) as refused:
        parse_duration(None)  # type: ignore[arg-type]
    assert refused.value.code == "duration.invalid"


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(0, "0m"), (45, "45m"), (60, "1h"), (90, "1h30m"), (125, "2h05m"), (-90, "-1h30m")],
)
def test_minutes_are_shown_as_hours_and_minutes(minutes: int, text: str) -> None:
    assert format_minutes(minutes) == text


@given(st.integers(min_value=1, max_value=10_000))
def test_a_formatted_duration_reads_back_as_the_same_minutes(minutes: int) -> None:
    assert parse_duration(format_minutes(minutes)) == minutes


def test_hours_of_minutes_are_exact() -> None:
    assert hours(90) == Decimal("1.5")
    assert hours(20) == Decimal(1) / Decimal(3)
    assert isinstance(hours(20), Decimal)


def test_whole_minutes_round_down_as_every_clock_of_the_desk_counts_them():
    from datetime import timedelta

    from deskTUI.domain.durations import whole_minutes

    assert whole_minutes(timedelta(seconds=59)) == 0
    assert whole_minutes(timedelta(minutes=90, seconds=59)) == 90
    assert whole_minutes(timedelta(seconds=-30)) == -1  # a deadline half a minute past
    assert whole_minutes(timedelta(days=-1)) == -1440
