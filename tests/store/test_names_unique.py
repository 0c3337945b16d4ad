"""Names the desk keeps unique in any letter case, closed in the database (issue 23, 0022):
two admins adding "Área técnica" and "ÁREA TÉCNICA" at the same instant make one area, the
other told the services' sentence; two ``init`` at once on an empty desk make one admin;
the migration names the clashes a desk already has and changes nothing; a name is found
in any letter case whatever the server's LC_CTYPE. On SQLite and PostgreSQL (the LC_CTYPE
witness: PostgreSQL only).

The races stop the first admin's transaction right after its INSERT (``interleave``): on
PostgreSQL (READ COMMITTED) the second's "already?" check cannot see an uncommitted row,
which is how both passed before; SQLite's BEGIN IMMEDIATE makes the second wait for the
first's commit, so there the check alone always sufficed.
"""

from __future__ import annotations

import os

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from deskTUI.domain.errors import DomainError
from deskTUI.i18n import error_text
from deskTUI.services import admin, records, search, survey_templates
from deskTUI.services.case_edits import open_case
from deskTUI.store.database import StoreUnavailable, current_revision, open_database
from deskTUI.store.uow import UnitOfWork

from ..conftest import PG_SERVER, _pg_admin
from .test_two_operators_at_once import interleave
from .test_user_language import migrate


def _names(db, table: str) -> list[tuple[str, str]]:
    with db.engine.connect() as connection:
        rows = connection.execute(text(f"SELECT name, name_key FROM {table} ORDER BY id"))
        return [tuple(row) for row in rows]


def _refused(outcome, code: str, sentence: str) -> None:
    assert isinstance(outcome.error, DomainError), outcome.error
    assert outcome.error.code == code
    assert error_text(outcome.error) == sentence


def test_two_admins_adding_one_area_in_two_letter_cases_at_once_make_one_area(desk, db):
    run = interleave(
        db,
        lambda: admin.add_area(desk.uow(), desk.admin, "Área técnica"),
        r"^INSERT INTO area",
        lambda: admin.add_area(desk.uow(), desk.admin, "ÁREA TÉCNICA"),
    )
    assert run.first.error is None
    _refused(run.second, "area.exists", "There is already an area named 'ÁREA TÉCNICA'")
    assert [n for n in _names(db, "area") if n[1] == "área técnica"] == [
        ("Área técnica", "área técnica")
    ]


def test_every_name_kept_unique_is_kept_so_by_the_database_when_two_admins_race(desk, db):
    soporte = desk.uow
    races = [
        (
            lambda: admin.add_client(soporte(), desk.admin, "Initech"),
            r"^INSERT INTO client",
            lambda: admin.add_client(soporte(), desk.admin, "INITECH"),
            "client.exists",
            "There is already a client named 'INITECH'",
        ),
        (
            lambda: admin.add_category(soporte(), desk.admin, "Soporte", "Telefonía"),
            r"^INSERT INTO category",
            lambda: admin.add_category(soporte(), desk.admin, "Soporte", "TELEFONÍA"),
            "category.exists",
            "The area already has a category 'TELEFONÍA'",
        ),
        (
            lambda: records.add(soporte(), desk.admin, "project", "Migración"),
            r"^INSERT INTO project",
            lambda: records.add(soporte(), desk.admin, "project", "MIGRACIÓN"),
            "record.exists",
            "There is already a project named 'MIGRACIÓN'",
        ),
        (
            lambda: survey_templates.add_template(soporte(), desk.admin, "Visita"),
            r"^INSERT INTO survey_template",
            lambda: survey_templates.add_template(soporte(), desk.admin, "VISITA"),
            "survey.template_exists",
            "There is already a survey template 'VISITA'",
        ),
        (  # a rename racing an addition meets the same index
            lambda: records.add(soporte(), desk.admin, "project", "erp"),
            r"^INSERT INTO project",
            lambda: records.rename(soporte(), desk.admin, "project", "Migración", "ERP"),
            "record.name_taken",
            "The name 'ERP' is taken by another project; choose another",
        ),
    ]
    for first, pause_after, second, code, sentence in races:
        run = interleave(db, first, pause_after, second)
        assert run.first.error is None, (code, run.first.error)
        _refused(run.second, code, sentence)
    assert [k for _n, k in _names(db, "client")].count("initech") == 1
    assert [k for _n, k in _names(db, "category")].count("telefonía") == 1
    assert _names(db, "project") == [("Migración", "migración"), ("erp", "erp")]
    assert [k for _n, k in _names(db, "survey_template")].count("visita") == 1


def test_two_inits_at_once_on_an_empty_desk_make_one_first_admin(db):
    run = interleave(
        db,
        lambda: admin.init_desk(UnitOfWork(db), "ana"),
        r"^INSERT INTO desk_user",
        lambda: admin.init_desk(UnitOfWork(db), "luis"),
    )
    assert (run.first.error, run.second.error) == (None, None)
    assert run.first.value[1] is True
    assert run.second.value == (None, False)  # luis is no user of a desk that has an admin
    with db.engine.connect() as connection:
        admins = connection.execute(text("SELECT login FROM desk_user WHERE role = 'admin'"))
        assert [row[0] for row in admins] == ["ana"]


@pytest.fixture
def c_ctype_db(tmp_path):
    """An empty desk on a PostgreSQL database whose LC_CTYPE is C: its lower() leaves "Á"
    and "Í" as they are (the run's cluster is C.UTF-8, whose lower() folds them)."""
    name = f"t_c_ctype_{os.getpid()}"
    with _pg_admin() as connection:
        connection.execute(
            f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
        )
    url = make_url(PG_SERVER or "").set(database=name).render_as_string(hide_password=False)
    try:
        database = open_database(url, files=tmp_path / "desk.files")
        yield database
        database.dispose()
    finally:
        with _pg_admin() as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.mark.skipif(not PG_SERVER, reason="a PostgreSQL server")
