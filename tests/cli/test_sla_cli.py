"""`case show` says where each SLA clock stands; `sla escalate` tells a breach once."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from deskTUI.store.tables import CaseRow

from .conftest import connected


def _sla_rows(shop, number):
    lines = shop.ok("case", "show", number).out.splitlines()
    return [line.strip() for line in lines if line.strip().startswith("SLA ")]


def test_case_show_counts_down_both_clocks_of_a_new_case(shop):
    number = shop.open_case("--priority", "critical")
    response, resolution = _sla_rows(shop, number)
    # Opened a moment ago: 59 whole minutes left of the hour (1h if the clock ticked slowly).
    # due: the day as the operator's locale writes it (issue 20), 12/7/2026 in English
    assert re.fullmatch(r"SLA response +(59m|1h) left · due \d\d?/\d\d?/\d{4} \d\d:\d\d", response)
    assert re.fullmatch(
        r"SLA resolution +(3h59m|4h) left · due \d\d?/\d\d?/\d{4} \d\d:\d\d", resolution
    )


def test_case_show_says_the_response_was_met_once_the_case_is_assigned(shop):
    number = shop.open_case("--priority", "critical")
    shop.ok("case", "assign", number, "ana")
    response, _ = _sla_rows(shop, number)
    assert re.fullmatch(r"SLA response +met · due .+", response)


def test_a_breach_swept_twice_from_the_command_line_is_told_once(shop):
    number = shop.open_case("--priority", "critical")
    shop.ok("sla", "set", "critical", "--response", "1m", "--resolution", "2h")
    # A target of one minute: the case was opened two minutes ago, as far as the desk knows.
    with connected(shop.url) as connection:
        table = CaseRow.__table__
        connection.execute(
            table.update().values(created_at=datetime.now(UTC) - timedelta(minutes=2))
        )
    first = shop.json("sla", "escalate")
    assert [(e["number"], e["target"]) for e in first] == [(number, "first_response")]
    assert shop.json("sla", "escalate") == []
    assert shop.ok("sla", "escalate").out == "No new breaches.\n"


def test_a_target_longer_than_a_year_is_refused_and_the_lists_keep_working(shop):
    shop.refused(
        "sla",
        "set",
        "low",
        "--response",
        "1h",
        "--resolution",
        "35000000h",
        says="SLA targets must be at most a year (8760 hours)",
    )
    shop.open_case("--priority", "low")
    assert len(shop.json("case", "list")) == 1
    assert shop.json("sla", "escalate") == []
