"""``desktui case ...``: open, find, show, edit, assign, move, comment, quote, survey, next.

Every refusal is exit code 1 with one ``error: <sentence>`` line and nothing
written (``Cli.refused`` compares the whole database before and after).
"""

from __future__ import annotations

import pytest

from deskTUI.services.identity import os_login

ME = os_login()

CASE_KEYS = {
    "number",
    "title",
    "description",
    "status",
    "priority",
    "importance",
    "stage",
    "progress",
    "internal",
    "origin",
    "planned_start",
    "planned_close",
    "solution",
    "estimate_minutes",
    "complexity",
    "level",
    "billable",
    "cost_per_hour",
    "quote",
    "version",
    "created_at",
    "updated_at",
    "client",
    "contact",
    "area",
    "category",
    "assignee",
    "coordinator",
    "reporter",
    "owner",
    "reviewer",
    "contract",
    "contract_name",
    "totals",
    "counters",
    "sla",
}
HISTORY_KEYS = {"time_entries", "comments", "files", "events", "tasks", "log"}
TOTALS_KEYS = {
    "total_minutes",
    "billable_minutes",
    "non_billable_minutes",
    "cost",
    "estimate_minutes",
    "remaining_minutes",
    "overrun",
}
NEW_CASE = ("case", "new", "--title", "T", "--description", "d")


# -- case new ---------------------------------------------------------------------


def test_case_new_prints_only_the_number_and_numbers_follow_each_other(shop):
    first = shop.ok(*NEW_CASE, "--client", "Acme SA", "--category", "Impresoras")
    second = shop.ok(*NEW_CASE, "--client", "Globex Ltda", "--category", "Errores")
    assert first.out == "CS-000001\n"
    assert second.out == "CS-000002\n"


def test_case_new_json_is_the_whole_case_with_snake_case_keys_totals_and_counters(shop):
    case = shop.json(
        "case",
        "new",
        "--title",
        "La impresora no imprime",
        "--client",
        "Acme SA",
        "--contact",
        "María Pérez",
        "--category",
        "Impresoras",
        "--description",
        "Sale una hoja en blanco",
        "--priority",
        "high",
        "--billable",
        "--contract",
        shop.contract,
        "--estimate",
        "2h30m",
    )
    assert set(case) >= CASE_KEYS | HISTORY_KEYS
    assert all(key == key.lower() and " " not in key for key in case)
    assert case["number"] == "CS-000001"
    assert case["title"] == "La impresora no imprime"
    assert case["status"] == "new"
    assert case["priority"] == "high"
    assert case["client"] == "Acme SA"
    assert case["contact"] == "María Pérez"
    assert (case["area"], case["category"]) == ("Soporte", "Impresoras")
    assert case["assignee"] is None
    assert case["reporter"] == ME
    assert case["billable"] is True
    assert case["contract"] == 1
    assert case["contract_name"].startswith("Bolsa de horas")
    assert case["estimate_minutes"] == 150
    assert case["cost_per_hour"] == "0"  # Decimals are strings
    assert set(case["totals"]) == TOTALS_KEYS
    assert case["totals"] == {
        "total_minutes": 0,
        "billable_minutes": 0,
        "non_billable_minutes": 0,
        "cost": "0.00",
        "estimate_minutes": 150,
        "remaining_minutes": 150,
        "overrun": False,
    }
    assert set(case["counters"]) == {"files", "events", "tasks"}
    assert case["counters"]["files"] == {"total": 0, "pending": 0, "valid": 0, "rejected": 0}
    assert case["quote"]["status"] == "pending"
    assert [entry["kind"] for entry in case["log"]] == ["opened"]
    assert case["log"][0]["actor"] == ME


def test_a_case_opened_from_a_contact_of_the_client_keeps_both(shop):
    number = shop.open_case("--contact", "María Pérez")
    case = shop.show(number)
    assert (case["client"], case["contact"]) == ("Acme SA", "María Pérez")


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        (("--category", "Impresoras"), "The client is required"),
        (
            ("--client", "Nadie SRL", "--category", "Impresoras"),
            "There is no client 'Nadie SRL'",
        ),
        (("--client", "Acme SA", "--category", "Nada"), "There is no category 'Nada'"),
        (
            ("--client", "Acme SA", "--area", "Desarrollo", "--category", "Impresoras"),
            "The category 'Impresoras' is not a category of the area 'Desarrollo'",
        ),
        (
            ("--client", "Globex Ltda", "--contact", "María Pérez", "--category", "Redes"),
            "The client has no contact named 'María Pérez'",
        ),
        (
            ("--client", "Acme SA", "--category", "Redes", "--contract", "9"),
            "There is no contract 9",
        ),
        (
            (
                "--client",
                "Acme SA",
                "--category",
                "Redes",
                "--start",
                "2026-12-01",
                "--close",
                "2026-11-01",
            ),
            "The planned close date 2026-11-01 is before the planned start date 2026-12-01",
        ),
        (
            # 01/12/2026 is January 12 in English (issue 20); the 13th month is no day.
            ("--client", "Acme SA", "--category", "Redes", "--start", "13/12/2026"),
            "The planned start date '13/12/2026' is not a date: write mm/dd/yyyy or yyyy-mm-dd",
        ),
        (
            ("--client", "Acme SA", "--category", "Redes", "--estimate", "mucho"),
            "'mucho' is not a duration: write 1h30m, 1:30, 90m or 1.5 (hours)",
        ),
    ],
)
def test_case_new_refuses_missing_or_inconsistent_fields_and_writes_nothing(shop, extra, says):
    shop.refused("case", "new", "--title", "T", "--description", "d", *extra, says=says)