def test_a_name_is_found_in_any_letter_case_on_a_server_whose_ctype_is_c(c_ctype_db):
    db = c_ctype_db
    root, _ = admin.init_desk(UnitOfWork(db), "admin")
    admin.add_area(UnitOfWork(db), root, "ÁREA TÉCNICA", ["INSTALACIÓN"])
    admin.add_client(UnitOfWork(db), root, "ÍNDIGO SAS", ["ÓSCAR PÉREZ"])
    records.add(UnitOfWork(db), root, "project", "ÉXITO")
    with UnitOfWork(db) as uow:
        assert uow.areas.by_name("área técnica").name == "ÁREA TÉCNICA"
        assert uow.areas.category_by_name("instalación").name == "INSTALACIÓN"
        indigo = uow.clients.by_name("índigo sas")
        assert indigo.name == "ÍNDIGO SAS"
        assert uow.clients.contact_by_name(indigo.id, "óscar pérez").name == "ÓSCAR PÉREZ"
        assert uow.records.by_name("project", "éxito").name == "ÉXITO"
    case = open_case(
        UnitOfWork(db), root, title="Sin red", client="índigo sas", area="área técnica",
        category="instalación", description="El cable no llega", contact="óscar pérez",
    )  # fmt: skip
    query = 'area:"área técnica" client:"índigo sas" contact:"óscar pérez"'
    found = search.search_cases(UnitOfWork(db), root, query)
    assert [c.id for c in found.cases] == [case.id]


def test_the_upgrade_fills_the_keys_of_a_desk_whose_names_do_not_clash(desk, db):
    migrate(db, "0021")
    with db.engine.begin() as connection:
        connection.execute(
            text("INSERT INTO project (name, active) VALUES ('Ｅｘｐｏ  Ñandú', true)")
        )
    migrate(db, "head")
    assert ("Ｅｘｐｏ  Ñandú", "expo ñandú") in _names(db, "project")
    assert ("Soporte", "soporte") in _names(db, "area")
    assert ("Impresoras", "impresoras") in _names(db, "category")
    assert ("Acme SA", "acme sa") in _names(db, "client")
    assert ("María Pérez", "maría pérez") in _names(db, "contact")


def test_the_upgrade_of_a_desk_whose_names_clash_names_them_and_changes_nothing(desk, db):
    migrate(db, "0021")
    with db.engine.begin() as connection:
        connection.execute(text("INSERT INTO area (name, active) VALUES ('SOPORTE', true)"))
        soporte = connection.execute(text("SELECT id FROM area WHERE name = 'Soporte'")).scalar()
        connection.execute(
            text("INSERT INTO category (area_id, name, active) VALUES (:a, 'redes', true)"),
            {"a": soporte},
        )
    with pytest.raises(StoreUnavailable) as refused:
        open_database(db.url)
    assert error_text(refused.value) == (
        "The desk has names that differ only in letter case or spacing, which this deskTUI "
        "keeps apart no more: area 'Soporte' = 'SOPORTE'; category 'Redes' = 'redes' "
        "(--area 'Soporte'). Rename one of each with the deskTUI that made the desk "
        "(desktui KIND rename NAME NEW_NAME) and open it again"
    )
    assert current_revision(db) == "0021"
    with db.engine.connect() as connection:
        columns = connection.execute(text("SELECT * FROM area")).keys()
    assert "name_key" not in columns
    # Many clashes: the first ten are named, the rest said to be there.
    with db.engine.begin() as connection:
        for n in range(10):
            for name in (f"Cliente {n}", f"CLIENTE {n}"):
                connection.execute(
                    text("INSERT INTO client (name, active) VALUES (:n, true)"), {"n": name}
                )
    with pytest.raises(StoreUnavailable) as refused:
        open_database(db.url)
    named = error_text(refused.value).split(": ", 1)[1].split(". Rename")[0].split("; ")
    assert len(named) == 11
    assert named[-1] == "…"
    assert named[0] == "area 'Soporte' = 'SOPORTE'"
    assert named[-2] == "client 'Cliente 8' = 'CLIENTE 8'"


def test_a_name_no_record_can_have_finds_nothing_and_says_so(desk, db):
    # A lone surrogate is what Python makes of a shell argument's bytes that were not UTF-8:
    # the drivers refuse to send one, so looking one up raised UnicodeEncodeError.
    odd = "So\udcffporte"
    with pytest.raises(DomainError) as refused:
        records.rename(desk.uow(), desk.admin, "area", odd, "Mesa")
    assert refused.value.code == "area.not_found"
    for key in ("area", "client", "contact", "contract", "project"):
        found = search.search_cases(desk.uow(), desk.admin, f'{key}:"{odd}"')
        assert found.cases == [], key
    with UnitOfWork(db) as uow:
        assert uow.contracts.named(odd) == []
        assert uow.survey_templates.find(odd) is None


def test_a_category_named_as_the_store_compares_names_but_of_another_area_is_said_so(desk):
    # Full-width letters fold (NFKC) to "errores", a category of Desarrollo, not Soporte.
    with pytest.raises(DomainError) as refused:
        desk.open(desk.admin, area="Soporte", category="ＥＲＲＯＲＥＳ")
    assert refused.value.code == "case.category_area", error_text(refused.value)
    assert error_text(refused.value) == (
        "The category 'Errores' is not a category of the area 'Soporte'"
    )
