"""The bounds of every figure a person types (issue 17, item 7), and displays that survive
a figure stored past them by an older version or by hand.

Money (cost per hour, quoted price): 0 to 1,000,000,000,000 with at most 4 decimals.
A contract's total: more than 0, at most 1,000,000 units, 4 decimals. An estimate or the
quoted work: at most 1,000,000 hours. Query dates: the desk's calendar, 1900-01-01 to
9998-12-31 (the day after 9999-12-31 is no date).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from deskTUI import sentences
from deskTUI.domain import quotes
from deskTUI.domain.contracts import Balance, Contract, preview_finish
from deskTUI.domain.enums import Status, TrackingUnit
from deskTUI.domain.errors import ValidationError
from deskTUI.domain.query import parse_query
from deskTUI.domain.quotes import Quote
from deskTUI.domain.timekeeping import make_entry, totals
from deskTUI.domain.values import money_display, money_text, parse_amount, rounded
from deskTUI.formats import number

from .conftest import CLIENT, PEOPLE, at, make_case

HUGE = "9" * 401
"""The 401-digit contract total the tester got accepted."""


def edit_refused(changes: dict[str, object]) -> ValidationError:
    case = make_case(Status.IN_PROGRESS)
    before = {name: getattr(case, name) for name in changes}
    with pytest.raises(ValidationError) as refused:
        case.edit(PEOPLE.supervisor, changes, at(hours=2))
    assert {name: getattr(case, name) for name in changes} == before
    assert case.pending_log == []
    return refused.value


# -- money and quantities a person types --------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ("1e26", "The cost per hour can be at most 1,000,000,000,000, not 100000000000000000000000000"),
        (HUGE, "The cost per hour can be at most 1,000,000,000,000, not a number of 401 digits"),
        ("1000000000000.01", "The cost per hour can be at most 1,000,000,000,000, not 1000000000000.01"),
        ("12.34567", "The cost per hour 12.34567 has more than 4 decimal places"),
        ("1e-40", "The cost per hour 0.0000000000000000000000000000… has more than 4 decimal places"),
    ],
    ids=["1e26", "401 digits", "a cent past", "five decimals", "forty decimals"],
)  # fmt: skip
def test_a_cost_per_hour_past_its_bounds_is_refused_with_a_sentence(raw: str, says: str) -> None:
    error = edit_refused({"cost_per_hour": raw})
    assert str(error) == says
    assert error.field == "cost_per_hour"


def test_the_largest_cost_per_hour_with_four_decimals_is_accepted() -> None:
    case = make_case(Status.IN_PROGRESS)
    case.edit(PEOPLE.supervisor, {"cost_per_hour": "999999999999.9999"}, at(hours=2))
    assert case.cost_per_hour == Decimal("999999999999.9999")


def test_the_bound_a_refusal_names_is_accepted_when_typed_back_as_written() -> None:
    """The sentence writes its bound with thousands commas: copied back, it must not read as
    a decimal comma nor be refused as ambiguous (1,000 alone still is: one or a thousand)."""
    sentence = str(edit_refused({"cost_per_hour": "1e26"}))
    bound = sentence.split("at most ")[1].split(", not")[0]
    assert bound == "1,000,000,000,000"
    case = make_case(Status.IN_PROGRESS)
    case.edit(PEOPLE.supervisor, {"cost_per_hour": bound}, at(hours=2))
    assert case.cost_per_hour == Decimal("1000000000000")
    case.edit(PEOPLE.supervisor, {"cost_per_hour": "1,234.5"}, at(hours=3))
    assert case.cost_per_hour == Decimal("1234.5")
    assert "ambiguous" in str(edit_refused({"cost_per_hour": "1,000"}))


def test_an_estimate_past_a_million_hours_is_refused() -> None:
    error = edit_refused({"estimate_minutes": 1_000_000 * 60 + 1})
    assert str(error) == "The estimate can be at most 1000000h, not 1000000h01m"


def test_a_case_stored_with_a_figure_past_the_bounds_still_loads() -> None:
    """Bounds are on what people send: a case an older version stored loads as it was."""
    case = make_case(Status.IN_PROGRESS, cost_per_hour=Decimal("1e26"), estimate_minutes=2**31 - 1)
    assert case.cost_per_hour == Decimal("1e26")


@pytest.mark.parametrize(
    ("price", "minutes", "says"),
    [
        ("1e13", 60, "The quoted price can be at most 1,000,000,000,000, not 10000000000000"),
        (HUGE, 60, "The quoted price can be at most 1,000,000,000,000, not a number of 401 digits"),
        ("0.00001", 60, "The quoted price 0.00001 has more than 4 decimal places"),
        ("10", 1_000_000 * 60 + 1, "The quoted work can be at most 1000000h, not 1000000h01m"),
    ],
    ids=["price 1e13", "price of 401 digits", "a price of five decimals", "hours"],
)  # fmt: skip
def test_a_quote_past_its_bounds_is_refused(price: str, minutes: int, says: str) -> None:
    with pytest.raises(ValidationError) as refused:
        quotes.issue(Quote(), price=price, currency="USD", minutes=minutes)
    assert str(refused.value) == says


@pytest.mark.parametrize(
    ("total", "says"),
    [
        (HUGE, "The contract total can be at most 1,000,000, not a number of 401 digits"),
        ("1000000.0001", "The contract total can be at most 1,000,000, not 1000000.0001"),
        ("1.00001", "The contract total 1.00001 has more than 4 decimal places"),
    ],
)
def test_a_contract_total_past_its_bounds_is_refused(total: str, says: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_amount(total, "contract total", most=Decimal(1_000_000))
    assert str(refused.value) == says


# -- displays that cannot die of a figure ------------------------------------------------


@pytest.mark.parametrize(
    "rate", [Decimal("1e26"), Decimal(HUGE), Decimal("1e400"), Decimal("123456789.0001")]
)
def test_the_cost_of_billable_time_shows_whatever_the_stored_rate(rate: Decimal) -> None:
    """Python's 28 digits refuse to round 1e26 to cents: the TUI's case view died of it."""
    case = make_case(Status.IN_PROGRESS, billable=True, cost_per_hour=rate)
    entry = make_entry(case_id=case.id, executor_id=PEOPLE.assignee.id, work_date=date(2026, 3, 2),
                       minutes=61, billable=True)  # fmt: skip
    figures = totals([entry], case.cost_per_hour, None)
    assert figures.cost_display == money_display(figures.cost)
    shown = money_text(figures.cost)
    assert shown == ("—" if rate >= Decimal("1e26") else "125514402.15")


def test_a_rate_written_past_every_bound_by_hand_costs_a_dash_not_an_overflow() -> None:
    """``1E+999999`` in the column: Python's Decimal overflows multiplying it by the hours."""
    case = make_case(Status.IN_PROGRESS, billable=True, cost_per_hour=Decimal("1E+999999"))
    entry = make_entry(case_id=case.id, executor_id=PEOPLE.assignee.id, work_date=date(2026, 3, 2),
                       minutes=60, billable=True)  # fmt: skip
    figures = totals([entry], case.cost_per_hour, None)
    assert figures.cost.is_infinite()
    assert (money_text(figures.cost), figures.cost_display) == ("—", figures.cost)


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (Decimal("12.345"), "12.35"),
        (Decimal("-0.005"), "-0.01"),
        (Decimal("99999999999999999999999999.99") - 1, "99999999999999999999999998.99"),
        (Decimal("1e26"), "—"),
        (Decimal("NaN"), "—"),
        (Decimal("-Infinity"), "—"),
        (None, "—"),
    ],
)
def test_money_text_is_a_figure_to_the_cent_or_a_dash(amount: Decimal | None, shown: str) -> None:
    assert money_text(amount) == shown


