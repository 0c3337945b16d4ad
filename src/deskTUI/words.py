"""The desk's closed vocabularies (domain/enums.py) as people read and type them.

The database, ``--json``, CSV cells and the import/export files keep the codes
(``in_progress``, ``high``); a person reads a word in their language: "in progress" or
"En proceso", "high" or "Alta". :func:`label` gives that word, :func:`short` the
priority's narrow-column word, and :func:`member_of` reads back what a person typed:
the code, the English word or the Spanish one, in any case, accents optional.

Each word is a ``pgettext`` with the enum's name as its context, so the same English
word in two vocabularies ("pending" quote, "pending" file review; "high" priority,
"high" complexity) may take different Spanish words. The tables are built per language
on first use (the language is read at call time, never frozen at import).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from functools import cache
from typing import Protocol, TypeVar

from . import i18n
from .domain.case_fields import CASE_FIELDS
from .domain.contracts import LedgerKind, Level
from .domain.enums import (
    Complexity,
    ContractStatus,
    EventKind,
    EventStatus,
    Importance,
    LogKind,
    Origin,
    PaymentStatus,
    Priority,
    QuoteStatus,
    ReviewStatus,
    Role,
    SlaTarget,
    Stage,
    Status,
    TaskStatus,
    TrackingUnit,
    Visibility,
)
from .domain.marks import Word
from .domain.query_words import fold
from .domain.survey_templates import NO, YES, QuestionKind

E = TypeVar("E", bound=StrEnum)
V = TypeVar("V")


class _Translator(Protocol):
    def pgettext(self, context: str, message: str, /) -> str: ...


def _labels(t: _Translator) -> list[tuple[StrEnum, str]]:
    """Every member's word. English keeps the words the screens showed (the code with
    spaces); the Spanish ones are the seeds' own (Registrado, En proceso, Alta…).

    Pairs, not a dict: members of two vocabularies with one code are equal (a StrEnum is
    its string), so a dict kept one word for both: a rejected quote read "Rechazado",
    the file review's word, instead of "Rechazada"."""
    return [
        (Role.ADMIN, t.pgettext("Role", "admin")),
        (Role.SUPERVISOR, t.pgettext("Role", "supervisor")),
        (Role.AGENT, t.pgettext("Role", "agent")),
        (Role.CLIENT, t.pgettext("Role", "client")),
        (Status.NEW, t.pgettext("Status", "new")),
        (Status.ASSIGNED, t.pgettext("Status", "assigned")),
        (Status.IN_PROGRESS, t.pgettext("Status", "in progress")),
        (Status.ON_HOLD, t.pgettext("Status", "on hold")),
        (Status.FINISHED, t.pgettext("Status", "finished")),
        (Status.CANCELLED, t.pgettext("Status", "cancelled")),
        (Priority.LOW, t.pgettext("Priority", "low")),
        (Priority.MEDIUM, t.pgettext("Priority", "medium")),
        (Priority.HIGH, t.pgettext("Priority", "high")),
        (Priority.CRITICAL, t.pgettext("Priority", "critical")),
        (Importance.LOW, t.pgettext("Importance", "low")),
        (Importance.MEDIUM, t.pgettext("Importance", "medium")),
        (Importance.HIGH, t.pgettext("Importance", "high")),
        (Complexity.LOW, t.pgettext("Complexity", "low")),
        (Complexity.MEDIUM, t.pgettext("Complexity", "medium")),
        (Complexity.HIGH, t.pgettext("Complexity", "high")),
        (Stage.BLANK, t.pgettext("Stage", "—")),
        (Stage.NOT_STARTED, t.pgettext("Stage", "not started")),
        (Stage.IN_PROGRESS, t.pgettext("Stage", "in progress")),
        (Stage.COMPLETED, t.pgettext("Stage", "completed")),
        (Stage.PENDING_DATA, t.pgettext("Stage", "pending data")),
        (Stage.DELAYED, t.pgettext("Stage", "delayed")),
        (Stage.PLANNED, t.pgettext("Stage", "planned")),
        (Stage.OTHER_1, t.pgettext("Stage", "other 1")),
        (Stage.OTHER_2, t.pgettext("Stage", "other 2")),
        (Stage.OTHER_3, t.pgettext("Stage", "other 3")),
        (Origin.BLANK, t.pgettext("Origin", "—")),
        (Origin.INTERNAL, t.pgettext("Origin", "internal")),
        (Origin.IDEA, t.pgettext("Origin", "idea")),
        (Origin.SOCIAL_MEDIA, t.pgettext("Origin", "social media")),
        (Origin.MEETING, t.pgettext("Origin", "meeting")),
        (Origin.EMAIL, t.pgettext("Origin", "email")),
        (Origin.CALL, t.pgettext("Origin", "call")),
        (Origin.FAX, t.pgettext("Origin", "fax")),
        (Origin.CHAT, t.pgettext("Origin", "chat")),
        (Origin.WEB, t.pgettext("Origin", "web")),
        (Origin.PHONE, t.pgettext("Origin", "phone")),
        (QuoteStatus.PENDING, t.pgettext("QuoteStatus", "pending")),
        (QuoteStatus.QUOTED, t.pgettext("QuoteStatus", "quoted")),
        (QuoteStatus.APPROVED, t.pgettext("QuoteStatus", "approved")),
        (QuoteStatus.REJECTED, t.pgettext("QuoteStatus", "rejected")),
        (PaymentStatus.UNPAID, t.pgettext("PaymentStatus", "unpaid")),
        (PaymentStatus.PARTIAL, t.pgettext("PaymentStatus", "partial")),
        (PaymentStatus.PAID, t.pgettext("PaymentStatus", "paid")),
        (QuestionKind.SCALE, t.pgettext("QuestionKind", "scale 1–5")),
        (QuestionKind.YES_NO, t.pgettext("QuestionKind", "yes/no")),
        (QuestionKind.CHOICE, t.pgettext("QuestionKind", "choice")),
        (QuestionKind.TEXT, t.pgettext("QuestionKind", "free text")),
        (TrackingUnit.HOURS, t.pgettext("TrackingUnit", "hours")),
        (TrackingUnit.DAYS, t.pgettext("TrackingUnit", "days")),
        (TrackingUnit.INCIDENTS, t.pgettext("TrackingUnit", "incidents")),
        (ContractStatus.ACTIVE, t.pgettext("ContractStatus", "active")),
        (ContractStatus.INACTIVE, t.pgettext("ContractStatus", "inactive")),
        (EventKind.CALL, t.pgettext("EventKind", "call")),
        (EventKind.MEETING, t.pgettext("EventKind", "meeting")),
        (EventKind.FOLLOW_UP, t.pgettext("EventKind", "follow up")),
        (EventKind.VISIT, t.pgettext("EventKind", "visit")),
        (EventKind.OTHER, t.pgettext("EventKind", "other")),
        (EventStatus.PLANNED, t.pgettext("EventStatus", "planned")),
        (EventStatus.HELD, t.pgettext("EventStatus", "held")),
        (EventStatus.NOT_HELD, t.pgettext("EventStatus", "not held")),
        (TaskStatus.NOT_STARTED, t.pgettext("TaskStatus", "not started")),
        (TaskStatus.IN_PROGRESS, t.pgettext("TaskStatus", "in progress")),
        (TaskStatus.COMPLETED, t.pgettext("TaskStatus", "completed")),
        (ReviewStatus.PENDING, t.pgettext("ReviewStatus", "pending")),
        (ReviewStatus.VALID, t.pgettext("ReviewStatus", "valid")),
        (ReviewStatus.REJECTED, t.pgettext("ReviewStatus", "rejected")),
        (Visibility.INTERNAL, t.pgettext("Visibility", "internal")),
        (Visibility.PUBLIC, t.pgettext("Visibility", "public")),
        (LogKind.OPENED, t.pgettext("LogKind", "opened")),
        (LogKind.TRANSITION, t.pgettext("LogKind", "transition")),
        (LogKind.ASSIGNMENT, t.pgettext("LogKind", "assignment")),
        (LogKind.FIELD, t.pgettext("LogKind", "field")),
        (LogKind.TIME, t.pgettext("LogKind", "time")),
        (LogKind.QUOTE, t.pgettext("LogKind", "quote")),
        (LogKind.FILE, t.pgettext("LogKind", "file")),
        (LogKind.COMMENT, t.pgettext("LogKind", "comment")),
        (LogKind.EVENT, t.pgettext("LogKind", "event")),
        (LogKind.LEDGER, t.pgettext("LogKind", "ledger")),
        (LogKind.ESCALATION, t.pgettext("LogKind", "escalation")),
        (LogKind.SURVEY, t.pgettext("LogKind", "survey")),
        (LogKind.GRANT, t.pgettext("LogKind", "grant")),
        (LogKind.RECORD, t.pgettext("LogKind", "record")),
        (LogKind.MAIL, t.pgettext("LogKind", "mail")),
        (SlaTarget.FIRST_RESPONSE, t.pgettext("SlaTarget", "first response")),
        (SlaTarget.RESOLUTION, t.pgettext("SlaTarget", "resolution")),
        # A contract's balance and ledger (domain/contracts.py).
        (Level.OK, t.pgettext("Level", "ok")),
        (Level.WARNING, t.pgettext("Level", "warning")),
        (Level.EXHAUSTED, t.pgettext("Level", "exhausted")),
        (Level.EXCEEDED, t.pgettext("Level", "exceeded")),
        (LedgerKind.POST, t.pgettext("LedgerKind", "post")),
        (LedgerKind.REVERSAL, t.pgettext("LedgerKind", "reversal")),
    ]


