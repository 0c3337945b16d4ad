"""One value must not stop everything (issue 17, items 7 and 8): every figure a person
types has bounds said in a sentence, a figure stored past them by an older version or by
hand still shows, and the edges of dates and counts answer or refuse, never a traceback.
On SQLite and on PostgreSQL.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import text

from .conftest import YEAR, connected

HUGE = "9" * 401
"""The 401-digit contract total the tester got accepted."""
INT_MAX = 2**31 - 1


def billed_hour(shop) -> str:
    """A case of the shop's contract with an hour of billable time at 25.50 an hour."""
    number = shop.working_case("--billable", "--contract", shop.contract)
    shop.ok("case", "edit", number, "--cost-per-hour", "25.50")
    shop.ok("time", "log", number, "--duration", "1h", as_="ana")
    return number


def store(shop, sql: str, value: str) -> None:
    """Write ``value`` as an older version, or a person with SQL, could have: text on
    SQLite (as the product keeps money there), NUMERIC on PostgreSQL."""
    with connected(shop.db) as connection:
        connection.execute(text(sql), {"v": Decimal(value) if shop.on_server else value})


# -- item 7: figures people type -----------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--cost-per-hour", "1e26"),
         "The cost per hour can be at most 1,000,000,000,000, not 100000000000000000000000000"),
        (("--cost-per-hour", "0.12345"), "The cost per hour 0.12345 has more than 4 decimal places"),
        (("--estimate", "1000001h"), "The estimate can be at most 1000000h, not 1000001h"),
    ],
    ids=["cost 1e26", "cost of five decimals", "estimate"],
)  # fmt: skip
def test_a_case_edit_past_a_figures_bounds_is_refused_and_changes_nothing(shop, args, says):
    number = shop.open_case()
    shop.refused("case", "edit", number, *args, says=says)


def test_a_contract_of_401_digits_is_refused_with_a_sentence(shop):
    shop.refused(
        "contract", "add", "--client", "Acme SA", "--unit", "hours", "--total", HUGE,
        "--start", f"{YEAR}-01-01", "--end", f"{YEAR}-12-31",
        says="The contract total can be at most 1,000,000, not a number of 401 digits",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("price", "hours", "says"),
    [
        ("1e13", "2", "The quoted price can be at most 1,000,000,000,000, not 10000000000000"),
        ("100", "1000001", "The quoted work can be at most 1000000h, not 1000001h"),
    ],
    ids=["price", "hours"],
)
def test_a_quote_past_its_bounds_is_refused(shop, price, hours, says):
    number = shop.open_case("--billable")
    shop.refused(
        "case", "quote", number, "--price", price, "--currency", "USD", "--hours", hours, says=says
    )


def test_an_import_with_a_cost_past_the_bounds_is_refused_by_its_line(shop, tmp_path):
    csv = tmp_path / "casos.csv"
    csv.write_text(
        "title,client,category,description,cost_per_hour\nT,Acme SA,Impresoras,d,1e26\n",
        encoding="utf-8",
    )
    shop.refused(
        "import", "cases", str(csv),
        says="Line 2: The cost per hour can be at most 1,000,000,000,000, not "
        "100000000000000000000000000; nothing was imported",
    )  # fmt: skip


# -- item 7: figures stored past the bounds still show --------------------------------------


@pytest.mark.parametrize("rate", ["100000000000000000000000000", HUGE], ids=["1e26", "401 digits"])
def test_a_case_whose_stored_cost_per_hour_is_past_the_bounds_still_shows(shop, rate):
    number = billed_hour(shop)
    store(shop, "UPDATE support_case SET cost_per_hour = :v", rate)
    shown = shop.ok("case", "show", number).out
    assert "  cost               —\n" in shown
    assert shop.show(number)["cost_per_hour"] == rate
    assert [c["number"] for c in shop.json("case", "list")] == [number]
    listing = shop.ok("time", "list", number).out
    assert listing.splitlines()[-1].endswith("· cost —")
    assert shop.json("time", "list", number)["billable_minutes"] == 60


def test_a_contract_stored_with_401_digits_still_shows_with_its_cases(shop):
    number = billed_hour(shop)
    store(shop, "UPDATE contract SET total_units = :v", HUGE)
    assert shop.json("contract", "show", shop.contract)["total_units"] == HUGE
    assert shop.ok("contract", "list").out
    assert "contract balance" in shop.ok("case", "show", number).out
    assert shop.ok("case", "move", number, "finished", "--solution", "Listo", as_="ana").code == 0


