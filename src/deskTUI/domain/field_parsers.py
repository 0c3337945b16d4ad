"""Parsers for what a person types into a field: each turns text (or a value) into the
field's type, or refuses with a sentence naming the field by its ``label``.

Generic: the case's fields use them (domain/case_fields.py), and any other record may.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from typing import Any

from .durations import format_minutes
from .errors import ValidationError
from .marks import OneOf
from .values import INT_MAX, clean_text, require_in_calendar


def minutes_at_most(label: str, most: int) -> Callable[[Any], object]:
    def bound(minutes: int) -> None:
        if minutes > most:
            raise ValidationError(
                "field.too_long",
                "The {label} can be at most {most}, not {value}",
                label=label,
                most=format_minutes(most),
                value=format_minutes(minutes),
            )

    return bound


def text_field(
    label: str, *, required: bool = False, max_len: int = 100_000, max_bytes: int | None = None
) -> Callable[[Any], str]:
    return lambda v: clean_text(v, label, required=required, max_len=max_len, max_bytes=max_bytes)


def choice_of(enum: type[Enum], label: str) -> Callable[[Any], Any]:
    def parse(value: Any) -> Any:
        if value is None:
            value = ""
        try:
            return enum(value.value if hasattr(value, "value") else str(value).strip().lower())
        except ValueError:
            # The codes, what this parser takes (a person's words are read as codes at
            # the edge: deskTUI.words.member_of), joined as the reader's language lists.
            choices = OneOf(m.value or repr(m.value) for m in enum)
            raise ValidationError(
                "field.choice",
                "{value!r} is not a valid {label}: choose one of {choices}",
                value=value,
                label=label,
                choices=choices,
            ) from None

    return parse


def int_in(label: str, low: int, high: int | None) -> Callable[[Any], int]:
    top = INT_MAX if high is None else high  # never more than a desk can store

    def parse(value: Any) -> int:
        if isinstance(value, bool):
            raise ValidationError(
                "field.integer",
                "The {label} {value!r} is not a whole number",
                label=label,
                value=value,
            )
        try:
            number = int(str(value).strip()) if not isinstance(value, int) else value
        except ValueError:
            raise ValidationError(
                "field.integer",
                "The {label} {value!r} is not a whole number",
                label=label,
                value=value,
            ) from None
        if high is None and number < low:  # whole sentences: a translator words each
            raise ValidationError(
                "field.range",
                "The {label} must be {low} or more, not {value}",
                label=label,
                low=low,
                value=number,
            )
        if number < low or number > top:
            raise ValidationError(
                "field.range",
                "The {label} must be from {low} to {top}, not {value}",
                label=label,
                low=low,
                top=top,
                value=number,
            )
        return number

    return parse


def optional_int(label: str) -> Callable[[Any], int | None]:
    inner = int_in(label, 0, None)
    return lambda v: None if v is None or v == "" else inner(v)


def yes_no(label: str) -> Callable[[Any], bool]:
    def parse(value: Any) -> bool:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("1", "yes", "true", "y", "on", "si", "sí"):
            return True
        if text in ("0", "no", "false", "n", "off", ""):
            return False
        raise ValidationError(
            "field.bool", "The {label} must be yes or no, not {value!r}", label=label, value=value
        )

    return parse


def in_calendar(label: str) -> Callable[[Any], object]:
    """A planned day a person sends lies in the desk's calendar, as every other day they
    type (9999-12-31 and 0001-01-01 were accepted here only)."""

    def bound(day: date) -> None:
        require_in_calendar(day, label)

    return bound


def iso_date(label: str) -> Callable[[Any], date | None]:
    def parse(value: Any) -> date | None:
        if value is None or value == "":
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = str(value).strip()
        try:
            if not _ISO_DATE.match(text):
                raise ValueError(text)
            return date.fromisoformat(text)
        except ValueError:
            raise ValidationError(
                "field.date",
                "The {label} {value!r} is not a date: write YYYY-MM-DD",
                label=label,
                value=value,
            ) from None

    return parse


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
