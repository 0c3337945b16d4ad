"""``desktui init``, users, areas, clients, contracts, and acting as someone else."""

from __future__ import annotations

import pytest

from deskTUI.services.identity import os_login
from deskTUI.store.database import open_database

from .conftest import call_main, connected, snapshot

ME = os_login()


# -- init and identity ------------------------------------------------------------------


def test_init_makes_the_login_admin_once_and_is_then_idempotent(cli):
    first = cli.ok("init")
    assert first.out == f"Desk ready at {cli.url}; {ME} is its admin.\n"
    again = cli.ok("init")
    assert again.out == f"Desk ready at {cli.url}; {ME} is admin.\n"
    users = cli.json("user", "list")
    assert [(u["login"], u["role"], u["active"]) for u in users] == [(ME, "admin", True)]


def test_someone_who_is_not_a_user_of_the_desk_is_told_to_ask_an_admin(cli):
    open_database(cli.db).dispose()  # a desk without users (an admin created it elsewhere)
    for command in (("case", "list"), ("user", "add", "zoe", "--role", "admin")):
        cli.refused(
            *command, says=f"You ({ME}) are not a user of this desk; ask an admin to add you"
        )


def test_a_command_other_than_init_on_a_missing_database_creates_nothing(cli):
    cli.refused("case", "list", contains="There is no desk at")
    assert not cli.exists()


