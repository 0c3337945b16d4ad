"""``desktui demo``: a realistic Latin American desk to explore, from ten cases to a million.

People, areas, clients and contracts are made through the ordinary services;
the cases and everything hanging from them are generated in memory, checked
against the domain's own rules (lifecycle order, ledger units, SLA targets)
and bulk-loaded, because a million cases one ORM object at a time would take
many minutes. The same seed on the same day gives the same desk.
"""

from __future__ import annotations

import ctypes
import hashlib
import io
import itertools
import multiprocessing
import os
import queue
import random
import shutil
import signal
import sqlite3
import sys
import tempfile
import threading
from bisect import bisect
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Table, func, inspect, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, OperationalError

from ..domain.contracts import units_for
from ..domain.enums import Role, Status, TrackingUnit
from ..domain.errors import ValidationError
from ..domain.lifecycle import TRANSITIONS
from ..domain.people import User
from ..domain.sla import DEFAULT_TARGETS
from ..store.blobs import BlobStore
from ..store.bulk import bulk_load, insert_rows, insert_sql, sql_literal
from ..store.database import Database
from ..store.tables import (
    AttachmentRow,
    CaseRow,
    CommentRow,
    ContractRow,
    EventRow,
    LedgerRow,
    LogRow,
    NotificationRow,
    SurveyRow,
    TaskRow,
    TimeEntryRow,
)
from ..store.uow import UnitOfWork
from . import admin
from .common import stored_id


def _table(row: type[object]) -> Table:
    """The Core table behind a row class. SQLModel sets ``__table__`` on each table class
    without declaring it, so a type checker cannot see it there; the class's mapper names
    the same table, typed."""
    table = inspect(row).local_table
    assert isinstance(table, Table)  # a table class maps one table, never a join
    return table


AREAS = {
    "Soporte Técnico": ["Impresoras", "Redes", "Correo", "Hardware"],
    "Desarrollo": ["Errores", "Mejoras", "Integraciones"],
    "Facturación": ["Cobros", "Notas de crédito", "Facturación electrónica"],
}
CLIENTS = {
    "Acme SA": ["María Pérez", "John Smith"],
    "Globex Ltda": ["Ana Gómez", "Peter Brown"],
    "Inversiones Caracas CA": ["José Rodríguez"],
    "Panadería La Espiga": ["Carmen Díaz"],
    "Northwind Traders": ["Nancy Davolio", "Andrew Fuller"],
    "Constructora Andes": ["Luis Fernández"],
    "Clínica San Rafael": ["Dra. Patricia Rojas", "Mario León"],
    "Soylent Corp": ["Laura Martínez"],
}
STAFF = [
    ("sofia", "Sofía Rojas", Role.SUPERVISOR, ["Soporte Técnico"]),
    ("diego", "Diego Ortiz", Role.SUPERVISOR, ["Desarrollo"]),
    ("carmen", "Carmen Salazar", Role.SUPERVISOR, ["Facturación"]),
    ("ana", "Ana Torres", Role.AGENT, ["Soporte Técnico"]),
    ("luis", "Luis Mendoza", Role.AGENT, ["Soporte Técnico"]),
    ("kevin", "Kevin O'Brien", Role.AGENT, ["Soporte Técnico", "Desarrollo"]),
    ("pedro", "Pedro Silva", Role.AGENT, ["Desarrollo"]),
    ("valentina", "Valentina Cruz", Role.AGENT, ["Desarrollo"]),
    ("john", "John Miller", Role.AGENT, ["Facturación"]),
    ("gabriela", "Gabriela Núñez", Role.AGENT, ["Facturación"]),
]
CLIENT_USERS = [
    ("maria", "María Pérez", "Acme SA"),
    ("jsmith", "John Smith", "Acme SA"),
    ("agomez", "Ana Gómez", "Globex Ltda"),
    ("jrodriguez", "José Rodríguez", "Inversiones Caracas CA"),
    ("ndavolio", "Nancy Davolio", "Northwind Traders"),
    ("projas", "Patricia Rojas", "Clínica San Rafael"),
]
CONTRACTS = [
    # client, unit, total, name, how many cases may charge it (keeps the balances believable)
    ("Acme SA", TrackingUnit.HOURS, Decimal(40), "Bolsa de horas 2026", 40),
    ("Globex Ltda", TrackingUnit.DAYS, Decimal(20), "Soporte por días", 12),
    ("Northwind Traders", TrackingUnit.INCIDENTS, Decimal(12), "Incidentes anuales", 11),
    ("Clínica San Rafael", TrackingUnit.HOURS, Decimal(120), "Póliza anual", 30),
]
NEAR_EXHAUSTION = Decimal("0.92")
"""The Acme contract is filled to about this share: a desk always has one running out."""