def _shorts(t: _Translator) -> dict[Priority, str]:
    """The priority in the list's narrow column (and a query's ``prio:crit``)."""
    return {
        Priority.LOW: t.pgettext("Priority, short", "low"),
        Priority.MEDIUM: t.pgettext("Priority, short", "med"),
        Priority.HIGH: t.pgettext("Priority, short", "high"),
        Priority.CRITICAL: t.pgettext("Priority, short", "crit"),
    }


@cache
def _words(language: str) -> dict[tuple[type, str], str]:
    """Each member's word by its vocabulary and code."""
    return {
        (type(member), member.value): word for member, word in _labels(i18n.catalogue(language))
    }


@cache
def _short_words(language: str) -> dict[Priority, str]:
    return _shorts(i18n.catalogue(language))


@cache
def _mail_words(language: str) -> dict[StrEnum, str]:
    """What became of a message in or out (issue 22), apart from ``_labels``: a member
    there equal to one here (``LogKind.OPENED``, ``Outcome.OPENED``) is the same key."""
    from .domain.mail_settings import Direction, Outcome  # read by mail commands only

    t = i18n.catalogue(language)
    return {
        Direction.IN: t.pgettext("MailDirection", "in"),
        Direction.OUT: t.pgettext("MailDirection", "out"),
        Outcome.OPENED: t.pgettext("MailOutcome", "opened a case"),
        Outcome.COMMENTED: t.pgettext("MailOutcome", "commented"),
        Outcome.ACTED: t.pgettext("MailOutcome", "acted"),
        Outcome.DUPLICATE: t.pgettext("MailOutcome", "duplicate"),
        Outcome.REFUSED: t.pgettext("MailOutcome", "refused"),
        Outcome.REFUSED_UNKNOWN: t.pgettext("MailOutcome", "refused: unknown sender"),
        Outcome.HELD_RATE: t.pgettext("MailOutcome", "held: too many"),
        Outcome.LOOP: t.pgettext("MailOutcome", "loop"),
        Outcome.BOUNCE: t.pgettext("MailOutcome", "bounce"),
        Outcome.QUEUED: t.pgettext("MailOutcome", "queued"),
        Outcome.SENT: t.pgettext("MailOutcome", "sent"),
        Outcome.FAILED_TEMPORARY: t.pgettext("MailOutcome", "failed, will retry"),
        Outcome.FAILED_PERMANENT: t.pgettext("MailOutcome", "failed"),
    }


