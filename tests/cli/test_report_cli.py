"""``desktui report``: each format carries the same figures; wrong input is a sentence.

The CLI runs on the real clock, so the figures here are ones the clock cannot move:
cases opened this week, time logged on fixed days, a contract's ledger, survey scores.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest

from deskTUI.cli.parser import REPORT_KINDS
from deskTUI.services.reports import KINDS

DAY = "2026-03-02"
PERIOD = ("--from", "2026-03-02", "--to", "2026-03-08")


@pytest.fixture
def worked(shop):
    """Two cases of Soporte: ana's, billable on the hours contract, 1h30 billable + 30m not on
    2 March, finished (1.5 h posted); luis's, 45m not billable on 3 March, still open. And a
    new one of Desarrollo for Globex Ltda, not Sofía's area."""
    first = shop.working_case("--contract", shop.contract, "--billable", title="Impresora")
    shop.ok("time", "log", first, "--duration", "1h30m", "--date", DAY, "--billable", as_="ana")
    shop.ok("time", "log", first, "--duration", "30m", "--date", DAY, "--no-billable", as_="ana")
    second = shop.working_case(title="Red", category="Redes", assignee="luis")
    shop.ok("time", "log", second, "--duration", "45m", "--date", "2026-03-03", as_="luis")
    shop.ok("case", "move", first, "finished", "--solution", "Listo", as_="ana")
    third = shop.open_case(title="Error", category="Errores", client="Globex Ltda")
    return first, second, third


def test_hours_as_a_table_for_people(shop, worked):
    out = shop.ok("report", "hours", "--by", "agent", *PERIOD, as_="sofia").out
    lines = out.splitlines()
    assert lines[0].startswith("Hours by agent · 2026-03-02 → 2026-03-08")
    # ana: 90 billable + 30 = 2h; luis: 45 not billable. Aligned columns, minutes as 1h30m.
    ana = next(line for line in lines if line.startswith("ana"))
    luis = next(line for line in lines if line.startswith("luis"))
    assert ana.split() == ["ana", "1h30m", "30m", "2h", "1.50", "0.50", "2.00"]
    assert luis.split() == ["luis", "0m", "45m", "45m", "0.00", "0.75", "0.75"]
    assert lines[-2].split()[0] == "all"
    assert lines[-2].split()[1:] == ["1h30m", "1h15m", "2h45m", "1.50", "1.25", "2.75"]
    # Numbers are right-aligned: the total's column ends where the header's does.
    header = lines[1]
    assert header.index("Total h") + len("Total h") == len(ana)


def test_hours_as_csv_parse_with_a_header_and_the_total_last(shop, worked):
    out = shop.ok("report", "hours", "--by", "client", *PERIOD, "--format", "csv").out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == [
        "client",
        "billable_minutes",
        "non_billable_minutes",
        "total_minutes",
        "billable_hours",
        "non_billable_hours",
        "total_hours",
    ]
    # The admin sees both areas; all the work was for Acme SA: 90 + (30 + 45) = 165.
    assert rows == [
        {
            "client": "Acme SA",
            "billable_minutes": "90",
            "non_billable_minutes": "75",
            "total_minutes": "165",
            "billable_hours": "1.50",
            "non_billable_hours": "1.25",
            "total_hours": "2.75",
        },
        {
            "client": "all",
            "billable_minutes": "90",
            "non_billable_minutes": "75",
            "total_minutes": "165",
            "billable_hours": "1.50",
            "non_billable_hours": "1.25",
            "total_hours": "2.75",
        },
    ]


def test_contracts_as_one_json_document_with_decimals_as_strings(shop, worked):
    document = shop.ok("report", "contracts", "--format", "json").json()
    assert document["report"] == "contracts"
    (row,) = document["rows"]
    # 1.5 h of 40 posted by the finish: 38.5 left, 3.75 %, as `contract show --json` says.
    shown = shop.json("contract", "show", shop.contract)
    assert row["id"] == 1 and isinstance(row["id"], int)
    assert row["total_units"] == shown["total_units"] == "40"
    assert row["used_units"] == shown["used_units"] == "1.5"
    assert row["remaining_units"] == shown["remaining_units"] == "38.5"
    assert row["percent_used"] == shown["percent_used"] == "3.75"
    assert row["used_in_period"] == "1.5"  # posted today, inside the default period
    assert document["total"] is None


