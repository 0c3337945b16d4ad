"""The README's first screen is the contract with a new user: keep it true."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _command_after(marker: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"<!-- {marker} -->\s*```sh\n(.+?)\n```", text)
    assert match, f"README has no {marker}"
    return match.group(1)


def test_the_readme_gives_one_line_commands_to_run_and_to_test():
    run = _command_after("run command")
    test = _command_after("test command")
    for command in (run, test):
        assert "\n" not in command
        assert command.startswith("python3 -m venv .venv && ")
    assert "desktui" in run
    assert "pytest" in test and "[test]" in test


def test_both_commands_are_on_the_readmes_first_screen():
    first_screen = "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:24])
    assert _command_after("run command") in first_screen
    assert _command_after("test command") in first_screen


def test_ci_runs_the_readme_test_command_and_the_linters():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "<!-- test command -->" in ci  # it reads the command from the README itself
    for linter in ("ruff check .", "ruff format --check .", "lint-imports"):
        assert linter in ci
