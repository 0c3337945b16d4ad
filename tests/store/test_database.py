"""The SQLite settings of ARCHITECTURE.md, checked on a real file."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from deskTUI.domain.errors import ValidationError
from deskTUI.locations import FILES_ENV, server_files_dir
from deskTUI.store.database import HEAD_REVISION, current_revision, open_database, to_url
from deskTUI.store.migrate import script_head
from deskTUI.store.uow import UnitOfWork


@pytest.mark.sqlite_only
def test_every_connection_runs_in_wal_with_foreign_keys_full_sync_and_a_busy_timeout(db):
    with db.engine.connect() as connection:
        pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("synchronous") == 2  # FULL
        assert pragma("busy_timeout") == 5000


@pytest.mark.sqlite_only
def test_a_write_transaction_takes_the_write_lock_when_it_begins(db):
    """BEGIN IMMEDIATE: a second writer waits at BEGIN, not half-way through its work."""
    path = db.engine.url.database
    with UnitOfWork(db) as uow:
        uow.settings.get("anything")  # a read is enough to start the transaction
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.close()


@pytest.mark.sqlite_only
def test_the_read_engine_cannot_write_and_does_not_block_a_writer(db):
    with db.read_engine.connect() as reader:
        reader.execute(text("SELECT count(*) FROM support_case")).scalar()
        with pytest.raises(OperationalError, match="attempt to write a readonly database"):
            reader.execute(text("INSERT INTO setting(key, value) VALUES ('x', 'y')"))
        reader.rollback()
        with reader.begin():
            reader.execute(text("SELECT count(*) FROM support_case")).scalar()
            with UnitOfWork(db) as uow:  # a writer commits while the read transaction is open
                uow.settings.set("hours_per_day", "8")
                uow.commit()


def test_a_path_becomes_a_sqlite_url_and_a_url_is_kept(tmp_path):
    assert to_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path / 'x.db'}"
    assert to_url("postgresql+psycopg://u@h/d") == "postgresql+psycopg://u@h/d"


def test_a_nonsense_database_url_is_refused_with_a_sentence():
    with pytest.raises(ValidationError, match="neither a file path nor a database URL"):
        open_database("not a url://at all")


def test_opening_an_empty_file_migrates_it_to_the_newest_schema(tmp_path):
    path = tmp_path / "empty.db"
    path.touch()
    database = open_database(str(path))
    try:
        assert current_revision(database) == HEAD_REVISION
        tables = set(
            sqlite3.connect(path)
            .execute("SELECT name FROM sqlite_master WHERE type='table'")
            .fetchall()
        )
        assert {("support_case",), ("case_log",), ("ledger_entry",), ("time_entry",)} <= tables
    finally:
        database.dispose()


def test_the_head_revision_constant_is_alembics_head():
    """open_database skips Alembic when the stored revision equals HEAD_REVISION."""
    assert script_head() == HEAD_REVISION


# The queue index orders by expressions, which SQLite cannot reflect: Alembic says so and
# skips it; test_query_plans proves the index exists and serves the "next" order.
@pytest.mark.filterwarnings("ignore:.*expression-based index:UserWarning")
@pytest.mark.filterwarnings("ignore:.*expression-based index")
def test_the_migrations_build_exactly_the_schema_the_tables_declare(db):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    from deskTUI.store.search_index import include_in_autogenerate

    with db.engine.connect() as connection:
        opts = {"compare_type": True, "include_object": include_in_autogenerate}
        context = MigrationContext.configure(connection, opts=opts)
        assert compare_metadata(context, SQLModel.metadata) == []


def test_reopening_a_desk_keeps_its_data(tmp_path):
    path = str(tmp_path / "desk.db")
    first = open_database(path)
    with UnitOfWork(first) as uow:
        uow.settings.set("hours_per_day", "7.5")
        uow.commit()
    first.dispose()
    second = open_database(path)
    with UnitOfWork(second) as uow:
        assert uow.settings.get("hours_per_day") == "7.5"
    second.dispose()


def test_a_desk_at_the_first_schema_is_upgraded_on_open_and_keeps_its_data(tmp_path):
    """`desktui` upgrades an older database on start without losing what it holds."""
    from alembic import command

    from deskTUI.store.migrate import alembic_config

    path = tmp_path / "old.db"
    old = open_database(str(path), upgrade=False)
    config = alembic_config(old)
    with old.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    with old.engine.begin() as connection:
        connection.execute(text("INSERT INTO area (name) VALUES ('Soporte')"))
        connection.execute(text("INSERT INTO setting (key, value) VALUES ('hours_per_day', '7')"))
    assert current_revision(old) == "0001"
    old.dispose()
    upgraded = open_database(str(path))
    try:
        assert current_revision(upgraded) == HEAD_REVISION
        with UnitOfWork(upgraded) as uow:
            assert [a.name for a in uow.areas.list()] == ["Soporte"]
            assert uow.settings.get("hours_per_day") == "7"
        tables = {
            r[0]
            for r in sqlite3.connect(path).execute(
                "SELECT name FROM sqlite_master WHERE type='table'"
            )
        }
        assert "saved_view" in tables
    finally:
        upgraded.dispose()


def test_a_sqlite_desk_keeps_its_attachments_beside_its_file_whatever_folder_it_is_given(
    tmp_path,
):
    db = open_database(str(tmp_path / "desk.db"), files=tmp_path / "elsewhere")
    try:
        assert db.files_dir == tmp_path / "desk.files"
    finally:
        db.dispose()


def test_a_server_desks_attachment_folder_is_the_files_option_else_the_environment(
    monkeypatch,
):
    monkeypatch.setenv(FILES_ENV, "/srv/desk-files")
    assert server_files_dir("/mnt/desk-files") == "/mnt/desk-files"
    assert server_files_dir(None) == "/srv/desk-files"
    monkeypatch.delenv(FILES_ENV)
    assert server_files_dir(None) is None


def test_the_most_an_admin_may_allow_in_a_title_fits_the_title_column():
    """A server database refuses what its column cannot hold: the limits stop short of it."""
    from deskTUI.domain.limits import CEILINGS
    from deskTUI.store.tables import CaseRow

    assert CaseRow.__table__.c.title.type.length == CEILINGS.title_chars