def mail_word(member: StrEnum) -> str:
    """A message's direction or outcome as a person reads it; ``--json`` keeps the code."""
    return _mail_words(i18n.current())[member]


def label(member: StrEnum) -> str:
    """The word a person reads for ``member``, in the operator's language."""
    return _words(i18n.current())[type(member), member.value]


def short(priority: Priority) -> str:
    """The priority's word in the list's narrow column ("crit", "Crít")."""
    return _short_words(i18n.current())[priority]


def word(vocabulary: type[StrEnum], code: str) -> str:
    """The word for a code a read model carries as plain text (a list row's status);
    a code the vocabulary does not know is shown as it is."""
    try:
        return label(vocabulary(code))
    except ValueError:
        return code


def shown(value: V) -> V | str:
    """A value as a person reads it: a vocabulary's member becomes its word, anything
    else is left as it is (a name, a number, a duration already written); a word the
    domain marked (``domain.marks.Word``: "yes") is translated."""
    if isinstance(value, Word):
        return i18n.word_text(value)
    return label(value) if isinstance(value, StrEnum) else value


def survey_answer(kind: QuestionKind, value: str) -> str:
    """A survey's answer as a person reads it: a yes/no question's code ("yes", "no",
    what --json and the database keep) in their language, any other answer as given."""
    if kind is QuestionKind.YES_NO and value in (YES, NO):
        return i18n.word_text(Word(value))
    return value


