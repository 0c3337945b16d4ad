"""What the reports' figures mean: periods, local weeks and months, medians, compliance, rounding."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from deskTUI.domain.errors import ValidationError
from deskTUI.domain.reports import (
    Compliance,
    Period,
    default_period,
    edges,
    half_up,
    hours_of,
    local_midnight,
    mean,
    median,
    minutes_of_micros,
    months,
    percent,
    period_from,
    weeks,
)

D = Decimal
MADRID = ZoneInfo("Europe/Madrid")
SANTIAGO = ZoneInfo("America/Santiago")


# -- median ---------------------------------------------------------------------------------


def test_the_median_of_an_odd_count_is_the_middle_value():
    assert median([70, 10, 30]) == 30


def test_the_median_of_an_even_count_is_the_mean_of_the_two_middle_values():
    assert median([30, 10, 70, 20]) == 25  # (20 + 30) / 2
    assert median([30, 61]) == D("45.5")


def test_no_values_have_no_median():
    assert median([]) is None


def test_the_median_of_the_middle_values_is_the_median_of_all():
    """The database hands over only the one or two middle values of a group."""
    values = [5, 1, 9, 4, 7, 3]
    ordered = sorted(values)
    assert median(ordered[2:4]) == median(values) == D("4.5")
    five = sorted(values[:5])  # 1 4 5 7 9
    assert median(five[2:3]) == median(values[:5]) == 5


def test_a_median_in_microseconds_reads_as_whole_minutes_rounded_half_up():
    assert minutes_of_micros(D("45.5") * 60_000_000) == 46
    assert minutes_of_micros(int(44.49 * 60_000_000)) == 44
    assert minutes_of_micros(None) is None


# -- rounding and compliance -------------------------------------------------------------------


def test_percentages_round_half_up_to_hundredths_and_none_of_nothing_is_no_percentage():
    assert percent(2, 3) == D("66.67")
    assert percent(1, 3) == D("33.33")
    assert percent(1, 8) == D("12.50")
    assert percent(1, 16) == D("6.25")
    assert percent(1, 1600) == D("0.06")  # 0.0625 → 0.06
    assert percent(1, 800) == D("0.13")  # 0.125 → 0.13, half up (half even would give 0.12)
    assert percent(0, 0) is None


def test_half_up_rounds_a_half_away_from_zero():
    assert half_up(D("2.345")) == D("2.35")
    assert half_up(D("2.5"), D(1)) == 3


def test_hours_are_minutes_over_sixty_to_the_hundredth():
    assert hours_of(90) == D("1.50")
    assert hours_of(1) == D("0.02")  # 0.0166… → 0.02
    assert hours_of(285) == D("4.75")


def test_a_mean_score_rounds_as_the_survey_averages_do():
    assert mean(11, 3) == D("3.67")
    assert mean(0, 0) is None


def test_compliance_adds_up_and_says_how_many_missed():
    total = Compliance(2, 1) + Compliance(4, 4)
    assert (total.decided, total.met, total.missed, total.percent) == (6, 5, 1, D("83.33"))
    assert Compliance().percent is None


# -- periods --------------------------------------------------------------------------------


def test_the_default_period_is_twelve_iso_weeks_ending_with_the_current_one():
    period = default_period(date(2026, 3, 4))  # a Wednesday of 2026-W10
    assert (period.first, period.last) == (date(2025, 12, 15), date(2026, 3, 8))
    assert period.days == 84


def test_a_period_given_by_one_end_takes_the_default_for_the_other():
    today = date(2026, 3, 4)
    assert period_from(None, None, today) == default_period(today)
    assert period_from(date(2026, 2, 1), None, today) == Period(date(2026, 2, 1), date(2026, 3, 8))
    # --to alone: the twelve weeks ending with the week of that day, from its Monday.
    assert period_from(None, date(2026, 1, 7), today) == Period(
        date(2025, 10, 20), date(2026, 1, 7)
    )


def test_moving_a_period_moves_it_by_its_own_length():
    period = Period(date(2026, 3, 2), date(2026, 3, 15))
    assert period.shifted(-1) == Period(date(2026, 2, 16), date(2026, 3, 1))
    assert period.shifted(1) == Period(date(2026, 3, 16), date(2026, 3, 29))


def test_a_period_ending_before_it_starts_or_longer_than_five_years_is_refused():
    with pytest.raises(ValidationError, match="starts on 2026-03-15, after it ends on 2026-03-02"):
        Period(date(2026, 3, 15), date(2026, 3, 2))
    with pytest.raises(ValidationError, match="longer than five years"):
        Period(date(2020, 1, 1), date(2026, 1, 1))


@pytest.mark.parametrize(
    ("period", "steps"),
    [
        (Period(date(9998, 12, 1), date(9998, 12, 31)), 1),  # lands past 9998
        (Period(date(9998, 12, 1), date(9998, 12, 31)), 400),  # past Python's year 9999
        (Period(date(1900, 1, 1), date(1900, 1, 31)), -1),
        (Period(date(1900, 1, 1), date(1900, 1, 31)), -30_000),  # before year 1
    ],
)
def test_moving_a_period_past_the_calendars_ends_is_refused_in_a_sentence(period, steps):
    with pytest.raises(ValidationError) as caught:
        period.shifted(steps)
    assert caught.value.code == "report.period_range"
    assert "must fall between 1900-01-01 and 9998-12-31" in str(caught.value)


# -- weeks and months ---------------------------------------------------------------------------


def test_weeks_across_a_year_boundary_belong_to_the_iso_year_of_their_thursday():
    found = weeks(Period(date(2025, 12, 22), date(2026, 1, 11)))
    assert [(w.label, w.first, w.last) for w in found] == [
        ("2025-W52", date(2025, 12, 22), date(2025, 12, 28)),
        ("2026-W01", date(2025, 12, 29), date(2026, 1, 4)),  # Thursday 1 January 2026
        ("2026-W02", date(2026, 1, 5), date(2026, 1, 11)),
    ]
    # 2020 had 53 ISO weeks: its last runs into 2021.
    assert [w.label for w in weeks(Period(date(2020, 12, 28), date(2021, 1, 4)))] == [
        "2020-W53",
        "2021-W01",
    ]


def test_weeks_cut_by_the_periods_edges_count_only_their_days_inside():
    found = weeks(Period(date(2026, 3, 4), date(2026, 3, 10)))
    assert [(w.label, w.first, w.last) for w in found] == [
        ("2026-W10", date(2026, 3, 4), date(2026, 3, 8)),
        ("2026-W11", date(2026, 3, 9), date(2026, 3, 10)),
    ]


def test_a_week_with_a_change_of_season_lasts_167_or_169_hours():
    spring = edges(weeks(Period(date(2026, 3, 23), date(2026, 3, 29))), MADRID)
    autumn = edges(weeks(Period(date(2026, 10, 19), date(2026, 10, 25))), MADRID)
    assert spring[1] - spring[0] == timedelta(hours=167)  # clocks forward Sunday 29 March
    assert autumn[1] - autumn[0] == timedelta(hours=169)  # clocks back Sunday 25 October
    assert spring[0] == datetime(2026, 3, 22, 23, 0, tzinfo=UTC)  # Monday 00:00 CET


def test_a_midnight_the_clocks_skip_starts_its_day_at_the_change():
    # Chile moves from 00:00 to 01:00 on Sunday 6 September 2026: that day has no
    # midnight; its first instant is 04:00 UTC (01:00 local, -03).
    assert local_midnight(date(2026, 9, 6), SANTIAGO) == datetime(2026, 9, 6, 4, tzinfo=UTC)
    assert local_midnight(date(2026, 9, 7), SANTIAGO) == datetime(2026, 9, 7, 3, tzinfo=UTC)
    # And on 5 April 2026 midnight comes twice over an hour: the day lasts 25 hours.
    day = local_midnight(date(2026, 4, 6), SANTIAGO) - local_midnight(date(2026, 4, 5), SANTIAGO)
    assert day == timedelta(hours=24)
    longer = local_midnight(date(2026, 4, 5), SANTIAGO) - local_midnight(date(2026, 4, 4), SANTIAGO)
    assert longer == timedelta(hours=25)


def test_edges_bound_each_week_by_local_midnights():
    found = weeks(Period(date(2026, 3, 2), date(2026, 3, 15)))
    assert edges(found, SANTIAGO) == [
        datetime(2026, 3, 2, 3, tzinfo=UTC),
        datetime(2026, 3, 9, 3, tzinfo=UTC),
        datetime(2026, 3, 16, 3, tzinfo=UTC),
    ]
    assert edges([], SANTIAGO) == []


def test_months_are_calendar_months_cut_to_the_period():
    found = months(Period(date(2025, 12, 15), date(2026, 2, 10)))
    assert [(m.label, m.first, m.last) for m in found] == [
        ("2025-12", date(2025, 12, 15), date(2025, 12, 31)),
        ("2026-01", date(2026, 1, 1), date(2026, 1, 31)),
        ("2026-02", date(2026, 2, 1), date(2026, 2, 10)),
    ]