@pytest.mark.parametrize(
    ("title", "description", "says"),
    [
        ("", "d", "The title is required"),
        ("   ", "d", "The title is required"),
        ("T", " ", "The description is required"),
        ("T" * 201, "d", "The title is 201 characters long; at most 200 are allowed"),
    ],
)
def test_case_new_refuses_a_blank_or_overlong_title_or_description(shop, title, description, says):
    shop.refused(
        "case",
        "new",
        "--title",
        title,
        "--client",
        "Acme SA",
        "--category",
        "Redes",
        "--description",
        description,
        says=says,
    )


def test_a_case_may_only_use_a_contract_of_its_own_client_and_within_its_dates(shop):
    shop.refused(
        *NEW_CASE,
        "--client",
        "Globex Ltda",
        "--category",
        "Redes",
        "--billable",
        "--contract",
        shop.contract,
        contains="belongs to another client; a case can only use its own client's contracts",
    )
    old = shop.ok(
        "contract",
        "add",
        "--client",
        "Globex Ltda",
        "--unit",
        "incidents",
        "--total",
        "5",
        "--start",
        "2020-01-01",
        "--end",
        "2020-12-31",
    ).out.strip()
    shop.refused(
        *NEW_CASE,
        "--client",
        "Globex Ltda",
        "--category",
        "Redes",
        "--contract",
        old,
        contains=f"contract {old} runs from 2020-01-01 to 2020-12-31; on ",
    )


def test_a_client_opens_cases_only_for_their_own_account_and_only_the_problem_fields(shop):
    number = shop.open_case(as_="maria")
    assert shop.show(number)["reporter"] == "maria"
    shop.refused(
        *NEW_CASE,
        "--client",
        "Globex Ltda",
        "--category",
        "Redes",
        as_="maria",
        says="maria (client) may not open this case: only an admin, a supervisor of its area, "
        "a user of its client account or an agent of its area may",
    )
    shop.refused(
        *NEW_CASE,
        "--client",
        "Acme SA",
        "--category",
        "Redes",
        "--billable",
        as_="maria",
        says="Clients cannot set billable flag when opening a case; the desk sets them",
    )
    shop.refused(
        *NEW_CASE,
        "--client",
        "Acme SA",
        "--category",
        "Redes",
        "--estimate",
        "3h",
        as_="maria",
        says="Clients cannot set estimate when opening a case; the desk sets them",
    )


def test_an_agent_opens_cases_in_their_own_area_only(shop):
    shop.open_case(as_="ana")
    shop.refused(
        *NEW_CASE,
        "--client",
        "Acme SA",
        "--category",
        "Errores",
        as_="ana",
        contains="ana (agent) may not open this case",
    )


@pytest.mark.parametrize(
    "args",
    [
        ("case", "new", "--client", "Acme SA", "--category", "Redes", "--description", "d"),
        ("case", "new", "--title", "T", "--client", "Acme SA", "--category", "Redes"),
        (
            "case",
            "new",
            "--title",
            "T",
            "--category",
            "Redes",
            "--description",
            "d",
            "--priority",
            "urgent",
        ),
        ("case", "list", "--status", "open-ish"),
        ("case", "list", "--limit", "many"),
        ("case", "move", "1", "bogus"),
        ("case", "show"),
        ("case", "frobnicate"),
        ("case", "new", "--as", "ana", "--title", "T"),
    ],
    ids=[
        "no title",
        "no description",
        "bad priority",
        "bad status",
        "bad limit",
        "bad target",
        "no number",
        "unknown verb",
        "global option after the command",
    ],
)
def test_wrong_usage_is_exit_code_2_with_argparse_usage_and_nothing_written(shop, args):
    shop.usage_error(*args)


# -- case list ---------------------------------------------------------------------


