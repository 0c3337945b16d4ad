"""Screens that read through a service: the read runs in a thread, its result comes back
by message, and a refusal becomes one sentence on the screen (never a blocked event loop,
never a traceback)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import work
from textual.message import Message

from .failures import failure_text


class Fetched(Message):
    def __init__(self, value: Any, serial: int) -> None:
        self.value = value
        self.serial = serial
        super().__init__()


class FetchFailed(Message):
    def __init__(self, text: str, serial: int) -> None:
        self.text = text
        self.serial = serial
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
        self._fetch(job, self._fetch_serial)

    @work(thread=True, exclusive=True, group="fetch", exit_on_error=False)
    def _fetch(self, job: Callable[[], Any], serial: int) -> None:
        try:
            value = job()
        except Exception as error:  # a refusal, or a bug shown as one line (logged in full)
            self.post_message(FetchFailed(failure_text(error, self.log), serial))  # type: ignore[attr-defined]
            return
        self.post_message(Fetched(value, serial))  # type: ignore[attr-defined]

    def on_fetched(self, message: Fetched) -> None:
        if message.serial == self._fetch_serial:
            self.show(message.value)

    def on_fetch_failed(self, message: FetchFailed) -> None:
        if message.serial == self._fetch_serial:
            self.show_failure(message.text)
