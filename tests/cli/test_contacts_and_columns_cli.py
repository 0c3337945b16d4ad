"""Issue 21 (PREFS): the lists a script needs from the shell: ``contact list`` with ids,
the case list filtered by contract and by contact, and the columns an operator chooses."""

from __future__ import annotations

from .conftest import YEAR


def test_contact_list_gives_each_contact_its_id_client_and_channels_to_those_who_may_see_it(shop):
    shop.ok("client", "contact", "Acme SA", "John Smith", "--email", "john@acme.test")
    shop.ok("client", "add", "Initech", "--contact", "Peter Gibbons")
    john = {
        "id": 2,
        "name": "John Smith",
        "client_id": 1,
        "client": "Acme SA",
        "email": "john@acme.test",
        "phone": "",
    }
    maria = {**john, "id": 1, "name": "María Pérez", "email": ""}
    peter = {**maria, "id": 3, "name": "Peter Gibbons", "client_id": 3, "client": "Initech"}

    assert shop.json("contact", "list") == [john, maria, peter]
    assert shop.json("contact", "list", "--client", "Initech") == [peter]
    assert shop.json("contact", "list", "--client", "1") == [john, maria]
    # A client user sees their own account's people only, and another account is no one's.
    assert shop.json("contact", "list", as_="maria") == [john, maria]
    shop.refused("contact", "list", "--client", "Initech", as_="maria", says=(
        "There is no client 'Initech'"
    ))  # fmt: skip
    assert shop.ok("contact", "list", "--client", "Initech").out.splitlines()[1].split() == [
        "3", "Peter", "Gibbons", "Initech",
    ]  # fmt: skip


def numbers(shop, query: str, as_: str | None = None) -> list[str]:
    return [c["number"] for c in shop.json("case", "list", "--query", query, as_=as_)]


def test_the_query_finds_a_contracts_and_a_contacts_cases_by_id_or_name_in_either_language(shop):
    shop.ok("client", "contact", "Acme SA", "John Smith")
    under = shop.open_case("--contract", "1", "--contact", "María Pérez", title="Bajo contrato")
    john = shop.open_case("--contact", "John Smith", title="De John")
    shop.open_case(client="Globex Ltda", title="Otra cuenta")

    assert numbers(shop, "contract:1") == [under]
    assert numbers(shop, f'contract:"Bolsa de horas {YEAR}"') == [under]
    assert numbers(shop, f'contrato:"bolsa de horas {YEAR}"') == [under]  # case ignored
    assert numbers(shop, f'póliza:"Bolsa de horas {YEAR}"') == [under]
    assert numbers(shop, '-contract:1 client:"Acme SA"') == [john]
    assert numbers(shop, "contact:2") == [john]
    assert numbers(shop, 'contacto:"maria perez"') == []  # accents are part of a name
    assert numbers(shop, 'contacto:"maría pérez"') == [under]
    assert numbers(shop, "contact:1,2") == [john, under]
    # A name or an id that names nothing finds nothing; a huge number is a name, not a crash.
    assert numbers(shop, "contract:99") == numbers(shop, "contact:Nadie") == []
    assert numbers(shop, "contract:99999999999999999999999") == []
    # Filters narrow what one may see, never widen it: Gloria (Globex) sees none of Acme's.
    assert numbers(shop, "contract:1", as_="gloria") == []
    assert numbers(shop, "contact:2", as_="maria") == [john]
    shop.refused("case", "list", "--query", "contract:", says=(
        "In the query, 'contract:': a value is missing after the colon"
    ))  # fmt: skip


def test_each_operator_chooses_the_lists_columns_contract_and_created_among_them(shop):
    under = shop.open_case("--contract", f"Bolsa de horas {YEAR}", title="Bajo contrato")
    shop.open_case(title="Sin contrato")
    before = shop.ok("case", "list", as_="sofia").out.splitlines()[0].split()
    assert before == [
        "NUMBER",
        "TITLE",
        "CLIENT",
        "PRIORITY",
        "STATUS",
        "ASSIGNEE",
        "SLA",
        "UPDATED",
    ]

    said = shop.ok("prefs", "columns", "number, CONTRACT,created,title", as_="sofia").out
    assert said == "The case list shows the columns number, contract, created, title.\n"
    lines = shop.ok("case", "list", "--query", "contract:1", as_="sofia").out.splitlines()
    assert lines[0].split() == ["NUMBER", "CONTRACT", "CREATED", "TITLE"]
    assert lines[1].startswith(under) and f"Bolsa de horas {YEAR}" in lines[1]
    assert lines[1].rstrip().endswith("Bajo contrato") and len(lines) == 2
    # One call's columns, without changing the saved ones; the others keep the desk's.
    once = shop.ok("case", "list", "--columns", "number,status", as_="sofia").out
    assert once.splitlines()[0].split() == ["NUMBER", "STATUS"]
    assert shop.json("prefs", "show", as_="sofia")["columns"][:4] == [
        {"name": "number", "shown": True},
        {"name": "contract", "shown": True},
        {"name": "created", "shown": True},
        {"name": "title", "shown": True},
    ]
    assert shop.ok("case", "list", as_="ana").out.splitlines()[0].split() == before
    # Wrong choices are told and change nothing.
    shop.refused("prefs", "columns", "title,status", as_="sofia", says=(
        "The number column is always shown; name it among the columns"
    ))  # fmt: skip
    shop.refused("prefs", "columns", "number,colour", as_="sofia", contains="no column 'colour'")
    shop.refused("case", "list", "--columns", "number,number", as_="sofia", says=(
        "'number' is named twice; name each once"
    ))  # fmt: skip
    shop.ok("prefs", "columns", "default", as_="sofia")
    assert shop.ok("case", "list", as_="sofia").out.splitlines()[0].split() == before


def test_each_operator_orders_and_hides_the_case_views_tabs_from_the_shell(shop):
    said = shop.ok("prefs", "tabs", "Comments, general", as_="ana").out
    assert said == "The case view shows the tabs comments, general.\n"
    tabs = shop.json("prefs", "show", as_="ana")["tabs"]
    assert [(t["name"], t["shown"]) for t in tabs[:4]] == [
        ("comments", True), ("general", True), ("activities", False), ("others", False),
    ]  # fmt: skip
    assert all(t["shown"] for t in shop.json("prefs", "show", as_="luis")["tabs"])
    shop.refused("prefs", "tabs", "general,bitacora", as_="ana", contains="no tab 'bitacora'")
    shop.refused("prefs", "tabs", ",,", as_="ana", says="Name at least one tab to show")
    shop.refused("prefs", "tabs", "log,Log", as_="ana", says="'log' is named twice; name each once")
    shop.ok("prefs", "tabs", "default", as_="ana")
    assert all(t["shown"] for t in shop.json("prefs", "show", as_="ana")["tabs"])
