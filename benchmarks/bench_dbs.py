"""Demo databases built by the product's own generator, kept between runs.

A cached desk lives in ``<cache>/<cases>-seed<seed>-<login>-<hash>/desk.db``
(with its ``desk.files`` attachments beside it). The hash covers the
migrations, the demo generator and its loader, so a schema or generator change
builds new desks instead of measuring stale ones. The login is in the key because
the demo makes the OS login its admin, and the list opens as that user.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from importlib.util import find_spec
from pathlib import Path

from bench_common import note

DB_NAME = "desk.db"
ENTRY = re.compile(r"\d+-seed-?\d+-.+-(?P<hash>[0-9a-f]{12})")


def source_root() -> Path:
    """The deskTUI package directory, found without importing it (no Textual, no SQLAlchemy)."""
    spec = find_spec("deskTUI")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("deskTUI is not importable: install it (pip install -e .) first")
    return Path(next(iter(spec.submodule_search_locations)))


@functools.cache  # once per run: others may edit a migration while a long run is under way
def schema_hash() -> str:
    root = source_root()
    files = sorted((root / "store" / "migrations").rglob("*.py"))
    files += [*sorted((root / "tools" / "demo").glob("*.py")), root / "tools" / "bulk_load.py"]
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def default_cache() -> Path:
    import platformdirs  # a product dependency; imported here so --help stays instant

    return platformdirs.user_cache_path("desktui") / "bench"


@functools.cache
def _login() -> str:
    # The product's own rule (getpass, then $USER), so the key names the admin the demo makes.
    from deskTUI.services.identity import os_login

    return os_login()


def entry_dir(cache: Path, cases: int, seed: int) -> Path:
    return cache / f"{cases}-seed{seed}-{_login()}-{schema_hash()}"


def cached(cache: Path, cases: int, seed: int) -> Path | None:
    path = entry_dir(cache, cases, seed) / DB_NAME
    return path if path.exists() else None


def build_timed(cache: Path, cases: int, seed: int) -> tuple[float, Path]:
    """Wall time of ``desktui --db NEW demo --cases N`` in a fresh process, and the desk's folder.

    The folder is a new temporary one in the cache (same file system, so it
    can become the cached desk with a rename).
    """
    cache.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="building-", dir=cache))
    command = [sys.executable, "-m", "deskTUI", "--db", str(folder / DB_NAME), "demo"]
    command += ["--cases", str(cases), "--seed", str(seed)]
    start = time.perf_counter()
    # The Spanish demo, as the desks measured before issue 20 were: bench_keys types
    # its words ("impresora", "correo", "factura").
    env = {**os.environ, "DESKTUI_LANG": "es"}
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"building the {cases:,}-case demo failed:\n{done.stderr[-2000:]}")
    return seconds, folder


def keep_or_drop(cache: Path, cases: int, seed: int, folder: Path) -> Path:
    """Make ``folder`` the cached desk unless there is one already; returns the cached db."""
    target = entry_dir(cache, cases, seed)
    if target.exists():
        shutil.rmtree(folder, ignore_errors=True)
    else:
        folder.rename(target)
    return target / DB_NAME


def ensure(cache: Path, cases: int, seed: int) -> Path:
    """The cached desk of ``cases`` cases, built first if missing."""
    found = cached(cache, cases, seed)
    if found is not None:
        return found
    note(f"building the {cases:,}-case demo desk (cached for later runs)")
    seconds, folder = build_timed(cache, cases, seed)
    note(f"built in {seconds:.1f} s")
    return keep_or_drop(cache, cases, seed, folder)


def time_demo(cache: Path, cases: int, seed: int, runs: int) -> list[float]:
    """``runs`` fresh builds; the first one becomes the cached desk if there is none yet."""
    times = []
    for run in range(1, runs + 1):
        note(f"demo build {run}/{runs} of {cases:,} cases")
        seconds, folder = build_timed(cache, cases, seed)
        times.append(seconds)
        note(f"  {seconds:.1f} s")
        keep_or_drop(cache, cases, seed, folder)
    return times


def drop_stale(cache: Path) -> None:
    """Half-built desks of an interrupted run, and desks of another schema (a 1M desk is >1 GB)."""
    current = schema_hash()
    for folder in cache.glob("*"):
        ours = ENTRY.fullmatch(folder.name)  # never anything else a --cache folder may hold
        if folder.name.startswith("building-") or (ours and ours["hash"] != current):
            note(f"dropping {folder.name} (interrupted build or an older schema)")
            shutil.rmtree(folder, ignore_errors=True)
