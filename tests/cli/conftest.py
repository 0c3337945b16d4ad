"""The command-line suite: ``desktui`` run in-process against real desks: SQLite files,
and fresh PostgreSQL databases too when ``DESKTUI_TEST_PG`` names a server (every test
that takes ``cli`` or ``shop`` then runs on both engines; ``sqlite_only`` ones only on SQLite).

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
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import time_machine
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from deskTUI.cli import main
from deskTUI.services.identity import os_login
from deskTUI.store.database import to_url

from ..conftest import ENGINES, pg_database

DAYTIME_HOUR = 22
"""The shell tests run the real clock, and time logged 'today' must fit in what has passed
of today: at 00:05 UTC, '--duration 1h30m' is refused (rightly). Before this hour of the
real day the clock moves forward to it (and keeps ticking); after it, it is left alone."""


@pytest.fixture(autouse=True)
def daytime() -> Iterator[None]:
    now = datetime.now(UTC)
    evening = now.replace(hour=DAYTIME_HOUR, minute=0, second=0, microsecond=0)
    if now >= evening:
        yield
        return
    with time_machine.travel(evening, tick=True):
        yield


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


def snapshot(db: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of a desk (a SQLite file or a PostgreSQL database), in a
    stable order, read through SQLAlchemy like the product reads it."""
    engine = create_engine(to_url(db), poolclass=NullPool)
    try:
        with engine.connect() as connection:
            if connection.dialect.name == "sqlite":  # its own tables too (sqlite_sequence)
                query = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
                tables = [row[0] for row in connection.execute(text(query))]
            else:
                tables = sorted(inspect(connection).get_table_names())
            return {
                table: sorted(
                    (tuple(row) for row in connection.execute(text(f'SELECT * FROM "{table}"'))),
                    key=repr,
                )
                for table in tables
            }
    finally:
        engine.dispose()


@contextlib.contextmanager
def connected(db: str) -> Iterator[Any]:
    """A SQLAlchemy connection to a desk (a file path or a URL), in a transaction that
    commits at the end: for a test that writes what no command would."""
    engine = create_engine(to_url(db), poolclass=NullPool)
    try:
        with engine.begin() as connection:
            yield connection
    finally:
        engine.dispose()


class Desks:
    """The desks of one test: SQLite files in its temp dir, or fresh PostgreSQL databases
    (dropped after the test), each with the folder its attachments go to."""

    def __init__(
        self,
        engine: str,
        tmp_path: Path,
        request: pytest.FixtureRequest,
        stack: contextlib.ExitStack[Any],
    ) -> None:
        self.engine = engine
        self._tmp_path = tmp_path
        self._request = request
        self._stack = stack

    def new(self, name: str = "desk", *, shop: bool = False) -> tuple[str, Path]:
        """A new desk called ``name``, empty (a SQLite one not even created) or a copy of
        the shop: what ``--db`` is given, and its file store."""
        files = self._tmp_path / f"{name}.files"
        if self.engine == "postgresql":
            template = self._request.getfixturevalue("pg_shop_template") if shop else None
            return self._stack.enter_context(pg_database(template)), files
        path = self._tmp_path / f"{name}.db"
        if shop:
            shutil.copyfile(self._request.getfixturevalue("shop_template"), path)
        return str(path), files


