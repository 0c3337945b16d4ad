"""Revision 0013 (issue 21): a case's free-text project and service become records it
links to; every distinct text, trimmed, one record (letter case aside), an empty one
none; and going back writes the names back as text. On SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import text

from deskTUI.services import views
from deskTUI.store.database import HEAD_REVISION, current_revision
from deskTUI.store.uow import UnitOfWork

from .test_user_language import migrate

TEXTS = [
    ("  ERP  ", "Soporte remoto"),
    ("erp", ""),
    ("Migración", "soporte remoto"),
    ("", ""),
    ("ERP", "Redes"),
]
"""(project, service) as people typed them before 0013, one pair per case."""


def test_a_desk_at_0012_keeps_its_free_text_as_projects_and_services_the_cases_link_to(desk, db):
    opened = [desk.open(title=f"Caso {i}") for i in range(len(TEXTS))]
    migrate(db, "0012")
    with db.engine.begin() as connection:
        for case, (project, service) in zip(opened, TEXTS, strict=True):
            connection.execute(
                text("UPDATE support_case SET project = :p, service = :s WHERE id = :id"),
                {"p": project, "s": service, "id": case.id},
            )
    migrate(db, "head")
    assert current_revision(db) == HEAD_REVISION
    with UnitOfWork(db) as uow:
        projects = [(p.name, p.active) for p in uow.records.list("project")]
        services = [s.name for s in uow.records.list("service")]
    assert projects == [("ERP", True), ("Migración", True)]
    assert services == ["Redes", "Soporte remoto"]
    linked = [
        (detail.names["project"], detail.names["service"])
        for detail in (views.case_detail(desk.uow(), desk.admin, c.id) for c in opened)
    ]
    assert linked == [
        ("ERP", "Soporte remoto"),
        ("ERP", None),
        ("Migración", "Soporte remoto"),
        (None, None),
        ("ERP", "Redes"),
    ]
    # Back to 0012: the links are text again, as the records are named now.
    migrate(db, "0012")
    with db.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT project, service FROM support_case ORDER BY id")
        ).all()
    assert [tuple(r) for r in rows] == [
        ("ERP", "Soporte remoto"),
        ("ERP", ""),
        ("Migración", "Soporte remoto"),
        ("", ""),
        ("ERP", "Redes"),
    ]
    migrate(db, "head")  # and up again: the same records, the same links
    with UnitOfWork(db) as uow:
        assert [p.name for p in uow.records.list("project")] == ["ERP", "Migración"]
