"""Numbers, money, dates and lists written in the operator's locale, by Babel (CLDR).

``i18n.current_locale()`` says which: ``es`` writes ``7/12/2026`` and ``1.500,50 USD``,
``en`` writes ``12/7/2026`` and ``1,500.50 USD``; a session in ``es_MX`` writes numbers
as Mexico does (``1,500.50``), which is what a Mexican operator types and reads.

Babel is imported on first use, not at start-up: its import and first locale load cost
about 15 ms, which the TUI's first page does not pay (tests/test_import_hygiene.py).
Machine output (``--json``, CSV cells, the database) never comes through here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, time, tzinfo
from decimal import Decimal, localcontext
from functools import cache
from typing import Any

from . import i18n
from .domain.errors import DomainError, Gathered, ValidationError
from .domain.values import SHOWN_MAX, require_in_calendar, rounded


@cache
def _locale(tag: str) -> Any:
    from babel import Locale

    return Locale.parse(tag)


def _here() -> Any:
    return _locale(i18n.current_locale())


def number(value: int | float | Decimal, decimals: int | None = None) -> str:
    """1500.5 → "1.500,5" (es) or "1,500.5" (en); ``decimals`` fixes the digits shown
    (rounded half-up, as the desk rounds money). Not a number (NaN, infinity: only SQL
    writes them) is a dash; a figure of any size is written whole (Python's 28 digits of
    precision would refuse to round 1e26)."""
    if type(value) is int and 0 <= value < 1000 and not decimals:
        return str(value)  # no mark to place in any locale: the list's counts skip Babel
    from babel.numbers import format_decimal

    if isinstance(value, Decimal | float) and not Decimal(value).is_finite():
        return "—"
    pattern = None if decimals is None else "#,##0" + ("." + "0" * decimals if decimals else "")
    if decimals is not None:
        value = rounded(Decimal(value), Decimal(1).scaleb(-decimals))
    with localcontext() as context:
        context.prec = max(28, abs(Decimal(value).adjusted()) + (decimals or 0) + 8)
        return str(format_decimal(value, format=pattern, locale=_here()))


def money(amount: Decimal | int | float | None, currency: str | None) -> str:
    """An amount and its currency code: "1.500,50 USD" (es), "1,500.50 USD" (en), to the
    currency's digits (BHD 3, CLP none). No figure, or one too large to be exact
    (``SHOWN_MAX``, as ``money_text``), is a dash: never a figure that looks exact."""
    from babel.numbers import get_currency_precision

    if amount is None or not Decimal(amount).is_finite() or abs(Decimal(amount)) >= SHOWN_MAX:
        figure = "—"
    else:
        try:
            digits = get_currency_precision(currency or "")
        except Exception:  # a currency code CLDR does not know: two digits, as most have
            digits = 2
        figure = number(amount, digits)
    return f"{figure} {currency}" if currency else figure


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


def when(moment: datetime, zone: tzinfo | None = None) -> str:
    """A stored instant on the operator's wall clock (``zone`` None: the machine's):
    "7/12/2026 14:05". One no wall clock of the zone can show (written past the calendar
    by hand) is shown in UTC and says so, as ``local_time.shown_local`` does."""
    try:
        return day_time(moment.astimezone(zone))
    except (OverflowError, ValueError):
        return f"{day_time(moment.astimezone(UTC))} UTC"


def short_when(moment: datetime, zone: tzinfo | None = None) -> str:
    """An instant in a narrow column (the case list's UPDATED): the day and month in the
    locale's order, zero-padded so the column keeps one width, and the time: "07/12 14:05"
    (es), "12/07 14:05" (en). 11 characters in both languages, as "12-07 14:05" was; the
    ISO-like "12-07" read as the 12th of July to a Spanish reader."""
    try:
        local = moment.astimezone(zone)
    except (OverflowError, ValueError):
        local = moment.astimezone(UTC)
    parts = {"d": f"{local.day:02d}", "M": f"{local.month:02d}"}
    shown = "/".join(parts[letter] for letter in _local_order() if letter in parts)
    return f"{shown} {clock_time(local)}"


def figure(value: object) -> object:
    """A value of a record as a person reads it: a day in the locale's short form, a
    Decimal with the locale's marks; anything else as it is (text, a word, a duration)."""
    if isinstance(value, datetime):
        return day_time(value)
    if isinstance(value, date):
        return day(value)
    if isinstance(value, Decimal):  # every digit it was given: 150.50 is "150,50" (es)
        exponent = value.as_tuple().exponent
        return number(value, -exponent if isinstance(exponent, int) and exponent < 0 else 0)
    return value


def weekday_day(value: date) -> str:
    """A day in a week's column (the agenda, the timesheet): "lun 07" (es), "Mon 07" (en).
    The weekday abbreviated and the day zero-padded, in this order in both languages, so
    the column keeps one width (6) and English reads as it always has (CLDR's own "Ed"
    skeleton writes "7 Mon" in English)."""
    from babel.dates import format_date

    return str(format_date(value, "EEE dd", locale=_here()))


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


# -- what a person types, read in the forms of their locale ---------------------------------
# Read at the UI/CLI edge, before the domain: the domain takes the Decimal or the date and
# checks its bounds (MONEY_MAX, the desk's calendar) as it does for any other value.

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LOCAL_DAY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


_KNOWN_ORDERS = {"en": "Mdy", "en_US": "Mdy", "es": "dMy", "es_MX": "dMy", "es_419": "dMy"}
"""The commonest locales' order, known without Babel: the list's UPDATED column is on the
first page at 120 columns, which must not pay Babel's import (about 26 ms)."""


def _local_order() -> str:
    """The order of day, month and year in the locale's short date: "dMy" (es, es_MX,
    en_GB), "Mdy" (en, es_PA)."""
    return _KNOWN_ORDERS.get(i18n.current_locale()) or _cldr_order(i18n.current_locale())


@cache
def _cldr_order(tag: str) -> str:
    from babel.dates import get_date_format

    pattern = get_date_format("short", locale=_locale(tag)).pattern
    return "".join(dict.fromkeys(letter for letter in pattern if letter in "dMy"))


def day_forms() -> str:
    """The forms of a day a person may type, in their words: "dd/mm/aaaa o aaaa-mm-dd"."""
    words = {
        "d": i18n.pgettext("a form of date", "dd"),
        "M": i18n.pgettext("a form of date", "mm"),
        "y": i18n.pgettext("a form of date", "yyyy"),
    }
    local = "/".join(words[letter] for letter in _local_order())
    iso = "-".join(words[letter] for letter in "yMd")
    return either([local, iso])


def parse_day(text: object, what: str = i18n.N_("day")) -> date:
    """A day as the operator writes it: ``7/12/2026`` (es: 7 December) or ``12/7/2026``
    (en), with ``/``, ``.`` or ``-`` between the parts, or ISO ``2026-12-07`` in any
    language (scripts keep working whatever the locale). Past the desk's calendar or not
    a day at all (``31/02/2026``), a ValidationError that names the forms accepted."""
    if isinstance(text, date):
        return require_in_calendar(text, what)
    typed = str(text).strip()
    try:
        if _ISO_DAY.match(typed):
            found = date.fromisoformat(typed)
        elif match := _LOCAL_DAY.match(typed):
            parts = dict(zip(_local_order(), (int(part) for part in match.groups()), strict=True))
            found = date(parts["y"], parts["M"], parts["d"])
        else:
            raise ValueError(typed)
    except ValueError:
        raise ValidationError(
            "value.day_typed",
            "The {what} {text!r} is not a date: write {forms}",
            what=i18n._(what),
            text=typed,
            forms=day_forms(),
        ) from None
    return require_in_calendar(found, what, typed)


def parse_number(text: object, what: str) -> Decimal:
    """A number as the operator writes it: ``1.500,50`` or ``150,5`` in es, ``1,500.50`` in
    en and es_MX; Babel reads it strictly, so a group mark in a wrong place is refused
    rather than guessed (``1.50`` in es: 150 or 1,50?). ``1.500`` is 1500 in es and 1.5 in
    en, as each reads it. One mark that cannot group (``150.5`` in es, ``150,5`` in en,
    not three digits after it) is read as the decimal mark: the only thing it can be.
    A Decimal or an int passes through; the domain checks the bounds."""
    if isinstance(text, Decimal | int) and not isinstance(text, bool):
        return Decimal(text)
    from babel.numbers import NumberFormatError, get_decimal_symbol, get_group_symbol
    from babel.numbers import parse_decimal as babel_decimal

    typed = str(text).strip()
    here = _here()
    read: Decimal | None
    try:
        read = babel_decimal(typed, locale=here, strict=True)
    except NumberFormatError:
        read = _one_mark(typed, get_decimal_symbol(here), get_group_symbol(here))
    if read is None or not read.is_finite():
        raise ValidationError(
            "decimal.typed",
            "The {what} {text!r} is not a number: write it as {example} or {small}",
            what=i18n._(what),
            text=typed,
            example=number_example(),
            small=number(Decimal("150.5")),
        )
    return read.copy_abs() if read.is_zero() else read


def number_example() -> str:
    """A figure with thousands and decimals as the locale writes it: "1.500,50" (es)."""
    return number(Decimal("1500.50"), 2)


def _one_mark(typed: str, decimal: str, group: str) -> Decimal | None:
    """``150.5`` in a locale that groups with ``.`` (or ``150,5`` in one that groups with
    ``,``): a single mark not followed by exactly three digits cannot group thousands, so
    it marks the decimals; None for anything else."""
    match = re.fullmatch(r"([+-]?\d+)([.,])(\d+)", typed)
    if not match or match.group(2) != group or len(match.group(3)) == 3 or decimal == group:
        return None
    return Decimal(f"{match.group(1)}.{match.group(3)}")


CASE_DAYS = ("planned_start", "planned_close")
CASE_NUMBERS = ("cost_per_hour",)
CASE_TYPED = CASE_DAYS + CASE_NUMBERS
"""The case's fields a person types as a day or as a number (domain/case_fields.py)."""


def typed_case_fields(values: Mapping[str, Any]) -> dict[str, Any]:
    """A case's fields as a form or ``case edit`` sent them, with the days and numbers a
    person typed read in their locale's forms (a date, a Decimal for the domain); blank
    and other values pass as they are. Each refusal names its field, all given at once."""
    read, refused = read_case_fields(values)
    gathered = Gathered()
    gathered.refusals.extend(refused)
    gathered.raise_them()
    return read


def read_case_fields(values: Mapping[str, Any]) -> tuple[dict[str, Any], list[DomainError]]:
    """:func:`typed_case_fields` that does not raise: the fields it could read, and a
    refusal (naming its field) for each it could not, left out of the fields, so an edit
    tells them together with the domain's own (``edit_case(refused_at_the_edge=...)``)."""
    from .domain.case_fields import FIELDS

    out: dict[str, Any] = {}
    gathered = Gathered()
    for key, value in values.items():
        if not isinstance(value, str) or not value.strip() or key not in CASE_TYPED:
            out[key] = value
            continue
        label = FIELDS[key].label if key in FIELDS else key
        with gathered.checking(key):
            reader = parse_day if key in CASE_DAYS else parse_number
            out[key] = reader(value, label)
    return out, gathered.refusals
