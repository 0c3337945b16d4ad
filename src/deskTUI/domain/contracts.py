"""Service contracts (Póliza) and their consumption ledger.

Consumption is a ledger, never a counter: finishing a billable case posts an
entry; reopening posts the exact reversal of the entry last posted for that
case; used units are the sum of the ledger. So a case is counted once however
often it is reopened, and later edits cannot make the total drift.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from .enums import ContractStatus, TrackingUnit
from .errors import ValidationError
from .marks import N_
from .values import clean_text, parse_decimal, rounded

UNIT_QUANTUM = Decimal("0.0001")
"""Ledger figures are kept to 1/10,000 of a unit: exact enough, and finite."""

DEFAULT_HOURS_PER_DAY = Decimal(8)


@dataclass
class Contract:
    client_id: int
    unit: TrackingUnit
    total_units: Decimal
    start: date
    end: date
    name: str = ""
    status: ContractStatus = ContractStatus.ACTIVE
    id: int | None = None

    def __post_init__(self) -> None:
        self.unit = TrackingUnit(self.unit)
        self.status = ContractStatus(self.status)
        self.total_units = parse_decimal(self.total_units, N_("contract total"))
        if self.total_units <= 0:
            raise ValidationError("contract.total", "A contract's total must be more than zero")
        if self.end < self.start:
            raise ValidationError(
                "contract.dates",
                "The contract ends on {end}, before it starts on {start}",
                end=self.end.isoformat(),
                start=self.start.isoformat(),
            )
        self.name = clean_text(self.name, N_("contract name"), max_len=120)

    @property
    def label(self) -> str:
        return self.name or f"contract {self.id}"

    def takes_cases_on(self, day: date) -> bool:
        return self.status is ContractStatus.ACTIVE and self.start <= day <= self.end


def check_contract_for_case(contract: Contract, client_id: int, today: date) -> None:
    """A case may reference a valid contract of its own client only."""
    if contract.client_id != client_id:
        raise ValidationError(
            "contract.other_client",
            "{contract} belongs to another client; a case can only use its own client's contracts",
            contract=contract.label,
        )
    if contract.status is not ContractStatus.ACTIVE:
        raise ValidationError(
            "contract.inactive",
            "{contract} is not active and takes no cases",
            contract=contract.label,
        )
    if not contract.takes_cases_on(today):
        raise ValidationError(
            "contract.outside_dates",
            "{contract} runs from {start} to {end}; on {today} it takes no new cases",
            contract=contract.label,
            start=contract.start.isoformat(),
            end=contract.end.isoformat(),
            today=today.isoformat(),
        )


class LedgerKind(StrEnum):
    POST = "post"
    REVERSAL = "reversal"


@dataclass(frozen=True)
class LedgerEntry:
    contract_id: int
    case_id: int
    units: Decimal
    kind: LedgerKind
    at: datetime
    actor_id: int | None
    minutes: int = 0
    """The billable minutes behind a post (kept for people reading the ledger)."""
    reverses_id: int | None = None
    id: int | None = None


def units_for(unit: TrackingUnit, billable_minutes: int, hours_per_day: Decimal) -> Decimal:
    """What finishing a case consumes, by the contract's tracking unit."""
    if unit is TrackingUnit.INCIDENTS:
        return Decimal(1)
    hours = Decimal(billable_minutes) / 60
    if unit is TrackingUnit.DAYS:
        if hours_per_day <= 0:
            raise ValidationError("contract.hours_per_day", "Hours per day must be more than zero")
        hours = hours / hours_per_day
    return hours.quantize(UNIT_QUANTUM, rounding=ROUND_HALF_UP)


def post_for_finish(
    contract: Contract,
    case_id: int,
    billable_minutes: int,
    at: datetime,
    actor_id: int | None,
    hours_per_day: Decimal = DEFAULT_HOURS_PER_DAY,
) -> LedgerEntry | None:
    """The entry finishing a case posts, or None when it consumes nothing."""
    assert contract.id is not None
    units = units_for(contract.unit, billable_minutes, hours_per_day)
    if units == 0:
        return None
    return LedgerEntry(
        contract_id=contract.id,
        case_id=case_id,
        units=units,
        kind=LedgerKind.POST,
        at=at,
        actor_id=actor_id,
        minutes=billable_minutes,
    )


