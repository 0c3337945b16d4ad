"""Small value rules shared by the entities: text, numbers, money, case numbers."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from enum import Enum
from typing import TypeVar

from .errors import ValidationError
from .limits import check_bytes, check_chars
from .marks import Either

TITLE_MAX = 200
"""Longest title a case may carry; a title is a line in a list, not a letter."""

TEXT_MAX = 100_000
"""Longest description, solution or comment (characters)."""

NAME_MAX = 120
"""Longest name of a user, client, contact, area or category."""

INT_MAX = 2**31 - 1
"""The largest whole number every engine stores: PostgreSQL's ``integer`` (SQLite's reach
2**63 - 1). Row ids, case numbers and minutes stay within it on both, so a desk means the
same on either and moves from one to the other."""

E = TypeVar("E", bound=Enum)


def one_of(enum: type[E], value: object, code: str, template: str, *, param: str = "value") -> E:
    """``value`` as a member of ``enum``; else a ValidationError whose ``{choices}`` are the
    enum's codes as declared ("hours, days or incidents"), so a new member is named too.

    ``value`` is given to the template as ``param``."""
    try:
        return enum(value)
    except ValueError:
        raise ValidationError(code, template, **{param: value, "choices": codes(enum)}) from None


def codes(enum: type[Enum]) -> Either:
    """The enum's codes in declaration order, for a sentence: "a, b or c" in English, the
    list joined as the reader's language joins choices where it is shown ("a, b o c")."""
    return Either(str(member.value) for member in enum)


CASE_PREFIX = "CS-"
_CASE_NUMBER = re.compile(r"^\s*(?:CS-?)?0*(\d{1,12})\s*$", re.IGNORECASE)


def case_number(case_id: int) -> str:
    """``42`` → ``CS-000042``: the number people say on the phone."""
    return f"{CASE_PREFIX}{case_id:06d}"


def parse_case_number(text: str) -> int:
    """``CS-000042``, ``cs-42`` or ``42`` → 42."""
    match = _CASE_NUMBER.match(text or "")
    if not match or int(match.group(1)) == 0:
        raise ValidationError(
            "case_number.invalid",
            "{text!r} is not a case number: write it as CS-000042 or 42",
            text=text,
        )
    return int(match.group(1))


def clean_text(
    value: str | None,
    field: str,
    *,
    required: bool = False,
    max_len: int = TEXT_MAX,
    max_bytes: int | None = None,
) -> str:
    """Strip surrounding blanks and refuse what no person means to type.

    NUL characters are refused outright: they truncate strings in C libraries
    and terminals. So is text that was not UTF-8 to begin with (bytes a shell
    or a file passed through, which Python keeps as lone surrogates): it cannot
    be stored, and storing it mangled would change what the customer sent.
    Other control characters are kept as data and neutralised when displayed
    (``deskTUI.safe_text``, the display sanitizer's job).
    """
    text = (value or "").strip()
    if required and not text:
        raise ValidationError("text.required", "The {field} is required", field=field)
    check_chars(text, field, max_len)
    if max_bytes is not None:
        check_bytes(text, field, max_bytes)
    if "\x00" in text:
        raise ValidationError(
            "text.nul",
            "The {field} contains a NUL character (at character {position:,}), "
            "which is not allowed",
            field=field,
            position=text.index("\x00") + 1,
        )
    if (bad := _SURROGATE.search(text)) is not None:
        code = ord(bad.group(0))
        raise ValidationError(
            "text.not_utf8",
            "The {field} is not UTF-8 text ({what} at character {position:,}); "
            "save or type it as UTF-8",
            field=field,
            what=f"the byte 0x{code - 0xDC00:02x}"
            if 0xDC80 <= code <= 0xDCFF
            else f"the lone surrogate U+{code:04X}",
            position=bad.start() + 1,
        )
    return text


_SURROGATE = re.compile("[\ud800-\udfff]")
"""Lone surrogates: how Python's ``surrogateescape`` keeps bytes that are not UTF-8
(U+DC80..U+DCFF for bytes 0x80..0xFF), and what no encoder can write to a database."""


GROUPED = re.compile(r"^[+-]?[1-9]\d{0,2},\d{3}$")
"""``1,000`` or ``-12,500``: a comma that may group thousands as well as mark decimals."""