def test_case_list_prints_a_table_newest_change_first(shop):
    first = shop.open_case(title="Primero")
    second = shop.open_case(title="Segundo", client="Globex Ltda", category="Errores")
    shop.ok("case", "assign", first, "ana", as_="sofia")
    lines = shop.ok("case", "list").out.splitlines()
    assert lines[0].split() == [
        "NUMBER",
        "TITLE",
        "CLIENT",
        "PRIORITY",
        "STATUS",
        "ASSIGNEE",
        "SLA",
        "UPDATED",
    ]
    assert [line.split()[0] for line in lines[1:]] == [first, second]
    # Medium cases: 3 days to resolve, 1 day to answer (the second was not answered yet).
    assert lines[1].split()[-3] == "2d" and lines[2].split()[-3] == "23h"
    assert "Primero  Acme SA" in lines[1] and "assigned" in lines[1] and " ana " in lines[1]
    assert "Globex Ltda" in lines[2] and "new" in lines[2] and "—" in lines[2]


def test_case_list_says_how_many_more_there_are_beyond_the_limit(shop):
    for _ in range(3):
        shop.open_case()
    out = shop.ok("case", "list", "--limit", "2").out
    assert len(out.splitlines()) == 4
    assert out.endswith("(2 of 3; --limit shows more)\n")


def test_case_list_json_is_an_array_of_case_objects_without_their_history(shop):
    shop.open_case(title="Primero")
    shop.open_case(title="Segundo", client="Globex Ltda", category="Errores")
    cases = shop.json("case", "list")
    assert isinstance(cases, list) and len(cases) == 2
    for case in cases:
        assert set(case) >= CASE_KEYS
        assert not HISTORY_KEYS & set(case)
        assert set(case["totals"]) == TOTALS_KEYS
    assert [(c["number"], c["title"], c["client"]) for c in cases] == [
        ("CS-000002", "Segundo", "Globex Ltda"),
        ("CS-000001", "Primero", "Acme SA"),
    ]
    assert shop.json("case", "list", "--client", "Nadie") == []


def test_case_list_filters_by_status_priority_client_assignee_and_query(shop):
    low = shop.open_case("--priority", "low", title="Impresora lenta")
    high = shop.open_case("--priority", "high", title="Red caída", category="Redes")
    critical = shop.open_case("--priority", "critical", client="Globex Ltda", title="Servidor")
    shop.ok("case", "assign", high, "ana", as_="sofia")

    def numbers(*args):
        return [case["number"] for case in shop.json("case", "list", "--sort", "number", *args)]

    assert numbers("--status", "assigned") == [high]
    assert numbers("--status", "new", "--status", "assigned") == [low, high, critical]
    assert numbers("--priority", "low") == [low]
    assert numbers("--client", "Globex Ltda") == [critical]
    assert numbers("--assignee", "ana") == [high]
    assert numbers("--assignee", "none") == [low, critical]
    assert numbers("--query", "prio:>=high") == [high, critical]
    assert numbers("--query", "impresora") == [low]
    assert numbers("--area", "Soporte", "--category", "Redes") == [high]
    assert [c["number"] for c in shop.json("case", "list", "--sort", "priority")] == [
        critical,
        high,
        low,
    ]


def test_a_query_with_a_mistake_is_refused_naming_the_wrong_word(shop):
    shop.refused(
        "case",
        "list",
        "--query",
        "prio:urgent",
        says="In the query, 'prio:urgent': 'urgent' is not a priority (low, medium, high, critical)",
    )
    shop.refused(
        "case",
        "list",
        "--query",
        "color:red",
        says="In the query, 'color:red': 'color' is not a filter; use one of status, priority, "
        "assignee, client, area, category, created, updated, sla, age, contract, contact, "
        "reporter, project, service",
    )


def test_each_role_lists_only_the_cases_it_may_see(shop):
    acme = shop.open_case(title="Acme pool")
    mine = shop.open_case(title="Acme de ana")
    lucho = shop.open_case(title="Acme de luis")
    globex = shop.open_case(client="Globex Ltda", category="Redes", title="Globex")
    desarrollo = shop.open_case(category="Errores", title="Desarrollo")
    shop.ok("case", "assign", mine, "ana", as_="sofia")
    shop.ok("case", "assign", lucho, "luis", as_="sofia")

    def seen(login):
        return sorted(case["number"] for case in shop.json("case", "list", as_=login))

    assert seen(ME) == sorted([acme, mine, lucho, globex, desarrollo])
    assert seen("sofia") == sorted([acme, mine, lucho, globex])
    assert seen("ana") == sorted([acme, mine, globex])
    assert seen("maria") == sorted([acme, mine, lucho, desarrollo])
    assert seen("gloria") == [globex]


# -- case show ---------------------------------------------------------------------


def test_case_show_prints_the_editor_sections_for_a_person(shop):
    number = shop.open_case("--contact", "María Pérez", "--estimate", "3h")
    shop.ok("case", "assign", number, "ana", as_="sofia")
    out = shop.ok("case", "show", number).out
    lines = out.splitlines()
    assert lines[0] == f"{number}  La impresora no imprime"
    assert lines[1] == "  assigned · medium priority · Acme SA"
    for section in ("General", "Activities", "Others", "Counters", "Log"):
        assert section in lines
    assert "  contact            María Pérez" in lines
    assert "  area / category    Soporte / Impresoras" in lines
    assert "  assignee           ana" in lines
    assert "  estimate           3h" in lines
    assert "    Sale una hoja en blanco" in lines
    assert any("new → assigned" in line and "sofia" in line for line in lines)


