"""Keys sent in ONE ``tmux send-keys`` call to the real ``desktui`` land where they were
typed for (issue 18): what an SSH link or a paste delivers, a whole flow in one read.

Each test starts ``python -m deskTUI --db FILE --as LOGIN`` in a private tmux server
(its own socket under the test's temp dir) at 120 x 30, waits for the list, sends every
key of a flow in one call, and checks the result where it lands: in the desk (a fresh
unit of work reads it) or, for the query, on the screen tmux captures.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from deskTUI.domain.enums import QuoteStatus
from deskTUI.services import admin, cases, views
from deskTUI.services.identity import os_login
from deskTUI.services.sla import escalate_breaches
from deskTUI.store.uow import UnitOfWork

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

COLUMNS, ROWS = 120, 30


class Tmux:
    """One ``desktui`` in a detached session of a tmux server of our own."""

    def __init__(self, socket: Path, db: Path, login: str) -> None:
        self.socket = socket
        # COLUMNS and LINES override the terminal's size in Textual: a test runner's own
        # (an xdist worker's 80-odd columns) must not shrink the app inside tmux.
        env = {
            **os.environ, "TERM": "xterm-256color", "TZ": "UTC",
            "COLUMNS": str(COLUMNS), "LINES": str(ROWS),
        }  # fmt: skip
        env.pop("NO_COLOR", None)
        command = [sys.executable, "-m", "deskTUI", "--db", str(db), "--as", login]
        self.tmux(
            "new-session", "-d", "-s", "desk", "-x", str(COLUMNS), "-y", str(ROWS),
            "--", *command, env=env,
        )  # fmt: skip

    def tmux(self, *args: str, env: dict[str, str] | None = None) -> str:
        done = subprocess.run(
            ["tmux", "-S", str(self.socket), *args],
            capture_output=True, text=True, timeout=20, env=env, check=True,
        )  # fmt: skip
        return done.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "desk")

    def wait_for(self, text: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never showed; the screen:\n{self.screen()}")

    def send(self, *keys: str) -> None:
        """Every key in one ``send-keys`` call (tmux key names, or literal text)."""
        self.tmux("send-keys", "-t", "desk", *keys)

    def close(self) -> None:
        subprocess.run(["tmux", "-S", str(self.socket), "kill-server"], capture_output=True)


def socket_path(tmp_path: Path) -> Path:
    """The tmux server's socket: in the test's temp dir, or a short one of its own where
    that path would pass the 107 bytes a Unix socket's name may have (deep xdist dirs)."""
    path = tmp_path / "tmux.sock"
    if len(os.fsencode(path)) < 100:
        return path
    return Path(tempfile.mkdtemp(prefix="kb-")) / "s"


@pytest.fixture
def terminal(desk, db, tmp_path) -> Iterator[Callable[[str], Tmux]]:
    """Opens the desk's file in tmux as ``login`` (the OS login is made an admin, whom
    ``--as`` lets act as anyone). The real app runs on the real clock: the SLA breaches
    of the test desk's old cases are escalated first, or the app's own sweep at start
    would change a case under an open edit form ("someone saved ... meanwhile")."""
    admin.add_user(desk.uow(), desk.admin, os_login(), role="admin")
    escalate_breaches(UnitOfWork(db))
    opened: list[Tmux] = []

    def open_as(login: str) -> Tmux:
        term = Tmux(socket_path(tmp_path), tmp_path / "desk.db", login)
        opened.append(term)
        term.wait_for("impresora")  # the list's first page is painted
        return term

    yield open_as
    for term in opened:
        term.close()


def eventually(read: Callable[[], object], timeout: float = 15) -> object:
    """``read()`` once it is truthy (the app writes in a worker, a moment later)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = read()
        if value:
            return value
        time.sleep(0.1)
    return read()


def test_a_query_sent_in_one_call_filters_the_list_and_opens_no_form(desk, queue, terminal):
    # " no imprime" holds n (new case), o (order), r (refresh): list commands.
    term = terminal("sofia")
    term.send("/", " no imprime")
    shown = term.wait_for("status:open no imprime")
    time.sleep(1.0)  # a new-case form a stray n opened would be up by now
    shown = term.screen()
    # The printer's case alone (CS-000001), not the server's (CS-000003).
    assert "CS-000001" in shown and "CS-000003" not in shown, shown
    assert "New case" not in shown, shown


def test_a_comment_sent_in_one_call_after_opening_a_case_lands_on_that_case(desk, queue, terminal):
    server = queue[2]  # "Servidor caído"
    term = terminal("sofia")
    term.send("/", " servidor", "Enter", "Enter", "c", "Sigue caído", "C-s")

    def comments() -> list[str]:
        return [c.body for c in views.case_detail(desk.uow(), desk.sofia, server.id).comments]

    assert eventually(comments) == ["Sigue caído"], term.screen()


def test_time_sent_in_one_call_from_the_list_is_logged_on_the_case_found(desk, queue, terminal):
    printer = queue[0]  # ana's, in progress
    term = terminal("ana")
    term.send("/", " impresora", "Enter", "Enter", "t", "30m", "Enter")

    def minutes() -> list[int]:
        return [e.minutes for e in views.case_detail(desk.uow(), desk.sofia, printer.id).entries]

    assert eventually(minutes) == [30], term.screen()


def test_a_quote_sent_in_one_call_puts_each_value_in_its_field(desk, queue, terminal):
    printer = queue[0]
    cases.edit_case(desk.uow(), desk.sofia, printer.number, {"billable": True})
    term = terminal("sofia")
    term.send(
        "/", " impresora", "Enter", "Enter", "u", "150", "Tab", "Tab", "3", "Tab", "msg", "Enter"
    )

    def quote() -> object:
        found = views.case_detail(desk.uow(), desk.sofia, printer.id).case.quote
        return found if found.status is QuoteStatus.QUOTED else None

    quoted = eventually(quote)
    assert quoted is not None, term.screen()
    assert (str(quoted.price), quoted.currency, quoted.minutes, quoted.message) == (  # type: ignore[attr-defined]
        "150",
        "USD",
        180,
        "msg",
    )


def test_an_edit_sent_in_one_call_after_e_is_saved_at_the_end_of_the_title(desk, queue, terminal):
    printer = queue[0]
    term = terminal("sofia")
    term.send("/", " impresora", "Enter", "Enter", "e", " rota", "C-s")

    def title() -> str:
        found = views.case_detail(desk.uow(), desk.sofia, printer.id).case.title
        return found if found != printer.title else ""

    assert eventually(title) == "La impresora no imprime rota", term.screen()


def test_keys_sent_before_the_list_is_painted_wait_for_it(desk, queue, db, tmp_path):
    # The operator starts desktui and types at once (a script, a fast hand over SSH).
    admin.add_user(desk.uow(), desk.admin, os_login(), role="admin")
    escalate_breaches(UnitOfWork(db))
    server = queue[2]
    term = Tmux(socket_path(tmp_path), tmp_path / "desk.db", "sofia")
    try:
        # A time entry, not a comment: the comment box sends with ctrl+s, which a terminal
        # still in cooked mode (desktui starting) takes as XOFF; Enter it turns into a
        # line feed, which desktui reads as Enter.
        term.send("/", " servidor", "Enter", "Enter", "t", "45m", "Enter")

        def logged() -> list[int]:
            return [e.minutes for e in views.case_detail(desk.uow(), desk.sofia, server.id).entries]

        assert eventually(logged, timeout=30) == [45], term.screen()
    finally:
        term.close()
