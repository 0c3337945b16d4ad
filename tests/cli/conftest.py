"""The command-line suite: ``desktui`` run in-process against real SQLite files.

``deskTUI.cli.main(argv)`` is the real entry point (``python -m deskTUI`` only
calls it), so a test runs exactly the code a person runs, without paying ~0.6 s
for a fresh interpreter per command. ``test_entry_point.py`` keeps the
real-subprocess tests.

The acting user is the operating-system login (``getpass.getuser()``), which
``desktui init`` makes the desk's admin; tests act as the other people of the
desk with the global ``--as LOGIN`` option, which admins may use.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import sqlite3
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from deskTUI.cli import main
from deskTUI.services.identity import os_login

ME = os_login()
"""The login of whoever runs the tests: ``desktui init`` makes it the admin."""

TODAY = date.today()
YEAR = TODAY.year
"""The shop's contract runs over this whole year, so it takes cases today."""


class Result(NamedTuple):
    """What one ``desktui`` command did: its exit code, standard output and standard error."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def call_main(argv: Sequence[str]) -> int:
    """``main(argv)`` as the shell sees it: argparse's ``SystemExit`` becomes its exit code."""
    try:
        return main(list(argv))
    except SystemExit as stop:
        if stop.code is None:
            return 0
        return stop.code if isinstance(stop.code, int) else 1