@pytest.mark.parametrize("value", [Decimal("1e26"), Decimal(HUGE), Decimal("-1e500")])
def test_rounding_for_display_never_raises(value: Decimal) -> None:
    assert rounded(value, Decimal("0.01")) == value
    assert rounded(Decimal("NaN"), Decimal(1)).is_nan()


def test_a_contract_stored_with_a_401_digit_total_still_says_its_balance() -> None:
    contract = Contract(CLIENT, TrackingUnit.HOURS, Decimal(HUGE), date(2026, 1, 1),
                        date(2026, 12, 31), "Bolsa", id=5)  # fmt: skip
    balance = Balance(contract, Decimal("12.5"))
    assert sentences.balance(balance).startswith(f"12.5 / {number(Decimal(HUGE))} h used, ")
    assert balance.rounded_percent == 0
    assert sentences.finish_preview(preview_finish(balance, 90)).startswith("1.5 h → 14 / ")


# -- query dates at the edges of the calendar --------------------------------------------


@pytest.mark.parametrize("key", ["created", "updated"])
@pytest.mark.parametrize("day", ["9999-12-31", "9999-01-01", "0001-01-01", "1899-12-31"])
@pytest.mark.parametrize("op", [">=", ">", "<=", "<", ""])
def test_a_query_date_outside_the_desks_calendar_is_refused(key: str, day: str, op: str) -> None:
    text = f"{key}:{op}{day}"
    with pytest.raises(ValidationError) as refused:
        parse_query(text)
    assert str(refused.value) == (
        f"In the query, {text!r}: {day} is outside the desk's calendar (1900-01-01 to 9998-12-31)"
    )


@pytest.mark.parametrize("day", ["1900-01-01", "9998-12-31"])
def test_the_first_and_last_days_of_the_calendar_are_query_dates(day: str) -> None:
    (condition,) = parse_query(f"created:>={day}").conditions
    assert condition.values == frozenset({day})
