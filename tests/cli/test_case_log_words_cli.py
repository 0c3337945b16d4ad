"""The case log as a person reads it (issue 18): ``case show`` says "Estimate: 2h", not
"estimate_minutes: 120"; ``--json`` keeps the stored codes for scripts."""

from __future__ import annotations

import re

from .conftest import YEAR

EDITS = (
    "--estimate",
    "2h",
    "--progress",
    "40",
    "--billable",
    "yes",
    "--internal",
    "yes",
    "--start",
    f"{YEAR}-01-01",
    "--close",
    f"{YEAR}-12-31",
    "--coordinator",
    "sofia",
    "--owner",
    "ana",
    "--reviewer",
    "luis",
    "--priority",
    "high",
    "--cost-per-hour",
    "25.5",
    "--level",
    "3",
    "--product",
    "HP 4000",
    "--stage",
    "in_progress",
    "--category",
    "Redes",
    "--contract",
    "1",
    "--support-type",
    "remoto",
)

READ_AS_PEOPLE_DO = [
    "Estimate: 2h",
    "Progress: 0 % → 40 %",
    "Billable: no → yes",
    "Internal case: no → yes",
    f"Planned start: {YEAR}-01-01",
    f"Planned close: {YEAR}-12-31",
    "Coordinator: sofia",
    "Owner: ana",
    "Reviewer: luis",
    "Priority: medium → high",
    "Cost per hour: 0 → 25.5",
    "Level: 0 → 3",
    "Product: HP 4000",
    "Stage: in progress",  # the stage's word, not its code (issue 20)
    "Category: Impresoras → Redes",
    f"Contract: Bolsa de horas {YEAR}",
    "Support type: remoto",
    "Estimate: 2h → 1h30m",
    "Opened: La impresora no imprime",
    "new → assigned (ana)",
    "Quote: quoted 150 USD for 3h",
    "Quote: quoted → approved",
    "Time: logged 1h30m",
]


def _log_lines(text: str) -> list[str]:
    """What each line of ``case show``'s Log says, without its time and actor."""
    log = text.split("\nLog\n", 1)[1]
    return [re.sub(r"^  \S+ \S+ \S+ ", "", line) for line in log.splitlines() if line.strip()]


def test_every_kind_of_field_in_the_case_log_reads_as_words_not_codes(shop):
    number = shop.working_case()
    shop.ok("case", "edit", number, *EDITS)
    shop.ok("case", "edit", number, "--estimate", "1h30m")
    shop.ok("case", "quote", number, "--price", "150", "--currency", "USD", "--hours", "3")
    shop.ok("case", "approve-quote", number, as_="maria")
    shop.ok("time", "log", number, "--duration", "1h30m", "--note", "Cambio", as_="ana")

    lines = _log_lines(shop.ok("case", "show", number).out)

    for expected in READ_AS_PEOPLE_DO:
        assert any(line.startswith(expected) for line in lines), (expected, lines)
    said = "\n".join(lines)
    for code in ("_id", "estimate_minutes", "cost_per_hour", "planned_", "support_type"):
        assert code not in said, (code, said)
    assert not re.search(r"^[a-z]", said, re.MULTILINE) or all(
        "→" in line and ":" not in line.split("→")[0] for line in lines if line[:1].islower()
    ), said  # only a status move starts with a lower-case code


def test_the_json_log_keeps_the_stored_codes_for_scripts(shop):
    number = shop.working_case()
    shop.ok("case", "edit", number, "--estimate", "2h", "--owner", "ana", "--category", "Redes")

    log = shop.show(number)["log"]

    fields = {line["field"]: (line["old"], line["new"]) for line in log if line["field"]}
    assert fields["estimate_minutes"] == (None, "120")
    assert fields["owner_id"][1].isdigit()
    assert fields["category_id"][0].isdigit() and fields["category_id"][1].isdigit()


def test_a_person_a_log_line_names_is_shown_by_login_even_when_no_longer_on_the_case(shop):
    number = shop.working_case()
    shop.ok("case", "edit", number, "--coordinator", "luis")
    shop.ok("case", "edit", number, "--coordinator", "sofia")

    lines = _log_lines(shop.ok("case", "show", number).out)

    assert "Coordinator: luis → sofia" in lines, lines
