"""ServiceCalls, the one way a screen calls a service: off the event loop, the latest answer
only, a refusal as the domain's sentence and anything else as one line (the traceback goes
to the log, never on screen). On a real SQLite desk."""

from __future__ import annotations

import threading

import pytest
from textual import constants
from textual.app import App
from textual.screen import Screen
from textual.widgets import Static

from deskTUI.domain.errors import DomainError
from deskTUI.i18n import error_text
from deskTUI.screens.loading import ServiceCalls
from deskTUI.services.views import case_detail

from .conftest import settle


class Probe(ServiceCalls, Screen[None]):
    """A screen that records what its calls answered."""

    def __init__(self) -> None:
        super().__init__()
        self.answers: list[object] = []
        self.failures: list[str] = []

    def show(self, value: object) -> None:
        self.answers.append(value)

    def show_failure(self, text: str) -> None:
        self.failures.append(text)


class LoggingApp(App[None]):
    pass


@pytest.fixture
def textual_log(tmp_path, monkeypatch):
    """Textual's log written to a file, as ``TEXTUAL_LOG=file desktui`` does."""
    path = tmp_path / "textual.log"
    monkeypatch.setattr(constants, "LOG_FILE", str(path))
    return path


def logged(path) -> str:
    return path.read_text() if path.exists() else ""


async def test_an_answer_replaced_by_a_newer_call_is_dropped_though_it_lands_last(desk):
    case = desk.open(title="Primero")
    other = desk.open(title="Segundo")
    app = LoggingApp()
    first_began, first_may_end, first_ended = (
        threading.Event(),
        threading.Event(),
        threading.Event(),
    )

    def first_read() -> str:
        first_began.set()
        first_may_end.wait(5)
        try:
            return case_detail(desk.uow(), desk.sofia, case.id).case.title
        finally:
            first_ended.set()

    def second_read() -> str:
        return case_detail(desk.uow(), desk.sofia, other.id).case.title

    async with app.run_test() as pilot:
        screen = Probe()
        await app.push_screen(screen)
        screen.fetch(first_read)
        await settle_until(pilot, first_began.is_set)  # running: a thread cannot be stopped
        screen.fetch(second_read)
        await settle_until(pilot, lambda: screen.answers)
        first_may_end.set()  # the older read lands after the newer one
        await settle_until(pilot, first_ended.is_set)
        await pilot.pause(0.2)  # its answer is on the screen's queue: handled
        await settle(pilot)
        assert screen.answers == ["Segundo"]
        assert screen.calls_made("fetch") == 2


async def test_a_refusal_comes_back_as_the_domains_sentence(desk, textual_log):
    case = desk.open(title="De Acme")
    with pytest.raises(DomainError) as refusal:  # Gloria is a client of Globex
        case_detail(desk.uow(), desk.gloria, case.id)
    app = LoggingApp()
    async with app.run_test() as pilot:
        screen = Probe()
        await app.push_screen(screen)
        screen.call_service(
            lambda: case_detail(desk.uow(), desk.gloria, case.id),
            screen.show,
            failed=screen.show_failure,
            group="case-action",
        )
        await settle(pilot)
        assert screen.failures == [error_text(refusal.value)]
        assert screen.answers == []
        assert "Traceback" not in logged(textual_log)  # a refusal is no bug


async def test_a_store_failure_goes_to_store_failed_and_a_refusal_still_to_failed(desk):
    """The list says it reads again when the store failed, not when the query is refused:
    ``store_failed`` tells the two apart (without it, both went to ``failed``)."""
    case = desk.open(title="De Acme")
    app = LoggingApp()

    def store_down() -> str:
        raise DomainError("store.unavailable", "The desk's database cannot be reached")

    async with app.run_test() as pilot:
        screen = Probe()
        await app.push_screen(screen)
        again: list[str] = []
        for job in (store_down, lambda: case_detail(desk.uow(), desk.gloria, case.id)):
            screen.call_service(
                job,
                screen.show,
                failed=screen.show_failure,
                store_failed=again.append,
                group="case-page",
            )
            await settle(pilot)
        assert again == ["The desk's database cannot be reached"]
        assert len(screen.failures) == 1 and screen.failures != again  # Gloria's refusal


async def test_an_unexpected_error_is_one_line_on_screen_and_its_traceback_is_logged(
    desk, textual_log
):
    case = desk.open(title="Roto")
    app = LoggingApp()

    def buggy() -> int:
        title = case_detail(desk.uow(), desk.sofia, case.id).case.title
        return len(title) // 0

    async with app.run_test() as pilot:
        screen = Probe()
        await app.push_screen(screen)
        screen.call_service(buggy, screen.show, failed=screen.show_failure, group="dialog")
        await settle(pilot)
        assert screen.failures == [
            "Something unexpected failed (ZeroDivisionError); nothing was changed"
        ]
        assert "\n" not in screen.failures[0]
        traceback = logged(textual_log)
        assert "Traceback" in traceback and "ZeroDivisionError" in traceback
        assert "buggy" in traceback  # the frame that failed, for whoever fixes it


async def test_a_call_runs_in_a_worker_of_the_group_key_hold_waits_for(desk):
    case = desk.open(title="Esperando")
    app = LoggingApp()
    may_end = threading.Event()

    def slow() -> str:
        may_end.wait(5)
        return case_detail(desk.uow(), desk.sofia, case.id).case.title

    async with app.run_test() as pilot:
        screen = Probe()
        await app.push_screen(screen)
        worker = screen.call_service(
            slow, screen.show, failed=screen.show_failure, group="case-action"
        )
        assert worker.group == "case-action"
        assert worker.is_running or worker.state.name == "PENDING"
        may_end.set()
        await settle(pilot)
        assert screen.answers == ["Esperando"]


async def settle_until(pilot, condition, limit: int = 200) -> None:
    for _ in range(limit):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("the call did not answer")


async def test_a_widgets_call_answers_that_widget_once_not_the_screen_around_it(desk):
    case = desk.open(title="Del widget")
    app = LoggingApp()

    class Badge(ServiceCalls, Static):
        def __init__(self) -> None:
            super().__init__()
            self.answers: list[object] = []

    async with app.run_test() as pilot:
        screen = Probe()
        await app.push_screen(screen)
        badge = Badge()
        await screen.mount(badge)
        badge.call_service(
            lambda: case_detail(desk.uow(), desk.sofia, case.id).case.title,
            badge.answers.append,
            failed=screen.show_failure,
            group="fetch",
        )
        screen.call_service(lambda: "screen's own", screen.show, failed=str, group="fetch")
        await settle(pilot)
        assert badge.answers == ["Del widget"]
        assert screen.answers == ["screen's own"]
        message = ServiceCalls.Answered(badge, "fetch", 0, "x", print)
        assert message.control is badge and not message.bubble
