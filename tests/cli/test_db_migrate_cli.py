"""``desktui db migrate``: a demo desk moved by the command a person types, then used there.

The source is a demo desk (``desktui demo``, SQLite); the target a new SQLite file, and
a fresh PostgreSQL database too when DESKTUI_TEST_PG names a server.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.pool import NullPool

from deskTUI.store.database import to_url
from deskTUI.tools.desk_copy import desk_tables

from ..conftest import PG_SERVER, pg_database
from .conftest import call_main

TABLES = len(desk_tables())
"""The desk's tables (the search index and Alembic's revision are not the desk's data):
29 since issue 21 (grants, projects, services, survey templates, preferences)."""


class Result(NamedTuple):
    code: int
    out: str
    err: str


class Target(NamedTuple):
    address: str
    """What ``--to`` (and later ``--db``) is given."""
    options: list[str]
    """The global options a server desk is opened with: ``--files DIR``."""


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("migrate") / "demo.db"
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert call_main(["--db", str(path), "demo", "--cases", "60", "--seed", "5"]) == 0
    return path


@pytest.fixture
def source(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_template, path)
    shutil.copytree(demo_template.with_name("demo.files"), tmp_path / "demo.files")
    return path


@pytest.fixture(params=["sqlite", "postgresql"] if PG_SERVER else ["sqlite"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Target]:
    if request.param == "postgresql":
        with pg_database() as url:
            yield Target(url, ["--files", str(tmp_path / "server.files")])
    else:
        yield Target(str(tmp_path / "moved.db"), [])


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Any:
    def run(*argv: str) -> Result:
        capsys.readouterr()
        code = call_main(list(argv))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def migrate_argv(source: Path, target: Target, *extra: str) -> list[str]:
    return [*target.options, "db", "migrate", "--from", str(source), "--to", target.address, *extra]


def test_a_demo_desk_moves_with_one_command_and_works_on_its_new_database(run, source, target):
    moved = run(*migrate_argv(source, target))
    assert (moved.code, moved.err) == (0, "")
    lines = moved.out.splitlines()
    assert lines[0].split() == ["table", "rows", "checksum", "verified"]
    tables = lines[1 : 1 + TABLES]
    assert all(line.endswith("  ok") for line in tables), moved.out
    assert {line.split()[0] for line in tables} >= {"support_case", "case_log", "ledger_entry"}
    assert any(line.startswith("Attachments: ") for line in lines)
    assert lines[-1].startswith("Migrated ") and lines[-1].endswith(
        "the next case will be CS-000061."
    )

    there = [*target.options, "--db", target.address]
    checked = run(*there, "db", "check")
    assert (checked.code, checked.out, checked.err) == (0, "The desk is consistent.\n", "")

    # Text search gives the same cases on both desks.
    word = max(run("--db", str(source), "case", "show", "1", "--json").out.split('"title": "')[1]
               .split('"')[0].split(), key=len)  # fmt: skip
    listed = [run("--db", str(source), "case", "list", "--query", word),
              run(*there, "case", "list", "--query", word)]  # fmt: skip
    assert listed[0].code == listed[1].code == 0
    assert listed[1].out == listed[0].out and "CS-000001" in listed[1].out

    opened = run(*there, "case", "new", "--title", "Primer caso en el servidor",
                 "--client", "Acme Inc", "--category", "Printers",
                 "--description", "Después de migrar")  # fmt: skip
    assert (opened.code, opened.out, opened.err) == (0, "CS-000061\n", "")


def test_with_json_it_prints_one_document_with_every_table_verified(run, source, target):
    moved = run(*migrate_argv(source, target, "--json"))
    assert (moved.code, moved.err) == (0, "")
    document = json.loads(moved.out)
    assert document["ok"] is True and document["next_case"] == "CS-000061"
    assert len(document["tables"]) == TABLES
    assert all(t["ok"] and len(t["checksum"]) == 64 for t in document["tables"])
    assert sum(t["rows"] for t in document["tables"]) == document["rows"] > 0
    assert document["files"]["contents"] == document["files"]["copied"] > 0
    assert (document["source"], document["target"]) == (str(source), target.address)


@pytest.mark.skipif(not PG_SERVER, reason="needs a PostgreSQL server (DESKTUI_TEST_PG)")
def test_a_server_targets_folder_may_come_from_desktui_files(run, source, tmp_path, monkeypatch):
    folder = tmp_path / "from-env.files"
    monkeypatch.setenv("DESKTUI_FILES", str(folder))
    with pg_database() as url:
        moved = run("db", "migrate", "--from", str(source), "--to", url)
        assert (moved.code, moved.err) == (0, "")
        assert f"in {folder}, each checked" in moved.out
        checked = run("--db", url, "db", "check")
        assert (checked.code, checked.err) == (0, "")
    monkeypatch.delenv("DESKTUI_FILES")
    with pg_database() as url:
        refused = run("db", "migrate", "--from", str(source), "--to", url)
        assert refused.code == 1 and "--files DIR" in refused.err


def _state(target: Target) -> Any:
    """Every row of the target (None: no SQLite file), and its attachment folder's files."""
    folder = (
        Path(target.options[1]) if target.options else Path(target.address).with_suffix(".files")
    )
    files = sorted(str(p) for p in folder.rglob("*")) if folder.exists() else []
    if "://" not in target.address and not Path(target.address).exists():
        return None, files
    engine = create_engine(to_url(target.address), poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return {
                name: sorted(
                    map(tuple, connection.execute(text(f'SELECT * FROM "{name}"'))), key=repr
                )
                for name in inspect(connection).get_table_names()
            }, files
    finally:
        engine.dispose()


def _not_a_desk(tmp_path: Path) -> str:
    path = tmp_path / "recipes.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE recipe (name text)")
    return str(path)


