"""Numbers, money, dates and lists in the operator's locale (issue 20), through Babel."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from deskTUI import formats, i18n
from deskTUI.domain.errors import ValidationError


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


@pytest.mark.parametrize(
    ("locale", "typed", "read"),
    [
        ("es", "1.500,50", "1500.50"),
        ("es", "150,5", "150.5"),
        ("es", "1.500", "1500"),  # a Spanish reader's fifteen hundred
        ("es", "150.5", "150.5"),  # a point that cannot group marks the decimals
        ("es", "-0", "0"),
        ("es_AR", "1.500.000,25", "1500000.25"),
        ("es_MX", "1,500.50", "1500.50"),
        ("en", "1,500.50", "1500.50"),
        ("en", "1.500", "1.500"),  # an English reader's one and a half
        ("en", "150,5", "150.5"),
        ("es", "1e26", "1E+26"),  # read; the domain's bound refuses it with its sentence
    ],
)
def test_numbers_are_read_as_the_locale_writes_them(locale, typed, read):
    i18n.use(i18n.language_of(locale), locale)
    assert formats.parse_number(typed, "price") == Decimal(read)
    assert str(formats.parse_number(typed, "price")) == read


@pytest.mark.parametrize(
    ("locale", "typed"),
    [("es", "1,500.50"), ("es", "1.5.0"), ("es", "NaN"), ("es", "Infinity"), ("en", "1.500,50"),
     ("en", "12,345,6"), ("es", ""), ("es", "mil"), ("es", "1 500")],
)  # fmt: skip
def test_a_number_in_a_form_the_locale_does_not_write_is_refused_with_its_example(locale, typed):
    i18n.use(i18n.language_of(locale), locale)
    with pytest.raises(ValidationError) as refused:
        formats.parse_number(typed, "price")
    example = "1.500,50" if locale == "es" else "1,500.50"
    assert example in i18n.error_text(refused.value)


@pytest.mark.parametrize(
    ("locale", "typed", "day"),
    [
        ("es", "07/12/2026", date(2026, 12, 7)),
        ("es", "7/12/2026", date(2026, 12, 7)),
        ("es", "7.12.2026", date(2026, 12, 7)),
        ("es_MX", "07/12/2026", date(2026, 12, 7)),
        ("en", "12/07/2026", date(2026, 12, 7)),
        ("en", "2026-12-07", date(2026, 12, 7)),
        ("es", "2026-12-07", date(2026, 12, 7)),
    ],
)
def test_days_are_read_in_the_locales_order_and_in_iso(locale, typed, day):
    i18n.use(i18n.language_of(locale), locale)
    assert formats.parse_day(typed, "day") == day


def test_the_31st_of_february_is_refused_in_spanish_naming_the_forms():
    i18n.use("es", "es")
    with pytest.raises(ValidationError) as refused:
        formats.parse_day("31/02/2026", "day")
    assert i18n.error_text(refused.value) == (
        "El valor '31/02/2026' de día no es una fecha: escriba dd/mm/aaaa o aaaa-mm-dd"
    )


@pytest.mark.parametrize("typed", ["1/1/9999", "31/12/9999", "1/1/1899", "99999-01-01", "7/12/26"])
def test_a_day_past_the_calendar_or_with_a_short_year_gets_a_sentence(typed):
    i18n.use("es", "es")
    with pytest.raises(ValidationError) as refused:
        formats.parse_day(typed, "day")
    assert typed in i18n.error_text(refused.value)


def test_week_columns_read_spanish_weekdays_and_keep_english_as_it_was():
    week = [date(2026, 12, 7) + timedelta(days=n) for n in range(7)]
    i18n.use("es", "es")
    assert [formats.weekday_day(d) for d in week] == [
        "lun 07", "mar 08", "mié 09", "jue 10", "vie 11", "sáb 12", "dom 13"
    ]  # fmt: skip
    i18n.use("en")
    assert [formats.weekday_day(d) for d in week] == [f"{d:%a %d}" for d in week]


def test_the_narrow_updated_column_keeps_eleven_cells_in_both_languages():
    moment = datetime(2026, 1, 3, 9, 5, tzinfo=UTC)
    i18n.use("es", "es")
    assert formats.short_when(moment, UTC) == "03/01 09:05"
    i18n.use("en")
    assert formats.short_when(moment, UTC) == "01/03 09:05"


def test_figures_past_any_precision_are_written_whole_or_as_a_dash():
    i18n.use("es", "es")
    assert formats.number(2**63) == "9.223.372.036.854.775.808"
    assert formats.money(Decimal("9e25"), "USD").endswith(",00 USD")
    assert formats.money(Decimal("1e26"), "USD") == "— USD"  # SHOWN_MAX, as money_text
    assert formats.money(Decimal("NaN"), "USD") == "— USD"


def test_a_refusals_grouped_numbers_follow_the_readers_locale():
    error = ValidationError("x", "The title is {length:,} characters long", length=1500)
    i18n.use("es", "es")
    assert i18n.error_text(error).endswith("1.500 characters long")  # msgid untranslated here
    i18n.use("en")
    assert i18n.error_text(error) == str(error) == "The title is 1,500 characters long"


def test_babel_import_and_first_format_cost_measured_in_a_fresh_process():
    """Printed for the README's figures (pytest -s): the first format of a process pays
    Babel's import and the locale's CLDR data; the TUI's first page imports none of it."""
    code = (
        "import time; t0 = time.perf_counter()\n"
        "from deskTUI import formats, i18n; i18n.use('es', 'es')\n"
        "t1 = time.perf_counter(); import babel.numbers, babel.dates\n"
        "t2 = time.perf_counter(); formats.day(__import__('datetime').date(2026, 12, 7))\n"
        "formats.number(1500.5); t3 = time.perf_counter()\n"
        "print(f'{(t2 - t1) * 1000:.1f} {(t3 - t2) * 1000:.1f}')\n"
    )
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        for _ in range(3)
    ]
    imports, first = min(tuple(map(float, r.stdout.split())) for r in runs)
    print(f"\nBabel: import {imports:.1f} ms, first day and number in es {first:.1f} ms")
    assert imports + first < 500  # a sanity bound only: the figure is what matters


