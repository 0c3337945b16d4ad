"""The Textual application: wires the database and the acting user, pushes screens."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from textual.app import App

from .domain.people import User
from .i18n import _
from .store.database import Database
from .store.uow import UnitOfWork, utc_now


class DeskApp(App[None]):
    """deskTUI: every screen talks to the services through ``uow()`` in worker threads."""

    CSS_PATH = Path(__file__).with_name("desktui.tcss")
    TITLE = "deskTUI"
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self, db: Database, actor: User, *, clock: Callable[[], datetime] = utc_now
    ) -> None:
        super().__init__()
        self.db = db
        self.actor = actor
        self.clock = clock
        self.sub_title = _("{login} ({role})").format(login=actor.login, role=actor.role.value)

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.db, clock=self.clock)

    def on_mount(self) -> None:
        from .screens.case_list import CaseListScreen

        self.push_screen(CaseListScreen())
