"""A demo killed half-way leaves no worker process running and no scratch folder behind.

The demo generates large desks in two worker processes writing scratch files in the
temporary directory. Killed with SIGKILL its workers went on for nobody, and with SIGTERM
or SIGKILL its scratch folder (37-145 MB at 100,000 cases) stayed. Here a real ``desktui
demo`` runs in a subprocess, with the two-process path taken from 2,000 cases so the test
stays short, and is killed while its workers generate.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")

DEMO = """
import sys
from deskTUI.tools.demo import build as demo
demo.PARALLEL_FROM = 2_000
from deskTUI.cli import main
raise SystemExit(main(["--db", sys.argv[1], "demo", "--cases", sys.argv[2]]))
"""


def children_of(pid: int) -> set[int]:
    """The live (not zombie) processes whose parent is ``pid``."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            state, parent = stat.rsplit(")", 1)[1].split()[:2]
            if int(parent) == pid and state != "Z":
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def scratch_folders(tmp: Path) -> list[Path]:
    return sorted(tmp.glob("desktui-demo-*"))


def start_demo(tmp_path: Path, name: str, cases: int) -> subprocess.Popen[bytes]:
    tmp = tmp_path / "tmp"
    tmp.mkdir(exist_ok=True)
    return subprocess.Popen(
        [sys.executable, "-c", DEMO, str(tmp_path / f"{name}.db"), str(cases)],
        env={**os.environ, "TMPDIR": str(tmp)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def workers_running(demo: subprocess.Popen[bytes], tmp: Path) -> set[int]:
    """Wait until the demo's workers are writing their scratch files; their pids."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert demo.poll() is None, f"the demo ended first: {demo.stderr.read()!r}"  # type: ignore[union-attr]
        workers = children_of(demo.pid)
        if len(workers) >= 2 and any(list(f.glob("*.db")) for f in scratch_folders(tmp)):
            time.sleep(0.3)  # well inside the generation, past the workers' start
            return children_of(demo.pid)
        time.sleep(0.05)
    raise AssertionError("the demo's workers never started")


def all_gone(pids: set[int], seconds: float = 5) -> set[int]:
    deadline = time.monotonic() + seconds
    while (left := {p for p in pids if alive(p)}) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_demo_stopped_half_way_ends_its_workers_and_removes_its_scratch_folder(tmp_path, how):
    demo = start_demo(tmp_path, "desk", 40_000)
    try:
        workers = workers_running(demo, tmp_path / "tmp")
        demo.send_signal(how)
        demo.wait(20)
        assert not all_gone(workers), "workers outlived the demo"
        assert scratch_folders(tmp_path / "tmp") == []
        assert b"Traceback" not in demo.stderr.read()  # type: ignore[union-attr]
    finally:
        demo.kill()
        demo.wait()


def test_a_demo_killed_outright_takes_its_workers_along_and_the_next_demo_removes_its_folder(
    tmp_path,
):
    demo = start_demo(tmp_path, "desk", 40_000)
    try:
        workers = workers_running(demo, tmp_path / "tmp")
        demo.send_signal(signal.SIGKILL)
        demo.wait(20)
        assert not all_gone(workers), "workers outlived the demo"
    finally:
        demo.kill()
        demo.wait()
    left = scratch_folders(tmp_path / "tmp")
    assert [f.name.split("-")[2] for f in left] == [str(demo.pid)]  # no code ran to remove it
    again = start_demo(tmp_path, "again", 2_000)
    assert again.wait(120) == 0, again.stderr.read()  # type: ignore[union-attr]
    assert scratch_folders(tmp_path / "tmp") == []
