"""The closed vocabularies of the desk (DOMAIN.md). Values are the stored codes."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    SUPERVISOR = "supervisor"
    AGENT = "agent"
    CLIENT = "client"

    @property
    def is_staff(self) -> bool:
        return self is not Role.CLIENT


class Status(StrEnum):
    NEW = "new"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    ON_HOLD = "on_hold"
    FINISHED = "finished"
    CANCELLED = "cancelled"

    @property
    def is_open(self) -> bool:
        """Open cases are still being worked: neither finished nor cancelled."""
        return self not in (Status.FINISHED, Status.CANCELLED)


OPEN_STATUSES: frozenset[Status] = frozenset(s for s in Status if s.is_open)

OPEN_STATUS_ORDER: tuple[Status, ...] = tuple(s for s in Status if s.is_open)
"""The open statuses in the lifecycle's order: a stable order for generated SQL."""

CLOSED_STATUS_ORDER: tuple[Status, ...] = tuple(s for s in Status if not s.is_open)


class Priority(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        """Higher is more urgent: critical 3 … low 0. The declaration order is the rule."""
        return list(Priority).index(self)

    @property
    def is_urgent(self) -> bool:
        """High and critical cases: the list shows their priority in the urgent colour."""
        return self.rank >= Priority.HIGH.rank

    @property
    def short(self) -> str:
        """The word the list's narrow column shows, also accepted in a query (``prio:crit``)."""
        return _SHORT_PRIORITY.get(self, self.value)


_SHORT_PRIORITY = {Priority.CRITICAL: "crit", Priority.MEDIUM: "med"}

PRIORITIES_BY_URGENCY: tuple[Priority, ...] = tuple(reversed(Priority))
"""Most urgent first (critical … low): how the board and the reports lay out priorities."""


class Importance(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Complexity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Stage(StrEnum):
    """Etapa (seed 001): where the execution of the case stands."""

    BLANK = ""
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    PENDING_DATA = "pending_data"
    DELAYED = "delayed"
    PLANNED = "planned"
    OTHER_1 = "other_1"
    OTHER_2 = "other_2"
    OTHER_3 = "other_3"


class Origin(StrEnum):
    """Origen (seeds 000 and 001): the channel the request came through."""

    BLANK = ""
    INTERNAL = "internal"
    IDEA = "idea"
    SOCIAL_MEDIA = "social_media"
    MEETING = "meeting"
    EMAIL = "email"
    CALL = "call"
    FAX = "fax"
    CHAT = "chat"
    WEB = "web"
    PHONE = "phone"


class QuoteStatus(StrEnum):
    PENDING = "pending"
    QUOTED = "quoted"
    APPROVED = "approved"
    REJECTED = "rejected"


class PaymentStatus(StrEnum):
    UNPAID = "unpaid"
    PARTIAL = "partial"
    PAID = "paid"


class TrackingUnit(StrEnum):
    HOURS = "hours"
    DAYS = "days"
    INCIDENTS = "incidents"


class ContractStatus(StrEnum):
    ACTIVE = "active"
    INACTIVE = "inactive"


class EventKind(StrEnum):
    CALL = "call"
    MEETING = "meeting"
    FOLLOW_UP = "follow_up"
    VISIT = "visit"
    OTHER = "other"


class EventStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    NOT_HELD = "not_held"


class TaskStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"


class ReviewStatus(StrEnum):
    PENDING = "pending"
    VALID = "valid"
    REJECTED = "rejected"


class Visibility(StrEnum):
    INTERNAL = "internal"
    PUBLIC = "public"


class LogKind(StrEnum):
    """What a line of the case log (bitácora) records."""

    OPENED = "opened"
    TRANSITION = "transition"
    ASSIGNMENT = "assignment"
    FIELD = "field"
    TIME = "time"
    QUOTE = "quote"
    FILE = "file"
    COMMENT = "comment"
    EVENT = "event"
    LEDGER = "ledger"
    ESCALATION = "escalation"
    SURVEY = "survey"
    GRANT = "grant"
    """An admin granted, revoked or reset a right of one person: a line of no case;
    ``field`` the action's code, ``old``/``new`` the decision before and after (``grant``,
    ``revoke``, NULL: the role's), ``note`` the person's login (``login@AREA_ID``)."""
    RECORD = "record"
    """An admin changed a catalogue record (area, category, client, project, service): a
    line of no case (``case_id`` NULL); ``field`` its kind, ``note`` what was done."""
    MAIL = "mail"
    """An admin changed the desk's e-mail settings or routes (issue 22): a line of no case;
    ``field`` what (``settings``, ``route``), ``old``/``new`` before and after (never a
    password: none is stored), ``note`` what was done."""


class SlaTarget(StrEnum):
    FIRST_RESPONSE = "first_response"
    RESOLUTION = "resolution"
