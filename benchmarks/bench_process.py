"""Fresh processes timed from spawn to their "painted" line (startup), and their RSS then."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

CHILD = Path(__file__).with_name("bench_child.py")


@dataclass(frozen=True)
class Painted:
    ms: float
    """Spawn to the line written right after the first paint."""
    rss_mib: float
    """The child's VmRSS at that moment."""


def spawn_until_painted(args: list[str], timeout: float = 60.0) -> Painted:
    """Run ``bench_child.py ARGS``; the clock stops when its line arrives, not when it exits."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, str(CHILD), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdout is not None and child.stderr is not None
    # readline() has no timeout of its own: a child that never paints is killed instead.
    watchdog = threading.Timer(timeout, child.kill)
    watchdog.start()
    try:
        line = child.stdout.readline()
        ms = (time.perf_counter() - start) * 1000
        _, errors = child.communicate()
    finally:
        watchdog.cancel()
    words = line.split()
    if len(words) != 2 or words[0] != "painted":
        said = line.strip() or f"nothing in {timeout:.0f} s"
        raise RuntimeError(
            f"bench_child.py {' '.join(args)}: {said} (exit {child.returncode})\n{errors[-2000:]}"
        )
    return Painted(ms, int(words[1]) / 1024)


def bare() -> Painted:
    return spawn_until_painted(["bare"])


def desk(db_path: Path | str) -> Painted:
    """``db_path``: a SQLite file, or a server desk's URL."""
    return spawn_until_painted(["desk", str(db_path)])
