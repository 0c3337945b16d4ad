"""The demo desk speaks the operator's language (issue 20): built while the desk speaks
Spanish (``DESKTUI_LANG=es desktui demo``, ``desktui --demo`` in an ``es_MX`` session) its
areas, categories, clients, titles, descriptions, comments, solutions, activities, survey
answers, calendar items, attachment names and welcome are all Spanish; in English all
English. Before, one demo mixed both ("La impresora no imprime" beside "Printer jams on
every page", "Muy buena atención" beside "Fast and helpful") whatever the language."""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from deskTUI import i18n
from deskTUI.store.database import Database
from deskTUI.tools.demo import build as demo

NOW = datetime(2026, 3, 2, 15, 4, tzinfo=UTC)

WORDS_READ = {
    "support_case": ("title", "description", "solution", "quote_message"),
    "case_comment": ("body",),
    "time_entry": ("description",),
    "survey": ("comment",),
    "calendar_event": ("title",),
    "calendar_task": ("title",),
    "attachment": ("name",),
    "area": ("name",),
    "category": ("name",),
    "client": ("name",),
    "contract": ("name",),
    "notification": ("message",),
}
"""Every column of the demo a person reads, table by table (people's names left out: María
Pérez and John Smith are names in any language)."""

ENGLISH_WORDS = {
    "the", "and", "with", "does", "not", "every", "printer", "printers", "please", "customer",
    "support", "billing", "development", "welcome", "waiting", "call", "screenshot", "missing",
    "invoice", "payment", "fast", "helpful", "service", "update", "updated", "users", "sent",
    "since", "this", "you", "could", "send", "will", "duplicate", "confirm", "follow",
    "diagnosis", "remote", "session", "visit", "testing", "replace", "replaced", "broken",
    "expired", "mailbox", "full", "network", "email", "bugs", "improvements", "fixed",
}  # fmt: skip
"""English words none of which a Spanish demo may hold ("error", "hardware", "API", "VPN",
"Excel", "logs" are Spanish desk words too, and are not here)."""

SPANISH_WORDS = {
    "el", "la", "los", "las", "de", "del", "que", "con", "por", "se", "una", "muy",
    "impresora", "impresoras", "cliente", "factura", "correo", "soporte", "técnico",
    "facturación", "desarrollo", "revisando", "según", "duplicado", "llamada", "esperando",
    "bienvenido", "atención", "equipo", "usuario", "captura", "redes", "errores", "mejoras",
    "cobros", "notas", "crédito", "póliza", "bolsa", "horas", "sesión", "pruebas",
}  # fmt: skip
"""Spanish words none of which an English demo may hold."""


def words_read(db: Database) -> list[str]:
    """Every text of the demo a person reads, as stored."""
    found: list[str] = []
    with db.engine.connect() as connection:
        for table, columns in WORDS_READ.items():
            for column in columns:
                rows = connection.execute(text(f"SELECT DISTINCT {column} FROM {table}"))
                found += [row[0] for row in rows if row[0]]
    return found


def foreign(texts: list[str], words: set[str]) -> dict[str, set[str]]:
    """Each text that holds any of ``words``, with the ones it holds."""
    out = {}
    for each in texts:
        held = set(re.findall(r"[^\W\d_]+", each.lower())) & words
        if held:
            out[each] = held
    return out


@pytest.mark.parametrize(
    ("language", "not_allowed"), [("es", ENGLISH_WORDS), ("en", SPANISH_WORDS)]
)
def test_the_demo_desk_is_in_the_operators_language_only(db, language, not_allowed):
    i18n.use(language)  # as cli.main does from DESKTUI_LANG / the session's locale
    demo.build_demo(db, "root", cases=300, seed=5, now=NOW)
    texts = words_read(db)
    assert len(texts) > 60  # titles, comments, activities… all read
    assert foreign(texts, not_allowed) == {}


def test_both_languages_make_the_same_desk_but_its_words(tmp_path):
    """A seed decides the desk: in Spanish or English only the words differ (the draws
    index tables of the same shape, categories and clients in one order)."""
    from deskTUI.store.database import open_database

    shapes = []
    for language in ("es", "en"):
        path = tmp_path / f"{language}.db"
        demo.build_demo(
            open_database(f"sqlite:///{path}"), "root", cases=200, seed=5, now=NOW,
            language=language,
        )  # fmt: skip
        with sqlite3.connect(path) as connection:
            shapes.append(
                connection.execute(
                    "SELECT id, client_id, category_id, area_id, priority, status, stage,"
                    " assignee_id, created_at, updated_at, contract_id FROM support_case"
                    " ORDER BY id"
                ).fetchall()
            )
    assert shapes[0] == shapes[1]


def test_a_desk_with_areas_and_clients_of_its_own_gets_the_demo_beside_them(db):
    """A desk set up by hand (no cases yet) takes the demo: its own category and client
    get no demo case (it stopped with a KeyError traceback on the category's name)."""
    from deskTUI.services import admin
    from deskTUI.store.uow import UnitOfWork

    root, _ = admin.init_desk(UnitOfWork(db), "root")
    assert root is not None
    admin.add_area(UnitOfWork(db), root, "Ventas", ["Licencias"])
    admin.add_client(UnitOfWork(db), root, "Otro Cliente", [])
    summary = demo.build_demo(db, "root", cases=120, seed=5, now=NOW)
    assert summary["cases"] == 120
    with db.engine.connect() as connection:
        theirs = connection.execute(
            text(
                "SELECT count(*) FROM support_case WHERE category_id IN"
                " (SELECT id FROM category WHERE name = 'Licencias') OR client_id IN"
                " (SELECT id FROM client WHERE name = 'Otro Cliente')"
            )
        ).scalar_one()
    assert theirs == 0
