"""Rights per employee from the command line (seed 004: "permisos personalizados que le
brinde el administrador al empleado"): user grant | revoke | reset | show."""

from __future__ import annotations


def rights(shop, login: str, as_: str | None = None) -> set[tuple[str, bool, str, str | None]]:
    shown = shop.json("user", "show", login, as_=as_)["rights"]
    return {(r["action"], r["allowed"], r["source"], r["area"]) for r in shown}


def test_an_admin_grants_an_agent_assigning_in_their_area_and_the_agent_then_assigns(shop):
    number = shop.open_case()
    shop.refused(
        "case", "assign", number, "luis", as_="luis",
        says=f"luis (agent) may not assign {number}: only an admin or a supervisor of its area "
        "may",
    )  # fmt: skip
    assert shop.json("user", "grant", "luis", "assign_case", "--area", "Soporte") == {
        "login": "luis",
        "action": "assign_case",
        "area": "Soporte",
        "before": None,
        "after": "grant",
        "changed": True,
    }
    shop.ok("case", "assign", number, "luis", as_="luis")
    assert shop.show(number)["assignee"] == "luis"
    errores = shop.open_case(category="Errores")  # another area: the grant does not reach it
    shop.ok("user", "grant", "luis", "view_reports")
    assert ("assign_case", True, "grant", "Soporte") in rights(shop, "luis")
    assert ("assign_case", False, "role", None) in rights(shop, "luis")
    assert ("view_reports", True, "grant", None) in rights(shop, "luis")
    shop.refused("case", "assign", errores, "luis", as_="luis", contains="that luis can see")


def test_a_revoked_right_is_refused_with_its_reason_and_changes_nothing(shop):
    number = shop.open_case()
    shop.ok("case", "assign", number, "ana", as_="sofia")
    assert shop.ok("user", "revoke", "sofia", "cancel_case").out == (
        "sofia may no longer cancel_case.\n"
    )
    before = shop.state()
    shop.refused(
        "case", "move", number, "cancelled", "--note", "duplicado", as_="sofia",
        says=f"sofia (supervisor) may not cancel {number}: an admin withdrew this right from "
        "them",
    )  # fmt: skip
    assert shop.state() == before
    # Granting after the revocation replaces it; reset gives the role's answer back.
    shop.ok("user", "grant", "sofia", "cancel_case")
    assert ("cancel_case", True, "grant", None) in rights(shop, "sofia")
    assert shop.ok("user", "reset", "sofia", "cancel_case").out == (
        "sofia's role decides cancel_case again.\n"
    )
    assert shop.ok("user", "reset", "sofia", "cancel_case").out == (
        "Nothing changed: sofia already had that.\n"
    )
    shop.ok("case", "move", number, "cancelled", "--note", "duplicado", as_="sofia")
    log = shop.json("user", "show", "sofia")["log"]
    assert [(e["action"], e["before"], e["after"], e["area"]) for e in log] == [
        ("cancel_case", None, "revoke", None),
        ("cancel_case", "revoke", "grant", None),
        ("cancel_case", "grant", None, None),
    ]
    lines = shop.ok("user", "show", "sofia").out.splitlines()
    assert any(line.endswith("gave cancel_case back to the role") for line in lines), lines


def test_only_admins_grant_and_a_wrong_word_gets_a_sentence_and_changes_nothing(shop):
    before = shop.state()
    shop.refused(
        "user", "grant", "ana", "assign_case", as_="sofia",
        says="sofia (supervisor) may not manage users: only an admin may",
    )  # fmt: skip
    shop.refused("user", "grant", "ana", "fly", contains="'fly' is not an action; use one of")
    shop.refused("user", "grant", "ana", "assign_case", "--area", "Marte", contains="Marte")
    shop.refused(
        "user", "grant", "nadie", "assign_case", says="There is no user 'nadie' on this desk"
    )
    shop.refused("user", "grant", "maria", "assign_case", contains="maria is a client user")
    shop.refused(
        "user", "revoke", "ana", "manage_users", contains="is not granted or revoked person by"
    )
    shop.refused(
        "user", "grant", "ana", "view_reports", "--area", "Soporte",
        says="view_reports concerns no case, so it is granted or revoked without an area",
    )  # fmt: skip
    shop.refused("user", "grant", "ana", "[bold]x" * 2000, contains="is not an action")
    assert shop.state() == before


def test_a_person_reads_their_own_rights_and_not_anothers(shop):
    shop.ok("user", "revoke", "ana", "log_time")
    assert ("log_time", False, "revoke", None) in rights(shop, "ana", as_="ana")
    shop.refused("user", "show", "luis", as_="ana", contains="may not manage users")
    lines = shop.ok("user", "show", "ana", as_="ana").out.splitlines()
    assert lines[0].startswith("ana (agent)")
    assert any(line.split()[:3] == ["log_time", "no", "revoked"] for line in lines), lines


def test_my_tickets_from_the_command_line_are_the_cases_i_opened(shop):
    mine = shop.open_case(as_="maria")
    shop.open_case()  # opened by the admin
    assert [c["number"] for c in shop.json("case", "list", "--reporter", "me", as_="maria")] == [
        mine
    ]
    assert [c["number"] for c in shop.json("case", "list", "--query", "informante:maria")] == [mine]
    assert shop.json("case", "list", "--reporter", "maria", as_="gloria") == []
