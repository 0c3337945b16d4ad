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
