"""The ``desktui`` entry point as a user runs it: a fresh process, real files, exit codes."""

from __future__ import annotations

import os
import subprocess
import sys


def desktui(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "deskTUI", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def test_init_creates_the_desk_and_makes_the_login_its_admin_then_changes_nothing(tmp_path):
    db = str(tmp_path / "team" / "desk.db")
    first = desktui("--db", db, "init")
    assert first.returncode == 0, first.stderr
    assert "is its admin" in first.stdout
    second = desktui("--db", db, "init")
    assert second.returncode == 0
    assert "is admin" in second.stdout and "is its admin" not in second.stdout


def test_the_database_can_be_named_by_the_environment(cli):
    result = desktui("init", env={"DESKTUI_DB": cli.db, "DESKTUI_FILES": str(cli.files)})
    assert result.returncode == 0, result.stderr
    assert cli.exists()


def test_a_bad_database_url_is_one_sentence_on_stderr_with_exit_code_1_and_no_traceback(tmp_path):
    result = desktui("--db", "nonsense://x/y", "init")
    assert result.returncode == 1
    assert result.stderr.startswith("error: ")
    assert "Traceback" not in result.stderr + result.stdout


def test_an_unknown_command_is_a_usage_error_with_exit_code_2():
    result = desktui("frobnicate")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_version_and_help_answer_without_a_database(tmp_path):
    version = desktui("--version")
    assert version.returncode == 0 and version.stdout.startswith("desktui ")
    help_text = desktui("--help")
    assert help_text.returncode == 0 and "init" in help_text.stdout


def test_a_database_in_a_folder_that_cannot_be_created_is_a_sentence_not_a_traceback(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = desktui("--db", str(blocker / "desk.db"), "init")
    assert result.returncode == 1
    assert result.stderr.startswith("error: Cannot ")
    assert "Traceback" not in result.stderr


def test_demo_mode_builds_a_demo_desk_on_first_use_only(tmp_path):
    """`desktui --demo` opens the TUI on a demo desk; here only the building is checked."""
    import argparse

    from deskTUI.cli.cmd_tui import DEMO_CASES, _ensure_demo
    from deskTUI.cli.context import Context
    from deskTUI.services.search import search_cases

    db = tmp_path / "demo.db"
    args = argparse.Namespace(db=str(db), demo=True, as_user=None, handler="tui:run")
    ctx = Context(args, str(db))
    _ensure_demo(ctx)
    assert search_cases(ctx.uow(), ctx.actor(), "", limit=1).total == DEMO_CASES
    _ensure_demo(ctx)  # a second start reuses the desk
    assert search_cases(ctx.uow(), ctx.actor(), "", limit=1).total == DEMO_CASES
    ctx.close()


def test_the_cached_demo_desk_of_each_language_is_its_own(tmp_path, monkeypatch):
    """`desktui --demo` with no --db: a Spanish session gets a Spanish desk even where an
    English one (or the mixed one of before) is already cached, and the English one stays."""
    import argparse

    from deskTUI import i18n
    from deskTUI.cli.cmd_tui import _ensure_demo
    from deskTUI.cli.context import Context
    from deskTUI.services.search import search_cases

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setattr("deskTUI.cli.cmd_tui.DEMO_CASES", 40)
    titles = {}
    for language in ("en", "es"):
        i18n.use(language)
        args = argparse.Namespace(db=None, demo=True, as_user=None, handler="tui:run")
        ctx = Context(args, "unused")
        _ensure_demo(ctx)
        page = search_cases(ctx.uow(), ctx.actor(), "", limit=40)
        titles[language] = {case.title for case in page.cases}
        ctx.close()
    assert sorted(p.name for p in (tmp_path / "desktui").glob("demo-*.db")) == [
        "demo-en.db",
        "demo-es.db",
    ]
    assert titles["en"].isdisjoint(titles["es"])