def test_a_database_that_is_no_desk_is_not_made_one_by_a_command_other_than_init(cli):
    with connected(cli.db) as connection:  # someone's own database: a file, or a server's
        connection.exec_driver_sql("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        connection.exec_driver_sql("INSERT INTO notes (id, body) VALUES (1, 'mine')")
    for command in (("case", "list"), ("user", "list"), ()):  # () is the TUI
        cli.refused(*command, contains="There is no desk at")
    assert list(snapshot(cli.db)) == ["notes"]


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://ana:secreto@127.0.0.1:1/desk",
        "postgresql+psycopg://ana:secreto@127.0.0.1:1/desk?no_such_option=1",
        "postgresql+psycopg://ana:secreto@127.0.0.1:port/desk",
    ],
    ids=["unreachable", "unknown option", "port that is no number"],
)
def test_a_server_url_that_cannot_be_opened_is_a_sentence_without_its_password(capsys, url):
    assert call_main(["--db", url, "case", "list"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: ") and captured.err.count("\n") == 1, captured.err
    assert "secreto" not in captured.err and "ana:***@" in captured.err


def test_admins_act_as_another_user_who_must_exist(shop):
    shop.refused("--as", "nadie", "case", "list", says="There is no user 'nadie' on this desk")
    shop.refused("case", "list", as_="nadie", says="There is no user 'nadie' on this desk")
    number = shop.open_case(as_="maria")
    assert shop.show(number)["reporter"] == "maria"


def test_only_admins_may_act_as_another_user(shop):
    shop.ok("user", "add", "jefa", "--role", "admin", "--name", "Jefa")
    shop.ok("user", "set", ME, "--role", "supervisor", "--area", "Soporte", as_="jefa")
    shop.refused(
        "case",
        "list",
        as_="ana",
        says=f"Only admins may act as another user; {ME} is supervisor",
    )
    shop.ok("case", "list")  # as themselves, still fine
    shop.refused(
        "user",
        "add",
        "zoe",
        "--role",
        "agent",
        says=f"{ME} (supervisor) may not manage users: only an admin may",
    )


def test_a_deactivated_user_may_not_act_until_reactivated(shop):
    assert shop.ok("user", "set", "ana", "--inactive").out == "ana is agent, inactive.\n"
    shop.refused(
        "case", "list", as_="ana", says="User ana is deactivated and may not act on the desk"
    )
    number = shop.open_case()
    shop.refused(
        "case",
        "assign",
        number,
        "ana",
        as_="sofia",
        says=f"ana cannot be assigned {number}: only active agents, supervisors or admins work "
        "cases",
    )
    shop.ok("user", "set", "ana", "--active")
    shop.ok("case", "list", as_="ana")


def test_help_and_version_need_no_desk_and_the_tui_needs_one(cli):
    help_text = cli.ok("--help")
    assert help_text.out.startswith("usage: desktui")
    for command in ("init", "case", "time", "contract", "export", "db", "--demo"):
        assert command in help_text.out
    # Without a command desktui opens the TUI, which needs a desk (or --demo).
    cli.refused(contains="There is no desk at")
    version = cli.ok("--version")
    assert version.out.startswith("desktui ")
    assert cli.ok("case", "--help").out.startswith("usage: desktui case")
    assert not cli.exists()


# -- users -----------------------------------------------------------------------------------


def test_user_add_prints_a_sentence_or_json_and_user_list_shows_everyone(shop):
    assert shop.ok("user", "add", "pedro", "--role", "agent", "--area", "Desarrollo").out == (
        "Added pedro (agent).\n"
    )
    added = shop.json(
        "user", "add", "jorge", "--role", "client", "--name", "Jorge Díaz", "--client", "Acme SA"
    )
    assert set(added) == {"id", "login", "role"}
    assert (added["login"], added["role"]) == ("jorge", "client")
    users = {u["login"]: u for u in shop.json("user", "list")}
    assert set(users) == {ME, "sofia", "ana", "luis", "maria", "gloria", "pedro", "jorge"}
    assert users["sofia"] == {
        "login": "sofia",
        "name": "Sofía Rojas",
        "role": "supervisor",
        "active": True,
        "areas": ["Soporte"],
        "client": None,
        "language": None,
        "email": None,  # her address for notices by e-mail (user set --email), and their kinds
        "email_notices": [],
    }
    assert (users["jorge"]["client"], users["jorge"]["areas"]) == ("Acme SA", [])
    lines = shop.ok("user", "list").out.splitlines()
    assert lines[0].split() == ["LOGIN", "NAME", "ROLE", "AREAS", "/", "CLIENT"]
    assert any(line.split()[:1] == ["gloria"] and "Globex Ltda" in line for line in lines)


@pytest.mark.parametrize(
    ("args", "login", "says"),
    [
        (("ana", "--role", "agent"), None, "There is already a user 'ana'"),
        (("zoe", "--role", "agent", "--area", "Nada"), None, "There is no area 'Nada'"),
        (("zoe", "--role", "client", "--client", "Nadie"), None, "There is no client 'Nadie'"),
        (
            ("zoe", "--role", "client"),
            None,
            "User zoe has the client role, so it needs a client account",
        ),
        (
            ("zoe", "--role", "agent", "--client", "Acme SA"),
            None,
            "User zoe is staff (agent); only client users belong to a client account",
        ),
        (
            ("Bad Login!", "--role", "agent"),
            None,
            "'Bad Login!' is not a valid login: use lowercase letters, digits, '.', '_' or '-', "
            "starting with a letter, at most 32 characters",
        ),
        (
            ("zoe", "--role", "agent"),
            "sofia",
            "sofia (supervisor) may not manage users: only an admin may",
        ),
        (
            ("zoe", "--role", "agent"),
            "maria",
            "maria (client) may not manage users: only an admin may",
        ),
    ],
)
def test_user_add_refuses_duplicates_unknown_places_bad_logins_and_non_admins(
    shop, args, login, says
):
    shop.refused("user", "add", *args, as_=login, says=says)


def test_user_add_without_a_role_or_with_an_unknown_one_is_a_usage_error(shop):
    shop.usage_error("user", "add", "zoe", contains="--role")
    shop.usage_error("user", "add", "zoe", "--role", "boss", contains="invalid choice")
    shop.usage_error("user", "set", "ana", "--active", "--inactive", contains="not allowed")


def test_user_set_changes_role_areas_and_name_and_keeps_one_admin(shop):
    assert shop.ok(
        "user", "set", "luis", "--role", "supervisor", "--area", "Soporte", "--area", "Desarrollo",
        "--name", "Luis M.",
    ).out == "luis is supervisor, active.\n"  # fmt: skip
    luis = next(u for u in shop.json("user", "list") if u["login"] == "luis")
    assert (luis["role"], luis["name"], luis["areas"]) == (
        "supervisor",
        "Luis M.",
        ["Desarrollo", "Soporte"],
    )
    shop.refused(
        "user",
        "set",
        ME,
        "--role",
        "agent",
        says=f"{ME} is the last active admin; the desk must keep one",
    )
    shop.refused(
        "user",
        "set",
        ME,
        "--inactive",
        says=f"{ME} is the last active admin; the desk must keep one",
    )
    shop.refused(
        "user", "set", "nadie", "--role", "agent", says="There is no user 'nadie' on this desk"
    )
    shop.refused(
        "user",
        "set",
        "ana",
        "--role",
        "admin",
        as_="sofia",
        says="sofia (supervisor) may not manage users: only an admin may",
    )


def test_clients_may_not_read_the_desks_directory(shop):
    shop.refused(
        "user", "list", as_="maria", says="maria is a client; the desk's directory is for staff"
    )
    assert len(shop.json("user", "list", as_="ana")) == 6


# -- areas and categories ---------------------------------------------------------------------


def test_areas_and_categories_are_added_and_listed(shop):
    assert shop.ok("area", "add", "Facturación", "--category", "Cobros").out == (
        "Added area Facturación.\n"
    )
    assert shop.ok("area", "category", "Desarrollo", "Mejoras").out == "Added category Mejoras.\n"
    # ids and the active flags (issue 21): a deactivated one takes no new case.
    assert [
        (a["name"], a["categories"], a["active"], a["inactive_categories"])
        for a in shop.json("area", "list")
    ] == [
        ("Desarrollo", ["Errores", "Mejoras"], True, []),
        ("Facturación", ["Cobros"], True, []),
        ("Soporte", ["Impresoras", "Redes"], True, []),
    ]
    assert shop.ok("area", "list", as_="maria").out.splitlines() == [
        "Desarrollo: Errores, Mejoras",
        "Facturación: Cobros",
        "Soporte: Impresoras, Redes",
    ]
    shop.open_case(category="Mejoras")


@pytest.mark.parametrize(
    ("args", "login", "says"),
    [
        (("add", "Soporte"), None, "There is already an area named 'Soporte'"),
        (
            ("add", "Ventas"),
            "sofia",
            "sofia (supervisor) may not manage areas and categories: only an admin may",
        ),
        (("category", "Soporte", "Redes"), None, "The area already has a category 'Redes'"),
        (("category", "Nada", "X"), None, "There is no area 'Nada'"),
    ],
)
def test_area_commands_refuse_duplicates_unknown_areas_and_non_admins(shop, args, login, says):
    shop.refused("area", *args, as_=login, says=says)


# -- clients and contacts ---------------------------------------------------------------------


def test_clients_and_contacts_are_added_and_each_client_user_sees_their_own(shop):
    assert shop.ok("client", "add", "Initech", "--contact", "Peter Gibbons").out == (
        "Added client Initech.\n"
    )
    assert shop.ok(
        "client", "contact", "Acme SA", "John Smith", "--email", "john@acme.test"
    ).out == ("Added contact John Smith.\n")
    acme = {
        "id": 1,
        "name": "Acme SA",
        "active": True,
        "contacts": [  # each with its e-mail (issue 22): what the mail channel matches
            {"id": 3, "name": "John Smith", "email": "john@acme.test"},
            {"id": 1, "name": "María Pérez", "email": ""},
        ],
    }
    globex = {"id": 2, "name": "Globex Ltda", "active": True, "contacts": []}
    assert shop.json("client", "list") == [
        acme,
        globex,
        {
            "id": 3,
            "name": "Initech",
            "active": True,
            "contacts": [{"id": 2, "name": "Peter Gibbons", "email": ""}],
        },
    ]
    assert shop.json("client", "list", as_="maria") == [acme]
    assert shop.json("client", "list", as_="gloria") == [globex]
    assert shop.ok("client", "list", as_="maria").out == (
        "Acme SA (client 1): John Smith (contact 3), María Pérez (contact 1)\n"
    )
    shop.open_case("--contact", "John Smith")


def test_a_contact_id_from_client_list_opens_a_case_from_that_contact(shop):
    [acme] = [c for c in shop.json("client", "list") if c["name"] == "Acme SA"]
    [contact] = [p["id"] for p in acme["contacts"] if p["name"] == "María Pérez"]

    number = shop.ok(
        "case", "new", "--contact-id", str(contact), "--title", "Sin red",
        "--category", "Redes", "--description", "Desde esta mañana",
    ).out.strip()  # fmt: skip

    assert (shop.show(number)["contact"], shop.show(number)["client"]) == ("María Pérez", "Acme SA")


@pytest.mark.parametrize(
    ("args", "login", "says"),
    [
        (("add", "Acme SA"), None, "There is already a client named 'Acme SA'"),
        (("contact", "Nadie", "X"), None, "There is no client 'Nadie'"),
        (
            ("add", "Initech"),
            "sofia",
            "sofia (supervisor) may not manage clients and contacts: only an admin may",
        ),
        (
            ("contact", "Acme SA", "Jorge"),
            "maria",
            "maria (client) may not manage clients and contacts: only an admin may",
        ),
    ],
)
def test_client_commands_refuse_duplicates_unknown_clients_and_non_admins(shop, args, login, says):
    shop.refused("client", *args, as_=login, says=says)


# -- contracts --------------------------------------------------------------------------------

CONTRACT_KEYS = {
    "id",
    "name",
    "client",
    "unit",
    "start",
    "end",
    "status",
    "total_units",
    "used_units",
    "remaining_units",
    "percent_used",
    "level",
    "ledger",
}


def test_contract_add_prints_its_id_and_show_has_units_used_remaining_percent_and_ledger(shop):
    added = shop.json(
        "contract",
        "add",
        "--client",
        "Globex Ltda",
        "--unit",
        "days",
        "--total",
        "12.5",
        "--start",
        "2026-01-01",
        "--end",
        "2027-06-30",
        "--name",
        "Soporte por días",
    )
    assert added == {"id": 2}
    contract = shop.json("contract", "show", "2")
    assert set(contract) == CONTRACT_KEYS
    assert contract == {
        "id": 2,
        "name": "Soporte por días",
        "client": "Globex Ltda",
        "unit": "days",
        "start": "2026-01-01",
        "end": "2027-06-30",
        "status": "active",
        "total_units": "12.5",
        "used_units": "0",
        "remaining_units": "12.5",
        "percent_used": "0.00",
        "level": "ok",
        "ledger": [],
    }
    lines = shop.ok("contract", "show", "2").out.splitlines()
    assert lines == [
        "contract 2 Soporte por días · Globex Ltda · days",
        "  2026-01-01 → 2027-06-30 (active)",
        "  used 0 of 12.5, remaining 12.5, 0.00 % (ok)",
    ]
    assert shop.ok(
        "contract", "add", "--client", "Acme SA", "--unit", "incidents", "--total", "10",
        "--start", "2026-01-01", "--end", "2026-12-31",
    ).out == "3\n"  # fmt: skip


def test_contract_list_shows_balances_filtered_by_client_and_clients_see_their_own(shop):
    shop.ok(
        "contract", "add", "--client", "Globex Ltda", "--unit", "incidents", "--total", "5",
        "--start", "2026-01-01", "--end", "2026-12-31",
    )  # fmt: skip
    everyone = shop.json("contract", "list")
    assert [(c["id"], c["client"]) for c in everyone] == [(1, "Acme SA"), (2, "Globex Ltda")]
    assert all(set(c) == CONTRACT_KEYS for c in everyone)
    assert [c["id"] for c in shop.json("contract", "list", "--client", "Globex Ltda")] == [2]
    assert [c["id"] for c in shop.json("contract", "list", as_="maria")] == [1]
    assert [
        c["id"] for c in shop.json("contract", "list", "--client", "Acme SA", as_="gloria")
    ] == [2]
    lines = shop.ok("contract", "list").out.splitlines()
    assert lines[0].split() == ["ID", "CLIENT", "NAME", "UNIT", "USED", "%", "LEVEL"]
    assert "0 / 40" in lines[1] and "0 / 5" in lines[2]


@pytest.mark.parametrize(
    ("args", "login", "says"),
    [
        (("--total", "0"), None, "A contract's total must be more than zero"),
        (("--total", "muchas"), None, "The contract total 'muchas' is not a number"),
        (
            ("--total", "10", "--start", "2026-12-31", "--end", "2026-01-01"),
            None,
            "The contract ends on 2026-01-01, before it starts on 2026-12-31",
        ),
        (
            ("--total", "10", "--start", "31/12/2026"),
            None,
            "The start date '31/12/2026' is not a date: write mm/dd/yyyy or yyyy-mm-dd",
        ),
        (
            ("--total", "10", "--client", "Nadie"),
            None,
            "There is no client 'Nadie'",
        ),
        (
            ("--total", "10"),
            "sofia",
            "sofia (supervisor) may not manage contracts: only an admin may",
        ),
    ],
)
def test_contract_add_refuses_impossible_contracts_and_non_admins(shop, args, login, says):
    defaults = {
        "--client": "Acme SA",
        "--unit": "hours",
        "--start": "2026-01-01",
        "--end": "2026-12-31",
    }
    given = dict(zip(args[::2], args[1::2], strict=True))
    options = [part for key, value in {**defaults, **given}.items() for part in (key, value)]
    shop.refused("contract", "add", *options, as_=login, says=says)


def test_contract_show_refuses_unknown_contracts_and_other_clients(shop):
    shop.refused("contract", "show", "99", says="There is no contract 99")
    shop.refused("contract", "show", "1", as_="gloria", says="There is no contract 1")
    assert shop.json("contract", "show", "1", as_="maria")["client"] == "Acme SA"
    shop.usage_error("contract", "show", "uno", contains="invalid int value")
    shop.usage_error(
        "contract", "add", "--client", "Acme SA", "--unit", "weeks", "--total", "1",
        "--start", "2026-01-01", "--end", "2026-12-31", contains="invalid choice",
    )  # fmt: skip
