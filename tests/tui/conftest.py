"""The TUI on a fixed desk with a frozen clock: what Pilot drives and snapshots show."""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
import time
import traceback
from typing import TypeVar

import pytest
from textual import events
from textual.screen import Screen
from textual.worker import WorkerCancelled, WorkerState

from deskTUI import key_hold
from deskTUI.app import DeskApp
from deskTUI.screens.case_view import CaseViewScreen
from deskTUI.services import cases

from ..conftest import desk_database

S = TypeVar("S", bound=Screen)


@pytest.fixture
def db(tmp_path, request):
    """The TUI is drawn over a SQLite desk, on every machine: the screens call the same
    services on either engine (the store, service and CLI suites run those on both), and
    pictures and test ids stay one per test. ``server_db`` is the exception, by name."""
    with desk_database("sqlite", tmp_path, request, with_desk="desk" in request.fixturenames) as db:
        yield db


@pytest.fixture
def server_db(tmp_path, request):
    """The test desk on the PostgreSQL server (tests using it are ``postgresql_only``)."""
    with desk_database("postgresql", tmp_path, request, with_desk=True) as db:
        yield db


@pytest.fixture(autouse=True)
def utc_local_time():
    """Screens show local time: make it UTC so pictures do not depend on the machine."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.fixture(autouse=True)
def steady_cursors(monkeypatch):
    """A text cursor that does not blink: it blinks every half second, so on a loaded
    machine a picture taken after a slow settle caught it off and missed one cell
    (test_the_picture_of_two_refusals_told_at_once failed 1 run in 3)."""
    from textual.widgets import Input, TextArea

    def shown(widget) -> None:
        widget._cursor_visible = True

    monkeypatch.setattr(Input, "_toggle_cursor", shown)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda widget: None)


@pytest.fixture(autouse=True)
def no_database_on_the_event_loop(request):
    """Fail any test in which a screen, widget or the app touched the database from the
    event loop instead of a worker thread (ARCHITECTURE.md: a slow query must never
    freeze the terminal). Test code itself may use the services freely: it runs outside
    Textual's message handlers, where no message pump is active."""
    from sqlalchemy import event
    from sqlalchemy.pool import Pool
    from textual._context import active_message_pump

    offenders: list[str] = []

    def on_checkout(*_args: object) -> None:
        if threading.current_thread() is not threading.main_thread():
            return  # a worker thread: where the database belongs
        pump = active_message_pump.get(None)
        try:
            task = asyncio.current_task()
        except RuntimeError:
            return  # no event loop running: plain test code
        # The test's own coroutine runs beside the app and may call services; a handler
        # runs in the task of the message pump (app, screen, widget) processing it.
        if pump is not None and task is not None and getattr(pump, "_task", None) is task:
            stack = "".join(traceback.format_stack(limit=30)[:-12])
            offenders.append(f"{type(pump).__name__}:\n{stack}")

    event.listen(Pool, "checkout", on_checkout)
    yield
    event.remove(Pool, "checkout", on_checkout)
    if request.node.get_closest_marker("blocks_the_event_loop"):
        assert offenders, "the guard missed a read on the event loop"
        return
    assert not offenders, "the database was used on the event loop by " + offenders[0]


@pytest.fixture
def queue(desk):
    """A small queue: cases of each priority, some assigned, one with hostile text."""
    made = [
        desk.open(title="La impresora no imprime", priority="high"),
        desk.open(title="Red lenta en el piso 3", category="Redes", priority="low"),
        desk.open(title="Servidor caído", priority="critical"),
        desk.open(
            by=desk.gloria, title="Error al facturar", client="Globex Ltda", category="Errores"
        ),
    ]
    cases.assign_case(desk.uow(), desk.sofia, made[0].number, "ana")
    cases.move_case(desk.uow(), desk.ana, made[0].number, "in_progress")
    cases.assign_case(desk.uow(), desk.sofia, made[2].number, "luis")
    desk.clock.advance(minutes=90)
    return made


def make_app(desk, actor=None, **options) -> DeskApp:
    """The app over the test desk. No SLA sweep unless asked (``escalate_every``): a sweep
    landing at its own moment would change the log and the inbox under a picture."""
    options.setdefault("escalate_every", None)
    return DeskApp(desk.uow().db, actor or desk.sofia, clock=desk.clock, **options)


async def settle(pilot) -> None:
    """Let workers finish and their messages land, including the workers those start
    (the list's first page starts the views' counts and the app's warm-up, which
    starts the timer's refresh): quiet means no worker running across two pauses."""

    def busy() -> bool:
        # Keys held for a screen still mounting (key_hold) are work to come, too.
        return bool(getattr(pilot.app, "keys_held", 0)) or any(
            w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in pilot.app.workers
        )

    for _ in range(20):
        # A worker replaced by a newer one of its group (typing, a new query) ends
        # cancelled: that is settled too, and the loop waits for the others.
        with contextlib.suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not busy():
            await pilot.pause()
            if not busy():
                return


