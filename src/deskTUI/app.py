"""The Textual application: wires the database and the acting user, pushes screens."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from .domain.people import User
from .i18n import _
from .screens.commands import CaseCommands
from .store.database import Database
from .store.uow import UnitOfWork, utc_now


class DeskApp(App[None]):
    """deskTUI: every screen talks to the services through ``uow()`` in worker threads."""

    CSS_PATH = Path(__file__).with_name("desktui.tcss")
    TITLE = "deskTUI"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {CaseCommands}
    BINDINGS = [
        Binding("question_mark", "toggle_keys", _("Keys"), id="app.keys"),
    ]

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

    def action_toggle_keys(self) -> None:
        """`?` shows the keys of the current screen beside it, and hides them again."""
        if list(self.screen.query("HelpPanel")):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def on_mount(self) -> None:
        from .screens.case_list import CaseListScreen

        self.push_screen(CaseListScreen())
