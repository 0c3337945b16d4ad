"""The operator's language in the TUI (issue 20): spoken from the first screen on (their
setting on the desk, over the terminal's locale), and chosen from the palette."""

from __future__ import annotations

import argparse

import pytest

from deskTUI import i18n
from deskTUI.app import DeskApp
from deskTUI.screens.dialogs.language import LanguageDialog
from deskTUI.services import admin

from .conftest import running_app, settle


@pytest.fixture
def terminal_in_english(monkeypatch):
    """A session whose locale says English and no DESKTUI_LANG: the setting decides."""
    monkeypatch.delenv("DESKTUI_LANG", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")


def footer_words(app) -> list[str]:
    return [active.binding.description for active in app.screen.active_bindings.values()]


async def choose(pilot, words: str, option: str) -> None:
    """ctrl+p, the palette command found by ``words``, then the dialog's ``option``."""
    await pilot.press("ctrl+p")
    await pilot.press(*words)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, LanguageDialog), dialog
    choices = dialog.query_one("#languages")
    choices.highlighted = [o.id for o in choices.options].index(option)
    await pilot.press("enter")
    await settle(pilot)


def notes(app) -> list[str]:
    return [str(note.message) for note in app._notifications]


async def test_an_agent_chooses_spanish_from_the_palette_and_the_desk_speaks_it_at_once(
    desk, terminal_in_english
):
    async with running_app(desk, desk.ana) as (app, pilot):
        assert "Keys" in footer_words(app)
        await choose(pilot, "Language", "es")
        assert not isinstance(app.screen, LanguageDialog)
        assert (app.session.language, i18n.current()) == ("es", "es")
        assert "Ahora lee la mesa en español." in notes(app)
        assert "Keys" not in footer_words(app)  # the footer's words, drawn again
        with desk.uow() as uow:
            assert uow.users.by_login("ana").language == "es"
        # Found by the Spanish word too, and back to the session's language (English).
        await choose(pilot, "Idioma", "auto")
        assert (app.session.language, i18n.current()) == ("en", "en")
        assert "You read the desk in the language of your session now." in notes(app)
        assert "Keys" in footer_words(app)
        with desk.uow() as uow:
            assert uow.users.by_login("ana").language is None


async def test_desktui_lang_keeps_the_session_and_says_so_while_the_choice_is_saved(
    desk, terminal_in_english, monkeypatch
):
    monkeypatch.setenv("DESKTUI_LANG", "en")
    async with running_app(desk, desk.ana) as (app, pilot):
        await choose(pilot, "Idioma", "es")
        assert (app.session.language, i18n.current()) == ("en", "en")
        assert "Saved. DESKTUI_LANG keeps this session in English." in notes(app)
        with desk.uow() as uow:
            assert uow.users.by_login("ana").language == "es"


async def test_a_client_chooses_her_language_too(desk, terminal_in_english):
    async with running_app(desk, desk.maria) as (app, pilot):
        await choose(pilot, "Language", "es")
        assert app.session.language == "es"
        with desk.uow() as uow:
            assert uow.users.by_login("maria").language == "es"


async def test_the_dialog_opens_on_the_operators_own_choice(desk, terminal_in_english):
    ana = admin.set_language(desk.uow(), desk.ana, "ana", "es")  # as the desk reads her
    async with running_app(desk, ana) as (app, pilot):
        app.action_language()
        await settle(pilot)
        choices = app.screen.query_one("#languages")
        assert choices.options[choices.highlighted].id == "es"
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, LanguageDialog)
        with desk.uow() as uow:
            assert uow.users.by_login("ana").language == "es"


@pytest.mark.postgresql_only
def test_desktui_on_a_server_desk_speaks_the_operators_setting_before_the_app_is_built(
    server_db, monkeypatch, terminal_in_english
):
    """A PostgreSQL desk has no fast start: the operator is resolved through the ORM
    before the app (and its first screen) is built."""
    from deskTUI.cli import cmd_tui
    from deskTUI.cli.context import Context
    from deskTUI.services.identity import os_login
    from deskTUI.store.uow import UnitOfWork

    with UnitOfWork(server_db) as uow:
        root = uow.users.by_login("admin")
    me = admin.add_user(UnitOfWork(server_db), root, os_login(), role="agent", areas=["Soporte"])
    admin.set_language(UnitOfWork(server_db), me, me.login, "es")
    spoken: list[str] = []
    monkeypatch.setattr(DeskApp, "run", lambda app, **_options: spoken.append(i18n.current()))
    ctx = Context(argparse.Namespace(as_user=None, demo=False, handler="tui:run"), server_db.url)
    try:
        assert cmd_tui.run(ctx) == 0
        assert spoken == ["es"] and ctx.session.language == "es"
    finally:
        ctx.close()


@pytest.mark.parametrize("fast", [True, False], ids=["fast start", "ordinary start"])
def test_desktui_builds_every_screen_in_the_operators_language_from_the_start(
    tmp_path, monkeypatch, terminal_in_english, fast
):
    """``desktui`` speaks the operator's setting before the app (its first screen) is
    built: on the fast start (bare sqlite3) and the ordinary one (a server's way)."""
    from deskTUI.cli import cmd_tui
    from deskTUI.cli.context import Context
    from deskTUI.services.identity import os_login
    from deskTUI.store.database import open_database
    from deskTUI.store.uow import UnitOfWork

    path = tmp_path / "desk.db"
    db = open_database(str(path))
    me, _made = admin.init_desk(UnitOfWork(db), os_login())
    admin.set_language(UnitOfWork(db), me, me.login, "es")
    db.dispose()
    spoken: list[str] = []
    monkeypatch.setattr(DeskApp, "run", lambda app, **_options: spoken.append(i18n.current()))
    if not fast:
        monkeypatch.setattr(cmd_tui, "_fast_start", lambda _ctx: None)
    ctx = Context(argparse.Namespace(as_user=None, demo=False, handler="tui:run"), str(path))
    try:
        assert cmd_tui.run(ctx) == 0
        assert spoken == ["es"]
        assert (ctx.session.language, ctx.session.locale) == ("es", "es")
        assert ctx.session.opened is not fast
    finally:
        ctx.close()
