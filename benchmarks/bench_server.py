"""Demo desks on a PostgreSQL server, built by the product's own generator and kept there.

``--db postgresql+psycopg://user@host:port/NAME`` names the server; its desks are
databases of their own on it, made with ``CREATE DATABASE`` (the user needs the
CREATEDB privilege) and named like the SQLite cache's folders:
``desktui_bench_<cases>_s<seed>_<login>_<hash>``, where ``<login>`` is a short
digest of the OS login (the demo makes it the admin, and the list opens as that
user) and ``<hash>`` the migrations' and the demo generator's (bench_dbs.schema_hash).
NAME, the URL's own database, is only where those statements are sent from.

A desk is built under a scratch name and renamed when its demo is complete, so a
database of a desk's name always holds the whole demo: a later run reuses it. A
scratch database left by an interrupted run, and the desks of another schema,
are dropped at the start of a run (bench_dbs.drop_stale does the same to the
SQLite cache). Nothing else on the server is touched.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from bench_common import note
from bench_dbs import _login, schema_hash

PREFIX = "desktui_bench_"
SCRATCH = "desktui_benchbuild_"
NAME = re.compile(r"desktui_bench_\d+_s\d+_[0-9a-f]{6}_(?P<hash>[0-9a-f]{12})")


def is_server_url(value: str) -> bool:
    return value.startswith(("postgresql:", "postgresql+", "postgres:"))


def _url(value: str) -> Any:
    from sqlalchemy.engine import make_url

    return make_url(value)


@functools.cache
def _login_key() -> str:
    return hashlib.sha256(_login().encode()).hexdigest()[:6]


class ServerDesks:
    """The demo desks of one PostgreSQL server (see the module's docstring)."""

    def __init__(self, url: str) -> None:
        self.url = _url(url)
        self._serial = itertools.count()

    # -- names and URLs ----------------------------------------------------------------
    def name(self, cases: int, seed: int) -> str:
        return f"{PREFIX}{cases}_s{seed}_{_login_key()}_{schema_hash()}"

    def desk_url(self, database: str) -> str:
        """The URL the product is given for ``database`` (password included: it is run)."""
        return self.url.set(database=database).render_as_string(hide_password=False)

    def shown(self, database: str) -> str:
        return self.url.set(database=database).render_as_string(hide_password=True)

    # -- the server ----------------------------------------------------------------------
    @contextmanager
    def _admin(self) -> Iterator[Any]:
        import psycopg

        url = self.url
        try:
            connection = psycopg.connect(
                host=url.host, port=url.port, user=url.username, password=url.password,
                dbname=url.database or "postgres", autocommit=True,
            )  # fmt: skip
        except psycopg.Error as error:
            shown = self.shown(url.database or "postgres")
            raise RuntimeError(f"cannot reach {shown}: {error}") from None
        try:
            yield connection
        finally:
            connection.close()

    def _databases(self) -> list[str]:
        with self._admin() as admin:
            rows = admin.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE 'desktui\\_bench%'"
            ).fetchall()
        return [row[0] for row in rows]

    def _create(self, database: str) -> None:
        import psycopg

        with self._admin() as admin:
            try:
                admin.execute(f'CREATE DATABASE "{database}"')
            except psycopg.Error as error:
                raise RuntimeError(
                    f"cannot create the database {database} on the server (the --db user "
                    f"needs CREATEDB): {error}"
                ) from None

    def _drop(self, database: str) -> None:
        with self._admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')

    def _rename(self, old: str, new: str) -> None:
        with self._admin() as admin:
            # Renaming waits for the autovacuum workers a fresh load sets off to leave it.
            admin.execute(f'ALTER DATABASE "{old}" RENAME TO "{new}"')

    # -- the desks -----------------------------------------------------------------------
    def cached(self, cases: int, seed: int) -> str | None:
        name = self.name(cases, seed)
        return self.desk_url(name) if name in self._databases() else None

    def build_timed(self, cases: int, seed: int) -> tuple[float, str]:
        """Wall time of ``desktui --db URL demo --cases N`` in a fresh process, on a new
        (empty) database made just before and not timed; and that database's name."""
        scratch = f"{SCRATCH}{os.getpid()}_{next(self._serial)}"
        self._drop(scratch)
        self._create(scratch)
        command = [sys.executable, "-m", "deskTUI", "--db", self.desk_url(scratch), "demo"]
        command += ["--cases", str(cases), "--seed", str(seed)]
        start = time.perf_counter()
        # The Spanish demo, as the desks measured before issue 20 were: bench_keys types
        # its words ("impresora", "correo", "factura").
        env = {**os.environ, "DESKTUI_LANG": "es"}
        done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            self._drop(scratch)
            raise RuntimeError(
                f"building the {cases:,}-case demo on {self.shown(scratch)} failed:\n"
                f"{done.stderr[-2000:]}"
            )
        return seconds, scratch

    def keep_or_drop(self, cases: int, seed: int, scratch: str) -> str:
        """Make ``scratch`` the desk of its size unless there is one already; its URL."""
        name = self.name(cases, seed)
        if name in self._databases():
            self._drop(scratch)
        else:
            self._rename(scratch, name)
        return self.desk_url(name)

    def ensure(self, cases: int, seed: int) -> str:
        found = self.cached(cases, seed)
        if found is not None:
            return found
        note(f"building the {cases:,}-case demo desk on the server (kept for later runs)")
        seconds, scratch = self.build_timed(cases, seed)
        note(f"built in {seconds:.1f} s")
        return self.keep_or_drop(cases, seed, scratch)

    def time_demo(self, cases: int, seed: int, runs: int) -> list[float]:
        times = []
        for run in range(1, runs + 1):
            note(f"PostgreSQL demo build {run}/{runs} of {cases:,} cases")
            seconds, scratch = self.build_timed(cases, seed)
            times.append(seconds)
            note(f"  {seconds:.1f} s")
            self.keep_or_drop(cases, seed, scratch)
        return times

    def drop_stale(self) -> None:
        current = schema_hash()
        for database in self._databases():
            ours = NAME.fullmatch(database)
            if database.startswith(SCRATCH) or (ours and ours["hash"] != current):
                note(f"dropping the database {database} (interrupted build or an older schema)")
                self._drop(database)

    def server_version(self) -> str:
        with self._admin() as admin:
            row = admin.execute("SHOW server_version").fetchone()
            settings = dict(
                admin.execute(
                    "SELECT name, setting FROM pg_settings WHERE name IN "
                    "('fsync', 'synchronous_commit', 'shared_buffers', 'full_page_writes')"
                ).fetchall()
            )
        version = row[0].split()[0] if row else "?"
        shared = int(settings.get("shared_buffers", 0)) * 8 // 1024
        return (
            f"PostgreSQL {version} (fsync={settings.get('fsync')}, "
            f"full_page_writes={settings.get('full_page_writes')}, "
            f"shared_buffers={shared} MiB)"
        )
