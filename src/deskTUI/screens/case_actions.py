"""The case actions every screen that shows cases offers: s status, a assign, c comment, t time.

A screen mixes this in and says which case is current and what to do after a
change. The data a dialog needs is fetched in a worker; the dialog itself
calls the service; a refusal stays in the dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.screen import ModalScreen

from ..domain.closed_cases import still_takes
from ..domain.durations import format_minutes
from ..domain.enums import Status
from ..domain.lifecycle import MovableCase, may_move_some_case, moves_for
from ..domain.permissions import Action, can, may_ever
from ..i18n import N_, _
from ..safe_text import safe
from .desk_ui import desk_ui
from .loading import ServiceCalls

# The services and dialogs are imported where an action needs them: the case
# list mixes this class in, and its first page must not wait for the ORM.
if TYPE_CHECKING:
    from ..services.timers import TimerView
    from ..session import DeskSession

ACTION_BINDINGS = [
    Binding("s", "change_status", N_("Status"), id="case.status"),
    Binding("a", "assign", N_("Assign"), id="case.assign"),
    Binding("c", "comment", N_("Comment"), id="case.comment"),
    Binding("t", "log_time", N_("Time"), id="case.time"),
    # Not in the footer (no room at 80 columns): the timer bar says "T on the case stops it".
    Binding("T", "toggle_timer", N_("Start / stop the timer"), id="case.timer", show=False),
    Binding("p", "plan", N_("Plan a follow-up"), id="case.plan", show=False),
    # Only a client has surveys to answer: hidden from staff (check_action).
    Binding("y", "survey", N_("Survey"), id="case.survey"),
    # Seed 003's "Estado de pago": for those the policy lets set it (SET_PAYMENT).
    Binding("dollar_sign", "payment", N_("Payment"), id="case.payment", show=False),
]

KEY_PERMISSIONS: dict[str, tuple[Action, ...]] = {
    "assign": (Action.ASSIGN_CASE,),
    "comment": (Action.COMMENT_PUBLIC, Action.COMMENT_INTERNAL),
    "log_time": (Action.LOG_TIME,),
    "toggle_timer": (Action.LOG_TIME,),
    "plan": (Action.SCHEDULE,),
    "survey": (Action.ANSWER_SURVEY,),
    "payment": (Action.SET_PAYMENT,),
}
"""The permissions behind each case key (any one will do); ``change_status`` is judged on
the lifecycle's moves."""


