"""``contract show`` and ``contract list`` as people read them (issue 18): the ledger in
date order with local times, units to at most 2 decimals; ``--json`` keeps every digit."""

from __future__ import annotations

from .conftest import YEAR


def finished_on_days_contract(shop, minutes: str) -> str:
    """Acme's 5-day contract (8 hours a day), a billable case on it worked ``minutes``."""
    contract = shop.ok(
        "contract", "add", "--client", "Acme SA", "--unit", "days", "--total", "5",
        "--start", f"{YEAR}-01-01", "--end", f"{YEAR}-12-31", "--name", "Soporte por días",
    ).out.strip()  # fmt: skip
    number = shop.working_case()
    shop.ok("case", "edit", number, "--billable", "yes", "--contract", contract)
    shop.ok("time", "log", number, "--duration", minutes, "--note", "Revisión", as_="ana")
    shop.ok("case", "move", number, "finished", "--solution", "Listo", as_="ana")
    return contract


def test_day_units_show_at_most_two_decimals_and_json_keeps_them_all(shop):
    contract = finished_on_days_contract(shop, "45m")  # 0.09375 d, kept as 0.0938

    shown = shop.ok("contract", "show", contract).out.splitlines()
    listed = shop.ok("contract", "list").out

    assert shown[2] == "  used 0.09 of 5, remaining 4.91, 1.88 % (ok)"
    assert shown[3].split() == ["WHEN", "CASE", "WHAT", "UNITS", "BILLABLE", "TIME"]
    assert shown[4].split()[2:] == ["CS-000001", "post", "+0.09", "45m"]
    assert "0.0938" not in "\n".join(shown) + listed
    assert " 0.09 / 5 " in listed
    data = shop.json("contract", "show", contract)
    assert (data["used_units"], data["remaining_units"]) == ("0.0938", "4.9062")
    assert data["ledger"][0]["units"] == "0.0938"


def test_the_contracts_report_shows_units_as_the_contracts_screen_and_csv_keeps_them(shop):
    contract = finished_on_days_contract(shop, "45m")

    table = shop.ok("report", "contracts").out.splitlines()
    [days] = [line.split() for line in table if "Soporte por días" in line]
    rows = shop.ok("report", "contracts", "--format", "csv").out.splitlines()
    [csv] = [row.split(",") for row in rows if row.startswith(f"{contract},")]

    # unit, units, used, remaining, used %, level, used in the period
    assert days[-8:] == ["days", "5", "0.09", "4.91", "1.88", "%", "ok", "0.09"]
    assert "0.0938" not in "\n".join(table)
    assert csv[4:7] == ["5", "0.0938", "4.9062"] and csv[-1] == "0.0938"
