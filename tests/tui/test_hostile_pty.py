"""Fuzzed customer text, shown by the real ``desktui`` in a real pseudo-terminal.

Hypothesis draws strings from every Unicode category (controls, format characters,
lone surrogates) and from raw bytes decoded with ``surrogateescape``. Each batch is
seeded into a desk file as case titles, client names, one case's description lines,
comments and log; then ``python -m deskTUI --db FILE`` runs in a pty of 240 x 200
cells, is driven with keys (the list, open the case, its Comments and Log tabs, back,
quit) and every byte it writes is read.

What is checked on those bytes:

- every escape sequence is one the app itself writes (colours, cursor moves, the
  terminal modes it sets and resets, listed in ``APP_SEQUENCES``): no OSC 52, no title
  set, no DCS, no clear screen from data;
- after each data marker, up to the next cursor move (the rest of that screen line,
  which is where the data is drawn), no ESC but colours, no C0, C1 or bidi/zero-width
  character: a sequence hidden in the data would be there;
- no C1 control (U+0080..U+009F, the one-byte CSI U+009B among them) anywhere, the
  output is valid UTF-8, the app exits cleanly on ``q`` (no traceback, exit code 0).

Text the domain refuses (NUL, bytes that were not UTF-8) is refused with a sentence
at seeding time and counted; its bytes decoded leniently (``errors="replace"``, what a
careless importer would store) are shown instead, so raw ESC/C1 bytes still reach
the widgets. ``-rP`` prints the figures (strings tried, stored, seen, seconds).
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import termios
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from deskTUI.domain.case import Case
from deskTUI.domain.comments import Comment
from deskTUI.domain.enums import LogKind, Priority, Visibility
from deskTUI.domain.errors import DomainError
from deskTUI.services import admin
from deskTUI.services.identity import os_login
from deskTUI.store.database import open_database
from deskTUI.store.uow import UnitOfWork

SHARDS = 4
RUNS_PER_SHARD = 4
STRINGS_PER_RUN = 188
"""4 x 4 x 188 = 3,008 strings; a shard per xdist worker, about 7 s per run. 188 cases
fill the list of a 200-row terminal, so every string is drawn at least as a title."""
COLUMNS, ROWS = 240, 200
CLIENT_NAMES_PER_RUN = 20

STRINGS = st.one_of(
    st.text(st.characters(exclude_categories=()), max_size=60),
    st.binary(max_size=60).map(lambda b: b.decode("utf-8", "surrogateescape")),
)
"""Any code point at all (controls, format characters, lone surrogates), and raw bytes
as Python's ``surrogateescape`` hands them over from argv or a file."""

APP_SEQUENCES = frozenset(
    [
        "\x1b[<u", "\x1b[>25u", "\x1b]22;default\x07", "\x1b[?2026$p", "\x1b[?2048$p",
        *(f"\x1b[?{mode}{hl}" for mode in (7, 25, 1000, 1003, 1004, 1006, 1015, 1049, 2004)
          for hl in "hl"),
    ]
)  # fmt: skip
"""What Textual 8.2 itself writes besides colours and cursor moves (measured with benign
text): keyboard protocol, pointer shape, mode queries, and the modes it sets and resets."""
_COLOUR = r"\x1b\[[\d;]*m"
_MOVE = r"\x1b\[\d+;\d+H"
_ANY_SEQUENCE = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|P[^\x1b]*(?:\x1b\\)?|.?)", re.S
)
_FORBIDDEN_CHARS = re.compile(
    "[\x80-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\U000e0000-\U000e007f]"
)
_WINDOW_LEAK = re.compile("[\x00-\x1f\x7f-\x9f]")
_LINE_END = re.compile(f"{_MOVE}|\r\n")
"""Where the line a marker is drawn on ends: the next cursor move."""
_APP_MODE = re.compile("|".join(re.escape(s) for s in sorted(APP_SEQUENCES, key=len, reverse=True)))


def fuzz_strings(shard: int, count: int) -> list[str]:
    """``count`` strings Hypothesis draws (its own generation, no shrinking: a failure
    here is in the screens, and the failing string is printed)."""
    drawn: list[str] = []

    @seed(20260302 + shard)
    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(STRINGS)
    def collect(text: str) -> None:
        drawn.append(text)

    collect()
    return drawn[:count]


def marker(kind: str, index: int) -> str:
    return f"Q{kind}{index:03d}Z"


@dataclass
class Batch:
    strings: list[str]
    refused: int = 0
    markers: list[str] = field(default_factory=list)