def _text_file(tmp_path: Path) -> str:
    path = tmp_path / "notes.txt"
    path.write_text("hola\n" * 100)
    return str(path)


@pytest.mark.parametrize(
    ("case", "says"),
    [
        ("missing source", "There is no desk at "),
        ("text file", "is not a SQLite database"),
        ("not a desk", "is not a deskTUI desk (it has no desk schema)"),
        ("desk in target", "already holds a desk's data"),
        ("unreachable", "Cannot open the target postgresql+psycopg://desk:***@127.0.0.1:1/desk"),
        ("other engine", "a desk lives in SQLite or PostgreSQL"),
        ("not a url", "is neither a file path nor a database URL"),
        ("a folder", "is a folder; a SQLite desk is a file in it"),
        ("not an admin", "ana (agent) may not change settings"),
    ],
)
def test_a_refusal_is_one_sentence_and_the_target_is_left_as_it_was(
    run, source, target, tmp_path, case, says
):
    origin, address, extra = str(source), target.address, list(target.options)
    if case == "missing source":
        origin = str(tmp_path / "nowhere.db")
    elif case == "text file":
        origin = _text_file(tmp_path)
    elif case == "not a desk":
        origin = _not_a_desk(tmp_path)
    elif case == "desk in target":
        made = run(*target.options, "--db", target.address, "init")
        assert made.code == 0, made
    elif case == "unreachable":
        address = "postgresql+psycopg://desk:s3cret@127.0.0.1:1/desk"
    elif case == "other engine":
        address = "mysql://desk@localhost/desk"
    elif case == "not a url":
        address = "postgresql+psycopg://desk:s3cret@localhost:port/desk"
    elif case == "a folder":
        address = str(tmp_path)
    elif case == "not an admin":
        extra += ["--as", "ana"]
    before = _state(target)

    refused = run(*extra, "db", "migrate", "--from", origin, "--to", address)

    assert refused.code == 1, refused
    assert refused.out == ""
    assert refused.err.startswith("error: ") and refused.err.count("\n") == 1, refused.err
    assert says in refused.err
    assert "Traceback" not in refused.err and "s3cret" not in refused.err
    assert _state(target) == before


def test_without_a_target_it_is_a_usage_error(run, source):
    refused = run("db", "migrate", "--from", str(source))
    assert refused.code == 2
    assert refused.err.startswith("usage: desktui") and "--to" in refused.err
