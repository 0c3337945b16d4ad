"""The test run's Dovecot never outlives the process that started it, even one killed with
SIGKILL, which runs no clean-up of its own (tests/mail_servers.py: PR_SET_PDEATHSIG)."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SERVERS = Path(__file__).resolve().parents[1] / "mail_servers.py"

STARTER = """
import importlib.util, sys, time
from pathlib import Path
spec = importlib.util.spec_from_file_location("mail_servers", sys.argv[1])
servers = importlib.util.module_from_spec(spec)
sys.modules["mail_servers"] = servers
spec.loader.exec_module(servers)
server = servers.Dovecot(servers.make_certificates(Path(sys.argv[2])))
server.start()
print(server.process.pid, server.imap_port, server.folder, flush=True)
time.sleep(60)
"""


def _processes_naming(*texts: str) -> list[int]:
    """Live processes whose command line holds one of ``texts``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            command = (entry / "cmdline").read_bytes().decode(errors="replace")
            if any(text in command for text in texts):
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
                if state != "Z":  # a zombie is dead, only not yet reaped by init
                    found.append(int(entry.name))
    return found


@pytest.mark.slow
def test_a_test_process_killed_with_sigkill_leaves_no_dovecot_running(dovecot, tmp_path):
    starter = subprocess.Popen(
        [sys.executable, "-c", STARTER, str(SERVERS), str(tmp_path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    master, names = 0, ("",)
    try:
        pid, port, folder = starter.stdout.readline().split() if starter.stdout else []
        master = int(pid)
        # The master names its folder; its children (log, config, anvil…) the instance.
        names = (folder, f"desktui-test-{port}")
        assert master in _processes_naming(*names)

        os.kill(starter.pid, signal.SIGKILL)
        starter.wait()
        deadline = time.monotonic() + 10
        while _processes_naming(*names) and time.monotonic() < deadline:
            time.sleep(0.05)

        assert _processes_naming(*names) == []
    finally:
        if master and _processes_naming(*names):
            os.killpg(master, signal.SIGKILL)  # ours: do not leave it to the next test
        with contextlib.suppress(ProcessLookupError):
            starter.kill()
        starter.wait()
        if names[0]:  # the killed starter could not remove its server's folder
            shutil.rmtree(names[0], ignore_errors=True)
