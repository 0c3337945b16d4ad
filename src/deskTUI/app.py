"""The Textual application: wires the database and the acting user, pushes screens."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.message import Message

from .domain.people import User
from .i18n import _
from .screens.commands import CaseCommands
from .services.timers import TimerView, current_timer
from .store.cancel import Cancel
from .store.database import Database
from .store.uow import UnitOfWork, utc_now
from .zone import local_zone


class DeskApp(App[None]):
    """deskTUI: every screen talks to the services through ``uow()`` in worker threads."""

    CSS_PATH = Path(__file__).with_name("desktui.tcss")
    TITLE = "deskTUI"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {CaseCommands}
    BINDINGS = [
        Binding("question_mark", "toggle_keys", _("Keys"), id="app.keys"),
        Binding("A", "agenda", _("Agenda"), id="app.agenda", show=False),
        Binding("W", "timesheet", _("Timesheet"), id="app.timesheet", show=False),
        Binding("C", "contracts", _("Contracts"), id="app.contracts", show=False),
    ]

    def __init__(
        self, db: Database, actor: User, *, clock: Callable[[], datetime] = utc_now
    ) -> None:
        super().__init__()
        self.db = db
        self.actor = actor
        self.clock = clock
        self.sub_title = _("{login} ({role})").format(login=actor.login, role=actor.role.value)
        self.timer: TimerView | None = None
        """The operator's running timer as last read; the TimerBar draws it."""
        self.zone = local_zone()
        """The operator's zone: a timer splits at their midnight, not UTC's."""

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.db, clock=self.clock)

    def read_uow(self, cancel: Cancel | None = None) -> UnitOfWork:
        """For lists and counts: reads that never take, nor wait for, the write lock
        (and that ``cancel`` can abandon from another thread)."""
        return UnitOfWork(self.db, clock=self.clock, readonly=True, cancel=cancel)

    def today(self) -> date:
        """The operator's calendar day now, in their zone."""
        return self.clock().astimezone(self.zone).date()

    class TimerChanged(Message):
        def __init__(self, view: TimerView | None) -> None:
            self.view = view
            super().__init__()

    @work(thread=True, exclusive=True, group="timer", exit_on_error=False)
    def refresh_timer(self) -> None:
        """Read the running timer again (after a start or stop, or from another terminal)."""
        try:
            view = current_timer(self.uow(), self.actor)
        except Exception as error:  # the bar is a convenience: log, keep the last view
            self.log.error(f"timer refresh failed: {error!r}")
            return
        self.post_message(self.TimerChanged(view))

    def on_desk_app_timer_changed(self, message: TimerChanged) -> None:
        self.timer = message.view
        for screen in self.screen_stack:
            for bar in screen.query("TimerBar"):
                bar.tick()  # type: ignore[attr-defined]

    def action_agenda(self) -> None:
        """A, from anywhere: the operator's agenda for this week."""
        from .screens.agenda import AgendaScreen

        if not isinstance(self.screen, AgendaScreen):
            self.push_screen(AgendaScreen())

    def action_timesheet(self) -> None:
        """W, from anywhere: the operator's timesheet for this week."""
        from .screens.timesheet import TimesheetScreen

        if not isinstance(self.screen, TimesheetScreen):
            self.push_screen(TimesheetScreen())

    def action_contracts(self) -> None:
        """C, from anywhere: every contract's balance and ledger."""
        from .screens.contracts import ContractsScreen

        if not isinstance(self.screen, ContractsScreen):
            self.push_screen(ContractsScreen())

    def action_toggle_keys(self) -> None:
        """`?` shows the keys of the current screen beside it, and hides them again."""
        if list(self.screen.query("HelpPanel")):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def on_mount(self) -> None:
        from .screens.case_list import CaseListScreen

        self.push_screen(CaseListScreen())
        self.refresh_timer()
        # Another terminal of the same operator may start or stop the timer.
        self.set_interval(30, self.refresh_timer)
