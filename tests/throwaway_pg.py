"""A PostgreSQL server for the test run, so the README's one test command runs every
store, service and CLI test on both engines wherever PostgreSQL is installed.

The run's first process (pytest itself, or xdist's controller) starts a
throwaway cluster with ``.ci/pg`` on a free loopback port before anything is
collected, puts its URL in ``DESKTUI_TEST_PG`` (the workers it spawns inherit
it) and stops it at exit. ``DESKTUI_TEST_PG`` already set: that server is
used. ``DESKTUI_TEST_PG=off``: SQLite only. ``DESKTUI_REQUIRE_PG=1`` (CI): a
server that cannot be started fails the run instead of leaving PostgreSQL
untested.
"""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

PG_SCRIPT = Path(__file__).resolve().parent.parent / ".ci" / "pg"


def _installed() -> bool:
    return shutil.which("initdb") is not None or bool(glob.glob("/usr/lib/postgresql/*/bin/initdb"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_url() -> tuple[str | None, str]:
    """The server's URL (None: SQLite only) and a line saying where it came from."""
    given = os.environ.get("DESKTUI_TEST_PG", "")
    if given == "off":
        return None, "PostgreSQL: off (DESKTUI_TEST_PG=off)"
    if given:
        return given, "PostgreSQL: the server DESKTUI_TEST_PG names"
    required = os.environ.get("DESKTUI_REQUIRE_PG") == "1"
    if os.environ.get("PYTEST_XDIST_WORKER") or not _installed() or not PG_SCRIPT.exists():
        if required:
            raise SystemExit("DESKTUI_REQUIRE_PG=1 but PostgreSQL's initdb is not installed")
        return None, "PostgreSQL: not installed, SQLite only"
    folder = tempfile.mkdtemp(prefix="desktui-pg-")
    environment = {**os.environ, "DESKTUI_PG_PORT": str(_free_port())}
    started = subprocess.run(
        [str(PG_SCRIPT), "start", folder], env=environment, capture_output=True, text=True
    )
    if started.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        if required:
            raise SystemExit(f"DESKTUI_REQUIRE_PG=1 but the server did not start: {started.stderr}")
        return None, "PostgreSQL: the throwaway server did not start, SQLite only"

    def stop() -> None:
        subprocess.run([str(PG_SCRIPT), "stop", folder], env=environment, capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)

    atexit.register(stop)
    url = started.stdout.strip()
    os.environ["DESKTUI_TEST_PG"] = url  # for the workers xdist starts after this
    return url, f"PostgreSQL: a throwaway server at {url} ({folder})"