def snapshot(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of a SQLite file, in a stable order."""
    connection = sqlite3.connect(path)
    try:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return {
            table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            for table in tables
        }
    finally:
        connection.close()


class Cli:
    """Runs ``desktui --db <file> [--as LOGIN] ...`` and checks what the shell would see."""

    def __init__(self, db: Path, read: Callable[[], tuple[str, str]]) -> None:
        self.db = db
        self._read = read
        self.contract = "1"
        """The id of the shop's 40-hour contract of Acme SA (``contract add`` prints it)."""

    def at(self, db: Path) -> Cli:
        """The same capture against another database file (a second desk in one test)."""
        return Cli(db, self._read)

    def argv(self, args: Sequence[str], as_: str | None) -> list[str]:
        return ["--db", str(self.db), *(["--as", as_] if as_ else []), *args]

    def run(self, *args: str, as_: str | None = None) -> Result:
        self._read()  # forget anything printed before this command
        code = call_main(self.argv(args, as_))
        out, err = self._read()
        return Result(code, out, err)

    def ok(self, *args: str, as_: str | None = None) -> Result:
        """The command succeeds: exit 0, nothing on standard error."""
        result = self.run(*args, as_=as_)
        assert result.code == 0, f"desktui {' '.join(args)} failed: {result}"
        assert result.err == "", result.err
        return result

    def json(self, *args: str, as_: str | None = None) -> Any:
        """The command succeeds with ``--json`` and prints exactly one JSON document."""
        return self.ok(*args, "--json", as_=as_).json()

    def refused(
        self, *args: str, as_: str | None = None, says: str | None = None, contains: str = ""
    ) -> Result:
        """Exit 1, one ``error: <sentence>`` line on stderr, nothing on stdout, nothing written.

        ``says`` is the whole sentence after ``error: ``; ``contains`` a part of it.
        """
        before = self.state()
        result = self.run(*args, as_=as_)
        assert result.code == 1, f"desktui {' '.join(args)} was not refused: {result}"
        assert result.err.startswith("error: "), result.err
        assert result.err.endswith("\n") and result.err.count("\n") == 1, result.err
        assert "Traceback" not in result.err + result.out
        assert result.out == "", result.out
        sentence = result.err.removeprefix("error: ").rstrip("\n")
        if says is not None:
            assert sentence == says
        assert contains in sentence
        assert self.state() == before, f"desktui {' '.join(args)} was refused yet wrote"
        return result

    def usage_error(self, *args: str, as_: str | None = None, contains: str = "") -> Result:
        """Wrong usage: argparse's exit code 2 and its usage line, and nothing written."""
        before = self.state()
        result = self.run(*args, as_=as_)
        assert result.code == 2, result
        assert result.err.startswith("usage: desktui"), result.err
        assert contains in result.err
        assert "Traceback" not in result.err
        assert self.state() == before
        return result

    def state(self) -> dict[str, Any]:
        """The database's rows and the attachment store's files (None: no database file)."""
        if not self.db.exists():
            return {"tables": None, "files": []}
        files = self.db.parent / (self.db.stem + ".files")
        blobs = (
            sorted(str(p.relative_to(files)) for p in files.rglob("*")) if files.exists() else []
        )
        return {"tables": snapshot(self.db), "files": blobs}

    # -- shortcuts for the shop's usual steps ------------------------------------
    def open_case(
        self,
        *extra: str,
        title: str = "La impresora no imprime",
        client: str = "Acme SA",
        category: str = "Impresoras",
        description: str = "Sale una hoja en blanco",
        as_: str | None = None,
    ) -> str:
        """Open a case (Soporte / Impresoras for Acme SA unless told); its number."""
        result = self.ok(
            "case",
            "new",
            "--title",
            title,
            "--client",
            client,
            "--category",
            category,
            "--description",
            description,
            *extra,
            as_=as_,
        )
        number = result.out.strip()
        assert number.startswith("CS-"), result.out
        return number

    def working_case(self, *extra: str, assignee: str = "ana", **fields: str) -> str:
        """A case assigned to ``assignee`` (by sofia) and in progress."""
        number = self.open_case(*extra, **fields)
        self.ok("case", "assign", number, assignee, as_="sofia")
        self.ok("case", "move", number, "in_progress", as_=assignee)
        return number

    def show(self, number: str, as_: str | None = None) -> dict[str, Any]:
        return self.json("case", "show", number, as_=as_)


SHOP_STEPS: list[tuple[str, ...]] = [
    ("init",),
    ("area", "add", "Soporte", "--category", "Impresoras", "--category", "Redes"),
    ("area", "add", "Desarrollo", "--category", "Errores"),
    ("client", "add", "Acme SA", "--contact", "María Pérez"),
    ("client", "add", "Globex Ltda"),
    ("user", "add", "sofia", "--role", "supervisor", "--name", "Sofía Rojas", "--area", "Soporte"),
    ("user", "add", "ana", "--role", "agent", "--name", "Ana Torres", "--area", "Soporte"),
    ("user", "add", "luis", "--role", "agent", "--name", "Luis Mendoza", "--area", "Soporte"),
    ("user", "add", "maria", "--role", "client", "--name", "María Pérez", "--client", "Acme SA"),
    (
        "user",
        "add",
        "gloria",
        "--role",
        "client",
        "--name",
        "Gloria Vega",
        "--client",
        "Globex Ltda",
    ),
    (
        "contract",
        "add",
        "--client",
        "Acme SA",
        "--unit",
        "hours",
        "--total",
        "40",
        "--start",
        f"{YEAR}-01-01",
        "--end",
        f"{YEAR}-12-31",
        "--name",
        f"Bolsa de horas {YEAR}",
    ),
]
"""The shop, built only through commands, as a newcomer would from the shell."""


@pytest.fixture(scope="session")
def shop_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shop is built once per run; each test gets its own copy of the file."""
    path = tmp_path_factory.mktemp("shop") / "desk.db"
    for step in SHOP_STEPS:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = call_main(["--db", str(path), *step])
        assert code == 0 and not err.getvalue(), (step, out.getvalue(), err.getvalue())
    assert out.getvalue().strip() == "1", "the shop's contract should be contract 1"
    return path


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    """``desktui`` against ``<tmp>/desk.db`` (not created until a command creates it)."""

    def read() -> tuple[str, str]:
        captured = capsys.readouterr()
        return captured.out, captured.err

    return Cli(tmp_path / "desk.db", read)


@pytest.fixture
def shop(cli: Cli, shop_template: Path) -> Cli:
    """The small desk every CLI test starts from, built by ``SHOP_STEPS``:

    - areas Soporte [Impresoras, Redes] and Desarrollo [Errores];
    - clients Acme SA (contact María Pérez) and Globex Ltda;
    - users: the OS login (admin), sofia (supervisor, Soporte), ana and luis
      (agents, Soporte), maria (client, Acme SA), gloria (client, Globex Ltda);
    - contract 1: 40 hours for Acme SA over the current year.
    """
    shutil.copyfile(shop_template, cli.db)
    return cli
