"""Service contracts and their consumption ledger (contracts.py, DOMAIN.md "Hour accounting")."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from deskTUI import sentences
from deskTUI.domain.contracts import (
    Balance,
    Contract,
    LedgerEntry,
    LedgerKind,
    Level,
    balance,
    check_contract_for_case,
    outstanding_post,
    post_for_finish,
    preview_finish,
    reversal_of,
    units_for,
)
from deskTUI.domain.enums import ContractStatus, TrackingUnit
from deskTUI.domain.errors import ValidationError

from .conftest import CASE_ID, CLIENT, OTHER_CLIENT, at

EIGHT = Decimal(8)


def contract(
    unit: TrackingUnit = TrackingUnit.HOURS,
    total: object = "40",
    *,
    contract_id: int = 9,
    status: ContractStatus = ContractStatus.ACTIVE,
    name: str = "Support 2026",
) -> Contract:
    return Contract(
        client_id=CLIENT,
        unit=unit,
        total_units=total,  # type: ignore[arg-type]
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
        name=name,
        status=status,
        id=contract_id,
    )


class Ledger:
    """An in-memory ledger that gives ids the way the store does."""

    def __init__(self) -> None:
        self.entries: list[LedgerEntry] = []
        self._ids = itertools.count(1)

    def add(self, entry: LedgerEntry | None) -> LedgerEntry | None:
        if entry is None:
            return None
        stored = replace(entry, id=next(self._ids))
        self.entries.append(stored)
        return stored


# -- the contract itself --------------------------------------------------------------


def test_a_contract_reads_its_total_as_a_decimal() -> None:
    made = contract(total="40,5")
    assert made.total_units == Decimal("40.5")
    assert made.unit is TrackingUnit.HOURS


@pytest.mark.parametrize("total", ["0", 0])
def test_a_contract_of_zero_units_is_refused(total: object) -> None:
    with pytest.raises(ValidationError) as error:
        contract(total=total)
    assert error.value.code == "contract.total"
    assert str(error.value) == "A contract's total must be more than zero"


def test_a_contract_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ValidationError) as error:
        Contract(CLIENT, TrackingUnit.HOURS, Decimal(10), date(2026, 6, 1), date(2026, 5, 31))
    assert error.value.code == "contract.dates"
    assert str(error.value) == "The contract ends on 2026-05-31, before it starts on 2026-06-01"


def test_an_unnamed_contract_is_labelled_by_its_id() -> None:
    assert contract(name="").label == "contract 9"
    assert contract(name="Gold").label == "Gold"


# -- may a case use it? ------------------------------------------------------------------


def test_a_case_may_use_an_active_contract_of_its_own_client_within_its_dates() -> None:
    for day in (date(2026, 1, 1), date(2026, 7, 1), date(2026, 12, 31)):
        check_contract_for_case(contract(), CLIENT, day)


def test_a_case_may_not_use_another_clients_contract() -> None:
    with pytest.raises(ValidationError) as error:
        check_contract_for_case(contract(), OTHER_CLIENT, date(2026, 7, 1))
    assert error.value.code == "contract.other_client"
    assert str(error.value) == (
        "Support 2026 belongs to another client; a case can only use its own client's contracts"
    )


def test_a_case_may_not_use_an_inactive_contract() -> None:
    with pytest.raises(ValidationError) as error:
        check_contract_for_case(contract(status=ContractStatus.INACTIVE), CLIENT, date(2026, 7, 1))
    assert error.value.code == "contract.inactive"
    assert str(error.value) == "Support 2026 is not active and takes no cases"


@pytest.mark.parametrize("day", [date(2025, 12, 31), date(2027, 1, 1)], ids=["before", "after"])
def test_a_contract_takes_no_new_cases_outside_its_dates(day: date) -> None:
    with pytest.raises(ValidationError) as error:
        check_contract_for_case(contract(), CLIENT, day)
    assert error.value.code == "contract.outside_dates"
    assert str(error.value) == (
        f"Support 2026 runs from 2026-01-01 to 2026-12-31; on {day.isoformat()} "
        "it takes no new cases"
    )


# -- what finishing consumes -------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "minutes", "hours_per_day", "units"),
    [
        (TrackingUnit.HOURS, 195, EIGHT, Decimal("3.25")),
        (TrackingUnit.HOURS, 20, EIGHT, Decimal("0.3333")),
        (TrackingUnit.HOURS, 0, EIGHT, Decimal(0)),
        (TrackingUnit.DAYS, 480, EIGHT, Decimal(1)),
        (TrackingUnit.DAYS, 240, EIGHT, Decimal("0.5")),
        (TrackingUnit.DAYS, 360, Decimal(6), Decimal(1)),
        (TrackingUnit.DAYS, 540, Decimal("7.5"), Decimal("1.2")),
        (TrackingUnit.INCIDENTS, 195, EIGHT, Decimal(1)),
        (TrackingUnit.INCIDENTS, 5000, EIGHT, Decimal(1)),
    ],
)
def test_units_follow_the_contracts_tracking_unit(
    unit: TrackingUnit, minutes: int, hours_per_day: Decimal, units: Decimal
) -> None:
    assert units_for(unit, minutes, hours_per_day) == units


def test_days_need_a_positive_number_of_hours_per_day() -> None:
    with pytest.raises(ValidationError) as error:
        units_for(TrackingUnit.DAYS, 480, Decimal(0))
    assert error.value.code == "contract.hours_per_day"


def test_finishing_posts_the_billable_hours_of_the_case() -> None:
    post = post_for_finish(contract(), CASE_ID, 195, at(hours=5), actor_id=4)
    assert post is not None
    assert (post.contract_id, post.case_id, post.units, post.kind, post.minutes) == (
        9,
        CASE_ID,
        Decimal("3.25"),
        LedgerKind.POST,
        195,
    )
    assert (post.at, post.actor_id, post.reverses_id) == (at(hours=5), 4, None)


def test_finishing_a_days_contract_uses_eight_hours_a_day_unless_told_otherwise() -> None:
    days = contract(TrackingUnit.DAYS, "20")
    default = post_for_finish(days, CASE_ID, 600, at(hours=5), actor_id=4)
    six_hour_days = post_for_finish(days, CASE_ID, 600, at(hours=5), 4, hours_per_day=Decimal(6))
    assert default is not None and six_hour_days is not None
    assert default.units == Decimal("1.25")
    assert six_hour_days.units == Decimal("1.6667")


def test_finishing_with_no_billable_hours_posts_nothing() -> None:
    assert post_for_finish(contract(), CASE_ID, 0, at(hours=5), actor_id=4) is None


def test_finishing_an_incident_contract_posts_one_incident() -> None:
    post = post_for_finish(contract(TrackingUnit.INCIDENTS, "10"), CASE_ID, 0, at(), 4)
    assert post is not None
    assert post.units == Decimal(1)


def test_a_reversal_is_the_exact_negative_of_its_post_and_points_to_it() -> None:
    post = replace(post_for_finish(contract(), CASE_ID, 195, at(hours=5), 4), id=17)  # type: ignore[type-var]
    undo = reversal_of(post, at(days=1), actor_id=2)

    assert undo.kind is LedgerKind.REVERSAL
    assert undo.units == Decimal("-3.25")
    assert undo.minutes == -195
    assert undo.reverses_id == 17
    assert (undo.contract_id, undo.case_id, undo.at, undo.actor_id) == (9, CASE_ID, at(days=1), 2)
    assert post.units + undo.units == 0


@pytest.mark.parametrize(
    ("unit", "minutes", "units"),
    [
        (TrackingUnit.HOURS, 20, Decimal("0.3333")),
        (TrackingUnit.DAYS, 600, Decimal("1.25")),
        (TrackingUnit.INCIDENTS, 0, Decimal(1)),
    ],
)
def test_a_reversal_undoes_exactly_the_posted_units_whatever_the_unit(
    unit: TrackingUnit, minutes: int, units: Decimal
) -> None:
    post = post_for_finish(contract(unit, "10"), CASE_ID, minutes, at(), 4)
    assert post is not None
    assert post.units == units
    assert reversal_of(post, at(days=1), 2).units == -units


# -- the ledger -------------------------------------------------------------------------------


def test_the_outstanding_post_is_the_last_post_not_yet_reversed() -> None:
    ledger = Ledger()
    terms = contract()
    first = ledger.add(post_for_finish(terms, CASE_ID, 60, at(), 4))
    assert first is not None
    ledger.add(post_for_finish(terms, 43, 600, at(), 4))  # another case
    assert outstanding_post(ledger.entries, CASE_ID) == first

    ledger.add(reversal_of(first, at(hours=1), 2))
    assert outstanding_post(ledger.entries, CASE_ID) is None

    second = ledger.add(post_for_finish(terms, CASE_ID, 120, at(hours=2), 4))
    assert outstanding_post(ledger.entries, CASE_ID) == second
    assert outstanding_post(ledger.entries, 99) is None


def test_the_balance_is_the_sum_of_the_contracts_ledger_only() -> None:
    ledger = Ledger()
    terms = contract()
    ledger.add(post_for_finish(terms, CASE_ID, 180, at(), 4))
    ledger.add(post_for_finish(terms, 43, 90, at(), 4))
    ledger.add(post_for_finish(contract(contract_id=10), 44, 600, at(), 4))
    first = ledger.entries[0]
    ledger.add(reversal_of(first, at(hours=1), 2))

    result = balance(terms, ledger.entries)
    assert result.used == Decimal("1.5")
    assert result.remaining == Decimal("38.5")


def test_an_empty_ledger_uses_nothing() -> None:
    result = balance(contract(), [])
    assert result.used == 0
    assert result.level is Level.OK


@pytest.mark.parametrize(
    ("used", "level"),
    [
        ("0", Level.OK),
        ("31.99", Level.OK),
        ("32", Level.WARNING),
        ("39.99", Level.WARNING),
        ("40", Level.EXHAUSTED),
        ("40.01", Level.EXCEEDED),
        ("55", Level.EXCEEDED),
    ],
)
def test_the_level_warns_at_80_percent_and_at_100_and_shows_more_as_exceeded(
    used: str, level: Level
) -> None:
    assert Balance(contract(), Decimal(used)).level is level


def test_an_exceeded_contract_has_a_negative_remainder() -> None:
    result = Balance(contract(), Decimal(44))
    assert result.remaining == Decimal(-4)
    assert result.percent == Decimal(110)


@pytest.mark.parametrize(
    ("used", "sentence"),
    [
        ("12.5", "12.5 / 40 h used, 27.5 h left (31 %)"),
        ("34", "34 / 40 h used, 6 h left (85 %, warning)"),
        ("40", "40 / 40 h used, 0 h left (100 %, exhausted)"),
        ("44", "44 / 40 h used, -4 h left (110 %, exceeded)"),
    ],
)
def test_a_balance_reads_as_used_left_and_its_level(used: str, sentence: str) -> None:
    assert sentences.balance(Balance(contract(total="40"), Decimal(used))) == sentence


# -- the preview before finishing -------------------------------------------------------------


def test_the_preview_says_what_finishing_will_consume() -> None:
    preview = preview_finish(Balance(contract(total="40"), Decimal(34)), 195)
    assert preview.units == Decimal("3.25")
    assert preview.after.used == Decimal("37.25")
    assert sentences.finish_preview(preview) == "3.25 h → 37.25 / 40 h, 93 %"


def test_the_preview_of_a_days_contract_speaks_in_days() -> None:
    preview = preview_finish(Balance(contract(TrackingUnit.DAYS, "10"), Decimal(7)), 720)
    assert sentences.finish_preview(preview) == "1.5 d → 8.5 / 10 d, 85 %"


def test_the_preview_of_an_incident_contract_counts_one_incident() -> None:
    preview = preview_finish(Balance(contract(TrackingUnit.INCIDENTS, "12"), Decimal(11)), 30)
    assert sentences.finish_preview(preview) == "1 incident → 12 / 12 incidents, 100 %"
    assert preview.after.level is Level.EXHAUSTED


# -- the vtiger drift scenario ------------------------------------------------------------------


def test_a_reopen_reverses_what_was_posted_not_the_cases_current_hours() -> None:
    """vtiger subtracts the case's current hours on reopen and drifts; the ledger does not."""
    terms = contract()
    ledger = Ledger()

    # Finished with 3 billable hours: 3 h are posted.
    ledger.add(post_for_finish(terms, CASE_ID, 180, at(hours=5), actor_id=4))
    assert balance(terms, ledger.entries).used == Decimal(3)

    # Later the time entries are corrected to 5 h; then the case is reopened.
    billable_minutes_now = 300
    posted = outstanding_post(ledger.entries, CASE_ID)
    assert posted is not None
    undo = ledger.add(reversal_of(posted, at(days=1), actor_id=2))
    assert undo is not None
    assert undo.units == Decimal(-3)
    assert balance(terms, ledger.entries).used == Decimal(0)

    # Finished again: the new figure is posted once.
    ledger.add(post_for_finish(terms, CASE_ID, billable_minutes_now, at(days=2), actor_id=4))
    assert balance(terms, ledger.entries).used == Decimal(5)
    assert outstanding_post(ledger.entries, CASE_ID).units == Decimal(5)  # type: ignore[union-attr]


def test_the_outstanding_post_is_found_in_a_one_shot_iterable() -> None:
    ledger = Ledger()
    post = ledger.add(post_for_finish(contract(), CASE_ID, 180, at(), 4))
    assert outstanding_post(iter(ledger.entries), CASE_ID) == post