def test_case_show_json_has_the_history_and_a_client_sees_no_internal_notes_nor_log(shop):
    number = shop.open_case(as_="maria")
    shop.ok("case", "comment", number, "Nota interna del equipo", as_="sofia")
    shop.ok("case", "comment", number, "Estamos revisando", "--public", as_="sofia")
    staff = shop.show(number, as_="sofia")
    assert [(c["author"], c["visibility"], c["body"]) for c in staff["comments"]] == [
        ("sofia", "internal", "Nota interna del equipo"),
        ("sofia", "public", "Estamos revisando"),
    ]
    assert staff["log"]
    client = shop.show(number, as_="maria")
    assert [c["body"] for c in client["comments"]] == ["Estamos revisando"]
    assert client["log"] == []
    plain = shop.ok("case", "show", number, as_="maria").out
    assert "Nota interna" not in plain and "Estamos revisando" in plain


@pytest.mark.parametrize(
    ("number", "login", "says"),
    [
        ("CS-000099", None, "There is no case CS-000099"),
        ("abc", None, "'abc' is not a case number: write it as CS-000042 or 42"),
        ("0", None, "'0' is not a case number: write it as CS-000042 or 42"),
        ("1", "gloria", "There is no case CS-000001 that gloria can see"),
        ("cs-1", "luis", None),
    ],
)
def test_case_show_refuses_unknown_malformed_and_invisible_cases(shop, number, login, says):
    shop.open_case()
    shop.ok("case", "assign", "1", "ana", as_="sofia")
    if says is None:
        says = f"There is no case CS-000001 that {login} can see"
    shop.refused("case", "show", number, as_=login, says=says)


def test_a_case_is_named_by_its_full_number_or_by_its_plain_number(shop):
    shop.open_case()
    for name in ("CS-000001", "cs-000001", "1", "cs-1"):
        assert shop.show(name)["number"] == "CS-000001"


# -- case edit ---------------------------------------------------------------------


def test_case_edit_changes_fields_names_them_and_logs_old_and_new(shop):
    number = shop.open_case()
    out = shop.ok(
        "case",
        "edit",
        number,
        "--priority",
        "high",
        "--estimate",
        "3h",
        "--cost-per-hour",
        "25.50",
        "--origin",
        "email",
        "--coordinator",
        "sofia",
    ).out
    assert out.startswith(f"{number}: changed ")
    assert set(out.removeprefix(f"{number}: changed ").rstrip(".\n").split(", ")) == {
        "priority",
        "estimate",
        "cost per hour",
        "origin",
        "coordinator",
    }
    case = shop.show(number)
    assert (case["priority"], case["estimate_minutes"], case["origin"]) == ("high", 180, "email")
    assert case["cost_per_hour"] == "25.50"
    assert case["coordinator"] == "sofia"
    changes = {e["field"]: (e["old"], e["new"]) for e in case["log"] if e["kind"] == "field"}
    assert changes["priority"] == ("medium", "high")
    assert changes["estimate_minutes"] == (None, "180")
    assert shop.ok("case", "edit", number, "--priority", "high").out == (
        f"{number}: nothing changed.\n"
    )


def test_case_edit_with_no_field_is_a_usage_error_and_changes_nothing(shop):
    number = shop.open_case()
    before = shop.state()
    result = shop.run("case", "edit", number)
    assert result.code == 2
    assert "Nothing to change: give --FIELD VALUE options (see --help)." in result.out + result.err
    assert shop.state() == before


def test_case_edit_with_no_field_says_so_on_stderr_like_every_usage_error(shop):
    number = shop.open_case()
    result = shop.run("case", "edit", number)
    assert result.out == ""
    assert "Nothing to change" in result.err


@pytest.mark.parametrize(
    ("args", "login", "says"),
    [
        (
            ("--priority", "low"),
            "ana",
            "ana (agent) may not edit CS-000001: only an admin or a supervisor of its area may",
        ),
        (("--progress", "150"), None, "The progress must be from 0 to 100, not 150"),
        (("--progress", "mucho"), None, "The progress 'mucho' is not a whole number"),
        (
            ("--stage", "weird"),
            None,
            "'weird' is not a valid stage: choose one of '', not_started, in_progress, "
            "completed, pending_data, delayed, planned, other_1, other_2, other_3",
        ),
        (("--coordinator", "maria"), None, "maria is a client and cannot be the coordinator"),
        (("--contact", "Nadie"), None, "The client has no contact named 'Nadie'"),
        (
            ("--area", "Desarrollo"),
            None,
            "The category 'Impresoras' is not a category of the area 'Desarrollo'",
        ),
        (
            ("--close", "2000-01-01", "--start", "2000-02-01"),
            None,
            "The planned close date 2000-01-01 is before the planned start date 2000-02-01",
        ),
        (("--billable", "maybe"), None, "The billable flag must be yes or no, not 'maybe'"),
        (("--cost-per-hour", "-3"), None, "The cost per hour must be at least 0, not -3"),
    ],
)
def test_case_edit_refuses_forbidden_or_invalid_changes_and_writes_nothing(shop, args, login, says):
    shop.open_case()
    shop.ok("case", "assign", "1", "ana", as_="sofia")
    shop.refused("case", "edit", "1", *args, as_=login, says=says)


