"""The core layers load without the UI: scripts pay only for what they use."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

CORE = ["deskTUI.domain", "deskTUI.store", "deskTUI.services", "deskTUI.cli"]


@pytest.mark.parametrize("module", CORE)
def test_importing_a_core_layer_leaves_textual_unloaded(module):
    code = (
        "import importlib, json, pkgutil, sys\n"
        f"package = importlib.import_module({module!r})\n"
        "for info in pkgutil.walk_packages(getattr(package, '__path__', []), package.__name__ + '.'):\n"
        "    if '.migrations' not in info.name:\n"
        "        importlib.import_module(info.name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == []


def test_the_domain_loads_without_the_orm():
    code = (
        "import importlib, json, pkgutil, sys, deskTUI.domain as d\n"
        "for info in pkgutil.walk_packages(d.__path__, 'deskTUI.domain.'):\n"
        "    importlib.import_module(info.name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('sqlmodel', 'sqlalchemy', 'alembic', 'pydantic', 'textual', 'rich'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == []


def test_import_linter_contracts_are_kept():
    """The same check CI runs (lint-imports), so a broken layer fails the test suite too.
    Without its cache: the cache keeps one list of file times for both settings of
    exclude_type_checking_imports, so a tree that ran the other setting once was judged
    on stale imports (seen while issue 19 turned it off); the check takes under a second."""
    lint = [
        sys.executable,
        "-c",
        "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())",
        "--no-cache",
    ]
    result = subprocess.run(lint, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" in result.stdout and " 0 broken" in result.stdout


# The contracts ARCHITECTURE.md's layers rest on: removing one from pyproject.toml
# must fail the suite, not pass silently because fewer contracts are checked.
REQUIRED_CONTRACTS = {
    "Layers: UI over services over domain and store",
    "The domain is pure Python: no UI, no ORM",
    "The store and the services know no UI",
    "Screens and widgets do not import the store",
    "Services do not reach under the store's repositories",
    "The desk session and the leaf utilities know no UI",
    "Leaf utilities import only the domain",
}


def _contracts() -> dict[str, dict]:
    import tomllib
    from pathlib import Path

    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    config = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    return {c["name"]: c for c in config["tool"]["importlinter"]["contracts"]}


def test_every_layer_contract_is_still_declared_in_pyproject():
    missing = REQUIRED_CONTRACTS - set(_contracts())
    assert not missing, f"contracts removed from pyproject.toml: {sorted(missing)}"


def test_screens_and_widgets_may_not_import_the_store_or_the_orm():
    contract = _contracts()["Screens and widgets do not import the store"]
    assert {"deskTUI.screens", "deskTUI.widgets"} <= set(contract["source_modules"])
    assert {"deskTUI.store", "sqlalchemy", "sqlmodel"} <= set(contract["forbidden_modules"])
    assert "deskTUI.tools" in contract["forbidden_modules"]  # they write the store's tables
    assert not contract.get("ignore_imports")


def test_services_reach_the_orm_only_through_listed_exceptions_that_must_stay_live():
    contract = _contracts()["Services do not reach under the store's repositories"]
    assert set(contract["source_modules"]) == {"deskTUI.services"}
    assert {"sqlalchemy", "sqlmodel", "deskTUI.store.tables"} <= set(contract["forbidden_modules"])
    assert contract["unmatched_ignore_imports_alerting"] == "error"
    # The demo generator, which wrote rows into the tables, moved to deskTUI.tools.
    assert not any("deskTUI.services.demo" in rule for rule in contract.get("ignore_imports", []))


def test_the_tui_reaches_its_first_page_without_the_orm():
    """Everything the TUI runs before its first page is painted (the command line, the
    app, the list screen, its read path) leaves SQLAlchemy and the ORM unloaded: they
    cost more than Textual itself to import (ARCHITECTURE.md, startup). Babel too: its
    import costs ~10 ms and its first format ~16 ms more (tests/test_formats.py measures
    them); deskTUI.formats imports it on first use only."""
    code = (
        "import json, sys\n"
        "import deskTUI.cli, deskTUI.cli.cmd_tui, deskTUI.app, deskTUI.screens.case_list\n"
        "import deskTUI.services.case_list, deskTUI.store.list_reader, deskTUI.formats\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('sqlmodel', 'sqlalchemy', 'alembic', 'pydantic', 'babel'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == []


def test_every_contract_in_pyproject_is_one_the_suite_names():
    """Seven contracts: a new one is named here too, so removing it later fails."""
    assert set(_contracts()) == REQUIRED_CONTRACTS and len(REQUIRED_CONTRACTS) == 7


def test_every_top_level_module_of_the_package_is_placed_in_a_layer():
    """i18n, safe_text, zone, locations, the session...: a module beside the layers
    would be one any layer may import and that may import any layer."""
    import pkgutil

    import deskTUI

    contract = _contracts()["Layers: UI over services over domain and store"]
    placed = {name.strip() for layer in contract["layers"] for name in layer.split("|")}
    modules = {f"deskTUI.{info.name}" for info in pkgutil.iter_modules(deskTUI.__path__)}
    assert modules - placed == set()


def test_no_screen_or_widget_imports_the_app_not_even_for_a_type_annotation():
    """Screens reach the desk through ``session_of(self.app)`` and the app's UI hooks
    through ``desk_ui(self.app)``: an import of deskTUI.app, even under TYPE_CHECKING,
    makes the app and every screen one import cycle (32 modules before issue 19)."""
    import tomllib
    from pathlib import Path

    import grimp

    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    config = tomllib.loads(pyproject.read_text(encoding="utf-8"))["tool"]["importlinter"]
    assert config["exclude_type_checking_imports"] is False  # lint-imports sees them too
    graph = grimp.build_graph("deskTUI", exclude_type_checking_imports=False, cache_dir=None)
    importers = graph.find_modules_that_directly_import("deskTUI.app")
    ui = {m for m in importers if m.startswith(("deskTUI.screens", "deskTUI.widgets"))}
    assert ui == set()
    for package in ("deskTUI.screens", "deskTUI.widgets"):
        assert not graph.chain_exists(package, "deskTUI.app", as_packages=True)


def test_the_cli_and_the_app_share_one_desk_session(tmp_path, monkeypatch):
    """``desktui`` builds the operator's session once, as every command does, and hands
    it to the app: the same database, reader and actor; screens reach that session."""
    import argparse

    from deskTUI.app import DeskApp
    from deskTUI.cli import cmd_tui
    from deskTUI.cli.context import Context
    from deskTUI.screens.desk_ui import desk_ui
    from deskTUI.services import admin
    from deskTUI.services.identity import os_login
    from deskTUI.session import DeskSession, session_of
    from deskTUI.store.database import open_database
    from deskTUI.store.uow import UnitOfWork

    path = tmp_path / "desk.db"
    db = open_database(str(path))
    admin.init_desk(UnitOfWork(db), os_login())
    db.dispose()
    ran: list[DeskApp] = []
    monkeypatch.setattr(DeskApp, "run", lambda app, **_options: ran.append(app))
    for fast in (True, False):  # bare sqlite3 before the ORM, and the ordinary way
        if not fast:
            monkeypatch.setattr(cmd_tui, "_fast_start", lambda _ctx: None)
        args = argparse.Namespace(as_user=None, demo=False, handler="tui:run", db=str(path))
        ctx = Context(args, str(path))
        try:
            assert cmd_tui.run(ctx) == 0
            app = ran.pop()
            # The fast start paints the first page before the ORM opens the desk.
            assert ctx.session.opened is not fast
            assert isinstance(ctx.session, DeskSession) and app.session is ctx.session
            assert session_of(app) is ctx.session and desk_ui(app) is app
            assert app.actor is ctx.actor() and app.actor.login == os_login()
            assert ctx.db() is ctx.session.db and app.uow().db is ctx.uow().db
            assert ctx.session.reader.path == str(path)
        finally:
            ctx.close()


def test_an_app_without_a_desk_session_is_refused_loudly():
    from deskTUI.screens.desk_ui import desk_ui
    from deskTUI.session import session_of

    class NotTheDesk:
        session = "a string"

    with pytest.raises(TypeError, match="holds no DeskSession"):
        session_of(NotTheDesk())
    with pytest.raises(TypeError, match="is not a desk app"):
        desk_ui(NotTheDesk())


def test_every_exception_to_a_contract_must_stay_live():
    """An ``ignore_imports`` line whose import is gone fails the check instead of
    quietly allowing the import again later."""
    for name, contract in _contracts().items():
        if contract.get("ignore_imports"):
            assert contract.get("unmatched_ignore_imports_alerting") == "error", name