class Cli:
    """Runs ``desktui --db <desk> [--files DIR] [--as LOGIN] ...`` and checks what the
    shell would see."""

    def __init__(
        self, db: str, files: Path, read: Callable[[], tuple[str, str]], desks: Desks
    ) -> None:
        self.db = db
        """What ``--db`` is given: a SQLite file's path or a PostgreSQL database's URL."""
        self.files = files
        """Where the desk's attachments are: beside a SQLite file, or the server desk's
        ``--files`` folder."""
        self._read = read
        self._desks = desks
        self.contract = "1"
        """The id of the shop's 40-hour contract of Acme SA (``contract add`` prints it)."""

    @property
    def on_server(self) -> bool:
        return "://" in self.db

    @property
    def url(self) -> str:
        """The desk's URL, as ``desktui init`` names it."""
        return self.db if self.on_server else f"sqlite:///{self.db}"

    @property
    def path(self) -> Path:
        """The SQLite file (for the tests of the file itself, marked ``sqlite_only``)."""
        assert not self.on_server, "a PostgreSQL desk has no file"
        return Path(self.db)

    def exists(self) -> bool:
        """Whether there is a desk: its SQLite file, or any table in the PostgreSQL database."""
        return bool(snapshot(self.db)) if self.on_server else self.path.exists()

    def at(self, path: Path) -> Cli:
        """The same capture against another SQLite file (a second desk in one test)."""
        return Cli(str(path), path.parent / (path.stem + ".files"), self._read, self._desks)

    def another(self, name: str, *, shop: bool = False) -> Cli:
        """The same capture against a second desk of this test's engine: empty, or a copy
        of the shop."""
        db, files = self._desks.new(name, shop=shop)
        return Cli(db, files, self._read, self._desks)

    def argv(self, args: Sequence[str], as_: str | None) -> list[str]:
        files = ["--files", str(self.files)] if self.on_server else []
        return ["--db", self.db, *files, *(["--as", as_] if as_ else []), *args]

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
        if not self.on_server and not self.path.exists():
            return {"tables": None, "files": []}
        files = self.files
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


def build_shop(db: str) -> None:
    for step in SHOP_STEPS:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = call_main(["--db", db, *step])
        assert code == 0 and not err.getvalue(), (step, out.getvalue(), err.getvalue())
    assert out.getvalue().strip() == "1", "the shop's contract should be contract 1"


@pytest.fixture(scope="session")
def shop_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shop is built once per run; each test gets its own copy of the file."""
    path = tmp_path_factory.mktemp("shop") / "desk.db"
    build_shop(str(path))
    return path


@pytest.fixture(scope="session")
def pg_shop_template() -> Iterator[str]:
    """The shop built once per test process on the PostgreSQL server by the same commands;
    each test gets a copy (``CREATE DATABASE ... TEMPLATE``). Its database's name."""
    with pg_database() as url:
        build_shop(url)
        yield make_url(url).database or ""


@pytest.fixture(**ENGINES)
def desk_engine(request: pytest.FixtureRequest) -> str:
    """The engine of the CLI's desks: SQLite, and PostgreSQL too with ``DESKTUI_TEST_PG``
    (without it no parameter, so test ids stay)."""
    return getattr(request, "param", "sqlite")


@pytest.fixture
def desks(desk_engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Desks]:
    with contextlib.ExitStack() as stack:
        yield Desks(desk_engine, tmp_path, request, stack)


@pytest.fixture
def capture(capsys: pytest.CaptureFixture[str]) -> Callable[[], tuple[str, str]]:
    """What the commands printed since the last call: standard output and error."""

    def read() -> tuple[str, str]:
        captured = capsys.readouterr()
        return captured.out, captured.err

    return read


@pytest.fixture
def cli(desks: Desks, capture: Callable[[], tuple[str, str]]) -> Cli:
    """``desktui`` against ``<tmp>/desk.db`` (not created until a command creates it), or
    against a new, empty PostgreSQL database."""
    return Cli(*desks.new(), capture, desks)


@pytest.fixture
def shop(desks: Desks, capture: Callable[[], tuple[str, str]]) -> Cli:
    """The small desk every CLI test starts from, built by ``SHOP_STEPS``:

    - areas Soporte [Impresoras, Redes] and Desarrollo [Errores];
    - clients Acme SA (contact María Pérez) and Globex Ltda;
    - users: the OS login (admin), sofia (supervisor, Soporte), ana and luis
      (agents, Soporte), maria (client, Acme SA), gloria (client, Globex Ltda);
    - contract 1: 40 hours for Acme SA over the current year.
    """
    return Cli(*desks.new(shop=True), capture, desks)