TITLES = {
    "Impresoras": [
        "La impresora no imprime",
        "Printer jams on every page",
        "Tóner agotado en recepción",
    ],
    "Redes": [
        "Wi-Fi intermitente en el piso 3",
        "VPN disconnects every hour",
        "Sin acceso a la red",
    ],
    "Correo": ["No llegan los correos", "Outlook pide la clave", "Mailbox full"],
    "Hardware": ["La laptop no enciende", "Monitor parpadea", "Replace broken keyboard"],
    "Errores": [
        "Error 500 al guardar factura",
        "Report crashes with null date",
        "Botón Guardar no responde",
    ],
    "Mejoras": ["Agregar filtro por fecha", "Export to Excel", "Nuevo campo RIF en clientes"],
    "Integraciones": [
        "Sincronización con el banco falla",
        "API token expired",
        "Webhook duplicado",
    ],
    "Cobros": ["Cobro duplicado", "Payment not applied", "Conciliación pendiente"],
    "Notas de crédito": ["Nota de crédito con monto errado", "Credit note missing", "Anular nota"],
    "Facturación electrónica": [
        "Factura rechazada por el SENIAT",
        "Invoice XML invalid",
        "Serie agotada",
    ],
}
DESCRIPTIONS = [
    "El usuario reporta el problema desde esta mañana. Adjunta captura.",
    "Happens intermittently; the customer sent logs.",
    "Se reinició el equipo sin éxito. Urgente para cierre de mes.",
    "Started after the last update. Several users affected.",
]
SENT_WITH = (0, 1, None, None)
"""Per description, the attachment (of ``ATTACHMENTS``) it says came with it: the case has
it, uploaded by the reporter when the case was opened."""
COMMENTS = [
    ("Revisando con el cliente por teléfono.", "internal"),
    ("We are looking into it and will update you today.", "public"),
    ("Se escaló a segundo nivel.", "internal"),
    ("¿Puede enviarnos una captura del error?", "public"),
    ("Customer confirmed the workaround works.", "public"),
]
ACTIVITIES = [
    "Diagnóstico",
    "Remote session",
    "Visita en sitio",
    "Configuración",
    "Testing",
    "Documentación",
]
SOLUTIONS = [
    "Se reemplazó el componente dañado.",
    "Updated the driver and rebooted.",
    "Se corrigió la configuración.",
]
ATTACHMENTS = [
    ("captura.png", "image/png", b"\x89PNG demo screenshot"),
    ("error.log", "text/plain", b"2026-03-02 10:00 ERROR null date\n"),
    ("factura.pdf", "application/pdf", b"%PDF-1.4 demo invoice"),
]
STATUS_WEIGHTS = {
    Status.NEW: 6,
    Status.ASSIGNED: 8,
    Status.IN_PROGRESS: 14,
    Status.ON_HOLD: 6,
    Status.FINISHED: 56,
    Status.CANCELLED: 10,
}
PRIORITY_WEIGHTS = {"low": 25, "medium": 45, "high": 22, "critical": 8}
PATHS = {
    Status.NEW: [Status.NEW],
    Status.ASSIGNED: [Status.NEW, Status.ASSIGNED],
    Status.IN_PROGRESS: [Status.NEW, Status.ASSIGNED, Status.IN_PROGRESS],
    Status.ON_HOLD: [Status.NEW, Status.ASSIGNED, Status.IN_PROGRESS, Status.ON_HOLD],
    Status.FINISHED: [Status.NEW, Status.ASSIGNED, Status.IN_PROGRESS, Status.FINISHED],
}
"""How a case reached its status, each step a row of the lifecycle table."""
for _path in PATHS.values():
    assert all((a, b) in TRANSITIONS for a, b in itertools.pairwise(_path))


@dataclass
class Plan:
    """The rows to load, by table."""

    cases: list[tuple[Any, ...]] = field(default_factory=list)
    log: list[tuple[Any, ...]] = field(default_factory=list)
    time: list[tuple[Any, ...]] = field(default_factory=list)
    comments: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    tasks: list[tuple[Any, ...]] = field(default_factory=list)
    files: list[tuple[Any, ...]] = field(default_factory=list)
    surveys: list[tuple[Any, ...]] = field(default_factory=list)
    ledger: list[tuple[Any, ...]] = field(default_factory=list)


CASE_COLUMNS = (
    "id", "title", "client_id", "contact_id", "assignee_id", "reporter_id", "area_id",
    "category_id", "priority", "importance", "status", "stage", "progress", "internal", "origin",
    "description", "solution", "created_at", "updated_at", "estimate_minutes", "complexity", "level",
    "billable", "cost_per_hour", "contract_id", "quote_status", "quote_price", "quote_currency",
    "quote_minutes", "quote_message", "payment_status", "first_response_at", "resolved_at",
)  # fmt: skip
LOG_COLUMNS = (
    "case_id", "at", "actor_id", "kind", "field", "new", "from_status", "to_status", "note",
)  # fmt: skip
TIME_COLUMNS = (
    "case_id", "executor_id", "work_date", "minutes", "description", "billable", "start_at", "end_at", "created_by",
)  # fmt: skip
UPDATED_AT = CASE_COLUMNS.index("updated_at")
_BLANK_CASE_TEXTS = (
    "group_name", "product", "case_class", "service", "support_type", "project", "sale_order",
    "chat_channel",
)  # fmt: skip
FIXED: dict[str, dict[str, Any]] = {
    "cases": {"version": 1, "closed_minutes": 0, **dict.fromkeys(_BLANK_CASE_TEXTS, "")},
    "log": {"old": None},
    "time": {"article": ""},
}
"""Columns every generated row of a table holds the same value in. They are not in the
rows: the statements write them in once (binding a value is most of what storing a row
costs, and these were 15 % of the values a million cases bound)."""


