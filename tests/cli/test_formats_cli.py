"""Money, days and numbers in the shell, read and written in the operator's locale (issue 20):
``1.500,50 USD`` and ``7/12/2026`` in es, ``1,500.50 USD`` and ``12/7/2026`` in en, on both
engines; what is stored (``--json``, the database) is the same whatever the locale."""

from __future__ import annotations

import pytest

SPANISH = ("es", "es_AR")


@pytest.mark.parametrize(
    ("locale", "typed", "shown"),
    [
        ("es", "1.500,50", "1.500,50 USD"),
        ("es_AR", "1.500,50", "1.500,50 USD"),
        ("es_MX", "1,500.50", "1,500.50 USD"),
        ("en", "1,500.50", "1,500.50 USD"),
    ],
)
def test_a_quote_typed_as_the_locale_writes_it_is_stored_exactly_and_shown_back_in_it(
    shop, monkeypatch, locale, typed, shown
):
    number = shop.open_case("--billable")
    monkeypatch.setenv("DESKTUI_LANG", locale)
    said = shop.ok(
        "case", "quote", number, "--price", typed, "--currency", "usd", "--hours", "2", as_="sofia"
    ).out
    assert shown in said
    assert shown in shop.ok("case", "show", number).out
    assert shop.show(number)["quote"]["price"] == "1500.50"  # --json: the machine's form


@pytest.mark.parametrize(
    ("locale", "typed", "shown"),
    [
        ("es", "07/12/2026", "7/12/2026"),
        ("es_AR", "7/12/2026", "7/12/2026"),
        ("en", "12/07/2026", "12/7/2026"),
        ("es", "2026-12-07", "7/12/2026"),  # ISO is read in any language
        ("en", "2026-12-07", "12/7/2026"),
    ],
)
def test_a_day_typed_as_the_locale_writes_it_is_that_day_and_shown_in_its_short_form(
    shop, monkeypatch, locale, typed, shown
):
    number = shop.open_case()
    monkeypatch.setenv("DESKTUI_LANG", locale)
    shop.ok("case", "edit", number, "--start", typed)
    assert f"{shown} → —" in shop.ok("case", "show", number).out  # planned start → close
    assert shop.show(number)["planned_start"] == "2026-12-07"


def test_a_day_that_does_not_exist_is_refused_in_spanish_naming_the_forms(shop, monkeypatch):
    number = shop.open_case()
    monkeypatch.setenv("DESKTUI_LANG", "es")
    shop.refused(
        "case",
        "edit",
        number,
        "--start",
        "31/02/2026",
        contains="'31/02/2026' de fecha de inicio planeada no es una fecha: escriba dd/mm/aaaa "
        "o aaaa-mm-dd",
    )


def test_a_figure_in_another_locales_form_is_refused_in_spanish_with_an_example(shop, monkeypatch):
    number = shop.open_case("--billable")
    monkeypatch.setenv("DESKTUI_LANG", "es")
    shop.refused(
        "case",
        "quote",
        number,
        "--price",
        "1,500.50",
        "--currency",
        "USD",
        "--hours",
        "2",
        as_="sofia",
        says="El valor '1,500.50' de precio cotizado no es un número: escríbalo como 1.500,50 o 150,5",
    )


@pytest.mark.parametrize(
    ("option", "typed"),
    [
        ("--start", "1/1/9999"),
        ("--start", "31/12/99999"),
        ("--cost-per-hour", "1e26"),
        ("--cost-per-hour", "9223372036854775808"),
        ("--cost-per-hour", "NaN"),
    ],
)
def test_figures_and_days_past_the_bounds_get_a_sentence_never_a_traceback(
    shop, monkeypatch, option, typed
):
    number = shop.open_case("--billable")
    monkeypatch.setenv("DESKTUI_LANG", "es")
    shop.refused("case", "edit", number, option, typed)


def test_an_ambiguous_thousand_is_read_as_each_locale_reads_it(shop, monkeypatch):
    """``1.500`` is fifteen hundred to a Spanish reader and one and a half to an English one."""
    number = shop.open_case("--billable")
    monkeypatch.setenv("DESKTUI_LANG", "es")
    shop.ok("case", "edit", number, "--cost-per-hour", "1.500")
    assert shop.show(number)["cost_per_hour"] == "1500"
    monkeypatch.setenv("DESKTUI_LANG", "en")
    shop.ok("case", "edit", number, "--cost-per-hour", "1.500")
    assert shop.show(number)["cost_per_hour"] == "1.500"


def test_a_task_is_due_on_the_day_typed_in_the_locales_form(shop, monkeypatch):
    number = shop.open_case()
    monkeypatch.setenv("DESKTUI_LANG", "es")
    task = shop.json("task", "add", number, "--title", "Llamar", "--due", "07/12/2026")
    assert task["due"] == "2026-12-07"