def labels(members: Iterable[StrEnum]) -> list[str]:
    """Each member's word, in order."""
    return [label(m) for m in members]


_ALSO: dict[StrEnum, tuple[str, ...]] = {
    Stage.IN_PROGRESS: ("en progreso",),  # seed 001's own word for the stage
    Role.AGENT: ("ejecutor",),  # seed 001: who executes the case
}
"""Other words the seeds use for a member, read as it too (never shown)."""

_BLANK_WORDS = ("", "—", "blank", "en blanco", "none", "ninguno", "ninguna")
"""What a person may type for a vocabulary's blank member (Stage, Origin)."""


@cache
def _readings(enum: type[StrEnum]) -> dict[str, StrEnum]:
    """Every way of writing each member of ``enum``, folded: the code, its words in each
    language, a priority's short words; a blank member's usual words."""
    found: dict[str, StrEnum] = {}
    for language in i18n.LANGUAGES:
        words, shorts = _words(language), _short_words(language)
        for member in enum:
            spellings: list[str] = [member.value, words[type(member), member.value]]
            if isinstance(member, Priority):
                spellings.append(shorts[member])
            if member.value == "":
                spellings.extend(_BLANK_WORDS)
            spellings.extend(_ALSO.get(member, ()))
            for spelling in spellings:
                found.setdefault(fold(spelling), member)
    return found


def member_of(enum: type[E], typed: str) -> E | None:
    """The member of ``enum`` that ``typed`` names: its code ("in_progress"), its English
    word ("in progress") or its Spanish one ("en proceso", "En Proceso", "en proceso"),
    whatever the operator's language; None when it names none."""
    found = _readings(enum).get(fold(typed))
    return found if isinstance(found, enum) else None


CASE_VOCABULARIES: dict[str, type[StrEnum]] = {
    f.key: f.choices
    for f in CASE_FIELDS
    if f.choices is not None and issubclass(f.choices, StrEnum)
}
"""The case's fields whose value is a vocabulary's code: priority, importance, stage…"""


def coded(
    values: Mapping[str, V], vocabularies: Mapping[str, type[StrEnum]] = CASE_VOCABULARIES
) -> dict[str, V | str]:
    """``values`` with each vocabulary's word a person typed read as its code ("Alta" →
    "high", "en progreso" → "in_progress"); anything that names no member is left as it
    is, for the domain's own check to refuse in its words."""
    out: dict[str, V | str] = dict(values)
    for key, vocabulary in vocabularies.items():
        typed = values.get(key)
        if isinstance(typed, str) and (member := member_of(vocabulary, typed)) is not None:
            out[key] = member.value
    return out