def lenient(text: str) -> str:
    """What a careless importer would store for text the desk refuses."""
    unpaired = re.sub("[\ud800-\udc7f\udd00-\udfff]", "\ufffd", text)  # not from bytes
    raw = unpaired.encode("utf-8", "surrogateescape")  # the bytes that were not UTF-8, back
    return raw.decode("utf-8", "replace").replace("\x00", "␀")


def seed_desk(path: Path, batch: Batch) -> None:
    """A desk with the batch as titles, client names, one case's description and comments.

    Everything goes through the domain (the entities validate), in one unit of work
    per kind, so seeding a run costs a fraction of a second."""
    db = open_database(str(path), create=True)
    try:
        root, _ = admin.init_desk(UnitOfWork(db), os_login())
        assert root is not None
        area = admin.add_area(UnitOfWork(db), root, "Soporte", ["Impresoras"])
        _areas, categories = admin.areas_and_categories(UnitOfWork(db), root)
        category = next(c for c in categories if c.area_id == area.id)
        clients = [admin.add_client(UnitOfWork(db), root, "Acme SA")]
        texts = []
        for text in batch.strings:
            try:
                Comment(1, 1, "x" + text, Visibility.PUBLIC, datetime.now(UTC))
                texts.append(text)
            except DomainError:  # NUL, not UTF-8: refused with a sentence
                batch.refused += 1
                texts.append(lenient(text))
        for i, text in enumerate(texts[:CLIENT_NAMES_PER_RUN]):
            clients.append(admin.add_client(UnitOfWork(db), root, f"{marker('N', i)}{text[:100]}"))
        now = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
        description = "\n".join(f"{marker('D', i)}{t}" for i, t in enumerate(texts))
        with UnitOfWork(db) as uow:
            top = None
            for i, text in reversed(list(enumerate(texts))):
                case = Case(
                    title=f"{marker('T', i)}{text[:150]}",
                    description=description if i == 0 else "d",
                    client_id=clients[i % len(clients)].id,
                    category_id=category.id,
                    area_id=area.id,
                    reporter_id=root.id,
                    created_at=now,
                    priority=Priority.CRITICAL if i == 0 else Priority.LOW,
                )
                case.record(root, now, LogKind.OPENED, new=case.title)
                top = uow.cases.add(case)
            assert top is not None and top.id is not None
            for i, text in enumerate(texts):
                uow.comments.add(
                    Comment(top.id, root.id, f"{marker('C', i)}{text}", Visibility.PUBLIC, now)
                )  # type: ignore[arg-type]
            uow.commit()
        batch.strings = texts
    finally:
        db.dispose()


class Terminal:
    """``python -m deskTUI --db FILE`` on the slave side of a pty; we hold the master."""

    def __init__(self, db: Path) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "COLUMNS": str(COLUMNS),
            "LINES": str(ROWS),
            "TZ": "UTC",
        }
        env.pop("NO_COLOR", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "deskTUI", "--db", str(db)],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self.master = master
        self.output = bytearray()

    def read(self, until: bytes | None = None, timeout: float = 10.0, quiet: float = 0.0) -> bool:
        """Read until ``until`` is in the output (then ``quiet`` seconds more of silence)."""
        deadline = time.monotonic() + timeout
        found = until is None
        last = time.monotonic()
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(self.master, 1 << 16)
                except OSError:  # the app exited: the slave side is closed
                    return found
                if not chunk:
                    return found
                self.output.extend(chunk)
                last = time.monotonic()
                if not found and until is not None and until in self.output:
                    found = True
            if found and time.monotonic() - last >= quiet:
                return True
        return found

    def press(self, keys: bytes, quiet: float = 0.25) -> None:
        os.write(self.master, keys)
        self.read(None, timeout=quiet + 5, quiet=quiet)

    def close(self) -> int:
        try:
            return self.process.wait(timeout=10)
        finally:
            if self.process.poll() is None:
                self.process.kill()
            os.close(self.master)


RIGHT, ESCAPE, ENTER = b"\x1b[C", b"\x1b", b"\r"


def drive(db: Path, batch: Batch) -> str:
    """The list, the case holding the description and comments (General, Comments, Log),
    back, quit. Returns everything the app wrote to the terminal, decoded."""
    term = Terminal(db)
    try:
        assert term.read(marker("T", 0).encode(), timeout=20, quiet=0.3), "the list never came"
        os.write(term.master, ENTER)  # the top row: the critical case holding the batch
        assert term.read(marker("D", 0).encode(), timeout=10, quiet=0.3), "the case never opened"
        os.write(term.master, RIGHT * 3)  # General → Activities → Others → Comments
        assert term.read(marker("C", 0).encode(), timeout=10, quiet=0.3), "no Comments tab"
        os.write(term.master, RIGHT * 2)  # Files, Log
        assert term.read(b"Opened", timeout=10, quiet=0.2), "no Log tab"
        term.press(ESCAPE, quiet=0.2)
        os.write(term.master, b"q")
        term.read(None, timeout=10, quiet=2.0)
        code = term.close()
    except BaseException:
        term.process.kill()
        term.close()
        raise
    try:
        text = term.output.decode("utf-8")
    except UnicodeDecodeError as error:
        raise AssertionError(f"the app wrote bytes that are not UTF-8: {error}") from None
    assert "Traceback" not in text, text[text.index("Traceback") :][:2000]
    assert code == 0, f"desktui exited with {code}"
    return text