THOUSANDS = re.compile(r"^[+-]?[1-9]\d{0,2}(?:(?:,\d{3}){2,}(?:\.\d+)?|(?:,\d{3})+\.\d+)$")
"""``1,000,000`` or ``1,000.50``: commas that can only group thousands (two of them, or
one before a decimal point), as the desk's own sentences write its bounds."""


def parse_decimal(value: object, field: str, *, minimum: Decimal | None = Decimal(0)) -> Decimal:
    """A Decimal from a string or number, never from a float's binary noise.

    A comma is the decimal mark many of the desk's people write (``12,5``), except where
    it reads as well as a thousands separator (``1,000``: one thousand or 1.000?), which
    is refused rather than guessed. Minus zero is zero: ``-0`` showed as a cost of -0.00.
    """
    text = str(value).strip()
    if GROUPED.match(text):
        raise ValidationError(
            "decimal.ambiguous",
            "The {field} {value!r} is ambiguous: its comma could group thousands or mark "
            "decimals; write {whole} or {decimal}",
            field=field,
            value=text,
            whole=text.replace(",", ""),
            decimal=text.replace(",", "."),
        )
    try:
        if THOUSANDS.match(text):
            text = text.replace(",", "")
        number = Decimal(text.replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValidationError(
            "decimal.invalid", "The {field} {value!r} is not a number", field=field, value=value
        ) from None
    if not number.is_finite():
        raise ValidationError(
            "decimal.invalid", "The {field} {value!r} is not a number", field=field, value=value
        )
    if number.is_zero():
        number = number.copy_abs()
    if minimum is not None and number < minimum:
        raise ValidationError(
            "decimal.too_small",
            "The {field} must be at least {minimum}, not {value}",
            field=field,
            minimum=minimum,
            value=number,
        )
    return number


def require_aware(moment: datetime | None, field: str) -> None:
    """Instants carry their zone: a bare 09:00 could be any of twenty-four moments."""
    if moment is not None and moment.utcoffset() is None:
        raise ValidationError(
            "time.naive",
            "The {field} {moment} has no time zone; give it in local or UTC time",
            field=field,
            moment=moment.isoformat(timespec="minutes"),
        )


CENT = Decimal("0.01")

MONEY_MAX = Decimal(1_000_000_000_000)
"""The largest cost per hour or quoted price a person may type: a million million in the
quote's currency, room for a day's work in the currencies counted in thousands (IRR, VND,
VES) and still a figure every total and every rounding of the desk handles exactly (a
cost per hour of 1e26 made a case impossible to show)."""

MONEY_PLACES = 4
"""Decimal places of money: cents, and the mils of BHD, KWD or CLF. Both engines keep the
figure as typed (text on SQLite, NUMERIC on PostgreSQL): at most 18 characters."""

UNITS_MAX = Decimal(1_000_000)
"""The most units (hours, days or incidents) a contract may buy: a million hours is five
hundred people working for a year, past any contract a desk signs."""

UNIT_PLACES = 4
"""A contract's units to 1/10,000, as its ledger keeps them."""

WORK_MINUTES_MAX = 1_000_000 * 60
"""The longest estimate or quoted work a person may give a case: a million hours."""


def check_amount(number: Decimal, field: str, *, most: Decimal, places: int) -> Decimal:
    """Refuse a figure past ``most`` or with more than ``places`` decimals, saying which."""
    if abs(number) > most:
        raise ValidationError(
            "decimal.too_large",
            "The {field} can be at most {most:,}, not {value}",
            field=field,
            most=most,
            value=_briefly(number),
        )
    if number != number.quantize(Decimal(1).scaleb(-places)):
        raise ValidationError(
            "decimal.places",
            "The {field} {value} has more than {places} decimal places",
            field=field,
            value=_briefly(number),
            places=places,
        )
    return number


def parse_amount(
    value: object,
    field: str,
    *,
    most: Decimal = MONEY_MAX,
    places: int = MONEY_PLACES,
    minimum: Decimal | None = Decimal(0),
) -> Decimal:
    """A figure a person types (money by default): a number, from ``minimum`` to ``most``,
    with at most ``places`` decimals."""
    return check_amount(
        parse_decimal(value, field, minimum=minimum), field, most=most, places=places
    )


def _briefly(number: Decimal) -> str:
    """A figure for a sentence: a 401-digit one is named by its size, not printed, and a
    long tail of decimals is cut."""
    text = format(number, "f")
    whole = len(text.lstrip("-").split(".")[0])
    if whole > 30:
        return f"a number of {whole:,} digits"
    return text if len(text) <= 30 else text[:30] + "…"


def rounded(value: Decimal, quantum: Decimal) -> Decimal:
    """``value`` half-up to ``quantum``, for display, whatever its size: Python's default
    28 digits refuse to round 1e26 to cents (InvalidOperation), and a screen showing a
    figure stored by an older version or by hand must not die of it. A value that is not
    a number (NaN, Infinity: only SQL writes them) comes back as it is."""
    if not value.is_finite():
        return value
    exponent = quantum.as_tuple().exponent
    if not isinstance(exponent, int):  # 'n', 'N', 'F': the caller's constant is not a number
        raise ValueError(f"cannot round to {quantum}")
    digits = max(value.adjusted(), 0) - exponent + 2
    return value.quantize(quantum, rounding=ROUND_HALF_UP, context=Context(prec=max(28, digits)))


def money_display(amount: Decimal) -> Decimal:
    """Round half-up to cents: only ever for display, never before adding."""
    return rounded(amount, CENT)


SHOWN_MAX = Decimal(10) ** 26
"""From here on a sum of money is past what Python's 28 digits count to the cent: shown
as a dash rather than as a figure that looks exact and is not."""


def money_text(amount: Decimal | None) -> str:
    """An amount of money as a person reads it: ``1234.50``, or ``—`` when there is no
    figure to show (none, not a number, or too large to be exact)."""
    if amount is None or not amount.is_finite() or abs(amount) >= SHOWN_MAX:
        return "—"
    return format(money_display(amount), "f")


# ISO 4217 active codes (2024). Kept here, not fetched: the domain has no I/O.
ISO_4217 = frozenset(
    """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD
    BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD
    EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD
    IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL
    MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN
    PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN
    SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES
    VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG
    """.split()  # noqa: SIM905 - a block of codes reads better than 180 lines
)


def parse_currency(code: str) -> str:
    """A currency as its ISO 4217 code: ``usd`` → ``USD``; ``DOLLARS`` is refused."""
    upper = (code or "").strip().upper()
    if upper not in ISO_4217:
        raise ValidationError(
            "currency.invalid",
            "{text!r} is not an ISO 4217 currency code (for example USD, EUR, MXN, VES)",
            text=code,
        )
    return upper


def parse_clock(text: str, what: str) -> time:
    """A time of day as people type it in a form or a shell: ``09:00``, ``9:30``, ``17:05``."""
    typed = text.strip()
    if len(typed) == 4 and typed[1] == ":":
        typed = "0" + typed  # 9:30
    try:
        return time.fromisoformat(typed)
    except ValueError:
        raise ValidationError(
            "value.time",
            "The {what} {text!r} is not a time of day: write HH:MM",
            what=what,
            text=text,
        ) from None


FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(9998, 12, 31)
"""The calendar a desk keeps: a week or month around any day in it is still a date
(Python's stop at year 9999, and a week around 9999-12-31 would not be)."""


def parse_day(text: str, what: str = "day") -> date:
    """A calendar day as ``YYYY-MM-DD``, between ``FIRST_DAY`` and ``LAST_DAY``."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(
            "value.day", "The {what} {text!r} is not a date: write YYYY-MM-DD", what=what, text=text
        ) from None
    return require_in_calendar(day, what, text)


def require_in_calendar(day: date, what: str, text: str | None = None) -> date:
    """``day``, unless it lies outside the desk's calendar (``text``: as the person wrote it)."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValidationError(
            "value.day_range",
            "The {what} {text!r} is outside the desk's calendar ({first} to {last})",
            what=what,
            text=day.isoformat() if text is None else text,
            first=FIRST_DAY.isoformat(),
            last=LAST_DAY.isoformat(),
        )
    return day