def test_the_assignee_updates_the_progress_fields_but_not_the_others(shop):
    number = shop.working_case()
    shop.ok("case", "edit", number, "--progress", "40", "--stage", "in_progress", as_="ana")
    case = shop.show(number)
    assert (case["progress"], case["stage"]) == (40, "in_progress")


def test_case_edit_refuses_a_stale_version_and_accepts_the_current_one(shop):
    number = shop.open_case()
    version = shop.show(number)["version"]
    shop.ok("case", "edit", number, "--level", "2", "--expect-version", str(version))
    shop.refused(
        "case",
        "edit",
        number,
        "--level",
        "3",
        "--expect-version",
        str(version),
        contains=f"{number} was changed by {ME} at ",
    )
    assert shop.show(number)["level"] == 2


def test_moving_a_case_to_another_client_keeps_the_contact_rule(shop):
    number = shop.open_case("--contact", "María Pérez")
    shop.refused(
        "case",
        "edit",
        number,
        "--client",
        "Globex Ltda",
        says="María Pérez is not a contact of the case's client",
    )
    shop.ok("case", "edit", number, "--client", "Globex Ltda", "--contact", "")
    assert shop.show(number)["client"] == "Globex Ltda"


# -- assign and move ----------------------------------------------------------------


def test_a_supervisor_assigns_and_reassigns_and_each_assignee_is_told(shop):
    number = shop.open_case()
    assert shop.ok("case", "assign", number, "ana", as_="sofia").out == (
        f"{number} is assigned to ana.\n"
    )
    shop.ok("case", "assign", number, "luis", "--note", "ana está de vacaciones", as_="sofia")
    case = shop.show(number)
    assert (case["status"], case["assignee"]) == ("assigned", "luis")
    transitions = [(e["from_status"], e["to_status"]) for e in case["log"] if e["from_status"]]
    assert transitions == [("new", "assigned"), ("assigned", "assigned")]
    to_luis = shop.json("notifications", as_="luis")
    assert [n["message"] for n in to_luis] == [
        f"sofia assigned you {number}: La impresora no imprime"
    ]
    to_ana = [n["message"] for n in shop.json("notifications", as_="ana")]
    assert f"sofia handed {number} to luis" in to_ana


@pytest.mark.parametrize(
    ("user", "login", "says"),
    [
        (
            "ana",
            "ana",
            "ana (agent) may not assign CS-000001: only an admin or a supervisor of its area may",
        ),
        (
            "maria",
            "sofia",
            "maria cannot be assigned CS-000001: only active agents, supervisors or admins "
            "work cases",
        ),
        ("zoe", "sofia", "There is no user 'zoe' on this desk"),
        (
            "ana",
            "maria",
            "maria (client) may not assign CS-000001: only an admin or a supervisor of its area may",
        ),
    ],
)
def test_case_assign_refuses_the_wrong_person_and_the_wrong_assigner(shop, user, login, says):
    shop.open_case()
    shop.refused("case", "assign", "1", user, as_=login, says=says)


def test_a_case_goes_only_to_staff_of_its_area_and_not_twice_to_the_same_person(shop):
    errores = shop.open_case(category="Errores")
    shop.refused(
        "case",
        "assign",
        errores,
        "ana",
        says=f"ana cannot be assigned {errores}: they are not in the case's area",
    )
    shop.ok("case", "assign", errores, ME)  # admins may take any case
    impresoras = shop.open_case()
    shop.ok("case", "assign", impresoras, "ana", as_="sofia")
    shop.refused(
        "case",
        "assign",
        impresoras,
        "ana",
        as_="sofia",
        says=f"{impresoras} is already assigned to ana",
    )


