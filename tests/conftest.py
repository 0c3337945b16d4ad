"""Fixtures shared by the store, service and CLI suites: a real desk (SQLite in a temp dir,
and PostgreSQL too when DESKTUI_TEST_PG names a server)."""

from __future__ import annotations

import contextlib
import copy
import itertools
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from deskTUI.domain.case import Case
from deskTUI.domain.contracts import Contract
from deskTUI.domain.people import User
from deskTUI.services import admin
from deskTUI.services.cases import open_case
from deskTUI.store.database import Database, open_database
from deskTUI.store.uow import UnitOfWork

from .throwaway_pg import server_url


@dataclass
class FrozenClock:
    """The desk's clock in tests: still until a test moves it."""

    now: datetime

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


START = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
"""Monday 2 March 2026, 12:00 UTC: every test desk starts then."""


@pytest.fixture(autouse=True)
def private_state_dir(tmp_path, monkeypatch):
    """Drafts and other per-user state go to the test's temp dir, never the real home."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


@pytest.fixture(autouse=True)
def english_unless_asked():
    """Tests read English unless they ask for Spanish, whatever the developer's locale:
    DESKTUI_LANG wins over LANG, here and in every subprocess a test starts."""
    from deskTUI import i18n

    os.environ["DESKTUI_LANG"] = "en"
    i18n.use("en")
    yield
    os.environ["DESKTUI_LANG"] = "en"
    i18n.use("en")


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(START)


PG_SERVER, PG_ORIGIN = server_url()
"""A PostgreSQL server whose user may create databases (a throwaway one started for the
run where PostgreSQL is installed, see throwaway_pg.py): the ``db`` fixture then gives
each test both engines. None: SQLite only."""


def pytest_report_header() -> str:
    return PG_ORIGIN


# Without a server the fixture takes no parameter, so test ids (and snapshot names) stay.
ENGINES: dict[str, Any] = {"params": ["sqlite", "postgresql"]} if PG_SERVER else {}


@pytest.fixture(**ENGINES)
def db(tmp_path, request) -> Iterator[Database]:
    """A real desk: a SQLite file in the test's temp dir, or a fresh PostgreSQL database;
    empty, or the demo desk for ``desk`` tests."""
    engine = getattr(request, "param", "sqlite")
    with desk_database(engine, tmp_path, request, with_desk="desk" in request.fixturenames) as db:
        yield db


@contextlib.contextmanager
def desk_database(
    engine: str, tmp_path: Path, request: pytest.FixtureRequest, *, with_desk: bool
) -> Iterator[Database]:
    """A desk on ``engine``: a copy of the test desk when ``with_desk``, else empty."""
    if engine == "postgresql":
        template = request.getfixturevalue("pg_desk_template") if with_desk else None
        with pg_database(template) as url:
            database = open_database(url, files=tmp_path / "desk.files")
            yield database
            database.dispose()
        return
    path = tmp_path / "desk.db"
    if with_desk:
        template, _ = request.getfixturevalue("desk_template")
        shutil.copyfile(template, path)
    database = open_database(str(path))
    yield database
    database.dispose()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests of the SQLite file itself are not run on PostgreSQL, tests of what only a
    server has not on SQLite (deselected, not skipped: no server, no such test)."""
    dropped = [
        item
        for item in items
        if (item.get_closest_marker("sqlite_only") and _engine_of(item) == "postgresql")
        or (item.get_closest_marker("postgresql_only") and _engine_of(item) != "postgresql")
    ]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [item for item in items if item not in dropped]


def _engine_of(item: pytest.Item) -> str | None:
    """The engine a test runs on: the ``db`` fixture's, or the CLI suite's ``desk_engine``."""
    if "server_db" in getattr(item, "fixturenames", ()):
        return "postgresql" if PG_SERVER else None
    params = getattr(getattr(item, "callspec", None), "params", {})
    return params.get("db", params.get("desk_engine"))


def _pg_admin() -> Any:
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(PG_SERVER or "")
    return psycopg.connect(
        host=url.host, port=url.port, user=url.username, password=url.password,
        dbname=url.database or "postgres", autocommit=True,
    )  # fmt: skip


_pg_serial = itertools.count()


@contextlib.contextmanager
def pg_database(template: str | None = None) -> Iterator[str]:
    """A new database on the test server (a copy of ``template`` if given), dropped after."""
    from sqlalchemy.engine import make_url

    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"t_{worker}_{os.getpid()}_{next(_pg_serial)}"
    with _pg_admin() as admin_connection:
        # FILE_COPY copies the template's files at once (PostgreSQL 15's default writes
        # each block to the WAL): 21 ms against 38 ms a test on the throwaway cluster,
        # whose fsync is off, so the checkpoint it takes costs nothing.
        source = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
        admin_connection.execute(f"CREATE DATABASE {name}{source}")
    try:
        yield make_url(PG_SERVER or "").set(database=name).render_as_string(hide_password=False)
    finally:
        with _pg_admin() as admin_connection:
            admin_connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


SERVER_SCHEMA = """
SELECT 'index', indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index
WHERE indrelid IN (SELECT oid FROM pg_class WHERE relnamespace = current_schema()::regnamespace)
UNION ALL
SELECT 'constraint', conrelid::regclass::text || '.' || conname, pg_get_constraintdef(oid)
FROM pg_constraint WHERE connamespace = current_schema()::regnamespace
UNION ALL
SELECT 'trigger', tgrelid::regclass::text || '.' || tgname, tgenabled::text FROM pg_trigger
WHERE NOT tgisinternal
ORDER BY 1, 2
"""
"""Every index, constraint and trigger of the desk, with its definition or (triggers)
whether it is enabled."""


