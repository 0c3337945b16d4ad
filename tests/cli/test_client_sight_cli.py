"""A client's sight follows the account, from the shell (issue 17, items 2 and 3).

``case edit N --client`` moves a case to another client account: the client who opened
it keeps nothing of it, through any command. A record (file, time entry, event) of a
case someone may not see is answered as an id that names nothing. Both engines.
"""

from __future__ import annotations

from pathlib import Path

import pytest


def _busy_case(shop, tmp_path: Path) -> str:
    """María's case (Acme SA), worked by Ana: a public answer naming María, file 1, time
    entry 1, event 1 and task 1."""
    number = shop.open_case(as_="maria")
    shop.ok("case", "assign", number, "ana", as_="sofia")
    shop.ok("case", "move", number, "in_progress", as_="ana")
    shop.ok("case", "comment", number, "Listo @maria, revisa", "--public", as_="ana")
    local = tmp_path / "registro.txt"
    local.write_bytes(b"registro")
    shop.ok("file", "add", number, str(local), as_="ana")
    shop.ok("time", "log", number, "--duration", "1h", "--note", "Revisión", as_="ana")
    shop.ok(
        "event", "add", number, "--kind", "call", "--title", "Llamar a María",
        "--start", "2026-03-03T09:00", "--end", "2026-03-03T09:30", as_="ana",
    )  # fmt: skip
    shop.ok("task", "add", number, "--title", "Volver", "--due", "2026-03-09", as_="ana")
    return number


def test_the_client_who_opened_a_case_sees_nothing_of_it_once_it_moves_to_another_account(
    shop, tmp_path
):
    number = _busy_case(shop, tmp_path)
    assert any(n["case"] == number for n in shop.json("notifications", as_="maria"))
    shop.ok("case", "edit", number, "--client", "Globex Ltda")

    hidden = f"There is no case {number} that maria can see"
    shop.refused("case", "show", number, as_="maria", says=hidden)
    shop.refused("time", "list", number, as_="maria", says=hidden)
    shop.refused("case", "comment", number, "¿Y?", "--public", as_="maria", says=hidden)
    shop.refused("file", "open", "1", "--print", as_="maria", says="There is no file 1")
    shop.refused("time", "edit", "1", "--note", "x", as_="maria", says="There is no time entry 1")
    shop.refused("event", "set", "1", "held", as_="maria", says="There is no event 1")
    shop.refused("task", "set", "1", "completed", as_="maria", says="There is no task 1")
    assert number not in {c["number"] for c in shop.json("case", "list", as_="maria")}
    assert number not in shop.ok("export", "cases", as_="maria").out
    assert number not in shop.ok("export", "cases", "--format", "json", as_="maria").out
    ics = tmp_path / "maria.ics"
    shop.run("calendar", "export", "--ics", str(ics), as_="maria")  # clients have no agenda
    assert not ics.exists() or number not in ics.read_text()
    shop.ok("case", "comment", number, "@maria otra vez", "--public", as_="ana")
    assert [n for n in shop.json("notifications", as_="maria") if n["case"] == number] == []
    # Gloria, of the case's account now, sees it all.
    assert shop.show(number, as_="gloria")["number"] == number


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (("file", "open", "{id}", "--print"), "file"),
        (("file", "review", "{id}", "valid"), "file"),
        (("time", "edit", "{id}", "--note", "x"), "time entry"),
        (("time", "delete", "{id}"), "time entry"),
        (("event", "set", "{id}", "held"), "event"),
        (("task", "set", "{id}", "completed"), "task"),
    ],
    ids=["file open", "file review", "time edit", "time delete", "event set", "task set"],
)
@pytest.mark.parametrize("login", ["gloria", "luis"])
def test_a_record_of_a_case_one_cannot_see_gets_the_sentence_of_an_id_that_names_nothing(
    shop, tmp_path, args, what, login
):
    """Byte for byte what an unknown id gets, and no case number in it."""
    _busy_case(shop, tmp_path)
    hidden = shop.refused(*(a.format(id=1) for a in args), as_=login)
    missing = shop.refused(*(a.format(id=99) for a in args), as_=login)
    assert hidden.err == f"error: There is no {what} 1\n"
    assert missing.err == hidden.err.replace(" 1\n", " 99\n")


# -- import applies the rules of the commands -----------------------------------------------

HEADER = "title,client,category,description,reporter,assignee\n"


def _csv(tmp_path: Path, *rows: str) -> str:
    path = tmp_path / "casos.csv"
    path.write_text(HEADER + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return str(path)


def test_an_import_naming_another_account_s_client_as_reporter_is_refused_by_its_line(
    shop, tmp_path
):
    rows = _csv(
        tmp_path,
        "Bien,Acme SA,Impresoras,De María,maria,",
        "Ajeno,Globex Ltda,Impresoras,María por Globex,maria,",
    )
    shop.refused(
        "import", "cases", rows,
        says="Line 3: maria is not a user of the case's client account: a client opens cases "
        "only for their own account; nothing was imported",
    )  # fmt: skip
    assert shop.json("case", "list") == []


def test_an_import_giving_a_case_to_a_client_is_refused_as_case_assign_refuses_it(shop, tmp_path):
    number = shop.open_case()
    told = shop.refused("case", "assign", number, "maria", as_="sofia").err
    assert told == (
        f"error: maria cannot be assigned {number}: only active agents, supervisors or admins "
        "work cases\n"
    )
    rows = _csv(tmp_path, "Para María,Acme SA,Impresoras,Asignado a un cliente,,maria")
    shop.refused(
        "import", "cases", rows,
        says="Line 2: maria cannot be assigned the new case: only active agents, supervisors "
        "or admins work cases; nothing was imported",
    )  # fmt: skip
    assert [c["number"] for c in shop.json("case", "list")] == [number]


def test_an_import_keeps_reporters_and_assignees_the_commands_allow(shop, tmp_path):
    rows = _csv(
        tmp_path,
        "De María,Acme SA,Impresoras,Abierto por ella,maria,ana",
        "De Ana,Globex Ltda,Impresoras,Abierto por personal,ana,",
    )
    assert shop.ok("import", "cases", rows).out == "Imported 2 cases.\n"
    assert shop.show("CS-000001", as_="maria")["number"] == "CS-000001"
    shop.refused("case", "show", "CS-000002", as_="maria")
