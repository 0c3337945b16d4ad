"""Numbers, money, dates and lists in the operator's locale (issue 20), through Babel."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime
from decimal import Decimal

import pytest

from deskTUI import formats, i18n


@pytest.mark.parametrize(
    ("locale", "money", "day", "choices"),
    [
        ("es", "1.500,50 USD", "7/12/2026", "abierto, cerrado o nuevo"),
        ("es_AR", "1.500,50 USD", "7/12/2026", "abierto, cerrado o nuevo"),
        ("es_MX", "1,500.50 USD", "7/12/2026", "abierto, cerrado o nuevo"),
        ("en", "1,500.50 USD", "12/7/2026", "abierto, cerrado, or nuevo"),
    ],
)
def test_money_days_and_choices_are_written_as_the_locale_writes_them(locale, money, day, choices):
    language = i18n.language_of(locale)
    i18n.use(language, locale)
    assert formats.money(Decimal("1500.5"), "USD") == money
    assert formats.day(date(2026, 12, 7)) == day
    assert formats.either(["abierto", "cerrado", "nuevo"]) == choices


def test_a_currency_without_cents_is_written_without_them():
    i18n.use("es", "es")
    assert formats.money(Decimal("1500"), "CLP") == "1.500 CLP"


def test_times_are_24_hour_in_both_languages():
    for language in i18n.LANGUAGES:
        i18n.use(language)
        assert formats.day_time(datetime(2026, 12, 7, 14, 5)).endswith(" 14:05")


def test_importing_the_formats_does_not_load_babel():
    """Babel costs ~15 ms on its first use; the TUI's first page must not pay it."""
    code = "import sys, deskTUI.formats; print('babel' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "False"