def outstanding_post(entries: Iterable[LedgerEntry], case_id: int) -> LedgerEntry | None:
    """The case's last post that no reversal has undone yet."""
    entries = list(entries)  # read twice below: a generator would be empty the second time
    reversed_ids = {e.reverses_id for e in entries if e.kind is LedgerKind.REVERSAL}
    posts = [
        e
        for e in entries
        if e.case_id == case_id and e.kind is LedgerKind.POST and e.id not in reversed_ids
    ]
    return posts[-1] if posts else None


def reversal_of(post: LedgerEntry, at: datetime, actor_id: int | None) -> LedgerEntry:
    """The exact negative of ``post``: not the case's current hours, which may have changed."""
    return LedgerEntry(
        contract_id=post.contract_id,
        case_id=post.case_id,
        units=-post.units,
        kind=LedgerKind.REVERSAL,
        at=at,
        actor_id=actor_id,
        minutes=-post.minutes,
        reverses_id=post.id,
    )


class Level(StrEnum):
    OK = "ok"
    WARNING = "warning"
    """80 % or more used."""
    EXHAUSTED = "exhausted"
    """Exactly 100 % used."""
    EXCEEDED = "exceeded"
    """Over 100 %: a warning, not a block."""


@dataclass(frozen=True)
class Balance:
    contract: Contract
    used: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.contract.total_units - self.used

    @property
    def percent(self) -> Decimal:
        return self.used * 100 / self.contract.total_units

    @property
    def rounded_percent(self) -> Decimal:
        """The percent used as people read it: a whole number, half up."""
        return rounded(self.percent, Decimal(1))

    @property
    def shown(self) -> tuple[str, str, str]:
        """Total, used and left as people read them (:func:`units_text`): left is the
        difference of the two figures shown, so the three always add up on screen."""
        total, used = rounded_units(self.contract.total_units), rounded_units(self.used)
        return units_text(total), units_text(used), units_text(total - used)

    @property
    def level(self) -> Level:
        if self.percent > 100:
            return Level.EXCEEDED
        if self.percent == 100:
            return Level.EXHAUSTED
        if self.percent >= 80:
            return Level.WARNING
        return Level.OK


def balance(contract: Contract, ledger: Iterable[LedgerEntry]) -> Balance:
    """Used units are the sum of the ledger: nothing else."""
    used = sum((e.units for e in ledger if e.contract_id == contract.id), Decimal(0))
    return Balance(contract, used)


UNITS_SHOWN = Decimal("0.01")
"""Units are kept to 1/10,000 (UNIT_QUANTUM) and shown to people to 1/100: a day contract's
45 minutes are 0.0938 d in the ledger and ``0.09`` on screen (the post's billable minutes
say the rest); ``--json`` keeps every digit."""


def rounded_units(value: Decimal) -> Decimal:
    """``value`` half up to :data:`UNITS_SHOWN`."""
    return rounded(value, UNITS_SHOWN)


def units_text(value: Decimal, *, signed: bool = False) -> str:
    """Units as people read them: at most 2 decimals, half up, no trailing zeros
    (``2.5627`` → ``2.56``, ``19.50`` → ``19.5``, ``20`` → ``20``; a figure under 0.005 but
    not zero, ``<0.01``); ``signed`` for a ledger line (``+0.09``, ``-1.5``)."""
    text = f"{rounded_units(value):f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    if text in ("-0", "0") and value.is_finite() and value != 0:
        # A minute of a day contract (0.0021 d) is not nothing: say it is under a hundredth.
        return "<0.01" if value > 0 else ">-0.01"
    return f"+{text}" if signed and not text.startswith("-") else text


@dataclass(frozen=True)
class Preview:
    """What finishing a case will consume, shown before the operator finishes it."""

    balance: Balance
    units: Decimal
    billable_minutes: int

    @property
    def after(self) -> Balance:
        return Balance(self.balance.contract, self.balance.used + self.units)


def preview_finish(
    balance_now: Balance, billable_minutes: int, hours_per_day: Decimal = DEFAULT_HOURS_PER_DAY
) -> Preview:
    units = units_for(balance_now.contract.unit, billable_minutes, hours_per_day)
    return Preview(balance_now, units, billable_minutes)


__all__ = [
    "Balance",
    "Contract",
    "LedgerEntry",
    "LedgerKind",
    "Level",
    "Preview",
    "balance",
    "check_contract_for_case",
    "outstanding_post",
    "post_for_finish",
    "preview_finish",
    "reversal_of",
    "rounded_units",
    "units_for",
    "units_text",
]
