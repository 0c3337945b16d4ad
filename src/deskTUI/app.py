"""The Textual application: runs the operator's desk session, pushes screens, keeps the
UI's own state (the timer bar's view, the unread count, surveys offered, the change watch)."""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from textual.app import App
from textual.binding import Binding
from textual.message import Message

from . import formats, words
from .domain.people import User
from .domain.permissions import Action, may_ever
from .i18n import N_, _
from .key_hold import KeyHold
from .screens.commands import CaseCommands
from .screens.language_choice import LanguageChoice
from .screens.loading import ServiceCalls
from .screens.people_key import PeopleKey
from .session import Clock, DeskSession
from .store.change_watch import ChangeWatch, ServerChangeWatch, WatchFailed
from .store.clock import utc_now
from .widgets.textual_words import SpokenPalette

# The ORM, the services and the other screens are imported after the first page
# is on screen (``first_page_shown``): imported first, they took longer than
# Textual itself, and the list's first page reads through bare sqlite3.
if TYPE_CHECKING:
    from .services.case_list import OpeningPage
    from .services.surveys import SurveyOffer
    from .services.timers import TimerView
    from .store.cancel import Cancel
    from .store.database import Database
    from .store.drafts import Draft, DraftStore
    from .store.list_reader import ListReader
    from .store.uow import UnitOfWork

T = TypeVar("T")

WATCH_SECONDS = 0.5
"""How often the app asks whether the desk changed: others' changes show within a second."""

ESCALATE_SECONDS = 60.0
"""How often a staff operator's app escalates the SLA breaches found: any open app does it
for the whole desk (each breach is claimed once), and ``desktui sla escalate`` from cron
does it when nobody is at a terminal."""

OPENED_BY_ROLE: dict[str, Action] = {
    "board": Action.VIEW_REPORTS,
    "reports": Action.VIEW_REPORTS,
    "sla_targets": Action.VIEW_SLA_TARGETS,
    "catalogue": Action.MANAGE_AREAS,
    "people": Action.MANAGE_USERS,
}
"""The screens opened from anywhere that the policy (``domain.permissions``) keeps from
some roles: their key and palette command are offered only to whom it allows."""


