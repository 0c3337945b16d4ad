"""Issue 21, seed 004 ("registrar nuevas áreas, registrar nuevos problemas … actualizarlos y
eliminarlos"): an admin renames, deactivates, reactivates and deletes areas, categories
and clients from the shell; a deactivated one takes no new case, old cases keep it."""

from __future__ import annotations

from sqlalchemy import text

from .conftest import connected


def _record_lines(db: str) -> list[tuple[str, str | None, str | None, str]]:
    with connected(db) as connection:
        rows = connection.execute(
            text(
                "SELECT field, old, new, note FROM case_log "
                "WHERE kind = 'record' AND case_id IS NULL ORDER BY id"
            )
        )
        return [tuple(row) for row in rows]


def test_an_admin_renames_deactivates_reactivates_and_deletes_and_each_change_is_logged(shop):
    old = shop.open_case()  # Soporte / Impresoras for Acme SA
    shop.ok("area", "rename", "soporte", "Mesa de ayuda")
    shop.ok("category", "rename", "impresoras", "Impresión", "--area", "Mesa de ayuda")
    shop.ok("client", "rename", "acme sa", "Acme S.A.")
    area = shop.json("area", "deactivate", "Mesa de ayuda", "--json")
    assert (area["name"], area["active"]) == ("Mesa de ayuda", False)
    # The old case keeps its area and shows the new names.
    shown = shop.show(old)
    assert (shown["area"], shown["category"], shown["client"]) == (
        "Mesa de ayuda",
        "Impresión",
        "Acme S.A.",
    )
    # A deactivated area takes no new case, by the CLI; nothing is added.
    before = shop.json("case", "list", "--json")
    shop.refused(
        "case", "new", "--title", "t", "--description", "d", "--client", "Acme S.A.",
        "--category", "Redes",
        says="The area 'Mesa de ayuda' is deactivated: it takes no new case",
    )  # fmt: skip
    assert shop.json("case", "list", "--json") == before
    # The old case is still found by its area (filters keep deactivated ones).
    found = shop.json("case", "list", "--query", 'area:"Mesa de ayuda"', "--json")
    assert [c["number"] for c in found] == [old]
    listed = {a["name"]: a for a in shop.json("area", "list", "--json")}
    assert listed["Mesa de ayuda"]["active"] is False
    shop.ok("area", "reactivate", "mesa de ayuda")
    shop.ok("client", "deactivate", "Globex Ltda")
    shop.refused(
        "case", "new", "--title", "t", "--description", "d", "--client", "Globex Ltda",
        "--category", "Redes",
        says="The client 'Globex Ltda' is deactivated: it takes no new case",
    )  # fmt: skip
    shop.ok("area", "add", "Vacía", "--category", "Nada")
    shop.ok("category", "delete", "nada")
    shop.ok("area", "delete", "vacía")
    assert "Vacía" not in {a["name"] for a in shop.json("area", "list", "--json")}
    assert _record_lines(shop.db) == [
        ("area", "Soporte", "Mesa de ayuda", "renamed"),
        ("category", "Impresoras", "Impresión", "renamed"),
        ("client", "Acme SA", "Acme S.A.", "renamed"),
        ("area", None, "Mesa de ayuda", "deactivated"),
        ("area", None, "Mesa de ayuda", "reactivated"),
        ("client", None, "Globex Ltda", "deactivated"),
        ("category", "Nada", None, "deleted"),
        ("area", "Vacía", None, "deleted"),
    ]


def test_a_record_in_use_is_not_deleted_and_the_sentence_says_what_refers_to_it(shop):
    shop.open_case()
    shop.open_case()
    shop.refused(
        "area", "delete", "Soporte",
        says="The area 'Soporte' is in use (cases: 2, categories: 2, people: 3, "
        "other records: 0); deactivate it instead",
    )  # fmt: skip
    shop.refused(
        "client", "delete", "Acme SA",
        says="The client 'Acme SA' is in use (cases: 2, contacts: 1, contracts: 1, "
        "people: 1, other records: 0); deactivate it instead",
    )  # fmt: skip
    shop.refused(
        "category", "delete", "Impresoras",
        says="The category 'Impresoras' is in use (cases: 2, other records: 0); "
        "deactivate it instead",
    )  # fmt: skip
    assert {a["name"] for a in shop.json("area", "list", "--json")} == {"Soporte", "Desarrollo"}


def test_a_name_another_record_has_is_refused_in_any_letter_case_and_only_admins_manage(shop):
    shop.refused(
        "area", "rename", "Desarrollo", "SOPORTE",
        says="The name 'SOPORTE' is taken by another area; choose another",
    )  # fmt: skip
    shop.refused("area", "rename", "Desarrollo", "", contains="area name")
    shop.refused(
        "client", "deactivate", "Acme SA", as_="sofia",
        says="sofia (supervisor) may not manage clients and contacts: only an admin may",
    )  # fmt: skip
    shop.refused("area", "delete", "Desarrollo", as_="ana", contains="only an admin may")
    assert _record_lines(shop.db) == []
    # Renaming to its own name in another letter case is a rename, not a clash.
    shop.ok("area", "rename", "Desarrollo", "DESARROLLO")
    assert "DESARROLLO" in {a["name"] for a in shop.json("area", "list", "--json")}


def test_projects_and_services_are_records_a_case_links_to_by_name_and_is_found_by(shop):
    """Seed 000's Proyectos and No inventariables from the shell, on both engines."""
    erp = shop.json("project", "add", "ERP", "--json")
    assert (erp["name"], erp["active"]) == ("ERP", True)
    shop.ok("project", "add", "Migración")
    shop.ok("service", "add", "Soporte remoto")
    shop.refused(
        "project", "add", "erp", says="There is already a project named 'erp'"
    )  # fmt: skip
    shop.refused(
        "project", "add", "Otro", as_="sofia",
        says="sofia (supervisor) may not manage projects and services: only an admin may",
    )  # fmt: skip
    linked = shop.open_case("--project", "erp", "--service", "SOPORTE REMOTO")
    plain = shop.open_case()
    shown = shop.show(linked)
    assert (shown["project"], shown["service"]) == ("ERP", "Soporte remoto")
    assert (shop.show(plain)["project"], shop.show(plain)["project_id"]) == ("", None)
    numbers = [c["number"] for c in shop.json("case", "list", "--query", "project:ERP", "--json")]
    assert numbers == [linked]
    spanish = shop.json("case", "list", "--query", 'servicio:"soporte remoto"', "--json")
    assert [c["number"] for c in spanish] == [linked]
    without = shop.json("case", "list", "--query=-project:ERP")
    assert [c["number"] for c in without] == [plain]
    shop.ok("case", "edit", plain, "--project", "Migración")
    assert shop.show(plain)["project"] == "Migración"
    shop.ok("project", "deactivate", "migración")
    shop.refused(
        "case", "edit", linked, "--project", "Migración",
        says="The project 'Migración' is deactivated: it takes no new case",
    )  # fmt: skip
    assert shop.show(plain)["project"] == "Migración"  # its case keeps it
    shop.refused(
        "project", "delete", "Migración",
        says="'Migración' is linked to cases (1); deactivate it instead",
    )  # fmt: skip
    listed = shop.json("project", "list", "--json")
    assert [(p["name"], p["active"]) for p in listed] == [("ERP", True), ("Migración", False)]
    shop.ok("project", "rename", "ERP", "ERP 2027")
    assert shop.show(linked)["project"] == "ERP 2027"
    hours = shop.json("report", "hours", "--by", "project", "--json")
    assert hours["title"] == "Hours by project"
