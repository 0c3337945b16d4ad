"""The case (Caso / Ticket): its fields, their validation, and what may happen to it."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, NoReturn

from . import quotes
from .durations import format_minutes
from .enums import (
    Complexity,
    Importance,
    LogKind,
    Origin,
    PaymentStatus,
    Priority,
    QuoteStatus,
    Role,
    Stage,
    Status,
)
from .errors import (
    CaseClosed,
    Gathered,
    PermissionDenied,
    TransitionRefused,
    ValidationError,
    concerning,
)
from .lifecycle import allowed_targets, is_reopen, rule_for, targets_for
from .limits import CEILINGS, DEFAULT_LIMITS, Limits
from .log import LogEntry
from .people import User
from .permissions import Action, require
from .quotes import Quote
from .values import (
    INT_MAX,
    MONEY_MAX,
    MONEY_PLACES,
    WORK_MINUTES_MAX,
    case_number,
    check_amount,
    clean_text,
    parse_decimal,
    require_in_calendar,
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
    service: str = ""
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
    project: str = ""
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
                    parsed.get("planned_start", self.planned_start),  # type: ignore[arg-type]
                    parsed.get("planned_close", self.planned_close),  # type: ignore[arg-type]
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
        target: Status,
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
                current=self.status.value,
                case=self.number,
                allowed=" or ".join(t.value for t in targets_for(actor, self)) or "nowhere",
            ) from None
        note = clean_text(note, "note")
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
                current=self.status.value,
                target=target.value,
            )
        if rule.note_required and not note:
            raise TransitionRefused(
                "transition.note_required",
                "Moving {case} from {current} to {target} needs a note explaining why",
                case=self.number,
                current=self.status.value,
                target=target.value,
            )
        if rule.approved_quote_required and self.needs_quote and not self.quote.approved:
            raise TransitionRefused(
                "transition.quote_required",
                "Cannot start work on {case}: it is billable without a contract, so its quote "
                "must be approved first (the quote is {quote})",
                case=self.number,
                quote=self.quote.status.value,
            )
        if rule.solution_required:
            text = clean_text(solution if solution is not None else self.solution, "solution")
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
            self.closed_minutes += max(0, int((at - self.resolved_at).total_seconds() // 60))
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
        params = {"case": self.number, "current": self.status.value, "target": target.value}
        if yours == table:
            raise TransitionRefused(
                "transition.not_allowed",
                "Cannot move {case} from {current} to {target}: from {current} it can go to {allowed}",
                allowed=" or ".join(t.value for t in table) or "nowhere",
                **params,
            )
        if yours:
            raise TransitionRefused(
                "transition.not_allowed",
                "Cannot move {case} from {current} to {target}: from {current} {login} may move "
                "it to {allowed}",
                login=actor.login,
                allowed=" or ".join(t.value for t in yours),
                **params,
            )
        raise TransitionRefused(
            "transition.not_allowed",
            "Cannot move {case} from {current} to {target}: from {current} {login} ({role}) "
            "may not move it at all",
            login=actor.login,
            role=actor.role.value,
            **params,
        )

    def _check_assignee(self, target: Status, assignee: User | None) -> None:
        if assignee is None:
            raise TransitionRefused(
                "transition.assignee_required",
                "Cannot move {case} to {target} without an assignee: assign it to someone",
                case=self.number,
                target=target.value,
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
            note=clean_text(note, "note"),
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
            note=clean_text(note, "note"),
        )

    def set_payment(self, actor: User, at: datetime, payment: PaymentStatus) -> None:
        self.ensure_changeable()
        require(actor, Action.SET_PAYMENT, self)
        old = self.quote.payment
        self.quote = quotes.set_payment(self.quote, payment)
        self.record(
            actor, at, LogKind.QUOTE, field="payment", old=old.value, new=self.quote.payment.value
        )


CLIENT_OPEN_FIELDS = frozenset(
    {
        "title",
        "description",
        "client_id",
        "category_id",
        "area_id",
        "contact_id",
        "priority",
        "contract_id",
    }
)
"""What a client sets when opening a case (seed 003's form); the rest is the desk's to decide."""


def check_open_fields(actor: User, names: set[str]) -> None:
    """Clients describe their problem; billing, planning and staffing fields are for staff."""
    if actor.role is Role.CLIENT and (extra := names - CLIENT_OPEN_FIELDS):
        raise PermissionDenied(
            "case.client_fields",
            "Clients cannot set {fields} when opening a case; the desk sets them",
            fields=", ".join(
                sorted(FIELDS[n].label for n in extra if n in FIELDS) or sorted(extra)
            ),
        )


def check_assignee(case: Case, assignee: User) -> None:
    """An assignee is active staff of the case's area (admins may take any case)."""
    check_works_in_area(case, assignee, "be assigned")


def check_works_in_area(case: Case, person: User, what: str) -> None:
    """Work on a case (assignment, time, events) is done by active staff of its area, or admins."""
    if not person.active or not person.is_staff:
        raise ValidationError(
            "assignee.not_staff",
            "{login} cannot {what} {case}: only active agents, supervisors or admins work cases",
            login=person.login,
            what=what,
            case=case.number,
        )
    if person.role is not Role.ADMIN and case.area_id not in person.area_ids:
        raise ValidationError(
            "assignee.other_area",
            "{login} cannot {what} {case}: they are not in the case's area",
            login=person.login,
            what=what,
            case=case.number,
        )


def _check_dates(start: date | None, close: date | None) -> None:
    if start is not None and close is not None and close < start:
        raise ValidationError(
            "case.dates",
            "The planned close date {close} is before the planned start date {start}",
            close=close.isoformat(),
            start=start.isoformat(),
        )


SHORT_TITLE = 2
"""Characters: a title this short over a real one is more often a slip than a choice."""


def retitle_needs_asking(old: str, new: str) -> bool:
    """Whether replacing the title ``old`` with ``new`` needs the operator's confirmation.

    A title of one or two characters replacing a non-empty one is asked about, not
    refused ("QA" may be meant): one letter typed over a selected title once replaced
    "Pegado largo" with "W" (issue 18). The rule lives here; a form only asks.
    """
    old, new = old.strip(), new.strip()
    return bool(old) and 0 < len(new) <= SHORT_TITLE and new != old


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


# -- field specifications -------------------------------------------------------


@dataclass(frozen=True)
class FieldSpec:
    label: str
    parse: Callable[[Any], Any]
    permission: Action = Action.EDIT_CASE
    editable: bool = True
    bound: Callable[[Any], object] | None = None
    """What a person may send now, on the parsed value (money, quantities): checked where
    values are sent (an edit, a new case, an import: :func:`check_bounds`), not when a
    case loads, so a figure stored past it by an older version still loads and shows."""


def check_bounds(values: Mapping[str, object]) -> None:
    """Refuse, with the field named, a parsed value past what a person may send."""
    for name, value in values.items():
        spec = FIELDS.get(name)
        if spec is not None and spec.bound is not None and value is not None:
            with concerning(name):
                spec.bound(value)


def _minutes_at_most(label: str, most: int) -> Callable[[Any], object]:
    def bound(minutes: int) -> None:
        if minutes > most:
            raise ValidationError(
                "field.too_long",
                "The {label} can be at most {most}, not {value}",
                label=label,
                most=format_minutes(most),
                value=format_minutes(minutes),
            )

    return bound


def _text_field(
    label: str, *, required: bool = False, max_len: int = 100_000, max_bytes: int | None = None
) -> Callable[[Any], str]:
    return lambda v: clean_text(v, label, required=required, max_len=max_len, max_bytes=max_bytes)


def _enum(enum: type[Enum], label: str) -> Callable[[Any], Any]:
    def parse(value: Any) -> Any:
        if value is None:
            value = ""
        try:
            return enum(value.value if hasattr(value, "value") else str(value).strip().lower())
        except ValueError:
            choices = ", ".join(repr(m.value) if not m.value else m.value for m in enum)
            raise ValidationError(
                "field.choice",
                "{value!r} is not a valid {label}: choose one of {choices}",
                value=value,
                label=label,
                choices=choices,
            ) from None

    return parse


def _int_in(label: str, low: int, high: int | None) -> Callable[[Any], int]:
    top = INT_MAX if high is None else high  # never more than a desk can store

    def parse(value: Any) -> int:
        if isinstance(value, bool):
            raise ValidationError(
                "field.integer",
                "The {label} {value!r} is not a whole number",
                label=label,
                value=value,
            )
        try:
            number = int(str(value).strip()) if not isinstance(value, int) else value
        except ValueError:
            raise ValidationError(
                "field.integer",
                "The {label} {value!r} is not a whole number",
                label=label,
                value=value,
            ) from None
        if number < low or number > top:
            bound = f"{low} or more" if high is None and number < low else f"from {low} to {top}"
            raise ValidationError(
                "field.range",
                "The {label} must be {bound}, not {value}",
                label=label,
                bound=bound,
                value=number,
            )
        return number

    return parse


def _optional_int(label: str) -> Callable[[Any], int | None]:
    inner = _int_in(label, 0, None)
    return lambda v: None if v is None or v == "" else inner(v)


def _bool(label: str) -> Callable[[Any], bool]:
    def parse(value: Any) -> bool:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("1", "yes", "true", "y", "on", "si", "sí"):
            return True
        if text in ("0", "no", "false", "n", "off", ""):
            return False
        raise ValidationError(
            "field.bool", "The {label} must be yes or no, not {value!r}", label=label, value=value
        )

    return parse


def _in_calendar(label: str) -> Callable[[Any], object]:
    """A planned day a person sends lies in the desk's calendar, as every other day they
    type (9999-12-31 and 0001-01-01 were accepted here only)."""

    def bound(day: date) -> None:
        require_in_calendar(day, label)

    return bound


def _date(label: str) -> Callable[[Any], date | None]:
    def parse(value: Any) -> date | None:
        if value is None or value == "":
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = str(value).strip()
        try:
            if not _ISO_DATE.match(text):
                raise ValueError(text)
            return date.fromisoformat(text)
        except ValueError:
            raise ValidationError(
                "field.date",
                "The {label} {value!r} is not a date: write YYYY-MM-DD",
                label=label,
                value=value,
            ) from None

    return parse


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

P = Action.UPDATE_PROGRESS
FIELDS: dict[str, FieldSpec] = {
    # Title and description: the entity refuses past the ceilings; what the desk accepts
    # now (the admin's ``Limits``) is checked where people send them (``edit``, opening).
    "title": FieldSpec("title", _text_field("title", required=True, max_len=CEILINGS.title_chars)),
    "description": FieldSpec(
        "description",
        _text_field(
            "description",
            required=True,
            max_len=CEILINGS.description_bytes,
            max_bytes=CEILINGS.description_bytes,
        ),
    ),
    "client_id": FieldSpec("client", _int_in("client", 1, None)),
    "category_id": FieldSpec("category", _int_in("category", 1, None)),
    "area_id": FieldSpec("area", _int_in("area", 1, None)),
    "contact_id": FieldSpec("contact", _optional_int("contact")),
    "coordinator_id": FieldSpec("coordinator", _optional_int("coordinator")),
    "owner_id": FieldSpec("owner", _optional_int("owner")),
    "reviewer_id": FieldSpec("reviewer", _optional_int("reviewer")),
    "contract_id": FieldSpec("contract", _optional_int("contract")),
    "group": FieldSpec("group", _text_field("group", max_len=120)),
    "product": FieldSpec("product", _text_field("product", max_len=120), P),
    "case_class": FieldSpec("class", _text_field("class", max_len=120), P),
    "service": FieldSpec("service", _text_field("service", max_len=120), P),
    "support_type": FieldSpec("support type", _text_field("support type", max_len=120), P),
    "priority": FieldSpec("priority", _enum(Priority, "priority")),
    "importance": FieldSpec("importance", _enum(Importance, "importance")),
    "stage": FieldSpec("stage", _enum(Stage, "stage"), P),
    "progress": FieldSpec("progress", _int_in("progress", 0, 100), P),
    "internal": FieldSpec("internal-case flag", _bool("internal-case flag")),
    "origin": FieldSpec("origin", _enum(Origin, "origin")),
    "planned_start": FieldSpec(
        "planned start date",
        _date("planned start date"),
        bound=_in_calendar("planned start date"),
    ),
    "planned_close": FieldSpec(
        "planned close date",
        _date("planned close date"),
        bound=_in_calendar("planned close date"),
    ),
    "solution": FieldSpec("solution", _text_field("solution"), P),
    "estimate_minutes": FieldSpec(
        "estimate",
        _optional_int("estimate"),
        P,
        bound=_minutes_at_most("estimate", WORK_MINUTES_MAX),
    ),
    "complexity": FieldSpec("complexity", _enum(Complexity, "complexity"), P),
    "level": FieldSpec("level", _int_in("level", 0, 1000)),
    "billable": FieldSpec("billable flag", _bool("billable flag")),
    "cost_per_hour": FieldSpec(
        "cost per hour",
        lambda v: parse_decimal(v, "cost per hour"),
        bound=lambda v: check_amount(v, "cost per hour", most=MONEY_MAX, places=MONEY_PLACES),
    ),
    "project": FieldSpec("project", _text_field("project", max_len=120)),
    "sale_order": FieldSpec("sale order", _text_field("sale order", max_len=120)),
    "chat_channel": FieldSpec("chat channel", _text_field("chat channel", max_len=200), P),
    "status": FieldSpec("status", _enum(Status, "status"), editable=False),
}
"""Every field a case has that a person sets; ``permission`` says who may edit it."""

CASE_FIELD_NAMES = tuple(f.name for f in fields(Case))