def build_demo(
    db: Database,
    login: str,
    *,
    cases: int = 300,
    seed: int = 1,
    now: datetime | None = None,
    on_cases: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Fill an empty desk; returns what was made.

    The same seed gives the same desk, dated back from ``now`` (the moment it
    is built, unless a test fixes it): ages, not calendar dates, are what a
    seed decides, so SLA clocks look the same whenever the demo is made.
    """
    with db.engine.connect() as connection:
        if connection.execute(select(func.count()).select_from(_table(CaseRow))).scalar_one():
            raise ValidationError(
                "demo.not_empty",
                "This desk already has cases; the demo fills an empty desk (use another --db)",
            )
    _remove_stale_scratch()
    root, people = _people(db, login)
    moment = (
        (now or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None, second=0, microsecond=0)
    )
    files = _store_attachments(db)
    try:
        if cases >= PARALLEL_FROM and db.dialect == "sqlite":
            counts, used = _load_in_parallel(db, seed, moment, people, files, cases, on_cases)
        else:
            parts = _halves(seed, cases) if cases >= PARALLEL_FROM else [_Part(seed, 1, cases)]
            counts, used = _load_here(db, moment, people, files, parts, on_cases)
    except (DBAPIError, db.engine.dialect.loaded_dbapi.Error) as error:
        raise ValidationError(
            "demo.load",
            "The demo's cases could not be loaded ({detail}); none of them was kept",
            detail=str(getattr(error, "orig", None) or error).strip().splitlines()[0],
        ) from None
    with db.engine.begin() as connection:
        _settle_near_exhaustion(connection, people, used)
        welcome = "Welcome to the deskTUI demo: try `desktui case list`."
        connection.execute(
            _table(NotificationRow).insert(),
            {
                "user_id": root.id,
                "kind": "welcome",
                "message": welcome,
                "created_at": moment.replace(tzinfo=UTC),
            },
        )
    return {
        "admin": root.login,
        "users": len(people["all"]),
        "cases": counts["cases"],
        "time_entries": counts["time"],
        "comments": counts["comments"],
        "events": counts["events"],
        "files": counts["files"],
        "surveys": counts["surveys"],
        "ledger_entries": counts["ledger"],
        "log_lines": counts["log"],
    }


PARALLEL_FROM = 100_000
"""From this many cases on, the desk is generated in two halves, each from a seed of its own:
on SQLite by two processes side by side (two cores); on PostgreSQL one after the other in
this process (the server's own process is busy storing them), so a seed gives the same desk
on both engines."""


@dataclass(frozen=True)
class _Part:
    """Cases ``first`` to ``last``, generated from ``seed``."""

    seed: int | str
    first: int
    last: int
    contracts: bool = True
    day_starts_at: int = 12 * 60


def _halves(seed: int, cases: int) -> list[_Part]:
    """The two halves of a large desk. Contracts are charged only in the first, so their
    quotas stay exact; the halves' people log their work in different hours of the day."""
    half = cases // 2
    return [_Part(f"{seed}:a", 1, half), _Part(f"{seed}:b", half + 1, cases, False, 0)]


def _load_here(
    db: Database, moment: datetime, people: dict[str, Any], files: list[Any], parts: list[_Part],
    on_cases: Callable[[int], None] | None,
) -> tuple[dict[str, int], Decimal]:  # fmt: skip
    generators = [
        (
            _Generator(
                random.Random(part.seed), moment, people, files, contracts=part.contracts,
                day_starts_at=part.day_starts_at,
            ),
            part,
        )
        for part in parts
    ]  # fmt: skip
    counts: dict[str, int] = dict.fromkeys(TABLES, 0)
    with (
        _loading(db) as connection,
        connection.begin(),
        bulk_load(connection, [t for t, _ in TABLES.values()]),
    ):
        for plan in _in_background(generators):
            for name, (table, columns) in TABLES.items():
                counts[name] += insert_rows(
                    connection, table, columns, getattr(plan, name), converted=True,
                    fixed=FIXED.get(name),
                )  # fmt: skip
            if on_cases is not None:
                on_cases(len(plan.cases))
    return counts, generators[0][0].first_contract_use()


def _generate_into_file(
    path: str, cases_path: str, case_sql: str, seed: int | str, moment: datetime, people: dict[str, Any],
    files: list[Any], first: int, last: int, contracts: bool, day_starts_at: int,
) -> tuple[dict[str, int], Decimal]:  # fmt: skip
    """One half of a large demo, written to scratch SQLite files without indexes.

    The cases go to a file of their own, in a table made by the desk's own
    definition (``case_sql``), so they can later be copied whole (see
    ``_merge``); the other rows go to plain tables in ``path``. The files are
    thrown away after the merge, so they are written without a journal and
    without syncing: only speed matters here.
    """
    generator = _Generator(
        random.Random(seed), moment, people, files, contracts=contracts, day_starts_at=day_starts_at
    )
    rows_file, cases_file = _scratch(path), _scratch(cases_path)
    cases_file.execute(case_sql)
    counts: dict[str, int] = dict.fromkeys(TABLES, 0)
    for name, (table, columns) in TABLES.items():
        if name != "cases":
            rows_file.execute(f"CREATE TABLE {table.name} ({', '.join(columns)})")
    rows_file.execute("BEGIN")
    cases_file.execute("BEGIN")
    # The cases' fixed columns are written by the statement; the other tables'
    # are left out of the scratch tables and added by the merge (``_merge``).
    statements = {
        name: insert_sql(table.name, columns, FIXED["cases"] if name == "cases" else None)
        for name, (table, columns) in TABLES.items()
    }
    for start in range(first, last + 1, BATCH):
        plan = generator.plan(start, min(last, start + BATCH - 1))
        for name in TABLES:
            rows = getattr(plan, name)
            (cases_file if name == "cases" else rows_file).executemany(statements[name], rows)
            counts[name] += len(rows)
    for connection in (rows_file, cases_file):
        connection.execute("COMMIT")
        connection.close()
    return counts, generator.first_contract_use()


def _scratch(path: str) -> sqlite3.Connection:
    """A scratch file: no journal, no sync, foreign keys off (they are the default; said here
    because the transfer optimization needs them off)."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=OFF")
    connection.execute("PRAGMA synchronous=OFF")
    connection.execute("PRAGMA foreign_keys=OFF")
    return connection


def _load_in_parallel(
    db: Database, seed: int, moment: datetime, people: dict[str, Any], files: list[Any], cases: int,
    on_cases: Callable[[int], None] | None,
) -> tuple[dict[str, int], Decimal]:  # fmt: skip
    """Two processes each generate half the cases into scratch files; one transaction merges them.

    Generating and storing rows is CPU work held by Python's GIL, so a thread
    does not help; two processes use both cores. The merge is SQLite copying
    rows in C (INSERT … SELECT), a few seconds for millions of rows. Contracts
    are charged only in the first half, so their quotas stay exact.
    """
    with db.read_engine.connect() as connection:
        case_sql = connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (CASE_TABLE,)
        ).scalar_one()
    with _interrupted_by_sigterm(), _scratch_folder() as folder:
        parts = [
            (str(folder / f"{name}.db"), str(folder / f"{name}-cases.db"), case_sql, half.seed,
             moment, people, files, half.first, half.last, half.contracts, half.day_starts_at)
            for name, half in zip("ab", _halves(seed, cases), strict=True)
        ]  # fmt: skip
        with (
            ProcessPoolExecutor(
                max_workers=2,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_die_with_parent,
                initargs=(os.getpid(),),
            ) as pool,
            _workers_ended_on_failure(),
        ):
            futures = [pool.submit(_generate_into_file, *part) for part in parts]
            results = [f.result() for f in futures]
            if on_cases is not None:
                on_cases(cases)
            counts = {name: sum(r[0][name] for r in results) for name in TABLES}
            _merge(
                db, pool, case_sql, [part[0] for part in parts], [part[1] for part in parts],
                str(folder / "cases.db"),
            )  # fmt: skip
    return counts, results[0][1]


CASE_TABLE: str = _table(CaseRow).name

SCRATCH_PREFIX = "desktui-demo-"
"""The scratch folders' names in the temporary directory: then the pid of the demo that made
the folder, so a later demo knows whether it is still in use."""
PR_SET_PDEATHSIG = 1
"""Linux's prctl option: the signal a process gets when its parent dies."""


@contextmanager
def _scratch_folder() -> Iterator[Path]:
    """A scratch folder named with this process's id, removed at the end (SIGTERM and Ctrl-C
    included, see ``_interrupted_by_sigterm``); one a SIGKILL left is removed by the next
    demo (``_remove_stale_scratch``)."""
    with tempfile.TemporaryDirectory(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-") as scratch:
        yield Path(scratch)


def _remove_stale_scratch() -> None:
    """Remove this user's scratch folders whose demo is gone (killed outright, no code of
    its ran): 37-145 MB each at 100,000 cases."""
    for folder in Path(tempfile.gettempdir()).glob(f"{SCRATCH_PREFIX}*-*"):
        pid = folder.name.removeprefix(SCRATCH_PREFIX).split("-", 1)[0]
        try:
            mine = not folder.is_symlink() and folder.stat().st_uid == os.geteuid()
        except OSError:
            continue
        if mine and folder.is_dir() and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # another user's process (or no pid at all): leave its folder alone
    return True


@contextmanager
def _interrupted_by_sigterm() -> Iterator[None]:
    """SIGTERM (``kill``, a shutdown) unwinds the demo like Ctrl-C does, so its workers are
    ended and its scratch folder removed; by default Python dies at once and leaves both.
    Only where SIGTERM still has its default action (an application's own handler stays)
    and in the main thread (the only one that may set a handler)."""
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
    ):
        yield
        return

    def stop(signum: int, _frame: Any) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


@contextmanager
def _workers_ended_on_failure() -> Iterator[None]:
    """On any failure or interruption, kill the workers started inside the block: the
    pool's own shutdown would wait for them to finish generating cases nobody will store."""
    before = set(multiprocessing.active_children())
    try:
        yield
    except BaseException:
        for worker in set(multiprocessing.active_children()) - before:
            worker.kill()
        raise


def _die_with_parent(parent: int) -> None:
    """A worker's initializer: it ends when the demo's process ends, however that ends (a
    SIGKILL runs no code in the parent, and the workers went on generating for nobody).

    On Linux the kernel sends it SIGKILL then (``prctl(PR_SET_PDEATHSIG)``); elsewhere a
    thread watches the parent's pid.
    """
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    else:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        threading.Event().wait(0.5)
    os._exit(1)


def _merge(
    db: Database, pool: ProcessPoolExecutor, case_sql: str, parts: list[str], case_parts: list[str],
    cases_path: str,
) -> None:  # fmt: skip
    """The scratch files into the desk, in one transaction, on both cores.

    After the generation, building the case table's indexes (a dozen sorts of
    a million rows) and the full-text index are the long steps, and SQLite
    writes a database from one connection only. So a helper process (one of
    the pool's, idle by now) gathers the cases in a scratch file of their own
    and builds the desk's case indexes there, while this process merges the
    other tables, builds their indexes and the full-text index (from the cases
    copied here too, when there is one). Then the cases here are swapped for
    the helper's.

    The cases move with ``INSERT … SELECT *`` between tables of the same
    definition: SQLite's transfer optimization, which copies records (and the
    index entries, already in order) instead of decoding, checking and sorting
    them again. It needs foreign keys off, as ``_loading`` leaves them; when
    they are on (the desk was open elsewhere), there is no helper and
    everything is built here, one step after the other. Measured at 1,000,000
    cases on two cores, from the end of the generation: with the search index
    and the list's indexes of migration 0004, 57 s one step after the other,
    29-31 s this way; on the 0003 schema, 20 s and 16-17 s.
    """
    tables = [t for t, _ in TABLES.values()]
    aliases = [f"part_{n}" for n in range(len(parts))]
    case_aliases = [f"cases_{n}" for n in range(len(case_parts))]
    with _loading(db) as connection:
        raw = connection.connection.driver_connection
        assert raw is not None
        for alias, path in zip([*aliases, *case_aliases], [*parts, *case_parts], strict=True):
            raw.execute(f"ATTACH DATABASE ? AS {alias}", (path,))
        transfer = raw.execute("PRAGMA foreign_keys").fetchone()[0] == 0
        with connection.begin(), bulk_load(connection, tables) as load:
            helper = None
            if transfer:
                index_sql = load.index_sql(CASE_TABLE)
                helper = pool.submit(_build_case_table, cases_path, case_sql, case_parts, index_sql)
            if helper is None or load.rebuilds:  # the search rebuild reads them here
                for alias in case_aliases:  # first: with foreign keys on, the rows below need them
                    _copy_cases(connection, alias)
            for alias in aliases:
                for name, (table, columns) in TABLES.items():
                    if name != "cases":
                        fixed = FIXED.get(name, {})
                        into = ", ".join([*columns, *fixed])
                        values = ", ".join([*columns, *map(sql_literal, fixed.values())])
                        connection.exec_driver_sql(
                            f"INSERT INTO {table.name} ({into}) SELECT {values} FROM {alias}.{table.name}"
                        )
            if helper is not None:
                load.build_indexes([t.name for t in tables if t.name != CASE_TABLE])
                load.rebuild()
                helper.result()
                connection.exec_driver_sql(f"DELETE FROM {CASE_TABLE}")
                load.build_indexes([CASE_TABLE])  # on no rows: at once; the copy fills them
                raw.execute("ATTACH DATABASE ? AS cases", (cases_path,))
                aliases.append("cases")
                _copy_cases(connection, "cases")
        for alias in [*aliases, *case_aliases]:
            raw.execute(f"DETACH DATABASE {alias}")


def _copy_cases(connection: Connection, source: str) -> None:
    """The cases of the attached scratch file ``source``, by the transfer optimization.

    Should SQLite not take it (foreign keys on, a trigger left on the case
    table), ``SELECT *`` fails on the generated columns instead of running
    slowly: the named columns are copied then, row by row.
    """
    try:
        connection.exec_driver_sql(
            f"INSERT INTO main.{CASE_TABLE} SELECT * FROM {source}.{CASE_TABLE}"
        )
    except OperationalError:
        names = ", ".join([*CASE_COLUMNS, *FIXED["cases"]])
        connection.exec_driver_sql(
            f"INSERT INTO main.{CASE_TABLE} ({names}) SELECT {names} FROM {source}.{CASE_TABLE}"
        )


def _build_case_table(
    path: str, case_sql: str, case_parts: list[str], index_sql: list[str]
) -> None:
    """Every part's cases in one scratch file, with the desk's case table and indexes.

    Run by a helper process (see ``_merge``). The parts' tables have the same
    definition, so gathering them is a transfer, not a row-by-row insert.
    """
    connection = _scratch(path)
    connection.execute("PRAGMA cache_size=-262144")  # the index sorts happen in it
    connection.execute(case_sql)
    for number, part in enumerate(case_parts):
        connection.execute(f"ATTACH DATABASE ? AS part_{number}", (part,))
    connection.execute("BEGIN")
    for number in range(len(case_parts)):
        connection.execute(
            f"INSERT INTO main.{CASE_TABLE} SELECT * FROM part_{number}.{CASE_TABLE}"
        )
    for sql in index_sql:
        connection.execute(sql)
    connection.execute("COMMIT")
    connection.close()


@contextmanager
def _loading(db: Database) -> Iterator[Connection]:
    """The connection a demo is loaded through: on a SQLite file, out of WAL mode while it lasts.

    Through the WAL with synchronous=FULL, the ~1 GB a million cases take is
    written twice (to the WAL, then by the checkpoint at the commit) and
    synced, and foreign keys are checked row by row. For the load only, the
    desk is switched to a rollback journal with synchronous=OFF and foreign
    keys off: measured side by side at 1,000,000 cases on two cores, the merge
    went from 12-19 s to 7-9 s and the commit and close from 4-7 s to about
    1 s. What a crash leaves:

    * the process dies halfway: a hot journal lies beside the desk, and the
      next connection to open it rolls the load back before anything else
      (tests/services/test_demo.py kills a load to check): the desk is as it
      was before the load, its people made and no cases. The journal holds only
      the pages the desk had before the load (pages past the old end of the
      file are never journaled), which is why it costs nothing here.
    * the machine loses power before the end: nothing of the load was synced,
      so the file may be damaged: it is a demo desk, to delete and build again.
    * at the end synchronous=FULL and WAL come back; that switch is a synced
      transaction (fdatasync of the whole file), so from then on the demo is
      as durable as any desk.

    Foreign keys stay unchecked meanwhile: every row refers to people read from
    this desk or to a case made in the same load (a test runs foreign_key_check
    on a parallel build). Leaving WAL needs the only connection to the file, so
    the pools are disposed first; if another process has the desk open the
    switch fails at once and the load goes through the WAL, as before.
    """
    database = db.engine.url.database
    if db.dialect != "sqlite" or not database or database == ":memory:":
        with db.engine.connect() as connection:
            yield connection
        return
    db.dispose()
    with db.engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw is not None
        before = {
            pragma: raw.execute(f"PRAGMA {pragma}").fetchone()[0]
            for pragma in ("busy_timeout", "synchronous", "foreign_keys")
        }
        raw.execute("PRAGMA busy_timeout = 0")  # another connection: give up now, not in 5 s
        try:
            unjournaled = raw.execute("PRAGMA journal_mode = DELETE").fetchone()[0] == "delete"
        except sqlite3.OperationalError:  # "database is locked": someone else has it open
            unjournaled = False
        raw.execute(f"PRAGMA busy_timeout = {int(before['busy_timeout'])}")
        if unjournaled:
            raw.execute("PRAGMA synchronous = OFF")
            raw.execute("PRAGMA foreign_keys = OFF")
        try:
            yield connection
        finally:
            if unjournaled:
                raw.execute(f"PRAGMA foreign_keys = {int(before['foreign_keys'])}")
                raw.execute(f"PRAGMA synchronous = {int(before['synchronous'])}")
                raw.execute("PRAGMA journal_mode = WAL")


def _settle_near_exhaustion(connection: Any, people: dict[str, Any], used: Decimal) -> None:
    """Size the first client's contract so its ledger fills it to about 92 %."""
    first_client = people["clients"][0].id
    contract = next((c for c, _quota in people["contracts"] if c.client_id == first_client), None)
    if contract is None:
        return
    total = max(Decimal(10), (used / NEAR_EXHAUSTION).to_integral_value(rounding="ROUND_CEILING"))
    table = _table(ContractRow)
    connection.execute(table.update().where(table.c.id == contract.id).values(total_units=total))


def _store_attachments(db: Database) -> list[tuple[str, str, int, str]]:
    """The demo's few attachment contents, really stored (deduplicated by digest)."""
    out = []
    root = db.files_dir
    for name, media, content in ATTACHMENTS:
        digest = hashlib.sha256(content).hexdigest()
        if root is not None:
            digest, _ = BlobStore(root).put(io.BytesIO(content))
        out.append((name, media, len(content), digest))
    return out


def _in_background(generators: list[tuple[_Generator, _Part]]) -> Iterator[Plan]:
    """Plans made by a second thread while this one writes the previous batch.

    SQLite releases the GIL while it stores rows, so generating the next
    batch overlaps with writing this one: on two cores the load takes about
    as long as the slower of the two instead of their sum. (On PostgreSQL the
    server's process stores them, on the other core.)
    """
    batches: queue.Queue[Plan | BaseException | None] = queue.Queue(maxsize=2)

    def produce() -> None:
        try:
            for generator, part in generators:
                for first in range(part.first, part.last + 1, BATCH):
                    batches.put(generator.plan(first, min(part.last, first + BATCH - 1)))
        except BaseException as error:  # handed to the writer, which raises it
            batches.put(error)
        else:
            batches.put(None)

    worker = threading.Thread(target=produce, name="demo-generator", daemon=True)
    worker.start()
    while (item := batches.get()) is not None:
        if isinstance(item, BaseException):
            raise item
        yield item
    worker.join()


def _people(db: Database, login: str) -> tuple[User, dict[str, Any]]:
    """The catalogue and the people, through the ordinary services."""

    def uow() -> UnitOfWork:
        return UnitOfWork(db)

    root, _ = admin.init_desk(uow(), login)
    if root is None or root.role is not Role.ADMIN:
        raise ValidationError(
            "demo.not_admin",
            "Only an admin may build the demo, and {login} is not one here",
            login=login,
        )
    with uow() as u:
        known_areas = {a.name for a in u.areas.list()}
    for area, categories in AREAS.items():
        if area not in known_areas:
            admin.add_area(uow(), root, area, categories)
    for client, contacts in CLIENTS.items():
        with uow() as u:
            exists = u.clients.find(client) is not None
        if not exists:
            admin.add_client(uow(), root, client, contacts)
    for user_login, name, role, areas in STAFF:
        with uow() as u:
            exists = u.users.find(user_login) is not None
        if not exists:
            admin.add_user(uow(), root, user_login, role=role, name=name, areas=areas)
    for user_login, name, client in CLIENT_USERS:
        with uow() as u:
            exists = u.users.find(user_login) is not None
        if not exists:
            admin.add_user(uow(), root, user_login, role=Role.CLIENT, name=name, client=client)
    year = datetime.now(UTC).year
    contracts = []
    for client, unit, total, name, quota in CONTRACTS:
        made = admin.add_contract(
            uow(), root, client=client, unit=unit, total=total,
            start=date(year - 1, 1, 1), end=date(year + 1, 12, 31), name=name,
        )  # fmt: skip
        contracts.append((made, quota))
    with uow() as u:
        users = u.users.list()
        area_names = {stored_id(a): a.name for a in u.areas.list()}
        all_categories = u.areas.categories()
        clients = u.clients.list()
        contacts_of = {stored_id(c): u.clients.contacts(stored_id(c)) for c in clients}
    return root, {
        "all": users,
        "areas": area_names,
        "categories": all_categories,
        "clients": clients,
        "contacts": contacts_of,
        "contracts": contracts,
        "root": root,
    }


BATCH = 20_000
"""Cases generated and written per round: memory stays flat whatever ``--cases`` says."""

TABLES: dict[str, tuple[Any, tuple[str, ...]]] = {
    "cases": (_table(CaseRow), CASE_COLUMNS),
    "log": (_table(LogRow), LOG_COLUMNS),
    "time": (_table(TimeEntryRow), TIME_COLUMNS),
    "comments": (
        _table(CommentRow),
        ("case_id", "author_id", "body", "visibility", "created_at"),
    ),
    "events": (
        _table(EventRow),
        ("case_id", "title", "kind", "start_at", "end_at", "owner_id", "status"),
    ),
    "tasks": (_table(TaskRow), ("case_id", "title", "due", "owner_id", "status")),
    "files": (
        _table(AttachmentRow),
        ("case_id", "name", "size", "media_type", "sha256", "uploader_id", "uploaded_at", "review"),
    ),
    "surveys": (
        _table(SurveyRow),
        ("case_id", "respondent_id", "score", "comment", "answered_at"),
    ),
    "ledger": (
        _table(LedgerRow),
        ("contract_id", "case_id", "units_e4", "minutes", "kind", "at", "actor_id"),
    ),
}
EPOCH = datetime(1970, 1, 1)
CLOCK = tuple(f" {m // 60:02d}:{m % 60:02d}:00.000000" for m in range(1440))
"""Each minute of a day as stored: a timestamp is its day's text and one of these."""

# The generator's menus as tuples it indexes itself: ``menu[int(r() * len(menu))]`` is what
# ``pick`` did, so the random draws (and the seeded desk) are the same, minus a call per draw.
LEVELS = ("low", "medium", "high")
COSTS = ("25", "30", "35", "40", "45")
QUOTE_HOURS = (1, 2, 3, 5, 8)
PROGRESS = (10, 30, 50, 70)
ORIGINS = ("email", "call", "web", "chat", "phone", "")
ESTIMATES = (None, 60, 120, 180, 240, 480)
ENTRIES_PER_CASE = (1, 1, 2, 3)
ENTRY_MINUTES = (15, 30, 45, 60, 90, 120, 180)
GAPS = (0, 5, 15)
HELD = ("held", "held", "not_held")
REVIEWS = ("pending", "valid", "rejected")
SCORES = (1, 2, 3, 4, 4, 4, 5, 5, 5, 5)
SURVEY_COMMENTS = ("", "Muy buena atención", "Fast and helpful")
_ASSIGN, _STEP, _FINISH = 0, 1, 2


def _cumulative(weights: dict[Any, int]) -> tuple[list[Any], list[int]]:
    keys = list(weights)
    running, total = [], 0
    for key in keys:
        total += weights[key]
        running.append(total)
    return keys, running


def _status_facts(status: Status) -> tuple[Any, ...]:
    """What a status decides about a case, worked out once instead of once per case.

    (stored value, new, open, worked, finished, cancelled, stage, lifecycle steps); each
    step is (kind, from, to, note) for one pair of ``PATHS``.
    """
    finished = status is Status.FINISHED
    worked = status in (Status.IN_PROGRESS, Status.ON_HOLD, Status.FINISHED)
    steps = tuple(
        (
            _ASSIGN if to is Status.ASSIGNED else _FINISH if to is Status.FINISHED else _STEP,
            frm.value,
            to.value,
            "Esperando respuesta del cliente" if to is Status.ON_HOLD else "",
        )
        for frm, to in itertools.pairwise(PATHS.get(status, ()))
    )
    stage = "completed" if finished else ("in_progress" if worked else "")
    return (status.value, status is Status.NEW, status.is_open, worked, finished,
            status is Status.CANCELLED, stage, steps)  # fmt: skip


class _Generator:
    """Rows of the desk in SQLite's stored forms, made quickly (a million cases is the goal).

    Times are whole minutes counted back from "now" and formatted once each;
    random picks index tuples directly; enums are their codes. People are
    ``(id, is_staff)`` pairs and categories, clients and statuses are tuples of
    what a case needs from them, unpacked once per case: attribute and
    property lookups were a good part of the cost per case. The random draws
    are exactly those of the first, plainer version, so a seed's desk has not
    changed (tests/services/test_demo.py keeps a digest of one).
    """

    def __init__(
        self,
        rng: random.Random,
        now: datetime,
        people: dict[str, Any],
        files: list[tuple[str, str, int, str]],
        *,
        contracts: bool = True,
        day_starts_at: int = 12 * 60,
    ) -> None:
        self.rng = rng
        self.random = rng.random
        self.now_minute = int((now - EPOCH).total_seconds() // 60)
        self.people = people
        users: list[User] = people["all"]

        def person(user: User) -> tuple[int, bool]:
            return (stored_id(user), user.is_staff)

        staff_of = {
            a: [
                person(u)
                for u in users
                if u.role in (Role.AGENT, Role.SUPERVISOR) and a in u.area_ids
            ]
            for a in people["areas"]
        }
        supervisor_of = {
            a: person(
                next(
                    (u for u in users if u.role is Role.SUPERVISOR and a in u.area_ids),
                    people["root"],
                )
            )
            for a in people["areas"]
        }
        self.categories = [
            (c.id, c.area_id, TITLES[c.name], staff_of[c.area_id], supervisor_of[c.area_id])
            for c in people["categories"]
        ]
        self.client_list = people["clients"]
        self.contract_of = (
            {c.client_id: [c, quota, Decimal(0)] for c, quota in people["contracts"]}
            if contracts
            else {}
        )
        self.clients = [
            (
                c.id,
                [person(u) for u in users if u.client_id == c.id],
                [p.id for p in people["contacts"].get(c.id, [])],
                self.contract_of.get(c.id),
            )
            for c in self.client_list
        ]
        self.files = files
        self.day_starts_at = day_starts_at
        """Minute of the (UTC) day each person's logged work starts at, laid end to end."""
        status_keys, self.status_cum = _cumulative(STATUS_WEIGHTS)
        self.status_facts = [_status_facts(s) for s in status_keys]
        priority_keys, self.priority_cum = _cumulative(PRIORITY_WEIGHTS)
        self.priorities = [
            (p, DEFAULT_TARGETS[p].first_response, DEFAULT_TARGETS[p].resolution)
            for p in priority_keys
        ]
        self.cursor: dict[tuple[int, int], int] = {}
        self._minutes: dict[int, str] = {}
        self._days: dict[int, str] = {}

    # -- stored forms of times ---------------------------------------------------------
    def day_text(self, day: int) -> str:
        """Day ``day`` after 1970-01-01 as stored, formatted once."""
        text = self._days.get(day)
        if text is None:
            text = self._days[day] = (EPOCH + timedelta(days=day)).date().isoformat()
        return text

    def _minute_text(self, minute: int) -> str:
        """Minute ``minute`` after 1970-01-01 00:00 as ``isoformat(" ", "microseconds")``
        writes it, kept: a desk's times fall on at most a year of minutes, many twice."""
        day, rest = divmod(minute, 1440)
        text = self._minutes[minute] = (self._days.get(day) or self.day_text(day)) + CLOCK[rest]
        return text

    def at(self, minute: int) -> str:
        return self._minutes.get(minute) or self._minute_text(minute)

    def ts(self, minutes_ago: int) -> str:
        """The stored form of "now minus so many minutes" (``at`` inlined: it is the hot path)."""
        minute = self.now_minute - minutes_ago
        return self._minutes.get(minute) or self._minute_text(minute)

    def day(self, minutes_ago: int) -> str:
        return self.day_text((self.now_minute - minutes_ago) // 1440)

    def first_contract_use(self) -> Decimal:
        """Units this generator charged to the first client's contract."""
        entry = self.contract_of.get(self.client_list[0].id)
        return entry[2] if entry else Decimal(0)

    def plan(self, first: int, last: int) -> Plan:
        plan = Plan()
        for number in range(first, last + 1):
            self._case(plan, number)
        return plan

    # -- one case ----------------------------------------------------------------------
    def _case(self, plan: Plan, number: int) -> None:
        # Every draw below is in the order (and of the form, float for float) of the
        # first version's; reordering one changes every desk a seed gives.
        r = self.random
        ts = self.ts
        category_id, area_id, titles, staff, supervisor = self.categories[
            int(r() * len(self.categories))
        ]
        client_id, client_users, contacts, contract = self.clients[int(r() * len(self.clients))]
        cumulative = self.status_cum
        status, new, is_open, worked, finished, cancelled, stage, steps = self.status_facts[
            bisect(cumulative, r() * cumulative[-1])
        ]
        cumulative = self.priority_cum
        priority, first_response, resolution = self.priorities[
            bisect(cumulative, r() * cumulative[-1])
        ]
        if new:
            age = int(5 + r() * first_response * 1.3)
        elif is_open:  # mostly inside the resolution target; one in twenty past it
            age = int(10 + r() * resolution * (4 if r() < 0.05 else 0.8))
        else:
            age = int(1440 + r() * 364 * 1440)
        if client_users and r() < 0.6:
            reporter = client_users[int(r() * len(client_users))]
        else:
            reporter = staff[int(r() * len(staff))]
        assignee = None
        if not new and not (cancelled and r() < 0.5):
            assignee = staff[int(r() * len(staff))]
        contact_id = contacts[int(r() * len(contacts))] if contacts and r() < 0.7 else None
        billable = 1 if r() < 0.45 else 0  # an int: a bool costs sqlite3 an adapter look-up
        cost = COSTS[int(r() * 5)] if billable else "0"
        contract_id = None
        if billable and contract is not None and contract[1] > 0 and not cancelled:
            contract_id = contract[0].id
            contract[1] -= 1
        quote, price, currency, quoted_minutes, message = "pending", None, None, None, ""
        payment = "unpaid"
        if billable and contract_id is None and not new:
            hours = QUOTE_HOURS[int(r() * 5)]
            quote = "approved" if worked or r() < 0.5 else "quoted"
            price, currency, quoted_minutes = str(hours * int(cost)), "USD", hours * 60
            message = "Según diagnóstico"
            payment = "paid" if finished and r() < 0.7 else "unpaid"
        responded = None  # minutes ago
        if assignee is not None:
            wait = 2 + r() * first_response * (1.5 if r() < 0.04 else 0.9)
            responded = age - int(min(wait, age * 0.6))
        resolved = None
        if finished:
            resolved = age - int(min(30 + r() * resolution * 1.1, age * 0.9))
        if resolved is not None and responded is not None:
            resolved = min(resolved, max(responded - 20, 0))  # finished after work started
        updated = (
            resolved if resolved is not None else (responded if responded is not None else age)
        )
        title = titles[int(r() * len(titles))]
        created_at = ts(age)
        reporter_id = reporter[0]
        assignee_id = assignee[0] if assignee is not None else None
        plan.cases.append(
            (
                number, title, client_id, contact_id, assignee_id, reporter_id, area_id,
                category_id, priority, LEVELS[int(r() * 3)], status, stage,
                100 if finished else (PROGRESS[int(r() * 4)] if worked else 0),
                1 if r() < 0.1 else 0, ORIGINS[int(r() * 6)], DESCRIPTIONS[(described := int(r() * 4))],
                SOLUTIONS[int(r() * 3)] if finished else "", created_at, ts(updated),
                ESTIMATES[int(r() * 6)], LEVELS[int(r() * 3)], int(r() * 6), billable, cost,
                contract_id, quote, price, currency, quoted_minutes, message, payment, ts(responded) if responded is not None else None,
                ts(resolved) if resolved is not None else None,
            )
        )  # fmt: skip

        # The lifecycle, one log row per step of the status's path (no random draws), each
        # at or after the one before (times are minutes ago: never larger than the last).
        log = plan.log
        log.append((number, created_at, reporter_id, "opened", None, title, None, None, ""))
        at = responded if responded is not None else age
        assigned_at = at if assignee_id is not None else None
        supervisor_id = supervisor[0]
        if cancelled:
            if assignee_id is not None:
                log.append((number, ts(at), supervisor_id, "transition", "assignee_id",
                            str(assignee_id), "new", "assigned", ""))  # fmt: skip
            at = max(at - 60, 0)
            log.append((number, ts(at), supervisor_id, "transition", None, None,
                        "assigned" if assignee_id is not None else "new", "cancelled", "Duplicado"))  # fmt: skip
        else:
            actor = assignee_id if assignee_id is not None else supervisor_id
            for kind, frm, to, note in steps:
                if kind == _ASSIGN:
                    log.append((number, ts(at), supervisor_id, "transition", "assignee_id",
                                None if assignee_id is None else str(assignee_id), "new",
                                "assigned", ""))  # fmt: skip
                    continue
                at = resolved if kind == _FINISH and resolved is not None else max(at - 20, 0)
                log.append((number, ts(at), actor, "transition", None, None, frm, to, note))
        last = at
        """The case's latest moment so far (minutes ago): its updated stamp in the end."""

        billable_minutes = 0
        if worked and assigned_at is not None and assignee_id is not None:
            # Work between the assignment and the finish (or now), never after now.
            billable_minutes, ended = self._time(
                plan, number, assigned_at, resolved if resolved is not None else 0,
                assignee_id, billable,
            )  # fmt: skip
            last = min(last, ended)
        if contract_id is not None and finished and contract is not None and resolved is not None:
            units = units_for(contract[0].unit, billable_minutes, Decimal(8))
            if units > 0:
                contract[2] += units
                plan.ledger.append(
                    (contract[0].id, number, int(units * 10_000), billable_minutes, "post",
                     ts(resolved), assignee_id)
                )  # fmt: skip

        # What else hangs from the case: a comment, a follow-up call, a task, a file, a survey.
        if r() < 0.55:
            body, visibility = COMMENTS[int(r() * len(COMMENTS))]
            author = assignee if assignee is not None else reporter
            if not author[1]:
                visibility = "public"  # clients write in public only
            # The assignee writes once assigned; a cancelled case takes no comment after.
            written = max((assigned_at if assigned_at is not None else age) - 30, 0)
            if cancelled:
                written = max(written, at)
            last = min(last, written)
            plan.comments.append((number, author[0], body, visibility, ts(written)))
        if assignee_id is not None and r() < 0.12:
            # A day after the case opened: a planned call may be ahead, a held one is past.
            start = age - 1440 if is_open else max(age - 1440, 30)
            event_status = "planned" if is_open else HELD[int(r() * 3)]
            plan.events.append(
                (number, "Llamada de seguimiento", "follow_up", ts(start), ts(start - 30),
                 assignee_id, event_status)
            )  # fmt: skip
        if assignee_id is not None and r() < 0.06:
            # Two days after the case opened; a task already completed was due by today.
            due = age - 2880 if is_open else max(age - 2880, 0)
            plan.tasks.append(
                (number, "Confirmar con el cliente", self.day(due), assignee_id,
                 "not_started" if is_open else "completed")
            )  # fmt: skip
        sent = SENT_WITH[described]
        if sent is not None:  # the description says it came with a file: it did
            name, media, size, digest = self.files[sent]
            plan.files.append((number, name, size, media, digest, reporter_id, created_at, "valid"))
        if r() < 0.06:
            name, media, size, digest = self.files[int(r() * len(self.files))]
            review = REVIEWS[int(r() * 3)]
            plan.files.append((number, name, size, media, digest, reporter_id, created_at, review))
        if finished and not reporter[1] and r() < 0.6:
            score = SCORES[int(r() * 10)]
            comment = SURVEY_COMMENTS[int(r() * 3)]
            plan.surveys.append((number, reporter_id, score, comment, ts(max(updated - 120, 0))))
        # The updated stamp is the case's latest moment: no log line, comment or entry after.
        if last != updated:
            row = list(plan.cases[-1])
            row[UPDATED_AT] = ts(last)
            plan.cases[-1] = tuple(row)

    def _time(self, plan: Plan, number: int, assigned: int, done: int, assignee_id: int,
              billable: int) -> tuple[int, int]:  # fmt: skip
        """The assignee's logged work, laid end to end in their day, between the assignment
        and ``done`` (minutes ago: the finish, or now): never before it was theirs, never
        after now. Returns the billable minutes and when the last entry ended (minutes ago)."""
        r = self.random
        cursor = self.cursor
        day_starts_at = self.day_starts_at
        now_minute = self.now_minute
        earliest = now_minute - assigned
        latest = now_minute - done
        billable_minutes = 0
        ended = assigned
        for _ in range(ENTRIES_PER_CASE[int(r() * 4)]):
            minutes = ENTRY_MINUTES[int(r() * 7)]
            when = done + int((assigned - done) * r())
            day_key = (now_minute - when) // 1440
            key = (assignee_id, day_key)
            start = max(cursor.get(key, day_key * 1440 + day_starts_at), earliest)
            end = start + minutes
            if end // 1440 != day_key or not (day_starts_at or end % 1440 <= 12 * 60):
                # Their day is full: nobody logs 60 h in a day, and the queue board's
                # "hours today" of a demo desk must read like a real team's.
                continue
            if end > latest:  # work not done yet (or after the finish) is not logged
                continue
            cursor[key] = end + GAPS[int(r() * 3)]
            begin = self.at(start)
            finish = self.at(end)
            plan.time.append(
                (number, assignee_id, self.day_text(day_key), minutes,
                 ACTIVITIES[int(r() * len(ACTIVITIES))], billable, begin, finish, assignee_id)
            )  # fmt: skip
            ended = min(ended, now_minute - end)
            if billable:
                billable_minutes += minutes
        return billable_minutes, ended