class CaseActions(ServiceCalls):
    """Mixed into a Screen that has a current case (and says what its ``desk`` is)."""

    if TYPE_CHECKING:  # the screen's own property: ``session_of(self.app)``

        @property
        def desk(self) -> DeskSession: ...

    def current_case(self) -> tuple[int, str] | None:
        """The id and number of the case the actions apply to, if any."""
        raise NotImplementedError

    def after_change(self, changed: bool | None) -> None:
        """A dialog closed; ``changed`` says whether it did something."""
        raise NotImplementedError

    key_permissions = KEY_PERMISSIONS
    """A screen adds the permissions behind its own keys."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A key the operator may not use is not offered: the footer and the keys panel
        leave it out, and pressing it does nothing (a client saw s, a and t, and a time
        dialog refused on submit). The policy decides, on the case the screen shows once
        it knows it, on any case before; the services check again on every call."""
        if action == "change_status" or action in self.key_permissions:
            return self._may(action)
        return super().check_action(action, parameters)  # type: ignore[misc]

    def policy_case(self) -> MovableCase | None:
        """The case the keys are judged on, when the screen has it (None: any case)."""
        return None

    def policy_status(self) -> Status | None:
        """The status of the current case when the screen knows only that (None: any)."""
        return None

    def _may(self, action: str) -> bool:
        actor = self.desk.actor
        case = self.policy_case()
        if action == "change_status":
            if case is not None:
                return bool(moves_for(actor, case))
            return may_move_some_case(actor, self.policy_status())
        status = case.status if case is not None else self.policy_status()
        # A cancelled case takes no change, a finished one no time: keys not offered there.
        # T stays: it also stops a timer that ran while someone closed the case, and says
        # what became of its minutes.
        if action == "toggle_timer":
            status = None
        wanted = tuple(
            p for p in self.key_permissions[action] if status is None or still_takes(status, p)
        )
        if case is None:
            return any(may_ever(actor, permission) for permission in wanted)
        return any(can(actor, permission, case) for permission in wanted)

    def plan_day(self) -> date:
        """The day a new follow-up starts on: today, unless the screen shows another."""
        return self.desk.today()

    def show_action_error(self, text: str) -> None:
        """``text`` has been through ``safe`` already; a toast must not parse it as markup."""
        self.app.notify(text, severity="error", markup=False)  # type: ignore[attr-defined]

    def show_refusal(self, text: str) -> None:
        """A case action's refusal. It may quote what a person typed or a customer wrote:
        sanitized here, once, for whichever place the screen shows it in (a toast, the
        editor's title bar)."""
        self.show_action_error(safe(text, one_line=True))

    def _open_dialog(self, dialog: ModalScreen[bool]) -> None:
        self.app.push_screen(dialog, self.after_change)  # type: ignore[attr-defined]

    def _prepare(self, build: Callable[[], ModalScreen[bool]]) -> None:
        """Read what a dialog needs (group case-action: the keys typed meanwhile are for
        the dialog), then open it; a refusal is said instead."""
        self.call_service(build, self._open_dialog, failed=self.show_refusal, group="case-action")

    def action_change_status(self) -> None:
        from ..services.views import move_options
        from .dialogs import StatusDialog

        if (current := self.current_case()) is not None:
            case_id, _number = current
            self._prepare(
                lambda: StatusDialog(
                    case_id, move_options(self.desk.read_uow(), self.desk.actor, case_id)
                )
            )

    def action_assign(self) -> None:
        from ..services.views import assignees_for
        from .dialogs import AssignDialog

        if (current := self.current_case()) is not None:
            case_id, number = current
            self._prepare(
                lambda: AssignDialog(
                    case_id, number, assignees_for(self.desk.read_uow(), self.desk.actor, case_id)
                )
            )

    def action_comment(self) -> None:
        from .dialogs import CommentDialog

        if (current := self.current_case()) is not None:
            case_id, number = current
            if not self.desk.actor.is_staff:  # a client is offered no e-mail: nothing to read
                self.app.push_screen(  # type: ignore[attr-defined]
                    CommentDialog(case_id, number, staff=False), self.after_change
                )
                return

            def build() -> ModalScreen[bool]:
                """Whether the comment can be e-mailed to the case's contact (issue 22)."""
                from ..services.case_mail import comment_mail_reach

                reach = comment_mail_reach(self.desk.read_uow(), self.desk.actor, case_id)
                return CommentDialog(case_id, number, staff=True, reach=reach)

            self._prepare(build)

    def action_log_time(self) -> None:
        from ..services.views import case_detail
        from .dialogs import TimeDialog

        if (current := self.current_case()) is not None:
            case_id, number = current

            def build() -> ModalScreen[bool]:
                billable = case_detail(self.desk.read_uow(), self.desk.actor, case_id).case.billable
                return TimeDialog(case_id, number, billable=billable)

            self._prepare(build)

    def action_toggle_timer(self) -> None:
        """T: start a timer on this case, or stop the one running on it.

        Which one is decided on the timer as the database has it now (another
        terminal may have started or stopped it); a timer running on another case
        is stopped into its entries first (the service does it, and says so).
        """
        if (current := self.current_case()) is not None:
            self._toggle_timer(*current)

    def _toggle_timer(self, case_id: int, number: str) -> None:
        from ..services.timers import current_timer, start_timer

        desk = self.desk

        def toggle() -> tuple[TimerView, str] | str:
            """The timer to stop (and the case its time should go to, when its own case
            closed), or the sentence saying the timer started."""
            running = current_timer(desk.uow(), desk.actor)
            if running is not None and running.number == number:
                return running, ""
            if running is not None and running.closed is not None:
                # Its case was closed under it: its time may go on this case; ask.
                return running, number
            # A refusal: the running timer, if any, keeps running.
            _timer, stopped = start_timer(desk.uow(), desk.actor, case_id, desk.zone)
            text = _("Timer running on {number}.").format(number=number)
            if stopped is not None:
                logged = ", ".join(format_minutes(e.minutes) for e in stopped.entries)
                previous = _("Logged {logged} on {previous}. ")
                text = previous.format(logged=logged, previous=stopped.number) + text
            return text

        self.call_service(
            toggle, self._timer_toggled, failed=self.show_refusal, group="case-action"
        )

    def _timer_toggled(self, outcome: tuple[TimerView, str] | str) -> None:
        if isinstance(outcome, str):
            self.app.notify(safe(outcome, one_line=True), markup=False)  # type: ignore[attr-defined]
            desk_ui(self.app).refresh_timer()  # type: ignore[attr-defined]
        else:
            self._ask_to_stop(*outcome)

    def _ask_to_stop(self, view: TimerView, to: str) -> None:
        """The stop dialog of ``view``; ``to``: the case its time should go to (the one on
        screen), when its own case closed."""
        from .dialogs import StopTimerDialog

        def stopped(changed: bool | None) -> None:
            desk_ui(self.app).refresh_timer()  # type: ignore[attr-defined]
            self.after_change(changed)

        self.app.push_screen(StopTimerDialog(view, to), stopped)  # type: ignore[attr-defined]

    def action_plan(self) -> None:
        """p: a call, meeting, follow-up, visit or task on the current case (seed 000)."""
        from .dialogs import PlanDialog

        if (current := self.current_case()) is not None:
            case_id, number = current
            self.app.push_screen(PlanDialog(case_id, number, self.plan_day()), self.after_change)  # type: ignore[attr-defined]

    def action_survey(self) -> None:
        """y: the survey of the current case, if its client may answer it now; otherwise
        the sentence saying why not (not finished, already answered, not theirs)."""
        from ..services.surveys import survey_to_answer
        from .dialogs import SurveyDialog

        if (current := self.current_case()) is not None:
            case_id, _number = current

            def build() -> ModalScreen[bool]:
                survey = survey_to_answer(self.desk.read_uow(), self.desk.actor, case_id)
                return SurveyDialog(survey.case_id, survey.number, survey.title, survey.questions)

            self._prepare(build)

    def action_payment(self) -> None:
        """$: the payment status of the case's approved quote (seed 003), chosen by its
        word; before the dialog, the domain's sentence when the quote is not approved."""
        from ..domain.quotes import set_payment
        from ..services.views import case_detail
        from .dialogs import PaymentDialog

        if (current := self.current_case()) is not None:
            case_id, _number = current

            def build() -> ModalScreen[bool]:
                case = case_detail(self.desk.read_uow(), self.desk.actor, case_id).case
                set_payment(case.quote, case.quote.payment)  # refuses an unapproved quote
                return PaymentDialog(case_id, case.number, case.quote.payment)

            self._prepare(build)