def test_weekly_as_json_has_numbers_as_numbers_and_the_default_period(shop, worked):
    document = shop.json("report", "weekly")
    assert len(document["rows"]) == 12
    first, last = date.fromisoformat(document["from"]), date.fromisoformat(document["to"])
    assert (last - first).days == 83 and first.weekday() == 0
    this_week = document["rows"][-1]
    assert last - timedelta(days=6) <= date.today() <= last
    # The three cases were opened today, one finished today.
    assert (this_week["opened"], this_week["finished"]) == (3, 1)
    assert document["total"]["opened"] == 3 and isinstance(document["total"]["opened"], int)


def test_sla_and_satisfaction_have_their_columns_in_every_format(shop, worked):
    document = shop.json("report", "sla")
    assert [r["priority"] for r in document["rows"]] == ["critical", "high", "medium", "low"]
    assert document["total"]["priority"] == "all"
    assert document["rows"][2]["first_response_target_minutes"] == 1440
    table = shop.ok("report", "sla").out
    assert "24h" in table and "Met %" in table
    months = shop.ok("report", "satisfaction", "--by", "month", "--format", "csv").out
    header, *rows = list(csv.reader(io.StringIO(months)))
    assert header == ["month", "answers", "average"]
    assert rows[-1] == ["all", "0", ""]  # no survey answered: no average, an empty cell
    response = shop.json("report", "response")
    assert response["total"]["answered"] == 2  # assigning was the first response of two


def test_a_supervisor_reports_only_on_their_areas(shop, worked):
    admin = shop.json("report", "weekly")["total"]["opened"]
    sofia = shop.json("report", "weekly", as_="sofia")["total"]["opened"]
    assert (admin, sofia) == (3, 2)  # the Desarrollo case is not Sofía's


@pytest.mark.parametrize("who", ["ana", "maria"])
def test_agents_and_clients_are_refused_with_a_sentence(shop, who):
    role = "agent" if who == "ana" else "client"
    shop.refused(
        "report",
        "weekly",
        as_=who,
        says=f"{who} ({role}) may not see reports and survey averages: "
        "only an admin or a supervisor may",
    )


def test_wrong_kinds_groupings_and_days_are_sentences(shop):
    shop.refused(
        "report",
        "monthly",
        says="There is no report 'monthly': the reports are weekly, response, sla, hours, "
        "contracts, satisfaction, surveys",
    )
    shop.refused("report", "hours", "--by", "area", contains="by agent, client, contract")
    shop.refused(
        "report",
        "weekly",
        "--from",
        "2026-13-01",
        says="The report's first day '2026-13-01' is not a date: write mm/dd/yyyy or yyyy-mm-dd",
    )
    shop.refused("report", "weekly", "--from", "2026-03-09", "--to", "2026-03-02", contains="after")
    shop.usage_error("report", "weekly", "--format", "xml", contains="invalid choice")


def test_text_from_data_is_made_safe_in_the_table_and_the_csv(shop):
    shop.ok("client", "add", "Evil\x1b[2J SA")
    shop.ok(
        "contract",
        "add",
        "--client",
        "Evil\x1b[2J SA",
        "--unit",
        "incidents",
        "--total",
        "3",
        "--start",
        f"{date.today().year}-01-01",
        "--end",
        f"{date.today().year}-12-31",
    )
    table = shop.ok("report", "contracts").out
    rows = shop.ok("report", "contracts", "--format", "csv").out
    assert "\x1b" not in table + rows
    assert "Evil\\x1b[2J SA" in table and "Evil\\x1b[2J SA" in rows


def test_the_parser_offers_the_reports_the_service_has():
    assert REPORT_KINDS == KINDS


def test_a_name_that_starts_like_a_formula_reaches_a_spreadsheet_as_text(shop):
    for name in ('=HYPERLINK("http://x.example","clic")', "+58 Ventas", "@SUM(A1)"):
        shop.ok("client", "add", name)
        shop.ok(
            "contract", "add", "--client", name, "--unit", "incidents", "--total", "3",
            "--start", f"{date.today().year}-01-01", "--end", f"{date.today().year}-12-31",
        )  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(shop.ok("report", "contracts", "--format", "csv").out)))
    clients = {row["client"] for row in rows}
    assert {'\'=HYPERLINK("http://x.example","clic")', "'+58 Ventas", "'@SUM(A1)"} <= clients
    assert all(not c.startswith(("=", "+", "-", "@")) for c in clients)
