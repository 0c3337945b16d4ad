"""A large demo on SQLite, on two cores: two processes generate half the cases each into
scratch files, and one transaction merges them into the desk."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import random
import shutil
import signal
import sqlite3
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError

from ...store.database import Database
from ..bulk_load import bulk_load, insert_sql, sql_literal
from .generator import Generator
from .rows import BATCH, CASE_COLUMNS, CASE_TABLE, FIXED, TABLES, halves, loading


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
    generator = Generator(
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


def load_in_parallel(
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
            for name, half in zip("ab", halves(seed, cases), strict=True)
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


SCRATCH_PREFIX = "desktui-demo-"
"""The scratch folders' names in the temporary directory: then the pid of the demo that made
the folder, so a later demo knows whether it is still in use."""


PR_SET_PDEATHSIG = 1
"""Linux's prctl option: the signal a process gets when its parent dies."""


@contextmanager
def _scratch_folder() -> Iterator[Path]:
    """A scratch folder named with this process's id, removed at the end (SIGTERM and Ctrl-C
    included, see ``_interrupted_by_sigterm``); one a SIGKILL left is removed by the next
    demo (``remove_stale_scratch``)."""
    with tempfile.TemporaryDirectory(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-") as scratch:
        yield Path(scratch)


def remove_stale_scratch() -> None:
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
    them again. It needs foreign keys off, as ``loading`` leaves them; when
    they are on (the desk was open elsewhere), there is no helper and
    everything is built here, one step after the other. Measured at 1,000,000
    cases on two cores, from the end of the generation: with the search index
    and the list's indexes of migration 0004, 57 s one step after the other,
    29-31 s this way; on the 0003 schema, 20 s and 16-17 s.
    """
    tables = [t for t, _ in TABLES.values()]
    aliases = [f"part_{n}" for n in range(len(parts))]
    case_aliases = [f"cases_{n}" for n in range(len(case_parts))]
    with loading(db) as connection:
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