def check(text: str, batch: Batch) -> int:
    """Assert nothing from the data reaches the terminal; returns how many strings were seen."""
    foreign = sorted(
        {
            seq
            for seq in (m.group(0) for m in _ANY_SEQUENCE.finditer(text))
            if seq not in APP_SEQUENCES and not re.fullmatch(f"{_COLOUR}|{_MOVE}", seq)
        }
    )
    assert not foreign, f"sequences the app does not write reached the terminal: {foreign[:5]}"
    bad = [f"U+{ord(m.group(0)):04X}" for m in _FORBIDDEN_CHARS.finditer(text)]
    assert not bad, f"C1, bidi or invisible characters reached the terminal: {bad[:10]}"
    seen = set()
    for found in re.finditer(r"Q[TNDC](\d{3})Z", text):
        seen.add(int(found.group(1)))
        rest = text[found.end() : found.end() + 2 * COLUMNS]
        line = re.sub(_COLOUR, "", _LINE_END.split(rest, maxsplit=1)[0])  # as drawn
        # The app's own mode switches end a frame (and the run, when it exits): after one,
        # nothing more is drawn on the line. Text after one means the data sent it.
        drawn, *after_mode = _APP_MODE.split(line)
        leak = _WINDOW_LEAK.search(drawn) or (
            re.search(r"[^\s\x1b]", "".join(after_mode)) and _APP_MODE.search(line)
        )
        if leak:
            index = int(found.group(1))
            raise AssertionError(
                f"after {found.group(0)} the terminal got {leak.group(0)!r} in {line!r} "
                f"(the data was {batch.strings[index]!r})"
            )
    return len(seen)


@pytest.mark.slow
@pytest.mark.parametrize("shard", range(SHARDS), ids=lambda s: f"shard-{s + 1}-of-{SHARDS}")
def test_fuzzed_customer_text_never_sends_a_sequence_to_a_real_terminal(tmp_path, shard):
    started = time.perf_counter()
    strings = fuzz_strings(shard, RUNS_PER_SHARD * STRINGS_PER_RUN)
    assert len(strings) == RUNS_PER_SHARD * STRINGS_PER_RUN
    refused = seen = 0
    for run in range(RUNS_PER_SHARD):
        batch = Batch(strings[run * STRINGS_PER_RUN : (run + 1) * STRINGS_PER_RUN])
        db = tmp_path / f"desk-{run}.db"
        seed_desk(db, batch)
        seen += check(drive(db, batch), batch)
        refused += batch.refused
    seconds = time.perf_counter() - started
    print(
        f"pty fuzz shard {shard + 1}/{SHARDS}: {len(strings)} strings in {RUNS_PER_SHARD} runs "
        f"of desktui, {refused} refused by the domain (shown as a lenient import would store "
        f"them), {seen} distinct markers seen on screen, {seconds:.1f} s"
    )
    assert seen == len(strings), "some strings never reached the screen"


@pytest.mark.parametrize(
    "drawn",
    [
        "\x1b]52;c;cm0gLXJmIH4K\x07",
        "\x1b[2J",
        "\x9b2J",
        "abc\u202edef",
        "\x1b[?25l oculto",
        "\x07",
    ],
    ids=["osc52", "clear-screen", "c1-csi", "bidi-override", "app-mode-inline", "bell"],
)
def test_the_checker_catches_a_sequence_drawn_after_a_marker(drawn):
    """The fuzz would pass vacuously if ``check`` missed leaks: it must see each of these."""
    output = f"\x1b[?1049h\x1b[1;1H\x1b[1;97mQT000Z{drawn}\x1b[0m\x1b[2;1Hrest"
    with pytest.raises(AssertionError):
        check(output, Batch([drawn]))


def test_the_checker_accepts_what_the_app_itself_writes():
    output = "\x1b[?1049h\x1b[?25l\x1b[1;1H\x1b[1;97;46mQT000Z\\x1b]52;c;x\\x07\x1b[0m\x1b[?1049l"
    assert check(output, Batch(["\x1b]52;c;x\x07"])) == 1