# Keys typed in one burst (issue 18): a terminal's single read, an SSH link or a paste
# puts a whole flow of keys in the app's queue before the first one is handled.

NAMED_KEYS = {"enter": "\r", "tab": "\t", "escape": "\x1b", "space": " ", "slash": "/"}
"""The character a terminal sends for the named keys these tests type."""

KEY_NAMES = {"/": "slash", " ": "space", "?": "question_mark"}
"""Textual's name for the characters typed here whose key is not named after them."""


def key_events(*keys: str) -> list[events.Key]:
    """Key events as the driver makes them: a name (``enter``) or one character."""
    made = []
    for key in keys:
        if key in NAMED_KEYS:
            made.append(events.Key(key, NAMED_KEYS[key]))
        elif key in ("right", "left", "down", "up"):
            made.append(events.Key(key, None))
        elif key.startswith("ctrl+") and len(key) == 6:
            made.append(events.Key(key, chr(ord(key[-1]) - ord("a") + 1)))
        else:
            assert len(key) == 1, key
            made.append(events.Key(KEY_NAMES.get(key, key), key))
    return made


def burst(app, *keys: str) -> None:
    """Every key in the app's queue at once, as a terminal's single read delivers them:
    none is handled before the others are queued (``pilot.press`` waits for the app to go
    idle between keys and would hide what a burst does)."""
    for event in key_events(*keys):
        event.set_sender(app)
        app.post_message(event)


async def delivered(pilot, timeout: float = 30) -> None:
    """Settled, and every held key handed over: on a loaded machine a screen may take
    seconds to mount while no worker runs, and ``settle`` alone returns before the keys
    typed for it have reached it."""
    app = pilot.app
    deadline = time.monotonic() + timeout
    await settle(pilot)
    # getattr: the code before the hold has no such count (its tests fail on what they check).
    while getattr(app, "keys_held", 0) and time.monotonic() < deadline:
        await pilot.pause(0.05)
        await settle(pilot)
    assert not getattr(app, "keys_held", 0), f"keys still held after {timeout} s"


@contextlib.asynccontextmanager
async def running_app(desk, actor, *, case_id: int | None = None, size=(120, 30)):
    """``(app, pilot)``: the app running as ``actor`` at ``size``, its first screen up and
    settled (``delivered`` is ``settle`` while no key was typed); with ``case_id``, that
    case's view opened over it and settled too. Most TUI tests start so."""
    app = make_app(desk, actor)
    async with app.run_test(size=size) as pilot:
        await delivered(pilot)
        if case_id is not None:
            await app.push_screen(CaseViewScreen(case_id))
            await delivered(pilot)
        yield app, pilot


async def opened_by_key(pilot, key: str, screen_type: type[S]) -> S:
    """The screen ``key`` opens over the one shown (``A`` the agenda, ``W`` the week's
    sheet, ``B`` the queue board), settled; fails if another screen is on top."""
    await settle(pilot)
    await pilot.press(key)
    await settle(pilot)
    assert isinstance(pilot.app.screen, screen_type), pilot.app.screen
    return pilot.app.screen


def heading(app) -> str:
    """The title line of the screen on top (``#editor-title``): what it shows, for whom."""
    return str(app.screen.query_one("#editor-title").render())


@pytest.fixture
def slow_service(monkeypatch):
    """``slow_service(module, name, seconds)``: ``module.name``, a service a screen calls
    (patched where the screen looks it up, e.g. ``comment.cases``), sleeps ``seconds``
    before it runs, as over a busy server. Undone after the test, which fails if the
    screen never called it there: a screen that came to reach the service another way
    would leave the test proving nothing about a slow server."""
    calls: dict[str, int] = {}

    def slow_down(module: object, name: str, seconds: float) -> None:
        real = getattr(module, name)
        where = f"{getattr(module, '__name__', module)}.{name}"
        calls[where] = 0

        def slow(*args, **kwargs):
            calls[where] += 1
            time.sleep(seconds)
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, slow)

    yield slow_down
    never = sorted(where for where, count in calls.items() if not count)
    assert not never, f"slowed down but never called: {never}"


@pytest.fixture
def short_key_hold(monkeypatch):
    """``short_key_hold(seconds)``: keys wait ``seconds`` at most for a read and for the
    desk to settle (key_hold's ``HOLD_LIMIT_S`` and ``SETTLE_LIMIT_S``), so a test gets
    past the hold's bound in a moment. Undone after the test."""

    def shorten(seconds: float) -> None:
        monkeypatch.setattr(key_hold, "SETTLE_LIMIT_S", seconds)
        monkeypatch.setattr(key_hold, "HOLD_LIMIT_S", seconds)

    return shorten
