"""Durations as people type them, always kept as whole minutes.

``1h30m``, ``1h 30m``, ``1:30`` and ``90m`` all mean 90 minutes. A bare number
is hours, as in most time sheets (``1.5`` → 90 minutes, ``3`` → 180 minutes).
"""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from .errors import ValidationError
from .values import GROUPED, INT_MAX

MINUTES_PER_DAY = 24 * 60

_CLOCK = re.compile(r"^(\d{1,3}):([0-5]\d)$")
_UNITS = re.compile(r"^(?:(\d+(?:[.,]\d+)?)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?$", re.IGNORECASE)
_HOURS_MINUTES = re.compile(r"^(\d+)\s*h\s*([0-5]?\d)$", re.IGNORECASE)
"""``1h30``: the minutes' ``m`` left off, as people often type it."""
_HOURS = re.compile(r"^\d+(?:[.,]\d+)?$")


def _invalid(text: str) -> ValidationError:
    return ValidationError(
        "duration.invalid",
        "{text!r} is not a duration: write 1h30m, 1:30, 90m or 1.5 (hours)",
        text=text,
    )


def _hours_to_minutes(hours: str, text: str) -> int:
    if GROUPED.match(hours):  # '1,000' hours: a thousand, or 1.000 (one hour)?
        raise ValidationError(
            "duration.ambiguous",
            "{text!r} is ambiguous: its comma could group thousands or mark decimals; "
            "write {whole} or {decimal}",
            text=text,
            whole=hours.replace(",", ""),
            decimal=hours.replace(",", "."),
        )
    try:
        minutes = Decimal(hours.replace(",", ".")) * 60
    except InvalidOperation:
        raise _invalid(text) from None
    if minutes != minutes.to_integral_value():
        raise ValidationError(
            "duration.fraction",
            "{text!r} is not a whole number of minutes",
            text=text,
        )
    return int(minutes)


def parse_duration(text: str) -> int:
    """Minutes in a duration typed by a person; raises ValidationError otherwise."""
    minutes = _minutes(text)
    if minutes > INT_MAX:
        raise ValidationError(
            "duration.too_long",
            "{text!r} is longer than a desk can store: at most {most}",
            text=text,
            most=format_minutes(INT_MAX),
        )
    return minutes


def _minutes(text: str) -> int:
    raw = (text or "").strip()
    if not raw:
        raise _invalid(text)
    if clock := _CLOCK.match(raw):
        return int(clock.group(1)) * 60 + int(clock.group(2))
    if _HOURS.match(raw):
        return _hours_to_minutes(raw, text)
    if short := _HOURS_MINUTES.match(raw):
        return int(short.group(1)) * 60 + int(short.group(2))
    units = _UNITS.match(raw)
    if not units or not (units.group(1) or units.group(2)):
        raise _invalid(text)
    minutes = _hours_to_minutes(units.group(1), text) if units.group(1) else 0
    return minutes + (int(units.group(2)) if units.group(2) else 0)


def format_minutes(minutes: int) -> str:
    """90 → ``1h30m``; 60 → ``1h``; 45 → ``45m``; negative keeps its sign."""
    sign = "-" if minutes < 0 else ""
    hours, rest = divmod(abs(minutes), 60)
    if hours and rest:
        return f"{sign}{hours}h{rest:02d}m"
    if hours:
        return f"{sign}{hours}h"
    return f"{sign}{rest}m"


def whole_minutes(delta: timedelta) -> int:
    """The whole minutes of a span of time, rounded down (59 s: 0; -30 s: -1), as every
    clock of the desk counts them (SLA, timers, time entries, a case's age)."""
    return int(delta.total_seconds() // 60)


def hours(minutes: int) -> Decimal:
    """Exact hours of a whole number of minutes, for arithmetic (not display)."""
    return Decimal(minutes) / Decimal(60)
