"""What a hostile review of issue 17's values found after the items were closed: a CSV
the csv module itself gives up on, and figures typed in a way that stores something
other than the person meant. On SQLite and on PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from .conftest import connected


def write(path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


HEADER = "title,client,category,description\n"


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (
            "T,Acme SA,Impresoras," + "d" * 200_000 + "\n",
            "Line 2: a cell is longer than 131,072 characters, more than any field of a "
            "case holds; nothing was imported",
        ),
        (
            'Fine,Acme SA,Impresoras,d\n"Open,Acme SA,Impresoras,d\nT,Acme SA,Impresoras,d\n',
            "Line 3: the file is not CSV from here (unexpected end of data); nothing was imported",
        ),
    ],
    ids=["a cell of 200,000 characters", "a quote left open"],
)
def test_an_import_the_csv_reader_gives_up_on_is_refused_by_its_line(shop, tmp_path, body, says):
    shop.refused("import", "cases", write(tmp_path / "c.csv", HEADER + body), says=says)


def test_an_import_whose_header_is_past_the_csv_reader_s_limit_is_refused(shop, tmp_path):
    csv = write(tmp_path / "c.csv", "x" * 200_000 + "," + HEADER + "T,Acme SA,Impresoras,d,e\n")
    shop.refused(
        "import", "cases", csv,
        says="Line 1: a cell is longer than 131,072 characters, more than any field of a "
        "case holds; nothing was imported",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("typed", "stored", "shown"),
    [("-0", "0", "0"), ("12,5", "12.5", "12.5")],
    ids=["minus zero", "a decimal comma"],
)
def test_a_cost_per_hour_is_stored_as_the_figure_it_means(shop, typed, stored, shown):
    number = shop.open_case()
    shop.ok("case", "edit", number, "--cost-per-hour", "5")  # so that the edit changes it
    shop.ok("case", "edit", number, "--cost-per-hour", typed)
    assert shop.show(number)["cost_per_hour"] == stored
    assert f"  cost per hour      {shown}\n" in shop.ok("case", "show", number).out


@pytest.mark.parametrize(
    ("locale", "typed", "stored"),
    [("en", "1,000", "1000"), ("es", "1,000", "1.000"), ("es", "1.000", "1000"),
     ("en", "1.000", "1.000")],
)  # fmt: skip
def test_a_figure_whose_mark_may_group_thousands_is_read_as_the_operators_locale_reads_it(
    shop, monkeypatch, locale, typed, stored
):
    """Issue 20: the operator's locale settles what the desk could only refuse before (a
    comma groups thousands in English and marks decimals in Spanish)."""
    number = shop.open_case()
    monkeypatch.setenv("DESKTUI_LANG", locale)
    shop.ok("case", "edit", number, f"--cost-per-hour={typed}")
    assert shop.show(number)["cost_per_hour"] == stored


def test_a_negative_grouped_figure_is_refused_as_negative(shop):
    number = shop.open_case()
    shop.refused(
        "case", "edit", number, "--cost-per-hour=-12,500",
        says="The cost per hour must be at least 0, not -12500",
    )  # fmt: skip


def test_a_contract_total_of_1_000_is_refused_not_taken_as_one_unit(shop):
    shop.refused(
        "contract", "add", "--client", "Acme SA", "--unit", "hours", "--total", "1,000",
        "--start", "2026-01-01", "--end", "2026-12-31",
        contains="is ambiguous: its comma could group thousands",
    )  # fmt: skip


def test_a_case_whose_times_were_written_past_the_calendar_by_hand_still_shows(shop, monkeypatch):
    """Minutes on hold past any bound push the SLA's due time past year 9999, and an update
    at 9999-12-31 23:59 UTC is in year 10000 east of UTC: both raised OverflowError at
    case show and case list (the TUI's list and case view format the same way)."""
    monkeypatch.setenv("TZ", "Etc/GMT-14")
    number = shop.open_case()
    with connected(shop.db) as connection:
        connection.execute(
            text(
                "UPDATE support_case SET created_at = :created, updated_at = :updated,"
                " closed_minutes = :held"
            ),
            {
                "created": datetime(9998, 6, 1, tzinfo=UTC),
                "updated": datetime(9999, 12, 31, 23, 59, tzinfo=UTC),
                "held": 2**31 - 1,
            },
        )
    shown = shop.ok("case", "show", number).out
    assert "  updated            12/31/9999 23:59 UTC\n" in shown
    assert "due 12/31/9999 23:59 UTC" in shown
    assert shop.ok("case", "list").out.splitlines()[1].endswith("12/31/9999 23:59 UTC")


@pytest.mark.parametrize(
    "command", [("case", "show", "{number}"), ("export", "cases", "--output", "{folder}/x.csv")]
)
def test_a_value_the_domain_will_not_load_is_named_as_damage_not_as_a_typing_mistake(
    shop, tmp_path, command
):
    """A progress of 101 written by hand said 'The progress must be from 0 to 100, not
    101' at case show and at an export of the whole desk, as if the operator had typed
    it."""
    number = shop.open_case()
    with connected(shop.db) as connection:
        connection.execute(text("UPDATE support_case SET progress = 101"))
    result = shop.refused(*(part.format(number=number, folder=tmp_path) for part in command))
    assert not (tmp_path / "x.csv").exists()
    assert f"is damaged (a stored case cannot be read: {int(number[3:])})" in result.err


@pytest.mark.parametrize(
    ("option", "day"), [("--start", "9999-12-31"), ("--close", "0001-01-01")]
)  # fmt: skip
def test_a_planned_day_outside_the_desk_s_calendar_is_refused_as_every_other_day(shop, option, day):
    number = shop.open_case()
    label = "planned start date" if option == "--start" else "planned close date"
    shop.refused(
        "case", "edit", number, option, day,
        says=f"The {label} {day!r} is outside the desk's calendar (1900-01-01 to 9998-12-31)",
    )  # fmt: skip


def test_an_import_planning_a_case_in_year_1_is_refused_by_its_line(shop, tmp_path):
    csv = write(
        tmp_path / "c.csv",
        "title,client,category,description,planned_start\nT,Acme SA,Impresoras,d,0001-01-01\n",
    )
    shop.refused(
        "import", "cases", csv,
        says="Line 2: The planned start date '0001-01-01' is outside the desk's calendar "
        "(1900-01-01 to 9998-12-31); nothing was imported",
    )  # fmt: skip


def test_a_case_planned_past_the_calendar_before_the_bound_still_takes_other_edits(shop):
    number = shop.open_case()
    with connected(shop.db) as connection:
        connection.execute(text("UPDATE support_case SET planned_close = '9999-12-31'"))
    shop.ok("case", "edit", number, "--title", "Still editable")
    assert shop.show(number)["planned_close"] == "9999-12-31"


def test_an_estimate_of_1_000_hours_is_refused_not_taken_as_one_hour(shop):
    number = shop.open_case()
    shop.refused(
        "case", "edit", number, "--estimate", "1,000",
        says="'1,000' is ambiguous: its comma could group thousands or mark decimals; "
        "write 1000 or 1.000",
    )  # fmt: skip
    shop.ok("case", "edit", number, "--estimate", "1,5")
    assert shop.show(number)["estimate_minutes"] == 90
