"""Screens that read through a service: the read runs in a thread, its result comes back
by message, and a refusal becomes one sentence on the screen (never a blocked event loop,
never a traceback)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from textual import work
from textual.dom import DOMNode
from textual.message import Message
from textual.widgets import DataTable

from ..i18n import _
from .failures import failure_text, transient


def retrying(failure: str, *, key: bool) -> str:
    """A failed read's sentence, and that the screen reads again by itself (a server
    restarted, a moment of trouble): without it the screen stayed empty for good."""
    if key:
        return _("{failure} · reading again at the next change on the desk, or press r").format(
            failure=failure
        )
    return _("{failure} · reading again at the next change on the desk").format(failure=failure)


@contextmanager
def kept_cursors(node: object) -> Iterator[None]:
    """The tables under ``node`` are refilled inside: each cursor comes back to its row
    (a refresh because someone else changed the desk must not move the operator)."""
    tables = list(node.query(DataTable)) if isinstance(node, DOMNode) else []
    rows = [(table, table.cursor_row) for table in tables]
    yield
    for table, row in rows:
        if 0 < row < table.row_count:
            table.move_cursor(row=row, animate=False)


class Fetched(Message):
    def __init__(self, value: Any, serial: int) -> None:
        self.value = value
        self.serial = serial
        super().__init__()


class FetchFailed(Message):
    def __init__(self, text: str, serial: int, *, transient: bool = True) -> None:
        self.text = text
        self.serial = serial
        self.transient = transient
        """The store failed (reading again may work), not a refusal of what was asked."""
        super().__init__()


class LoadsInWorker:
    """Mixed into a Screen: ``fetch(job)`` runs ``job`` off the event loop, then calls
    ``show(result)`` or ``show_failure(sentence)`` on the event loop. Only the latest
    request's answer is shown: a thread cannot be interrupted, so an older read that
    finishes late is recognised by its serial number and dropped."""

    _fetch_serial = 0

    def show(self, value: Any) -> None:
        raise NotImplementedError

    def show_failure(self, text: str) -> None:
        raise NotImplementedError

    def fetch(self, job: Callable[[], Any]) -> None:
        self._fetch_serial += 1
        self._last_job = job
        self._fetch(job, self._fetch_serial)

    def desk_changed(self) -> None:
        """Someone changed the desk: what is shown is read again."""
        job = getattr(self, "_last_job", None)
        if job is not None:
            self.fetch(job)

    @work(thread=True, exclusive=True, group="fetch", exit_on_error=False)
    def _fetch(self, job: Callable[[], Any], serial: int) -> None:
        try:
            value = job()
        except Exception as error:  # a refusal, or a bug shown as one line (logged in full)
            text = failure_text(error, self.log)  # type: ignore[attr-defined]
            self.post_message(FetchFailed(text, serial, transient=transient(error)))  # type: ignore[attr-defined]
            return
        self.post_message(Fetched(value, serial))  # type: ignore[attr-defined]

    def on_fetched(self, message: Fetched) -> None:
        if message.serial == self._fetch_serial:
            with kept_cursors(self):
                self.show(message.value)

    def on_fetch_failed(self, message: FetchFailed) -> None:
        # desk_changed reads the last job again, failed or not: say so.
        if message.serial != self._fetch_serial:
            return
        if message.transient:
            self.show_failure(retrying(message.text, key=hasattr(self, "action_refresh")))
        else:
            self.show_failure(message.text)


class ReadsAgainWhenChanged:
    """A screen that reads again when the desk changes, at most every ``LIVE_SECONDS``:
    a board or a report is a query over many rows, and a busy desk changes every second.
    The screen says what one reading is in ``read``; ``r`` (``action_refresh``) reads now."""

    LIVE_SECONDS = 5.0
    _read_at = 0.0
    _pending = False

    def read(self) -> None:
        raise NotImplementedError

    def reload(self) -> None:
        self._read_at = time.monotonic()
        self._pending = False
        self.read()

    def desk_changed(self) -> None:
        wait = self._read_at + self.LIVE_SECONDS - time.monotonic()
        if wait <= 0:
            self.reload()
        elif not self._pending:
            self._pending = True
            self.set_timer(wait, self.reload)  # type: ignore[attr-defined]

    def action_refresh(self) -> None:
        self.reload()