# -- item 8: the query's dates and priorities at their edges ---------------------------------


@pytest.mark.parametrize(
    "query", ["created:>=9999-12-31", "updated:>9999-12-31", "updated:<=9999-12-31",
              "created:0001-01-01", "-created:<9999-06-01"],
)  # fmt: skip
def test_a_query_date_past_the_calendar_is_refused_with_a_sentence(shop, query):
    day = query.split(":", 1)[1].lstrip("<>=")
    shop.refused(
        "case", "list", f"--query={query}",
        says=f"In the query, {query!r}: {day} is outside the desk's calendar "
        "(1900-01-01 to 9998-12-31)",
    )  # fmt: skip


def test_the_last_day_of_the_calendar_is_a_query_date_on_both_engines(shop):
    number = shop.open_case()
    assert shop.json("case", "list", "--query", "created:>=9998-12-31") == []
    assert [c["number"] for c in shop.json("case", "list", "--query", "created:<=9998-12-31")] == [
        number
    ]


@pytest.mark.parametrize("query", ["prio:<low", "prio:>critical"])
def test_a_priority_comparison_that_names_no_priority_lists_nothing(shop, query):
    """PostgreSQL refused the empty ``IN ()`` it made; SQLite read it as false."""
    number = shop.open_case()
    assert shop.json("case", "list", "--query", query) == []
    assert [c["number"] for c in shop.json("case", "list", f"--query=-{query}")] == [number]
    assert shop.ok("case", "list", "--query", query).out.startswith("NUMBER")


# -- item 8: whole-number options ------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("case", "list", "--limit", "99999999999999999999"),
         f"The limit must be from 1 to {INT_MAX}, not 99999999999999999999"),
        (("case", "list", "--limit", "-1"), f"The limit must be from 1 to {INT_MAX}, not -1"),
        (("case", "list", "--limit", "0"), f"The limit must be from 1 to {INT_MAX}, not 0"),
        (("notifications", "--limit", "-1"), f"The limit must be from 1 to {INT_MAX}, not -1"),
        (("demo", "--cases", "99999999999999999999"),
         "The number of cases must be from 0 to 10000000, not 99999999999999999999"),
        (("demo", "--seed", "-1"), f"The seed must be from 0 to {INT_MAX}, not -1"),
        (("file", "limits", "--per-case", "0"),
         "The attachments per case must be from 1 to 10000, not 0"),
        (("case", "edit", "CS-000001", "--level", "2", "--expect-version", "-5"),
         f"The expected version must be from 1 to {INT_MAX}, not -5"),
    ],
    ids=["limit 10**20", "limit -1", "limit 0", "notifications",
         "demo cases", "demo seed", "files per case", "expected version"],
)  # fmt: skip
def test_a_count_option_out_of_its_bounds_is_refused_with_a_sentence(shop, args, says):
    shop.open_case()
    shop.refused(*args, says=says)


def test_the_largest_limit_lists_what_there_is(shop):
    number = shop.open_case()
    assert [c["number"] for c in shop.json("case", "list", "--limit", str(INT_MAX))] == [number]


# -- item 8: instants past the calendar once in UTC ------------------------------------------


def test_an_event_at_the_end_of_year_9999_west_of_utc_is_refused(shop, monkeypatch):
    """20:00 on 9999-12-31 at UTC-12 is 08:00 on 10000-01-01 in UTC: no date."""
    monkeypatch.setenv("TZ", "Etc/GMT+12")
    number = shop.working_case()
    result = shop.refused(
        "event", "add", number, "--kind", "call", "--title", "Fin del mundo",
        "--start", "9999-12-31T20:00", "--end", "9999-12-31T21:00", as_="ana",
    )  # fmt: skip
    assert "outside the desk's calendar" in result.err


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00"])
def test_an_import_created_at_past_the_calendar_in_utc_is_refused_by_its_line(
    shop, tmp_path, moment
):
    csv = tmp_path / "casos.csv"
    csv.write_text(
        f"title,client,category,description,created_at\nT,Acme SA,Impresoras,d,{moment}\n",
        encoding="utf-8",
    )
    shop.refused(
        "import", "cases", str(csv),
        says=f"Line 2: created_at {moment!r} is outside the desk's calendar "
        "(1900-01-01 to 9998-12-31); nothing was imported",
    )  # fmt: skip
