"""Bytes written to the terminal per action (issue 23: "few bytes over SSH").

Over SSH every byte the app writes crosses the network: a supervisor on a slow link
feels each repaint. This counts what the real ``desktui`` writes to a pseudo-terminal of
120 x 40 cells (TERM=xterm-256color, English) on a copy of a cached demo desk
(benchmarks/bench_dbs.py), after it has painted and gone quiet:

  j              the cursor one line down the list (the down arrow: j in deskTUI)
  pgdn           a page down (the list scrolls)
  typed_char     one character typed in the query line (/): a new result is painted
  remote_change  another process (``desktui case edit``) changes the title of the case
                 on the list's first line: the app's change watch reads the list again
  idle_minute    sixty seconds of no key at all (the app's minute sweeps run in them)

Beside it, in the same run and the same pty: Textual's own DataTable in a bare app
(the same rows, a query line over it: a typed character filters the rows; a remote
change is a file the app polls, as the desk's watch polls, and updates one cell), and
``less -S`` over the same rows for j and pgdn (it has no query line and nothing changes
under it). Each figure is the median over all samples of --runs fresh starts.

    .venv/bin/python benchmarks/bench_bytes.py [--runs 3] [--cases 3000] [--idle 60] [--json]

--idle 0 skips the idle minute (a run then takes well under a minute). The desk is built
by the product the first time (cached under --cache); the copy measured is thrown away.
A report: the exit status is 0 whatever the figures.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Sequence
from pathlib import Path
from select import select

from bench_common import machine, median, note

COLUMNS, LINES = 120, 40
DOWN, PAGE_DOWN, HOME, ESCAPE = b"\x1b[B", b"\x1b[6~", b"\x1b[H", b"\x1b"
"""The arrow keys (deskTUI binds j/k as well; DataTable and less know the arrows)."""
QUIET = 0.4
"""Seconds without a byte that end an action's output (Textual paints within 17 ms; the
desk's watch looks every 0.5 s, so a remote change waits longer: REMOTE_QUIET)."""
REMOTE_QUIET = 1.5
START_TIMEOUT = 60.0
ACTIONS = ("j", "pgdn", "typed_char", "remote_change", "idle_minute")
TYPED = "imp"
"""Typed after "status:open " in the query line: a prefix of the Spanish demo's "impresora"."""
ROWS = 300
"""Rows handed to the DataTable and to less (more than any page: they scroll too)."""


