"""The case (Caso / Ticket): the entity and what may happen to it.

How each field is read and checked is domain/case_fields.py (``FIELDS``); who may
open, work or retitle a case is domain/case_checks.py. Both are re-exported here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NoReturn

from . import quotes
from .case_checks import (
    check_assignee,
    check_open_fields,
    check_works_in_area,
    retitle_needs_asking,
)
from .case_fields import FIELDS, FieldSpec, check_bounds
from .durations import whole_minutes
from .enums import (
    Complexity,
    Importance,
    LogKind,
    Origin,
    PaymentStatus,
    Priority,
    QuoteStatus,
    Stage,
    Status,
)
from .errors import (
    CaseClosed,
    Gathered,
    TransitionRefused,
    ValidationError,
)
from .lifecycle import allowed_targets, is_reopen, rule_for, targets_for
from .limits import DEFAULT_LIMITS, Limits
from .log import LogEntry
from .marks import N_, AnyOf, code
from .people import User
from .permissions import Action, require
from .quotes import Quote
from .values import (
    case_number,
    clean_text,
)


@dataclass
class Case:
    # General (seed 001 "Generales", seed 000 "Información del Caso")
    title: str
    client_id: int
    category_id: int
    area_id: int
    description: str
    reporter_id: int | None
    created_at: datetime
    id: int | None = None
    contact_id: int | None = None
    coordinator_id: int | None = None
    assignee_id: int | None = None
    group: str = ""
    product: str = ""
    case_class: str = ""
    service_id: int | None = None
    """The service (No inventariable) the case is about (domain/catalogue.py)."""
    support_type: str = ""
    priority: Priority = Priority.MEDIUM
    importance: Importance = Importance.MEDIUM
    status: Status = Status.NEW
    stage: Stage = Stage.BLANK
    progress: int = 0
    internal: bool = False
    origin: Origin = Origin.BLANK
    planned_start: date | None = None
    planned_close: date | None = None
    solution: str = ""
    updated_at: datetime | None = None
    # Others (seed 001 "Otros")
    estimate_minutes: int | None = None
    complexity: Complexity = Complexity.MEDIUM
    level: int = 0
    billable: bool = False
    cost_per_hour: Decimal = Decimal(0)
    owner_id: int | None = None
    reviewer_id: int | None = None
    contract_id: int | None = None
    project_id: int | None = None
    """The project (Proyecto) the case belongs to."""
    sale_order: str = ""
    chat_channel: str = ""
    quote: Quote = field(default_factory=Quote)
    # Service-level bookkeeping
    first_response_at: datetime | None = None
    resolved_at: datetime | None = None
    closed_minutes: int = 0
    """Minutes spent finished before a reopen: they do not count against the SLA."""
    escalated_response_at: datetime | None = None
    escalated_resolution_at: datetime | None = None
    version: int = 1
    pending_log: list[LogEntry] = field(default_factory=list, compare=False, repr=False)
    """Log lines produced since the case was loaded; the store appends them."""

    def __post_init__(self) -> None:
        self.updated_at = self.updated_at or self.created_at
        for name, value in list(self.__dict__.items()):
            if name in FIELDS:
                setattr(self, name, FIELDS[name].parse(value))
        _check_dates(self.planned_start, self.planned_close)

    # -- identity --------------------------------------------------------
    @property
    def number(self) -> str:
        return case_number(self.id) if self.id is not None else "the new case"

    @property
    def needs_quote(self) -> bool:
        """Who pays: billable work without a contract is paid on an approved quote."""
        return self.billable and self.contract_id is None

    @property
    def awaits_quote(self) -> bool:
        """No billable work yet: it is to be paid on a quote that is not approved (work
        does not start, billable time is not logged)."""
        return self.needs_quote and not self.quote.approved

    # -- guards shared by every change ------------------------------------
    def ensure_changeable(self) -> None:
        """A cancelled case is a historical record: nothing about it changes."""
        if self.status is Status.CANCELLED:
            raise CaseClosed(
                "case.cancelled",
                "{case} is cancelled: a cancelled case is closed for good",
                case=self.number,
            )

    def ensure_open_for_time(self) -> None:
        self.ensure_changeable()
        if self.status is Status.FINISHED:
            raise CaseClosed(
                "case.finished_time",
                "{case} is finished: reopen it before changing its time entries",
                case=self.number,
            )

    def record(self, actor: User, at: datetime, kind: LogKind, **details: Any) -> None:
        """Add a line to the case's log; the store appends it when the case is saved."""
        self.pending_log.append(
            LogEntry(case_id=self.id, at=at, actor_id=actor.id, kind=kind, **details)
        )
        self.updated_at = at

    # -- editing -----------------------------------------------------------
    def edit(
        self,
        actor: User,
        changes: Mapping[str, object],
        at: datetime,
        limits: Limits = DEFAULT_LIMITS,
    ) -> list[str]:
        """Apply field changes after checking each field's permission; log each change.

        Returns the names of the fields that really changed. Either every
        change is valid and applied, or none is. A title or description that
        changes must fit the desk's ``limits``; one left as it was is not
        measured again (an admin lowering a limit does not lock old cases).
        """
        self.ensure_changeable()
        parsed: dict[str, object] = {}
        # Every field is checked and every refusal told at once (a form sending ten
        # fields learns all that is wrong in one save, not one refusal per save).
        refused = Gathered()
        for name, raw in changes.items():
            spec = FIELDS.get(name)
            if spec is None or not spec.editable:
                refused.refusals.append(
                    ValidationError(
                        "field.unknown",
                        "{field!r} is not a field that can be edited (editable: {fields})",
                        field=name,
                        fields=", ".join(n for n, s in FIELDS.items() if s.editable),
                    )
                )
                continue
            with refused.checking(name):
                require(actor, spec.permission, self)
                if name in ("title", "description") and _changes(getattr(self, name), raw):
                    limits.check_case({name: raw})
                value = spec.parse(raw)
                check_bounds({name: value})
                parsed[name] = value
        if not {"planned_start", "planned_close"} & {e.field for e in refused.refusals}:
            with refused.checking("planned_close"):  # only between dates that were read
                _check_dates(
                    _planned(parsed, "planned_start", self.planned_start),
                    _planned(parsed, "planned_close", self.planned_close),
                )
        refused.raise_them()
        changed = []
        for name, value in parsed.items():
            old = getattr(self, name)
            if old == value:
                continue
            setattr(self, name, value)
            changed.append(name)
            self.record(actor, at, LogKind.FIELD, field=name, old=_text(old), new=_text(value))
        return changed

    # -- lifecycle -----------------------------------------------------------
    def move(
        self,
        actor: User,
        target: Status | str,
        at: datetime,
        *,
        note: str = "",
        solution: str | None = None,
        assignee: User | None = None,
    ) -> None:
        """Take one transition of the lifecycle table, or refuse with the reason."""
        try:
            target = Status(target)
        except ValueError:
            raise TransitionRefused(
                "transition.unknown_status",
                "{target!r} is not a status; from {current} {case} can go to {allowed}",
                target=target,
                current=code(self.status),
                case=self.number,
                allowed=AnyOf(code(t) for t in targets_for(actor, self)) or N_("nowhere"),
            ) from None
        note = clean_text(note, N_("note"))
        if self.status is Status.CANCELLED:
            raise TransitionRefused(
                "transition.cancelled",
                "Cannot move {case} from cancelled: a cancelled case is closed for good",
                case=self.number,
            )
        rule = rule_for(self.status, target)
        if rule is None:
            self._refuse_outside_table(actor, target)
        require(actor, rule.action, self)
        if rule.assignee_required:
            self._check_assignee(target, assignee)
        elif assignee is not None:
            raise TransitionRefused(
                "transition.assignee_not_here",
                "Moving {case} from {current} to {target} does not change its assignee; assign it instead",
                case=self.number,
                current=code(self.status),
                target=code(target),
            )
        if rule.note_required and not note:
            raise TransitionRefused(
                "transition.note_required",
                "Moving {case} from {current} to {target} needs a note explaining why",
                case=self.number,
                current=code(self.status),
                target=code(target),
            )
        if rule.approved_quote_required and self.awaits_quote:
            raise TransitionRefused(
                "transition.quote_required",
                "Cannot start work on {case}: it is billable without a contract, so its quote "
                "must be approved first (the quote is {quote})",
                case=self.number,
                quote=code(self.quote.status),
            )
        if rule.solution_required:
            text = clean_text(solution if solution is not None else self.solution, N_("solution"))
            if not text:
                raise TransitionRefused(
                    "transition.solution_required",
                    "Cannot finish {case} without a solution: say what solved it",
                    case=self.number,
                )
            if text != self.solution:
                self.record(actor, at, LogKind.FIELD, field="solution", old=self.solution, new=text)
                self.solution = text
        previous = self.status
        if is_reopen(previous, target) and self.resolved_at is not None:
            self.closed_minutes += max(0, whole_minutes(at - self.resolved_at))
            self.resolved_at = None
        if target is Status.FINISHED:
            self.resolved_at = at
        details: dict[str, Any] = {}
        kind = LogKind.TRANSITION
        if assignee is not None:
            details = {
                "field": "assignee_id",
                "old": _text(self.assignee_id),
                "new": _text(assignee.id),
            }
            self.assignee_id = assignee.id
            self.first_response_at = self.first_response_at or at
        self.status = target
        self.record(actor, at, kind, from_status=previous, to_status=target, note=note, **details)

    def _refuse_outside_table(self, actor: User, target: Status) -> NoReturn:
        """Refuse a move the table does not have, naming only the moves ``actor`` may make."""
        table = allowed_targets(self.status)
        yours = targets_for(actor, self)
        params = {"case": self.number, "current": code(self.status), "target": code(target)}
        if yours == table:
            raise TransitionRefused(
                "transition.not_allowed",
                "Cannot move {case} from {current} to {target}: from {current} it can go to {allowed}",
                allowed=AnyOf(code(t) for t in table) or N_("nowhere"),
                **params,
            )
        if yours:
            raise TransitionRefused(
                "transition.not_allowed",
                "Cannot move {case} from {current} to {target}: from {current} {login} may move "
                "it to {allowed}",
                login=actor.login,
                allowed=AnyOf(code(t) for t in yours),
                **params,
            )
        raise TransitionRefused(
            "transition.not_allowed",
            "Cannot move {case} from {current} to {target}: from {current} {login} ({role}) "
            "may not move it at all",
            login=actor.login,
            role=code(actor.role),
            **params,
        )

    def _check_assignee(self, target: Status, assignee: User | None) -> None:
        if assignee is None:
            raise TransitionRefused(
                "transition.assignee_required",
                "Cannot move {case} to {target} without an assignee: assign it to someone",
                case=self.number,
                target=code(target),
            )
        check_assignee(self, assignee)
        if assignee.id == self.assignee_id:
            raise TransitionRefused(
                "transition.same_assignee",
                "{case} is already assigned to {login}",
                case=self.number,
                login=assignee.login,
            )

    def assign(self, actor: User, assignee: User, at: datetime, note: str = "") -> None:
        """Give the case to ``assignee``: new → assigned, re-assign, or a hand-over mid-work.

        A case being worked (in progress or on hold) may change hands without
        changing status: the table's re-assign row generalised, as seed 004's
        supervisor "tendrá las mismas facultades" there.
        """
        self.ensure_changeable()
        if self.status in (Status.NEW, Status.ASSIGNED):
            self.move(actor, Status.ASSIGNED, at, note=note, assignee=assignee)
            return
        require(actor, Action.ASSIGN_CASE, self)
        if self.status is Status.FINISHED:
            raise TransitionRefused(
                "assign.finished",
                "{case} is finished: reopen it before handing it to someone else",
                case=self.number,
            )
        self._check_assignee(self.status, assignee)
        old = self.assignee_id
        self.assignee_id = assignee.id
        self.record(
            actor,
            at,
            LogKind.ASSIGNMENT,
            field="assignee_id",
            old=_text(old),
            new=_text(assignee.id),
            note=clean_text(note, N_("note")),
        )

    # -- responses and quotes -------------------------------------------------
    def record_response(self, at: datetime) -> None:
        """First response (SLA) = first public comment by staff, or the assignment."""
        self.first_response_at = self.first_response_at or at

    def issue_quote(
        self,
        actor: User,
        at: datetime,
        *,
        price: object,
        currency: str,
        minutes: int,
        message: str = "",
    ) -> None:
        self.ensure_changeable()
        require(actor, Action.ISSUE_QUOTE, self)
        if self.status is Status.FINISHED:
            raise ValidationError(
                "quote.finished",
                "{case} is finished: there is no work left to quote",
                case=self.number,
            )
        self.quote = quotes.issue(
            self.quote, price=price, currency=currency, minutes=minutes, message=message
        )
        self.record(
            actor,
            at,
            LogKind.QUOTE,
            field="quote",
            new=f"quoted {self.quote.price} {self.quote.currency} for {minutes} min",
            note=self.quote.message,
        )

    def decide_quote(self, actor: User, at: datetime, *, approve: bool, note: str = "") -> None:
        self.ensure_changeable()
        require(actor, Action.DECIDE_QUOTE, self)
        self.quote = quotes.decide(self.quote, approve=approve, by=actor.id, at=at)
        self.record(
            actor,
            at,
            LogKind.QUOTE,
            field="quote",
            old=QuoteStatus.QUOTED.value,
            new=self.quote.status.value,
            note=clean_text(note, N_("note")),
        )

    def set_payment(self, actor: User, at: datetime, payment: PaymentStatus) -> None:
        self.ensure_changeable()
        require(actor, Action.SET_PAYMENT, self)
        old = self.quote.payment
        self.quote = quotes.set_payment(self.quote, payment)
        self.record(
            actor, at, LogKind.QUOTE, field="payment", old=old.value, new=self.quote.payment.value
        )


def _planned(parsed: Mapping[str, object], name: str, current: date | None) -> date | None:
    """A planned date as an edit leaves it: the one it sends, or the case's own."""
    value = parsed.get(name, current)
    assert value is None or isinstance(value, date)  # FIELDS read it as a day or nothing
    return value


def _check_dates(start: date | None, close: date | None) -> None:
    if start is not None and close is not None and close < start:
        raise ValidationError(
            "case.dates",
            "The planned close date {close} is before the planned start date {start}",
            close=close.isoformat(),
            start=start.isoformat(),
        )


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(getattr(value, "value", value))


def _changes(old: object, raw: object) -> bool:
    return str(raw or "").strip() != old


CASE_FIELD_NAMES = tuple(f.name for f in fields(Case))

__all__ = [
    "CASE_FIELD_NAMES",
    "FIELDS",
    "Case",
    "FieldSpec",
    "check_assignee",
    "check_bounds",
    "check_open_fields",
    "check_works_in_area",
    "retitle_needs_asking",
]
