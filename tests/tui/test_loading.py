"""LoadsInWorker shows only the answer to the latest request."""

from __future__ import annotations

from deskTUI.screens.loading import Fetched, FetchFailed, LoadsInWorker


class Recorder(LoadsInWorker):
    def __init__(self) -> None:
        self.shown: list[object] = []

    def show(self, value: object) -> None:
        self.shown.append(value)

    def show_failure(self, text: str) -> None:
        self.shown.append(f"failed: {text}")

    def _fetch(self, job, serial) -> None:  # no worker: the test delivers the answers
        pass


def test_an_answer_to_an_older_request_is_dropped_whatever_order_they_arrive_in() -> None:
    screen = Recorder()
    screen.fetch(lambda: "week 1")
    screen.fetch(lambda: "week 2")
    screen.on_fetched(Fetched("week 2", serial=2))
    screen.on_fetched(Fetched("week 1", serial=1))  # finished late
    screen.on_fetch_failed(FetchFailed("refused", serial=1))
    assert screen.shown == ["week 2"]