@pytest.mark.parametrize(
    ("setup", "move", "login", "says"),
    [
        (
            (),
            ("in_progress",),
            None,
            "Cannot move CS-000001 from new to in_progress: from new it can go to assigned or "
            "cancelled",
        ),
        (
            ("assign",),
            ("new",),
            None,
            "Cannot move CS-000001 from assigned to new: from assigned it can go to assigned or "
            "in_progress or finished or cancelled",
        ),
        (
            ("assign",),
            ("finished", "--solution", "x"),
            "ana",
            "ana (agent) may not finish before work starts on CS-000001: only an admin or a "
            "supervisor of its area may",
        ),
        (
            ("assign",),
            ("finished",),
            "sofia",
            "Cannot finish CS-000001 without a solution: say what solved it",
        ),
        (
            ("assign",),
            ("assigned",),
            None,
            "Cannot move CS-000001 to assigned without an assignee: assign it to someone",
        ),
        (
            ("assign", "start"),
            ("on_hold",),
            "ana",
            "Moving CS-000001 from in_progress to on_hold needs a note explaining why",
        ),
        (
            ("assign", "start"),
            ("finished",),
            "ana",
            "Cannot finish CS-000001 without a solution: say what solved it",
        ),
        (
            ("assign", "start"),
            ("finished", "--solution", "   "),
            "ana",
            "Cannot finish CS-000001 without a solution: say what solved it",
        ),
        (
            ("assign", "start"),
            ("cancelled",),
            None,
            "Moving CS-000001 from in_progress to cancelled needs a note explaining why",
        ),
        (
            ("assign", "start"),
            ("cancelled", "--note", "duplicado"),
            "ana",
            "ana (agent) may not cancel CS-000001: only an admin or a supervisor of its area may",
        ),
        (
            ("assign",),
            ("in_progress",),
            "luis",
            "There is no case CS-000001 that luis can see",
        ),
        (
            ("assign", "start", "finish"),
            ("in_progress",),
            None,
            "Moving CS-000001 from finished to in_progress needs a note explaining why",
        ),
        (
            ("assign", "start", "finish"),
            ("in_progress", "--note", "sigue fallando"),
            "ana",
            "ana (agent) may not reopen CS-000001: only an admin, a supervisor of its area or "
            "the client who opened it or is its contact may",
        ),
        (
            ("assign", "start", "finish"),
            ("cancelled", "--note", "x"),
            None,
            "Cannot move CS-000001 from finished to cancelled: from finished it can go to "
            "in_progress",
        ),
        (
            ("cancel",),
            ("in_progress", "--note", "x"),
            None,
            "Cannot move CS-000001 from cancelled: a cancelled case is closed for good",
        ),
    ],
)
def test_case_move_refuses_every_step_off_the_lifecycle_table(shop, setup, move, login, says):
    number = shop.open_case()
    steps = {
        "assign": (("case", "assign", number, "ana"), "sofia"),
        "start": (("case", "move", number, "in_progress"), "ana"),
        "finish": (("case", "move", number, "finished", "--solution", "listo"), "ana"),
        "cancel": (("case", "move", number, "cancelled", "--note", "duplicado"), "sofia"),
    }
    for step in setup:
        args, who = steps[step]
        shop.ok(*args, as_=who)
    shop.refused("case", "move", number, *move, as_=login, says=says)


def test_case_move_says_the_new_status_and_logs_who_from_to_and_the_note(shop):
    number = shop.working_case()
    assert shop.ok(
        "case", "move", number, "on_hold", "--note", "esperando repuesto", as_="ana"
    ).out == (f"{number} is on hold.\n")  # the status's word (issue 20), not its code
    last = shop.show(number)["log"][-1]
    assert (last["actor"], last["from_status"], last["to_status"], last["note"]) == (
        "ana",
        "in_progress",
        "on_hold",
        "esperando repuesto",
    )


# -- preview, comments ---------------------------------------------------------------


def test_case_preview_tells_what_finishing_will_consume_of_the_contract(shop):
    number = shop.working_case("--billable", "--contract", shop.contract)
    shop.ok("time", "log", number, "--duration", "3h15m", as_="ana")
    assert shop.ok("case", "preview", number).out == (
        "Finishing consumes 3.25 h → 3.25 / 40 h, 8 %.\n"
    )
    free = shop.open_case()
    assert shop.ok("case", "preview", free).out == "Finishing this case consumes no contract.\n"


def test_a_supervisor_finishes_an_assigned_case_and_its_hours_count_on_the_contract(shop):
    """Seed 004: on an assigned case the supervisor may "cancelarlo o finalizarlo"."""
    number = shop.open_case("--billable", "--contract", shop.contract)
    shop.ok("case", "assign", number, "ana", as_="sofia")
    shop.ok("time", "log", number, "--duration", "2h", as_="ana")
    shop.ok("case", "move", number, "finished", "--solution", "Reinstalado", as_="sofia")
    case = shop.show(number)
    assert (case["status"], case["solution"]) == ("finished", "Reinstalado")
    assert shop.json("contract", "show", shop.contract)["used_units"] == "2"