class Terminal:
    """A command on the slave side of a 120 x 40 pty; we hold the master and count bytes."""

    def __init__(self, command: Sequence[str], env: dict[str, str] | None = None) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        environment = {**os.environ, **(env or {})}
        environment |= {"TERM": "xterm-256color", "COLUMNS": str(COLUMNS), "LINES": str(LINES)}
        environment.pop("NO_COLOR", None)
        self.process = subprocess.Popen(
            list(command),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=environment,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self.master = master
        self.tail = b""
        """The last bytes read (what an error says, should the command fail)."""

    def drain(self, quiet: float, timeout: float = 30.0) -> int:
        """Bytes read until ``quiet`` seconds pass without one (or ``timeout``)."""
        total = 0
        deadline = time.monotonic() + timeout
        last = time.monotonic()
        while time.monotonic() < deadline and time.monotonic() - last < quiet:
            ready, _, _ = select([self.master], [], [], 0.02)
            if not ready:
                continue
            try:
                chunk = os.read(self.master, 1 << 16)
            except OSError:  # the command exited: the slave side is closed
                break
            if not chunk:
                break
            total += len(chunk)
            self.tail = (self.tail + chunk)[-4000:]
            last = time.monotonic()
        return total

    def for_seconds(self, seconds: float) -> int:
        """Bytes read in the next ``seconds`` seconds, whatever the pauses."""
        total, end = 0, time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            ready, _, _ = select([self.master], [], [], min(left, 0.1))
            if ready:
                try:
                    chunk = os.read(self.master, 1 << 16)
                except OSError:
                    break
                total += len(chunk)
        return total

    def press(self, keys: bytes, quiet: float = QUIET) -> int:
        """The bytes written in answer to ``keys``."""
        self.drain(0.05, timeout=0.05)  # nothing left over from before counts
        os.write(self.master, keys)
        return self.drain(quiet)

    def while_running(self, command: Sequence[str], env: dict[str, str]) -> int:
        """Bytes written while ``command`` runs elsewhere and until the pty goes quiet after."""
        self.drain(0.05, timeout=0.05)
        other = subprocess.Popen(
            list(command), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        total = 0
        while other.poll() is None:
            total += self.drain(0.1, timeout=0.1)
        if other.returncode != 0:
            assert other.stderr is not None
            raise RuntimeError(f"{' '.join(command)} failed: {other.stderr.read()[-1000:]!r}")
        return total + self.drain(REMOTE_QUIET)

    def close(self) -> None:
        try:
            os.write(self.master, b"q")
            self.process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            pass
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            os.close(self.master)


def _desktui(desk: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "deskTUI", "--db", str(desk), *args]


ENGLISH = {**os.environ, "DESKTUI_LANG": "en", "TZ": "UTC"}


def _top_case(desk: Path) -> tuple[str, str]:
    """The number and title of the case on the list's first line (its opening query)."""
    shown = subprocess.run(
        _desktui(desk, "case", "list", "--query", "status:open", "--limit", "1", "--json"),
        env=ENGLISH,
        capture_output=True,
        text=True,
        check=True,
    )
    case = json.loads(shown.stdout)[0]
    return case["number"], case["title"]


def desktui_run(cached: Path, idle: float, change: int) -> dict[str, list[int]]:
    """One fresh start of the TUI on a copy of ``cached``: every action's bytes."""
    samples: dict[str, list[int]] = {action: [] for action in ACTIONS}
    with tempfile.TemporaryDirectory(prefix="bench-bytes-") as folder:
        desk = Path(folder) / "desk.db"
        shutil.copyfile(cached, desk)
        # The app's first sweep would escalate the demo's breaches and read the list
        # again (a change like any other); done before, the start is the same each run.
        subprocess.run(_desktui(desk, "sla", "escalate"), env=ENGLISH, capture_output=True)
        term = Terminal(_desktui(desk), ENGLISH)
        try:
            if not term.drain(2.0, timeout=START_TIMEOUT):
                raise RuntimeError("desktui wrote nothing")
            samples["j"] += [term.press(DOWN) for _ in range(6)]
            samples["pgdn"] += [term.press(PAGE_DOWN) for _ in range(3)]
            term.press(HOME)
            for n in range(2):
                number, title = _top_case(desk)
                edit = _desktui(desk, "case", "edit", number, "--title", f"{title} ({change}.{n})")
                samples["remote_change"].append(term.while_running(edit, ENGLISH))
            if idle:
                term.drain(1.0)
                samples["idle_minute"].append(round(term.for_seconds(idle) * 60 / idle))
            term.press(b"/")
            term.press(b" ")  # "status:open " runs the same query again: not counted
            samples["typed_char"] += [term.press(char.encode()) for char in TYPED]
            term.press(ESCAPE)
        except BaseException:
            note(f"desktui's last output: {term.tail[-600:]!r}")
            raise
        finally:
            term.close()
    return samples


# -- the baselines ----------------------------------------------------------------------
BARE_TABLE = """
import json, os, sys
from rich.text import Text
from textual.app import App
from textual.widgets import DataTable, Input

rows = [tuple(r) for r in json.load(open(sys.argv[1]))]
changes = sys.argv[2]
HEADERS = ("NUMBER", "TITLE", "CLIENT", "PRIO", "STATUS", "ASSIGNEE", "SLA", "UPDATED")


class Bare(App):
    BINDINGS = [("slash", "query", "Query"), ("escape", "table", "Back"), ("q", "quit", "Quit")]

    def compose(self):
        yield Input(placeholder="query")
        yield DataTable(cursor_type="row")

    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns(*HEADERS)
        table.add_rows([tuple(Text(c) for c in r) for r in rows])
        table.focus()
        self.seen = os.stat(changes).st_mtime_ns
        self.set_interval(0.5, self.look)  # as the desk's watch looks for changes

    def action_query(self):
        self.query_one(Input).focus()

    def action_table(self):
        self.query_one(DataTable).focus()

    def on_input_changed(self, event):
        table = self.query_one(DataTable)
        table.clear()
        words = event.value.lower()
        table.add_rows([tuple(Text(c) for c in r) for r in rows if words in " ".join(r).lower()])

    def look(self):
        mtime = os.stat(changes).st_mtime_ns
        if mtime != self.seen:
            self.seen = mtime
            with open(changes) as f:
                title = f.read()
            self.query_one(DataTable).update_cell_at((0, 1), Text(title))


Bare().run()
"""


def _rows(cached: Path) -> list[list[str]]:
    """The newest cases as the list's cells (bench_table's reading), as plain text."""
    from bench_table import table_rows

    return [[cell.plain for cell in row] for row in table_rows(cached, ROWS)]


def datatable_run(rows: list[list[str]], idle: float) -> dict[str, list[int]]:
    samples: dict[str, list[int]] = {action: [] for action in ACTIONS}
    with tempfile.TemporaryDirectory(prefix="bench-bytes-") as folder:
        data, changes, script = (Path(folder) / name for name in ("rows.json", "changes", "a.py"))
        data.write_text(json.dumps(rows), encoding="utf-8")
        changes.write_text("", encoding="utf-8")
        script.write_text(BARE_TABLE, encoding="utf-8")
        term = Terminal([sys.executable, str(script), str(data), str(changes)])
        try:
            if not term.drain(2.0, timeout=START_TIMEOUT):
                raise RuntimeError("the bare DataTable app wrote nothing")
            samples["j"] += [term.press(DOWN) for _ in range(6)]
            samples["pgdn"] += [term.press(PAGE_DOWN) for _ in range(3)]
            term.press(HOME)
            for n in range(2):
                time.sleep(0.02)  # a new mtime for sure
                # As long as the title was: a longer one widens DataTable's column and
                # repaints every row, which is not what is measured here.
                changes.write_text(f"{rows[0][1][:-3]}({n})", encoding="utf-8")
                samples["remote_change"].append(term.drain(REMOTE_QUIET))
            if idle:
                term.drain(1.0)
                samples["idle_minute"].append(round(term.for_seconds(idle) * 60 / idle))
            term.press(b"/")
            samples["typed_char"] += [term.press(char.encode()) for char in TYPED]
        except BaseException:
            note(f"the bare app's last output: {term.tail[-600:]!r}")
            raise
        finally:
            term.close()
    return samples


def less_run(rows: list[list[str]]) -> dict[str, list[int]]:
    samples: dict[str, list[int]] = {action: [] for action in ACTIONS}
    if shutil.which("less") is None:
        return samples
    with tempfile.TemporaryDirectory(prefix="bench-bytes-") as folder:
        text = Path(folder) / "rows.txt"
        text.write_text("\n".join("  ".join(row) for row in rows) + "\n", encoding="utf-8")
        term = Terminal(["less", "-S", str(text)], {"LESS": "", "LESSOPEN": ""})
        try:
            term.drain(0.5, timeout=10)
            samples["j"] += [term.press(DOWN, quiet=0.2) for _ in range(6)]
            samples["pgdn"] += [term.press(PAGE_DOWN, quiet=0.2) for _ in range(3)]
        finally:
            term.close()
    return samples


# -- the report ------------------------------------------------------------------------
def merge(into: dict[str, list[int]], more: dict[str, list[int]]) -> None:
    for action, values in more.items():
        into.setdefault(action, []).extend(values)


def _cell(values: list[int]) -> str:
    return f"{median(values):,.0f}" if values else "—"


def main() -> None:
    import bench_dbs

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="fresh starts of each app")
    parser.add_argument("--cases", type=int, default=3000, help="the demo desk's size")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--idle", type=float, default=60.0, help="seconds idle (0: skip)")
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    args = parser.parse_args()
    cached = bench_dbs.ensure(args.cache or bench_dbs.default_cache(), args.cases, args.seed)
    rows = _rows(cached)
    figures: dict[str, dict[str, list[int]]] = {"desktui": {}, "datatable": {}, "less": {}}
    for run in range(1, args.runs + 1):  # alternated, so background load hits all alike
        note(f"run {run}/{args.runs}: desktui")
        merge(figures["desktui"], desktui_run(cached, args.idle, run))
        note(f"run {run}/{args.runs}: Textual's DataTable, less")
        merge(figures["datatable"], datatable_run(rows, args.idle))
        merge(figures["less"], less_run(rows))
    medians = {
        app: {a: (median(v) if v else None) for a, v in by.items()} for app, by in figures.items()
    }
    if args.json:
        print(json.dumps({"bytes": medians, "samples": figures, "machine": machine()}, indent=2))
        return
    print(f"bytes written at {COLUMNS}x{LINES}, {args.cases:,} cases, median of {args.runs} runs")
    print(f"{'action':<16}{'deskTUI':>10}{'DataTable':>11}{'less':>8}")
    for action in ACTIONS:
        cells = [_cell(figures[app].get(action, [])) for app in ("desktui", "datatable", "less")]
        print(f"{action:<16}{cells[0]:>10}{cells[1]:>11}{cells[2]:>8}")
    print(f"load {os.getloadavg()[0]:.2f}, sqlite {sqlite3.sqlite_version}")


if __name__ == "__main__":
    main()
