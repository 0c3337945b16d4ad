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
    def __init__(self, value: Any) -> None:
        self.value = value
        super().__init__()


class FetchFailed(Message):
    def __init__(self, text: str) -> None:
        self.text = text
        super().__init__()


class LoadsInWorker:
    """Mixed into a Screen: ``fetch(job)`` runs ``job`` off the event loop, then calls
    ``show(result)`` or ``show_failure(sentence)`` on the event loop. A newer fetch
    cancels an older one, so the screen shows the latest request's answer."""

    def show(self, value: Any) -> None:
        raise NotImplementedError

    def show_failure(self, text: str) -> None:
        raise NotImplementedError

    def fetch(self, job: Callable[[], Any]) -> None:
        self._fetch(job)

    @work(thread=True, exclusive=True, group="fetch", exit_on_error=False)
    def _fetch(self, job: Callable[[], Any]) -> None:
        try:
            value = job()
        except Exception as error:  # a refusal, or a bug shown as one line (logged in full)
            self.post_message(FetchFailed(failure_text(error, self.log)))  # type: ignore[attr-defined]
            return
        self.post_message(Fetched(value))  # type: ignore[attr-defined]

    def on_fetched(self, message: Fetched) -> None:
        self.show(message.value)

    def on_fetch_failed(self, message: FetchFailed) -> None:
        self.show_failure(message.text)
