"""``desktui`` opens the TUI on a SQLite desk through the fast path when it can."""

from __future__ import annotations

import argparse
import sqlite3

from deskTUI.cli.cmd_tui import _fast_start
from deskTUI.cli.context import Context
from deskTUI.services.identity import os_login
from deskTUI.store.database import open_database
from deskTUI.store.uow import UnitOfWork


def context(path, as_user=None) -> Context:
    return Context(argparse.Namespace(as_user=as_user, demo=False, handler="tui:run"), str(path))


def desk(tmp_path):
    from deskTUI.services import admin

    path = tmp_path / "desk.db"
    db = open_database(str(path))
    admin.init_desk(UnitOfWork(db), os_login())
    db.dispose()
    return path


def test_a_current_sqlite_desk_starts_with_its_reader_the_operator_and_the_first_page(tmp_path):
    from deskTUI.services import admin, cases
    from deskTUI.services.identity import resolve_actor

    path = desk(tmp_path)
    db = open_database(str(path))
    root = resolve_actor(UnitOfWork(db))
    admin.add_area(UnitOfWork(db), root, "Soporte", ["Redes"])
    admin.add_client(UnitOfWork(db), root, "Acme SA", [])
    for title in ("Primero", "Segundo"):
        cases.open_case(
            UnitOfWork(db),
            root,
            title=title,
            client="Acme SA",
            category="Redes",
            description="Sin red",
        )
    db.dispose()
    fast = _fast_start(context(path))
    assert fast is not None
    reader, actor, opening = fast
    assert actor.login == os_login() and actor.role.value == "admin"
    assert reader.revision() is not None
    assert opening is not None and (opening.query, opening.sort) == ("status:open", "updated")
    assert [row.title for row in opening.rows] == ["Segundo", "Primero"]  # newest change first


def test_a_missing_file_or_an_old_schema_takes_the_ordinary_way(tmp_path):
    assert _fast_start(context(tmp_path / "nowhere.db")) is None
    path = desk(tmp_path)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0003'")
    assert _fast_start(context(path)) is None  # opened the ordinary way, which upgrades it
    assert _fast_start(context("postgresql+psycopg://nobody@localhost/desk")) is None


def test_the_fast_start_refuses_a_stranger_with_the_same_sentence(tmp_path):
    import pytest

    from deskTUI.domain.errors import NotFound

    path = desk(tmp_path)
    with pytest.raises(NotFound, match="There is no user 'nadie'"):
        _fast_start(context(path, as_user="nadie"))