def test_comments_are_internal_unless_public_and_clients_write_only_public_ones(shop):
    number = shop.open_case(as_="maria")
    shop.ok("case", "comment", number, "¿Alguna novedad?", "--public", as_="maria")
    shop.refused(
        "case",
        "comment",
        number,
        "Nota",
        as_="maria",
        says="Clients can only write public comments; internal notes are for staff",
    )
    shop.refused(
        "case",
        "comment",
        number,
        "Hola",
        "--public",
        as_="gloria",
        says=f"There is no case {number} that gloria can see",
    )
    shop.ok("case", "comment", number, "Revisado", as_="sofia")
    bodies = [(c["author"], c["visibility"]) for c in shop.show(number)["comments"]]
    assert bodies == [("maria", "public"), ("sofia", "internal")]


def test_a_public_staff_comment_is_the_first_response_of_the_sla(shop):
    number = shop.open_case()
    assert shop.show(number)["first_response_at"] is None
    shop.ok("case", "comment", number, "Internal", as_="sofia")
    assert shop.show(number)["first_response_at"] is None
    shop.ok("case", "comment", number, "Lo vemos hoy", "--public", as_="sofia")
    assert shop.show(number)["first_response_at"] is not None


def test_the_comment_confirmation_names_the_case_by_its_number_in_good_english(shop):
    shop.open_case()
    assert shop.ok("case", "comment", "1", "hola").out == (
        "Added an internal comment to CS-000001.\n"
    )


# -- quotes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "login", "says"),
    [
        (
            ("--price", "150", "--currency", "USD", "--hours", "2"),
            "ana",
            "ana (agent) may not quote CS-000001: only an admin or a supervisor of its area may",
        ),
        (
            ("--price", "mucho", "--currency", "USD", "--hours", "2"),
            "sofia",
            "The quoted price 'mucho' is not a number: write it as 1,500.50 or 150.5",
        ),
        (
            ("--price", "-5", "--currency", "USD", "--hours", "2"),
            "sofia",
            "The quoted price must be at least 0, not -5",
        ),
        (
            ("--price", "150", "--currency", "dollars", "--hours", "2"),
            "sofia",
            "'dollars' is not an ISO 4217 currency code (for example USD, EUR, MXN, VES)",
        ),
        (
            ("--price", "150", "--currency", "USD", "--hours", "0"),
            "sofia",
            "The quoted hours must be more than zero",
        ),
    ],
)
def test_case_quote_refuses_the_wrong_quoter_and_invalid_figures(shop, args, login, says):
    shop.open_case("--billable")
    shop.refused("case", "quote", "1", *args, as_=login, says=says)


def test_quote_approve_reject_requote_and_payment_from_the_shell(shop):
    number = shop.open_case("--billable")
    shop.refused(
        "case",
        "approve-quote",
        number,
        as_="maria",
        says="There is no quote waiting for an answer: the quote is pending",
    )
    assert shop.ok(
        "case", "quote", number, "--price", "150.50", "--currency", "usd", "--hours", "2h30m",
        as_="sofia",
    ).out == f"{number} is quoted at 150.50 USD.\n"  # fmt: skip
    assert [n["kind"] for n in shop.json("notifications", as_="maria")] == ["quote"]
    shop.refused(
        "case",
        "approve-quote",
        number,
        as_="sofia",
        says=f"sofia (supervisor) may not approve or reject the quote of {number}: only an "
        "admin or a user of its client account may",
    )
    shop.refused(
        "case",
        "approve-quote",
        number,
        as_="gloria",
        says=f"There is no case {number} that gloria can see",
    )
    assert shop.ok("case", "reject-quote", number, "--note", "caro", as_="maria").out == (
        f"The quote of {number} is rejected.\n"
    )
    shop.ok("case", "quote", number, "--price", "120", "--currency", "USD", "--hours", "2")
    assert shop.show(number)["quote"]["status"] == "quoted"
    shop.refused(
        "case",
        "payment",
        number,
        "paid",
        as_="sofia",
        says="Payment can only be recorded against an approved quote; this one is quoted",
    )
    shop.ok("case", "approve-quote", number, as_="maria")
    shop.refused(
        "case",
        "quote",
        number,
        "--price",
        "99",
        "--currency",
        "USD",
        "--hours",
        "1",
        says="The quote was already approved (120 USD); an approved quote is final",
    )
    shop.refused(
        "case",
        "payment",
        number,
        "paid",
        as_="ana",
        says=f"ana (agent) may not set the payment status of {number}: only an admin or a "
        "supervisor of its area may",
    )
    assert shop.ok("case", "payment", number, "partial", as_="sofia").out == (
        f"{number}: payment partial.\n"
    )
    quote = shop.show(number)["quote"]
    assert quote["status"] == "approved"
    assert (quote["price"], quote["currency"], quote["minutes"]) == ("120", "USD", 120)
    assert quote["payment"] == "partial"
    assert quote["decided_at"] is not None


# -- surveys and the queue --------------------------------------------------------------


