"""The one way a screen (or a widget, or a dialog) calls a service: ``ServiceCalls``.

``call_service(job, then, failed=..., group=...)`` runs ``job`` (a service call, or a few)
in a thread worker, so the event loop never waits on the database; its answer comes back
by message, and on the event loop ``then(value)`` or ``failed(sentence)`` runs:

- a refusal (a ``DomainError``) becomes the domain's sentence, a machine's fault (a full
  disk) its own; anything else is a bug: one line for the operator, the traceback in the
  Textual log (``textual console``) for whoever fixes it. Never a traceback on screen;
- an exclusive call replaces the one of its group still running: a thread cannot be
  interrupted, so the older answer, should it land later, is recognised by its serial
  number and dropped (a stale read must not overwrite a newer one);
- the worker's ``group`` is the name ``key_hold.KEYS_WAIT_FOR`` knows: keys typed meanwhile
  wait for the calls whose answer decides where they go (keep those names).

``fetch(job)`` is the read a screen shows (``show``/``show_failure``), read again when the
desk changes; ``ReadsAgainWhenChanged`` spaces those reads on busy desks.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from textual.dom import DOMNode
from textual.message import Message
from textual.widgets import DataTable
from textual.worker import Worker

from ..i18n import _
from .failures import failure_text, transient

T = TypeVar("T")


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


class ServiceCalls:
    """Mixed into a Screen, ModalScreen, Widget or the App (before it): see the module's
    docstring."""

    @dataclass
    class Answered(Message, bubble=False):
        """A call finished: ``then(value)`` runs, unless a newer call replaced it."""

        caller: DOMNode
        group: str
        serial: int
        value: Any
        then: Callable[[Any], object] = field(repr=False)

        @property
        def control(self) -> DOMNode:
            return self.caller

    @dataclass
    class Refused(Message, bubble=False):
        """A call failed: ``failed(text)`` runs with the sentence, unless a newer call
        replaced it. ``transient``: the store failed (the same call may work later), rather
        than a refusal of what was asked."""

        caller: DOMNode
        group: str
        serial: int
        text: str
        transient: bool
        failed: Callable[[str], object] = field(repr=False)

        @property
        def control(self) -> DOMNode:
            return self.caller

    def call_service(
        self,
        job: Callable[[], T],
        then: Callable[[T], object],
        *,
        failed: Callable[[str], object],
        group: str,
        exclusive: bool = False,
        reread: bool = False,
        store_failed: Callable[[str], object] | None = None,
    ) -> Worker[None]:
        """Run ``job`` in a thread worker of ``group``; ``then`` or ``failed`` on the event
        loop. ``exclusive``: a newer call of the group replaces this one (its answer is
        dropped); otherwise every call answers. ``reread``: the screen reads again by
        itself, and a store's failure says so (``retrying``). ``store_failed``: runs
        instead of ``failed`` when the store failed (or a bug), not a refusal of what was
        asked: the same call may work later (the list says it reads again)."""
        node = cast(DOMNode, self)
        serials = self._call_serials()
        serial = serials[group] = serials.get(group, 0) + 1
        if not exclusive:
            serial = 0  # answers whatever came after it

        def run() -> None:
            try:
                value = job()
            except Exception as error:  # the one place: a refusal, or a bug as one line
                text = failure_text(error, node.log)
                if reread and transient(error):
                    text = retrying(text, key=hasattr(node, "action_refresh"))
                again = transient(error)
                told = store_failed if again and store_failed is not None else failed
                refused = ServiceCalls.Refused(node, group, serial, text, again, told)
                node.post_message(refused)
                return
            node.post_message(ServiceCalls.Answered(node, group, serial, value, then))

        return node.run_worker(
            run, name=group, group=group, thread=True, exclusive=exclusive, exit_on_error=False
        )

    _serials_by_group: dict[str, int]
    """The serial number of the latest call of each group (this node's own, made on its
    first call: a mixin has no ``__init__`` of its own)."""

    def _call_serials(self) -> dict[str, int]:
        serials: dict[str, int] | None = vars(self).get("_serials_by_group")
        if serials is None:
            serials = self._serials_by_group = {}
        return serials

    def calls_made(self, group: str) -> int:
        """How many calls of ``group`` this node started."""
        return self._call_serials().get(group, 0)

    def _latest(self, group: str, serial: int) -> bool:
        return serial == 0 or serial == self._call_serials().get(group)

    def on_service_calls_answered(self, message: Answered) -> None:
        if message.caller is self and self._latest(message.group, message.serial):
            message.then(message.value)

    def on_service_calls_refused(self, message: Refused) -> None:
        if message.caller is self and self._latest(message.group, message.serial):
            message.failed(message.text)

    # -- the read a screen shows ---------------------------------------------------------
    def show(self, value: Any) -> None:
        raise NotImplementedError

    def show_failure(self, text: str) -> None:
        raise NotImplementedError

    _last_read: Callable[[], Any] | None = None

    def fetch(self, job: Callable[[], Any]) -> None:
        """Read what the screen shows: ``show(value)``, or ``show_failure(sentence)`` (which
        says the screen reads again when the store failed); only the latest read shows."""
        self._last_read = job
        self.call_service(
            job, self._fetched, failed=self.show_failure, group="fetch", exclusive=True, reread=True
        )

    def desk_changed(self) -> None:
        """Someone changed the desk: what is shown is read again."""
        if self._last_read is not None:
            self.fetch(self._last_read)

    def _fetched(self, value: Any) -> None:
        with kept_cursors(self):
            self.show(value)


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