class DeskApp(SpokenPalette, KeyHold, ServiceCalls, LanguageChoice, PeopleKey, App[None]):
    """deskTUI: every screen talks to the services through ``uow()`` in worker threads;
    keys typed in a burst wait for the screen they were typed for (``KeyHold``). The app's
    own background calls (timer, unread count, sweeps, change watch) go the screens' one
    way too (``ServiceCalls``): a failure is logged, never in the operator's way."""

    CSS_PATH = Path(__file__).with_name("desktui.tcss")
    TITLE = "deskTUI"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {CaseCommands}
    BINDINGS = [
        Binding("question_mark", "toggle_keys", N_("Keys"), id="app.keys"),
        # Escape closes the keys panel first, and only it: a screen's own escape (back,
        # cancel) waits for the next press. Active only while the panel shows (check_action).
        Binding(
            "escape",
            "hide_keys",
            N_("Hide the keys"),
            id="app.hide_keys",
            show=False,
            priority=True,
        ),
        Binding("A", "agenda", N_("Agenda"), id="app.agenda", show=False),
        Binding("W", "timesheet", N_("Timesheet"), id="app.timesheet", show=False),
        Binding("C", "contracts", N_("Contracts"), id="app.contracts", show=False),
        Binding("R", "reports", N_("Reports"), id="app.reports", show=False),  # issue 9: reports
        Binding("I", "inbox", N_("Inbox"), id="app.inbox", show=False),  # issue 9: inbox
        Binding("B", "board", N_("Board"), id="app.board", show=False),  # issue 9: queue board
        Binding("S", "sla_targets", N_("SLA targets"), id="app.sla_targets", show=False),
        Binding("K", "catalogue", N_("Catalogue"), id="app.catalogue", show=False),
        Binding("P", "people", N_("People"), id="app.people", show=False),
    ]

    def __init__(
        self,
        session: DeskSession | Database | Callable[[], Database],
        actor: User | None = None,
        *,
        clock: Clock = utc_now,
        reader: ListReader | None = None,
        opening: OpeningPage | None = None,
        escalate_every: float | None = ESCALATE_SECONDS,
    ) -> None:
        """``session``: the operator's desk session (``cli.cmd_tui`` builds it, as the
        commands do); tests and scripts may give the database (or a function that opens
        it: then opened on first use, off the event loop, after the first page is
        painted), the ``actor``, ``clock`` and ``reader`` instead, and a session is
        built from them. ``opening``: the list's first page, already read (shown at
        once); ``escalate_every``: seconds between SLA sweeps, None for none (tests draw
        a desk whose log and inbox do not change under them)."""
        super().__init__()
        if not isinstance(session, DeskSession):
            if actor is None:
                raise TypeError("an app built from a database needs its actor")
            session = DeskSession(session, actor=actor, clock=clock, reader=reader)
        elif actor is not None or reader is not None or clock is not utc_now:
            raise TypeError("the session holds the actor, clock and reader: give them to it")
        self.session = session
        """The operator's desk: database, units of work, reader, actor, clock, zone, drafts."""
        # Built now, as the app always did, so the event loop never waits to build them:
        # the list's first page reads through the reader; a refusal to resolve the
        # operator is said before the app starts; the drafts need no database.
        actor = session.actor
        _reader, _drafts = session.reader, session.drafts
        self.sub_title = _("{login} ({role})").format(
            login=actor.login, role=words.label(actor.role)
        )
        self.timer: TimerView | None = None
        """The operator's running timer as last read; the TimerBar draws it."""
        self._started = False
        self._opening = opening
        self._escalate_every = escalate_every
        self._watch: ChangeWatch | ServerChangeWatch | None = None
        self.unread = 0
        """The operator's unread notifications as last counted; the badges draw it."""
        self._surveys_offered: set[int] = set()
        """Survey offers already popped up this session (each pops once)."""

    def take_opening_page(self) -> OpeningPage | None:
        """The page read before the app started, once: a later list reads its own."""
        opening, self._opening = self._opening, None
        return opening

    # The session's parts, under the names the app has always had (its own code and the
    # tests use them; screens use ``session_of(self.app)``).
    @property
    def actor(self) -> User:
        return self.session.actor

    @property
    def clock(self) -> Clock:
        """The desk's clock (the timer bar ticks by it)."""
        return self.session.clock

    @property
    def zone(self) -> tzinfo:
        """The operator's zone: a timer splits at their midnight, not UTC's."""
        return self.session.zone

    @zone.setter
    def zone(self, zone: tzinfo) -> None:
        self.session.zone = zone

    @property
    def drafts(self) -> DraftStore:
        return self.session.drafts

    def uow(self) -> UnitOfWork:
        return self.session.uow()

    def read_uow(self, cancel: Cancel | None = None) -> UnitOfWork:
        return self.session.read_uow(cancel)

    def first_page_shown(self) -> None:
        """The list has painted its first page: now load what the rest of the app needs."""
        if not self._started:
            self._started = True
            self._warm_up()

    def _in_background(
        self,
        job: Callable[[], T],
        then: Callable[[T], object],
        *,
        group: str,
        exclusive: bool = True,
    ) -> None:
        """Run one of the app's own calls in the background (``call_service``): they are
        conveniences (a count, a bar, a sweep), so a failure is logged (a bug with its
        traceback, ``failure_text``) and the next call tries again; ``exclusive``: only
        the latest call's answer lands."""
        self.call_service(
            job,
            then,
            failed=lambda text: self.log.warning(f"{group}: {text}"),
            group=group,
            exclusive=exclusive,
        )

    def _warm_up(self) -> None:
        # Imported in a thread, so the first action does not pay for them on the event
        # loop.
        def load() -> None:
            from .screens import case_view, dialogs  # noqa: F401
            from .services import views  # noqa: F401

        self._in_background(load, lambda _none: self._start_timer(), group="warm-up")

    def _start_timer(self) -> None:
        # Everything loaded so far (modules, the screens, the ORM) lives as long as the
        # app: moved out of the collector's reach, a full collection no longer walks
        # it, and a keystroke no longer waits 50-85 ms for one (benchmarks/run.py).
        gc.freeze()
        self.refresh_timer()
        # Another terminal of the same operator may start or stop the timer.
        self.set_interval(30, self.refresh_timer)
        self._offer_drafts()
        self.refresh_unread()
        self._watch = ChangeWatch.of(self.session.reader)
        if self._watch is not None:
            self._look_for_changes()  # a server's watch starts listening on its first look
            self.set_interval(WATCH_SECONDS, self._look_for_changes)
        from .screens.background_sweeps import start_sweeps  # SLA breaches, the outbox

        start_sweeps(self, self._escalate_every)

    def escalate_breaches(self) -> None:
        """Escalate the SLA breaches no one has escalated yet (the area's supervisors are
        told in their inbox; the change watch then redraws whoever is looking). A failed
        sweep is logged; the next one tries again."""

        def sweep() -> None:
            from .services.sla import escalate_breaches

            escalate_breaches(self.uow(), self.actor)

        self._in_background(sweep, lambda _none: None, group="sla-sweep")

    def _offer_drafts(self) -> None:
        """Edits a dropped session left unsaved are offered back: said once, at start."""
        self._in_background(self.session.drafts.all, self._say_drafts, group="drafts")

    def _say_drafts(self, drafts: list[Draft]) -> None:
        if drafts:
            cases = ", ".join(f"{d.case_number} ({formats.short_when(d.saved_at)})" for d in drafts)
            text = _(
                "Unsaved edits were kept from an earlier session: {cases}. Open the case and press e."
            ).format(cases=cases)
            self.notify(text, timeout=15, markup=False)

    class DeskChanged(Message):
        """Someone (another operator, another terminal, this one) wrote to the desk."""

    def _look_for_changes(self) -> None:
        watch = self._watch
        if watch is None:
            return

        def look() -> bool:
            try:
                return watch.changed()
            except WatchFailed as error:  # expected while a server restarts: the next look
                self.log.warning(f"desk watch: {error!r}")  # tries again, no traceback
                return False

        # Every look answers (not exclusive): a look that found a change must not be
        # dropped because a slow server made the next look start before it ended.
        self._in_background(look, self._changed, group="desk-watch", exclusive=False)

    def _changed(self, changed: bool) -> None:
        if changed:
            self.post_message(self.DeskChanged())

    def on_desk_app_desk_changed(self, _message: DeskChanged) -> None:
        """What is on screen is read again; screens underneath read again when shown."""
        if not self.screen_stack:  # the app is closing
            return
        self.refresh_timer()
        self.refresh_unread()
        desk_changed = getattr(self.screen, "desk_changed", None)
        if callable(desk_changed):
            desk_changed()

    def refresh_timer(self) -> None:
        """Read the running timer again (after a start or stop, or from another terminal);
        should the read fail, the bar keeps the last view."""

        def read() -> TimerView | None:
            from .services.timers import current_timer

            return current_timer(self.uow(), self.actor)

        self._in_background(read, self._show_timer, group="timer")

    def _show_timer(self, view: TimerView | None) -> None:
        from .widgets.timer_bar import TimerBar  # loaded already: the list shows one

        self.timer = view
        for screen in self.screen_stack:
            for bar in screen.query(TimerBar):
                bar.tick()

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

    def action_board(self) -> None:
        """B, from anywhere: the queue board of the supervisor's areas (an admin's: all)."""
        from .screens.queue_board import QueueBoardScreen

        if not self.may_open("board"):
            self.notify(_("The queue board is for supervisors and admins."), markup=False)
        elif not isinstance(self.screen, QueueBoardScreen):
            self.push_screen(QueueBoardScreen())

    def action_contracts(self) -> None:
        """C, from anywhere: every contract's balance and ledger."""
        from .screens.contracts import ContractsScreen

        if not isinstance(self.screen, ContractsScreen):
            self.push_screen(ContractsScreen())

    def action_reports(self) -> None:
        """R, from anywhere: the reports of the supervisor's areas (an admin's: all)."""
        from .screens.reports import ReportsScreen

        if not self.may_open("reports"):
            self.notify(_("Reports are for supervisors and admins."), markup=False)
        elif not isinstance(self.screen, ReportsScreen):
            self.push_screen(ReportsScreen())

    def action_sla_targets(self) -> None:
        """S, from anywhere: the SLA targets per priority (admins change them)."""
        from .screens.dialogs.sla_targets import SlaTargetsDialog

        if not self.may_open("sla_targets"):
            self.notify(_("The SLA targets are the desk staff's."), markup=False)
        elif not isinstance(self.screen, SlaTargetsDialog):
            self.push_screen(SlaTargetsDialog())

    # -- the inbox (issue 9) ---------------------------------------------------------

    class UnreadChanged(Message):
        """The unread count, and for a client the survey offer still waiting (if any)."""

        def __init__(self, count: int, offer: SurveyOffer | None) -> None:
            self.count = count
            self.offer = offer
            super().__init__()

    def refresh_unread(self) -> None:
        """Count the unread notifications again (one indexed COUNT) after any change;
        should the count fail, the badges keep the last one."""

        def count() -> tuple[int, SurveyOffer | None]:
            from .services.notifications import unread_count
            from .services.surveys import pending_offer

            unread = unread_count(self.read_uow(), self.actor)
            surveyed = may_ever(self.actor, Action.ANSWER_SURVEY)  # a client's finished cases
            offer = pending_offer(self.read_uow(), self.actor) if surveyed else None
            return unread, offer

        self._in_background(count, self._counted, group="inbox-count")

    def _counted(self, answer: tuple[int, SurveyOffer | None]) -> None:
        self.post_message(self.UnreadChanged(*answer))

    def on_desk_app_unread_changed(self, message: UnreadChanged) -> None:
        from .widgets.inbox_badge import InboxBadge, unread_text

        self.unread = message.count
        who = _("{login} ({role})").format(
            login=self.actor.login, role=words.label(self.actor.role)
        )
        self.sub_title = f"{who} · {unread_text(self.unread)}" if self.unread else who
        for screen in self.screen_stack:
            for badge in screen.query(InboxBadge):
                badge.show_count(self.unread)
        offer = message.offer
        if offer is not None and offer.notification_id is not None:
            self._offer_survey(offer.notification_id, offer.case_id, offer.number, offer.title,
                               offer.questions)  # fmt: skip

    def _offer_survey(
        self, notification_id: int, case_id: int, number: str, title: str, questions: tuple = ()
    ) -> None:
        """A client's finished case: its survey pops up once; closing it unanswered marks
        the offer read (the case's `y` key still answers it)."""
        from textual.screen import ModalScreen

        if notification_id in self._surveys_offered or isinstance(self.screen, ModalScreen):
            return  # offered already, or the operator is busy in a dialog: next change
        wait = self.keys_quiet_in()
        if wait > 0:  # keys being typed are for the screen underneath: offer it once quiet
            self.set_timer(
                wait, lambda: self._offer_survey(notification_id, case_id, number, title, questions)
            )
            return
        self._surveys_offered.add(notification_id)
        from .screens.dialogs.survey import SurveyDialog

        def closed(answered: bool | None) -> None:
            if not answered:
                self._dismiss_offer(notification_id)
            else:
                self.refresh_unread()

        self.push_screen(SurveyDialog(case_id, number, title, questions), closed)

    def _dismiss_offer(self, notification_id: int) -> None:
        """The survey offer closed unanswered is marked read (it pops again next session
        should that fail: no harm); the count is read again either way."""

        def mark() -> None:
            from .services.notifications import mark_read

            mark_read(self.uow(), self.actor, [notification_id])

        def failed(text: str) -> None:
            self.log.warning(f"inbox-mark: {text}")
            self.refresh_unread()

        self.call_service(
            mark, lambda _none: self.refresh_unread(), failed=failed, group="inbox-mark"
        )

    def _badge(self, screen: object, tries: int = 20) -> None:
        """Every full screen carries the unread badge at the end of its title line (added
        once the screen is mounted: the signal comes as it is pushed)."""
        from textual.screen import ModalScreen, Screen

        from .widgets.inbox_badge import InboxBadge

        if not isinstance(screen, Screen) or isinstance(screen, ModalScreen):
            return
        if not screen.is_mounted:
            if tries:
                self.call_after_refresh(self._badge, screen, tries - 1)
            return
        if not screen.query(InboxBadge):
            screen.mount(InboxBadge())

    def action_inbox(self) -> None:
        """I, from anywhere: the operator's notifications."""
        from .screens.inbox import InboxScreen

        if not isinstance(self.screen, InboxScreen):
            self.push_screen(InboxScreen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "hide_keys":
            return self._keys_shown()
        if action in OPENED_BY_ROLE and not self.may_open(action):
            return False  # not offered in the keys panel or the palette, and the key does nothing
        return super().check_action(action, parameters)

    def may_open(self, action: str) -> bool:
        """Whether the operator's role may open the screen of ``action`` (its key and its
        palette command are offered only then; the actions refuse the others as well)."""
        permission = OPENED_BY_ROLE.get(action)
        return permission is None or may_ever(self.actor, permission)

    def _keys_shown(self) -> bool:
        return bool(self.screen_stack) and bool(self.screen.query("HelpPanel"))

    def action_hide_keys(self) -> None:
        """Escape with the keys panel open closes the panel, nothing else."""
        self.action_hide_help_panel()

    def action_toggle_keys(self) -> None:
        """`?` shows the keys of the current screen beside it, and hides them again."""
        if list(self.screen.query("HelpPanel")):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def on_unmount(self) -> None:
        if self._watch is not None:
            self._watch.close()

    def on_mount(self) -> None:
        from .screens.case_list import CaseListScreen

        self.screen_change_signal.subscribe(self, self._badge)  # issue 9: unread badge
        self.push_screen(CaseListScreen())