def test_a_count_under_a_thousand_is_written_without_loading_babel():
    """The list's title and the views' counts are drawn on the first page: a count with no
    mark to place costs no Babel (a thousand and more are grouped as the locale does)."""
    code = (
        "import sys; from deskTUI import formats, i18n; i18n.use('es', 'es')\n"
        "print(formats.number(0), formats.number(999), 'babel' in sys.modules)\n"
        "print(formats.number(1500))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == ["0 999 False", "1.500"]


def test_the_known_orders_of_day_and_month_are_the_ones_cldr_gives():
    """The list's UPDATED column writes them without loading Babel; CLDR decides."""
    from babel.dates import get_date_format

    for tag, order in formats._KNOWN_ORDERS.items():
        pattern = get_date_format("short", locale=tag).pattern
        assert "".join(dict.fromkeys(c for c in pattern if c in "dMy")) == order


def test_a_narrow_stamp_in_english_or_spanish_does_not_load_babel():
    code = (
        "import sys, datetime; from deskTUI import formats, i18n; i18n.use({lang!r});"
        "print(formats.short_when(datetime.datetime(2026, 12, 7, 14, 5,"
        " tzinfo=datetime.UTC), datetime.UTC), 'babel' in sys.modules)"
    )
    for lang, shown in (("en", "12/07 14:05"), ("es", "07/12 14:05")):
        out = subprocess.run(
            [sys.executable, "-c", code.format(lang=lang)], capture_output=True, text=True
        )
        assert out.stdout.split() == [*shown.split(), "False"]