UowFactory = Callable[[], UnitOfWork]


@pytest.fixture
def new_uow(db: Database, clock: FrozenClock) -> UowFactory:
    return lambda: UnitOfWork(db, clock=clock)


@dataclass
class Desk:
    """A small Latin American desk: two areas, two clients, every role, three contracts."""

    uow: UowFactory
    clock: FrozenClock
    admin: User
    sofia: User
    """Supervisor of Soporte."""
    diego: User
    """Supervisor of Desarrollo."""
    ana: User
    """Agent of Soporte."""
    luis: User
    """Agent of Soporte."""
    pedro: User
    """Agent of Desarrollo."""
    maria: User
    """Client user of Acme SA."""
    jorge: User
    """Another client user of Acme SA."""
    gloria: User
    """Client user of Globex Ltda."""
    hours: Contract
    """Acme SA, 40 hours, all 2026."""
    incidents: Contract
    """Acme SA, 10 incidents, all 2026."""
    days: Contract
    """Acme SA, 5 days, all 2026."""

    def open(self, by: User | None = None, **fields: object) -> Case:
        """Open a case in Soporte/Impresoras for Acme SA unless told otherwise."""
        values: dict[str, object] = {
            "title": "La impresora no imprime",
            "client": "Acme SA",
            "category": "Impresoras",
            "description": "Sale una hoja en blanco",
        }
        values.update(fields)
        extra = {k: values.pop(k) for k in list(values) if k not in _OPEN_ARGS}
        return open_case(self.uow(), by or self.sofia, fields=extra, **values)  # type: ignore[arg-type]


_OPEN_ARGS = {"title", "client", "category", "description", "area", "contact", "priority"}


@pytest.fixture(scope="session")
def desk_template(tmp_path_factory) -> tuple[Path, Desk]:
    """The desk is built once per run; each test gets a copy of the file (a fraction of the cost)."""
    path = tmp_path_factory.mktemp("template") / "desk.db"
    database = open_database(str(path))
    clock = FrozenClock(START)
    built = _build_desk(lambda: UnitOfWork(database, clock=clock), clock)
    database.dispose()
    return path, built


@pytest.fixture(scope="session")
def pg_desk_template() -> Iterator[str]:
    """The desk built once per test process on the PostgreSQL server; each test gets a copy
    (``CREATE DATABASE ... TEMPLATE``). Same ids as the SQLite one: built the same way."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"tpl_{worker}_{os.getpid()}"
    with _pg_admin() as admin_connection:
        admin_connection.execute(f"CREATE DATABASE {name}")
    from sqlalchemy.engine import make_url

    url = make_url(PG_SERVER or "").set(database=name).render_as_string(hide_password=False)
    database = open_database(url)
    clock = FrozenClock(START)
    _build_desk(lambda: UnitOfWork(database, clock=clock), clock)
    database.dispose()
    yield name
    with _pg_admin() as admin_connection:
        admin_connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def desk(desk_template, new_uow: UowFactory, clock: FrozenClock) -> Desk:
    _, template = desk_template
    return replace(copy.deepcopy(template), uow=new_uow, clock=clock)


def _build_desk(new_uow: UowFactory, clock: FrozenClock) -> Desk:
    root, _ = admin.init_desk(new_uow(), "admin")
    assert root is not None
    admin.add_area(new_uow(), root, "Soporte", ["Impresoras", "Redes"])
    admin.add_area(new_uow(), root, "Desarrollo", ["Errores", "Mejoras"])
    admin.add_client(new_uow(), root, "Acme SA", ["María Pérez", "John Smith"])
    admin.add_client(new_uow(), root, "Globex Ltda", ["Ana Gómez"])

    def user(login: str, role: str, **kw: object) -> User:
        return admin.add_user(new_uow(), root, login, role=role, **kw)  # type: ignore[arg-type]

    year = {"start": date(2026, 1, 1), "end": date(2026, 12, 31)}
    return Desk(
        uow=new_uow,
        clock=clock,
        admin=root,
        sofia=user("sofia", "supervisor", name="Sofía Rojas", areas=["Soporte"]),
        diego=user("diego", "supervisor", name="Diego Ortiz", areas=["Desarrollo"]),
        ana=user("ana", "agent", name="Ana Torres", areas=["Soporte"]),
        luis=user("luis", "agent", name="Luis Mendoza", areas=["Soporte"]),
        pedro=user("pedro", "agent", name="Pedro Silva", areas=["Desarrollo"]),
        maria=user("maria", "client", name="María Pérez", client="Acme SA"),
        jorge=user("jorge", "client", name="Jorge Díaz", client="Acme SA"),
        gloria=user("gloria", "client", name="Gloria Vega", client="Globex Ltda"),
        hours=admin.add_contract(new_uow(), root, client="Acme SA", unit="hours", total=40, **year),
        incidents=admin.add_contract(
            new_uow(), root, client="Acme SA", unit="incidents", total=10, **year
        ),
        days=admin.add_contract(new_uow(), root, client="Acme SA", unit="days", total=5, **year),
    )
