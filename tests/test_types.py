"""The type checker keeps the domain and the services honest (issue 19, item 7):
``mypy --strict`` on ``src/deskTUI/domain`` and on ``src/deskTUI/services`` finds nothing,
and no ``# type: ignore`` there is stale (``warn_unused_ignores`` in pyproject's
``[tool.mypy]``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def mypy_errors(target: str | None, cache_dir: Path, *, strict: bool = True) -> list[str]:
    """mypy's error lines for ``target`` with ``--strict`` (without: at the levels set in
    pyproject's ``[tool.mypy]``), or (``None``) for a bare ``mypy`` as CI runs it: the
    ``files`` and levels set there.
    Its cache goes under ``cache_dir`` so the run leaves nothing in the working tree. A
    run that is not a clean pass always yields lines: mypy missing or crashing is no
    success."""
    targets = [] if target is None else ["--strict", target] if strict else [target]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--cache-dir",
            str(cache_dir),
            *targets,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode == 0:
        return []
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    return errors or [
        f"mypy did not run (exit {result.returncode}): {result.stdout}{result.stderr}"
    ]


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One mypy cache for this module: the services' run reuses the domain's analysis."""
    return tmp_path_factory.mktemp("mypy_cache")


@pytest.mark.slow
def test_strict_reaches_the_strict_packages_only_and_the_rest_gets_the_default(tmp_path):
    """The overrides make domain, services, tools and session strict, not the whole tree:
    ``strict = true`` in an override is read by mypy as the global flag (python/mypy#16387).
    The same untyped function is an error in deskTUI.domain and none in deskTUI.widgets."""
    untyped = "def shout(word):\n    return word.upper()\n"
    for package in ("deskTUI", "deskTUI/domain", "deskTUI/widgets"):
        (tmp_path / package).mkdir(exist_ok=True)
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "deskTUI/domain/probe.py").write_text(untyped)
    (tmp_path / "deskTUI/widgets/probe.py").write_text(untyped)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--cache-dir",
            str(tmp_path / "cache"),
            "deskTUI",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert [e.split(":")[0] for e in errors] == [str(Path("deskTUI/domain/probe.py"))], (
        result.stdout + result.stderr
    )


@pytest.mark.slow
def test_a_bare_mypy_checks_the_whole_package_with_no_error_and_no_stale_ignore(cache_dir):
    """What CI runs (issue 19 item 7): ``mypy`` with no argument checks ``src/deskTUI``
    (``files``), strict where the overrides say (domain, services, tools, the session:
    ``test_strict_reaches...`` shows they are), the default elsewhere: screens, widgets,
    store (its repositories had 40 errors in 7 files before issue 19), cli, app,
    key_hold, migrations. One run for the whole package: a run per package checked the
    same modules again."""
    errors = mypy_errors(None, cache_dir)
    assert errors == [], f"mypy found {len(errors)} error(s):\n" + "\n".join(errors)