def test_the_client_who_opened_a_finished_case_answers_its_survey_once(shop):
    number = shop.open_case(as_="maria")
    shop.ok("case", "assign", number, "ana", as_="sofia")
    shop.ok("case", "move", number, "in_progress", as_="ana")
    shop.refused("case", "survey", number, "--score", "5", as_="maria", contains=number)
    shop.ok("case", "move", number, "finished", "--solution", "Tóner nuevo", as_="ana")
    shop.refused(
        "case",
        "survey",
        number,
        "--score",
        "5",
        as_="sofia",
        says=f"sofia (supervisor) may not answer the survey of {number}: only the client who "
        "opened it or is its contact may",
    )
    assert shop.ok(
        "case", "survey", number, "--score", "4", "--comment", "Rápido", as_="maria"
    ).out == (f"Thank you: the survey of {number} is answered.\n")
    shop.refused("case", "survey", number, "--score", "5", as_="maria", contains=number)
    shop.usage_error("case", "survey", number, "--score", "6", contains="invalid choice")


def test_case_next_orders_an_agents_open_cases_by_priority(shop):
    low = shop.working_case("--priority", "low", title="Baja")
    critical = shop.working_case("--priority", "critical", title="Crítica")
    medium = shop.working_case("--priority", "medium", title="Media")
    done = shop.working_case("--priority", "critical", title="Hecha")
    shop.ok("case", "move", done, "finished", "--solution", "ok", as_="ana")
    queue = shop.json("case", "next", as_="ana")
    assert [(c["number"], c["priority"], c["status"]) for c in queue] == [
        (critical, "critical", "in_progress"),
        (medium, "medium", "in_progress"),
        (low, "low", "in_progress"),
    ]
    lines = shop.ok("case", "next", as_="ana").out.splitlines()
    assert lines[0].split() == ["NUMBER", "PRIORITY", "STATUS", "SLA", "TITLE"]
    assert [line.split()[0] for line in lines[1:]] == [critical, medium, low]
    # Answered when assigned: what runs is resolution, 4 h / 3 d / 5 d from a moment ago.
    # The status reads "in progress" (two words, issue 20): the SLA follows it.
    assert [line.split("in progress")[1].split()[0] for line in lines[1:]] == ["3h", "2d", "4d"]
    assert [c["sla_minutes_left"] // 60 for c in queue] == [3, 3 * 24 - 1, 5 * 24 - 1]
    assert [c["sla_breached"] for c in queue] == [False, False, False]
    assert shop.json("case", "next", as_="luis") == []


# -- text from data reaches the terminal escaped ------------------------------------------

EVIL_TITLE = "\x1b[2JBorrado\u202eodanimreT"


def test_case_list_and_show_escape_control_and_bidi_characters_but_json_keeps_them(shop):
    number = shop.open_case(title=EVIL_TITLE, description="línea 1\nlínea 2\x1b[0m")
    shop.ok("case", "comment", number, "hola\x1b]0;pwned\x07")
    for out in (shop.ok("case", "list").out, shop.ok("case", "show", number).out):
        assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
        assert "\\x1b[2JBorrado<U+202E>odanimreT" in out
    show = shop.ok("case", "show", number).out
    assert "    línea 1\n    línea 2\\x1b[0m\n" in show
    assert "hola\\x1b]0;pwned\\x07" in show
    assert shop.json("case", "list")[0]["title"] == EVIL_TITLE
    case = shop.show(number)
    assert case["title"] == EVIL_TITLE
    assert case["description"] == "línea 1\nlínea 2\x1b[0m"
    assert case["comments"][0]["body"] == "hola\x1b]0;pwned\x07"


def test_other_listings_escape_names_from_data_too(shop):
    shop.ok("client", "contact", "Acme SA", "\x1b[31mRojo\u202e")
    shop.ok("user", "add", "eve", "--role", "agent", "--name", "Eve\x1b[5m", "--area", "Soporte")
    outputs = [
        shop.ok("client", "list").out,
        shop.ok("user", "list").out,
    ]
    number = shop.working_case(title=EVIL_TITLE)
    shop.ok("time", "log", number, "--duration", "1h", "--note", "nota\x1b[1m", as_="ana")
    outputs += [
        shop.ok("case", "next", as_="ana").out,
        shop.ok("time", "list", number).out,
        shop.ok("notifications", as_="ana").out,
    ]
    for out in outputs:
        assert "\x1b" not in out and "\u202e" not in out, out


def test_an_error_sentence_carrying_a_name_from_data_is_escaped_on_stderr(shop):
    contract = shop.ok(
        "contract",
        "add",
        "--client",
        "Acme SA",
        "--unit",
        "hours",
        "--total",
        "5",
        "--start",
        "2000-01-01",
        "--end",
        "2999-12-31",
        "--name",
        "\x1b[31mRojo\u202e",
    ).out.strip()
    result = shop.refused(
        *NEW_CASE, "--client", "Globex Ltda", "--category", "Redes", "--contract", contract
    )
    assert "\x1b" not in result.err and "\u202e" not in result.err
