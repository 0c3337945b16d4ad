"""Each operator's language on the desk (issue 20): revision 0011's ``desk_user.language``,
NULL for "follow the session's locale", read by the ORM and by the TUI's bare first read."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from deskTUI.domain.enums import Role
from deskTUI.domain.errors import ValidationError
from deskTUI.domain.people import User, parse_language
from deskTUI.store.database import HEAD_REVISION, current_revision
from deskTUI.store.list_reader import ListReader
from deskTUI.store.uow import UnitOfWork


def migrate(db, revision: str) -> None:
    from alembic import command

    from deskTUI.store.migrate import alembic_config

    config = alembic_config(db)
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        if revision == "head":
            command.upgrade(config, revision)
        else:
            command.downgrade(config, revision)


def user_columns(db) -> list[str]:
    with db.engine.connect() as connection:
        if db.dialect == "sqlite":
            return [row[1] for row in connection.exec_driver_sql("PRAGMA table_info(desk_user)")]
        rows = connection.exec_driver_sql(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = 'desk_user' ORDER BY ordinal_position"
        )
        return [row[0] for row in rows]


def test_a_desk_at_0010_keeps_its_people_and_they_follow_their_session_after_the_upgrade(db):
    migrate(db, "0010")
    assert current_revision(db) == "0010"
    assert "language" not in user_columns(db)
    with db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO desk_user (login, name, role, active) VALUES "
                "('sofia', 'Sofía Rojas', 'supervisor', true), ('ana', 'Ana Torres', 'agent', true)"
            )
        )
    migrate(db, "head")
    assert current_revision(db) == HEAD_REVISION
    assert user_columns(db)[-1] == "language"
    with UnitOfWork(db) as uow:
        people = {u.login: (u.name, u.language) for u in uow.users.list()}
    assert people == {"sofia": ("Sofía Rojas", None), "ana": ("Ana Torres", None)}


def test_a_language_is_stored_read_back_and_cleared(db):
    with UnitOfWork(db) as uow:
        uow.users.add(User(login="sofia", name="Sofía", role=Role.SUPERVISOR, language="es"))
        uow.users.add(User(login="ana", name="Ana", role=Role.AGENT))
        uow.commit()
    with UnitOfWork(db) as uow:
        assert uow.users.by_login("sofia").language == "es"
        assert uow.users.by_login("ana").language is None
        ana = uow.users.by_login("ana", lock=True)
        ana.language = "en"
        uow.users.save(ana)
        sofia = uow.users.by_login("sofia", lock=True)
        sofia.language = None
        uow.users.save(sofia)
        uow.commit()
    # The TUI's first read (bare sqlite3 on a file, SQL through the engine on a server).
    reader = ListReader.for_database(db)
    try:
        assert reader.user(login="ana").language == "en"
        assert reader.user(login="sofia").language is None
    finally:
        reader.close()


def test_going_back_to_0010_drops_the_column_and_keeps_the_people(db):
    with UnitOfWork(db) as uow:
        uow.users.add(User(login="sofia", name="Sofía", role=Role.SUPERVISOR, language="es"))
        uow.commit()
    migrate(db, "0010")
    assert "language" not in user_columns(db)
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT login FROM desk_user")).scalars().all() == ["sofia"]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("es", "es"), ("EN", "en"), (" es ", "es"), ("auto", None), ("AUTO", None), (None, None)],
)
def test_a_typed_language_is_stored_as_its_code_or_none_for_the_session(typed, stored):
    assert parse_language(typed) == stored


@pytest.mark.parametrize(
    "typed", ["fr", "español", "es_MX", "e", "", "  ", "'; DROP TABLE desk_user"]
)
def test_a_language_the_desk_does_not_speak_is_refused_naming_the_three_choices(typed):
    with pytest.raises(ValidationError) as refused:
        parse_language(typed)
    assert refused.value.code == "user.language"
    assert str(refused.value) == (
        f"{typed!r} is not a language of the desk: write es (Spanish), en (English) "
        "or auto (the session's language)"
    )


def test_the_domain_and_the_translations_speak_the_same_languages():
    from deskTUI import i18n
    from deskTUI.domain import people

    assert people.LANGUAGES == i18n.LANGUAGES


def test_a_desk_copied_to_another_database_keeps_each_persons_language(db, tmp_path):
    from deskTUI.store.database import open_database
    from deskTUI.tools.desk_copy import migrate_into, open_source

    with UnitOfWork(db) as uow:
        uow.users.add(User(login="sofia", name="Sofía", role=Role.SUPERVISOR, language="es"))
        uow.users.add(User(login="ana", name="Ana", role=Role.AGENT, language="en"))
        uow.users.add(User(login="luis", name="Luis", role=Role.AGENT))
        uow.commit()
    source = open_source(db.url, files=db.server_files)
    try:
        assert migrate_into(source, str(tmp_path / "copy.db")).ok
    finally:
        source.dispose()
    copy = open_database(str(tmp_path / "copy.db"))
    try:
        with UnitOfWork(copy) as uow:
            languages = {u.login: u.language for u in uow.users.list()}
    finally:
        copy.dispose()
    assert languages == {"sofia": "es", "ana": "en", "luis": None}


def test_a_language_this_desktui_does_not_speak_is_read_as_the_sessions_and_can_be_chosen_again(
    db,
):
    """A newer deskTUI on the same desk (hosts upgrade one by one) may store a language
    this one does not speak: its user still works here, in their session's language."""
    with UnitOfWork(db) as uow:
        uow.users.add(User(login="ana", name="Ana", role=Role.AGENT))
        uow.commit()
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE desk_user SET language = 'pt' WHERE login = 'ana'"))
    with UnitOfWork(db) as uow:
        ana = uow.users.by_login("ana", lock=True)
        assert ana.language is None
        ana.language = "es"
        uow.users.save(ana)
        uow.commit()
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE desk_user SET language = 'pt' WHERE login = 'ana'"))
    reader = ListReader.for_database(db)
    try:
        assert reader.user(login="ana").language is None
    finally:
        reader.close()
