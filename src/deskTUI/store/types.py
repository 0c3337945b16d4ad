"""Column types that keep the domain's exactness on every engine.

SQLite has no decimal and no time-zone-aware timestamp: a NUMERIC column
silently becomes a float, and DATETIME forgets its zone. These two types keep
money exact (text on SQLite, NUMERIC on PostgreSQL) and timestamps in UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import DateTime, Numeric, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

from .faults import damaged_value

if TYPE_CHECKING:
    # _SaysDamage is mixed into TypeDecorators (before them): the type checker reads it
    # as one, so its ``super().result_processor`` is the decorator's.
    _MixedIntoDecorator = TypeDecorator[Any]
else:
    _MixedIntoDecorator = object


class _SaysDamage(_MixedIntoDecorator):
    """A value read back that cannot be turned into its type (a byte flipped in the file)
    is reported as damage (``faults.DamagedValue``), not as a bug's ValueError."""

    what = "value"

    def result_processor(self, dialect: Dialect, coltype: Any) -> Any:
        process = super().result_processor(dialect, coltype)
        if process is None:
            return None

        def read(value: Any) -> Any:
            try:
                return process(value)
            except (ValueError, TypeError, ArithmeticError) as error:
                raise damaged_value(self.what, value) from error

        return read


class DecimalType(_SaysDamage, TypeDecorator[Decimal]):
    what = "amount"
    impl = String(40)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            # NUMERIC without a scale keeps the figure as it was given, like the text SQLite
            # keeps: 25.50 stays 25.50 and 120 stays 120 (a fixed scale pads every figure).
            return dialect.type_descriptor(Numeric())
        return dialect.type_descriptor(String(40))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        number = Decimal(value)
        return number if dialect.name == "postgresql" else format(number, "f")

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        number = Decimal(value)
        if dialect.name == "postgresql" and number.as_tuple().exponent == -OLD_SCALE:
            # A desk made before kept money in NUMERIC(24, 8), which padded every figure
            # to 8 places: its trailing zeros are dropped (the scale as typed is lost).
            text = format(number, "f").rstrip("0").rstrip(".")
            return Decimal(text)
        return number


OLD_SCALE = 8
"""The fixed scale of money on a PostgreSQL desk made before money kept its figure."""


class UtcDateTime(_SaysDamage, TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out; naive ones are refused."""

    what = "date and time"

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: store times are UTC and must be aware")
        utc = value.astimezone(UTC)
        return utc if dialect.name == "postgresql" else utc.replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
