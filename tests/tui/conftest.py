"""The TUI on a fixed desk with a frozen clock: what Pilot drives and snapshots show."""

from __future__ import annotations

import os
import time

import pytest

from deskTUI.app import DeskApp
from deskTUI.services import cases


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


def make_app(desk, actor=None) -> DeskApp:
    return DeskApp(desk.uow().db, actor or desk.sofia, clock=desk.clock)


async def settle(pilot) -> None:
    """Let workers finish and their messages land."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
