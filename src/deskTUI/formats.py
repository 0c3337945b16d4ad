"""Numbers, money, dates and lists written in the operator's locale, by Babel (CLDR).

``i18n.current_locale()`` says which: ``es`` writes ``7/12/2026`` and ``1.500,50 USD``,
``en`` writes ``12/7/2026`` and ``1,500.50 USD``; a session in ``es_MX`` writes numbers
as Mexico does (``1,500.50``), which is what a Mexican operator types and reads.

Babel is imported on first use, not at start-up: its import and first locale load cost
about 15 ms, which the TUI's first page does not pay (tests/test_import_hygiene.py).
Machine output (``--json``, CSV cells, the database) never comes through here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Decimal
from functools import cache
from typing import Any

from . import i18n


@cache
def _locale(tag: str) -> Any:
    from babel import Locale

    return Locale.parse(tag)


def _here() -> Any:
    return _locale(i18n.current_locale())


def number(value: int | float | Decimal, decimals: int | None = None) -> str:
    """1500.5 → "1.500,5" (es) or "1,500.5" (en); ``decimals`` fixes the digits shown."""
    from babel.numbers import format_decimal

    pattern = None if decimals is None else "#,##0" + ("." + "0" * decimals if decimals else "")
    return str(format_decimal(value, format=pattern, locale=_here()))


def money(amount: Decimal | int | float, currency: str) -> str:
    """An amount and its currency code: "1.500,50 USD" (es), "1,500.50 USD" (en)."""
    from babel.numbers import get_currency_precision

    try:
        digits = get_currency_precision(currency)
    except Exception:  # a currency code CLDR does not know: two digits, as most have
        digits = 2
    return f"{number(amount, digits)} {currency}"


def day(value: date) -> str:
    """A calendar day, short: "7/12/2026" (es), "12/7/2026" (en)."""
    from babel.dates import format_skeleton

    return str(format_skeleton("yMd", value, locale=_here()))


def clock_time(value: datetime | time) -> str:
    """A time of day, 24-hour in both languages as the desk has always shown it: "14:05"."""
    return f"{value.hour:02d}:{value.minute:02d}"


def day_time(value: datetime) -> str:
    """A day and its time: "7/12/2026 14:05"."""
    return f"{day(value)} {clock_time(value)}"


def weekday_day(value: date) -> str:
    """A day in a week's heading: "lun 7" (es), "7 Mon" (en)."""
    from babel.dates import format_skeleton

    return str(format_skeleton("Ed", value, locale=_here()))


def month_day(value: date) -> str:
    """ "lun, 7 dic" (es), "Mon, Dec 7" (en)."""
    from babel.dates import format_skeleton

    return str(format_skeleton("MMMEd", value, locale=_here()))


def either(words: Iterable[str]) -> str:
    """ "a, b o c" (es), "a, b, or c" (en): a list of choices, joined as the language does."""
    from babel.lists import format_list

    return str(format_list(list(words), style="or", locale=_here()))


def each(words: Iterable[str]) -> str:
    """ "a, b y c" (es), "a, b, and c" (en)."""
    from babel.lists import format_list

    return str(format_list(list(words), style="standard", locale=_here()))
