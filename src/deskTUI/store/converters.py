"""Table rows ↔ domain objects. The only place that knows both shapes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from decimal import Decimal
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

from ..domain.case import Case
from ..domain.contracts import LedgerEntry, LedgerKind
from ..domain.enums import LogKind, PaymentStatus, QuoteStatus, Status
from ..domain.errors import ValidationError
from ..domain.grants import Grant
from ..domain.log import LogEntry
from ..domain.people import User, known_language
from ..domain.quotes import Quote
from .faults import damaged_value
from .tables import (
    CaseRow,
    LedgerRow,
    LogRow,
    UserRow,
)

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

E4 = Decimal(10_000)
T = TypeVar("T", bound="DataclassInstance")
"""A domain dataclass (``from_row`` reads its fields)."""
R = TypeVar("R")

# Case fields whose column has another name, and fields that are not columns.
_CASE_RENAMED = {"group": "group_name"}
_CASE_NOT_COLUMNS = {"quote", "pending_log"}
CASE_COLUMNS: dict[str, str] = {
    f.name: _CASE_RENAMED.get(f.name, f.name)
    for f in fields(Case)
    if f.name not in _CASE_NOT_COLUMNS
}


def _value(value: Any) -> Any:
    """Enums are stored as their codes."""
    return getattr(value, "value", value)


def case_to_row_values(case: Case) -> dict[str, Any]:
    values = {column: _value(getattr(case, name)) for name, column in CASE_COLUMNS.items()}
    quote = case.quote
    values.update(
        quote_status=quote.status.value,
        quote_price=quote.price,
        quote_currency=quote.currency,
        quote_minutes=quote.minutes,
        quote_message=quote.message,
        payment_status=quote.payment.value,
        quote_decided_by=quote.decided_by,
        quote_decided_at=quote.decided_at,
    )
    return values


def _reads(what: str) -> Callable[[Callable[[Any], R]], Callable[[Any], R]]:
    """A row whose codes deskTUI never writes (a status that is no status, a NULL where an
    enum belongs: a damaged file) is reported as damage, not as a bug's ValueError; so is
    a value the domain refuses to load (a progress of 101 written by hand), which said
    'The progress must be from 0 to 100, not 101' as if the operator had typed it."""

    def wrap(convert: Callable[[Any], R]) -> Callable[[Any], R]:
        @wraps(convert)
        def read(row: Any) -> R:
            try:
                return convert(row)
            except (ValueError, ValidationError) as error:
                raise damaged_value(what, getattr(row, "id", "?")) from error

        return read

    return wrap


@_reads("case")
def case_from_row(row: CaseRow) -> Case:
    kwargs = {name: getattr(row, column) for name, column in CASE_COLUMNS.items()}
    kwargs["quote"] = Quote(
        status=QuoteStatus(row.quote_status),
        price=row.quote_price,
        currency=row.quote_currency,
        minutes=row.quote_minutes,
        message=row.quote_message,
        payment=PaymentStatus(row.payment_status),
        decided_by=row.quote_decided_by,
        decided_at=row.quote_decided_at,
    )
    return Case(**kwargs)


def to_values(
    item: Any, renamed: dict[str, str] | None = None, skip: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """A domain dataclass as column values: enums as codes, ``id`` left to the database."""
    renamed = renamed or {}
    return {
        renamed.get(f.name, f.name): _value(getattr(item, f.name))
        for f in fields(item)
        if f.name != "id" and f.name not in skip
    }


def from_row(cls: type[T], row: Any, renamed: dict[str, str] | None = None, **extra: Any) -> T:
    """A domain dataclass from a row; its own ``__post_init__`` turns codes back into enums."""
    renamed = renamed or {}
    names = [f.name for f in fields(cls) if f.name not in extra]
    try:
        return cls(**{name: getattr(row, renamed.get(name, name)) for name in names}, **extra)
    except ValueError as error:  # a code no deskTUI writes (a NULL for an enum): damage
        raise damaged_value(cls.__name__, getattr(row, "id", "?")) from error


TIMED = {"start": "start_at", "end": "end_at"}
"""Time entries and events call their instants start/end; the columns say start_at/end_at."""
USER_SKIP = frozenset({"area_ids", "grants", "contact_id"})


def user_from_row(row: UserRow, area_ids: frozenset[int], grants: tuple[Grant, ...] = ()) -> User:
    return from_row(
        User,
        row,
        area_ids=area_ids,
        language=known_language(row.language),
        grants=grants,
        contact_id=None,  # the intake's to say, never stored with the user
    )


def user_to_row_values(user: User) -> dict[str, Any]:
    return to_values(user, skip=USER_SKIP)


@_reads("ledger entry")
def ledger_from_row(row: LedgerRow) -> LedgerEntry:
    return LedgerEntry(
        id=row.id,
        contract_id=row.contract_id,
        case_id=row.case_id,
        units=Decimal(row.units_e4) / E4,
        kind=LedgerKind(row.kind),
        at=row.at,
        actor_id=row.actor_id,
        minutes=row.minutes,
        reverses_id=row.reverses_id,
    )


def ledger_to_row(entry: LedgerEntry) -> LedgerRow:
    scaled = entry.units * E4
    if scaled != scaled.to_integral_value():
        raise ValueError(f"ledger units {entry.units} finer than 1/10,000")
    return LedgerRow(
        contract_id=entry.contract_id,
        case_id=entry.case_id,
        units_e4=int(scaled),
        minutes=entry.minutes,
        kind=entry.kind.value,
        at=entry.at,
        actor_id=entry.actor_id,
        reverses_id=entry.reverses_id,
    )


@_reads("log entry")
def log_from_row(row: LogRow) -> LogEntry:
    return LogEntry(
        id=row.id,
        case_id=row.case_id,
        at=row.at,
        actor_id=row.actor_id,
        kind=LogKind(row.kind),
        field=row.field,
        old=row.old,
        new=row.new,
        from_status=Status(row.from_status) if row.from_status else None,
        to_status=Status(row.to_status) if row.to_status else None,
        note=row.note,
    )


def log_to_row(entry: LogEntry, case_id: int | None) -> LogRow:
    return LogRow(**log_to_values(entry, case_id))


def log_to_values(entry: LogEntry, case_id: int | None) -> dict[str, Any]:
    """A history entry's column values (a bulk insert's row: no ORM object per entry)."""
    return {
        "case_id": case_id,
        "at": entry.at,
        "actor_id": entry.actor_id,
        "kind": entry.kind.value,
        "field": entry.field,
        "old": entry.old,
        "new": entry.new,
        "from_status": entry.from_status.value if entry.from_status else None,
        "to_status": entry.to_status.value if entry.to_status else None,
        "note": entry.note,
    }
