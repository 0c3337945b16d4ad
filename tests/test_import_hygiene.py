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
    """The same check CI runs (lint-imports), so a broken layer fails the test suite too."""
    lint = [
        sys.executable,
        "-c",
        "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())",
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
    assert not contract.get("ignore_imports")


def test_services_reach_the_orm_only_through_listed_exceptions_that_must_stay_live():
    contract = _contracts()["Services do not reach under the store's repositories"]
    assert set(contract["source_modules"]) == {"deskTUI.services"}
    assert {"sqlalchemy", "sqlmodel", "deskTUI.store.tables"} <= set(contract["forbidden_modules"])
    assert contract["unmatched_ignore_imports_alerting"] == "error"
    assert all(rule.startswith("deskTUI.services.demo ") for rule in contract["ignore_imports"])


def test_the_tui_reaches_its_first_page_without_the_orm():
    """Everything the TUI runs before its first page is painted (the command line, the
    app, the list screen, its read path) leaves SQLAlchemy and the ORM unloaded: they
    cost more than Textual itself to import (ARCHITECTURE.md, startup)."""
    code = (
        "import json, sys\n"
        "import deskTUI.cli, deskTUI.cli.cmd_tui, deskTUI.app, deskTUI.screens.case_list\n"
        "import deskTUI.services.case_list, deskTUI.store.list_reader\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('sqlmodel', 'sqlalchemy', 'alembic', 'pydantic'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == []
