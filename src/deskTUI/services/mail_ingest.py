"""``desktui mail ingest`` and ``mail fetch`` (issue 22): an incoming message becomes a case,
a comment or a client's step, once, whatever path brought it and however many times.

One message, one unit of work: the case or the comment, its files, the step, the
message's record and the desk's answer commit together or not at all. The record's
Message-ID is unique by direction, so the same message twice is one case or one comment
(a second run racing the first fails at its commit and reads the first's record).

In order, for a message the desk could read (``mail.parse.read_message``):

1. the same Message-ID taken before: a duplicate, nothing done;
2. automatic mail (auto-replies, lists, bounces) or mail from the desk's own addresses:
   recorded, never a case, never an answer; a bounce of a notice marks that address
   failing;
3. a sender past the desk's pace (``rate_per_minute``): held, taken again later (the MTA,
   the Maildir and the mailbox keep it: exit 75, left in ``new/``, left unseen);
4. its case: In-Reply-To/References among the Message-IDs the desk sent, then a signed
   reply address (a forged one is refused), then ``[CS-000123]`` in the subject only when
   the sender is a contact of that case's client. An edited subject never splits a
   thread; a stranger's case number never reaches another client's case;
5. on its case, the reply's first line as a step (``mail_replies``); else a new case for
   the sender's contact (or the "unknown senders" client, if the desk says so), routed by
   the desk address it was sent to.

A refusal (no quote waiting, an unknown sender…) rolls the whole message back and records
it refused, with the sentence answered by e-mail (never to automatic mail or a forged
token: nobody would read it, or the wrong person would).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..domain.case import Case
from ..domain.enums import LogKind, Origin
from ..domain.errors import (
    CaseClosed,
    DomainError,
    NotFound,
    PermissionDenied,
    TransitionRefused,
    ValidationError,
)
from ..domain.mail_commands import read_command
from ..domain.mail_settings import Direction, MailSettings, Outcome
from ..domain.people import Contact, User
from ..mail.incoming import Incoming, Refused
from ..mail.language import guess_language
from ..mail.limits import MailLimits
from ..mail.parse import read_message
from ..mail.tokens import TokenState, find_token, read_token, subject_case
from ..store.uow import UnitOfWork
from . import mail_notices
from .case_edits import open_case
from .common import desk_limits, stored_id
from .files import _limits
from .mail_replies import Step, carry_out
from .mail_routing import attach_files, route, title_of
from .mail_senders import acting_for, sender_contact, unknown_sender_contact

RATE_WINDOW = timedelta(minutes=1)
MESSAGE_ID_MAX = 998
"""The record's column, RFC 5322's line: a longer Message-ID is kept as its digest."""
ADDRESS_MAX = 254
"""RFC 5321's longest address: a longer sender is refused, not cut into someone else's."""
REFUSALS = (ValidationError, PermissionDenied, TransitionRefused, CaseClosed, NotFound)
"""What a rule of the desk refuses (answered to the sender); anything else (the database
unavailable, a full disk) leaves the message where it is for the next run."""
NOT_ANSWERED = frozenset({"mail.forged_token", "mail.no_sender", "mail.address_too_long"})
"""Refusals the desk records but answers to nobody: the address cannot be trusted."""


@dataclass(frozen=True)
class Ingested:
    """What became of one message (``--json``: stable codes)."""

    outcome: Outcome
    message_id: str
    sender: str
    case_number: str | None = None
    reason: DomainError | None = None
    mail_id: int | None = None

    @property
    def held(self) -> bool:
        """Not taken yet: whoever brought it keeps it for a later run."""
        return self.outcome is Outcome.HELD_RATE


@dataclass(frozen=True)
class Desk:
    """What every message of a run needs, read once per run."""

    settings: MailSettings
    secret: bytes
    limits: MailLimits


def prepare(uow: UnitOfWork) -> Desk:
    """The desk's settings, its token key (made on first use) and its limits; refused in a
    sentence when the desk has no address (it could answer nobody, nor tell its own
    mail from a client's)."""
    with uow:
        settings = uow.mail.settings()
        if not settings.addresses:
            raise ValidationError(
                "mail.not_set_up",
                "The desk has no e-mail address yet, so it cannot take mail: set one with "
                "desktui mail set --address ADDRESS",
            )
        secret = uow.mail.secret()
        text_limits = desk_limits(uow)
        limits = MailLimits(attachment_bytes=_limits(uow).max_bytes, text=text_limits)
        uow.commit()
    return Desk(settings, secret, limits)


def ingest_message(uow: UnitOfWork, raw: bytes, desk: Desk | None = None) -> Ingested:
    """Take one RFC 5322 message (bytes as received)."""
    desk = desk or prepare(uow)
    mail = read_message(raw, desk.limits)
    if isinstance(mail, Refused):
        return _unreadable(uow, desk, mail)
    message_id = _kept_id(mail.message_id)
    try:
        return _take(uow, desk, mail, message_id)
    except REFUSALS as refusal:
        return _refused(uow, desk, mail, message_id, refusal)
    except DomainError:
        again = _taken_meanwhile(uow, message_id)  # another run took it at the same moment
        if again is not None:
            return again
        raise


def _kept_id(message_id: str) -> str:
    if len(message_id) <= MESSAGE_ID_MAX:
        return message_id
    digest = hashlib.sha256(message_id.encode("utf-8", "surrogateescape")).hexdigest()
    return f"<sha256-{digest}@desktui.invalid>"


def _unreadable(uow: UnitOfWork, desk: Desk, mail: Refused) -> Ingested:
    """A message the desk would not read (too large, a MIME bomb…): recorded, once, and
    its sender told why when a person wrote it (an attachment past the desk's limit)."""
    message_id = _kept_id(mail.message_id or "<unreadable@desktui.invalid>")
    sender = mail.sender[:ADDRESS_MAX]
    with uow:
        before = uow.mail.find(Direction.IN, message_id)
        if before is not None:
            return Ingested(Outcome.DUPLICATE, message_id, before.address, mail_id=before.id)
        mail_id = uow.mail.record(
            Direction.IN, message_id, sender, uow.now(), Outcome.REFUSED, reason=mail.error,
            subject=mail.subject,
        )  # fmt: skip
        if sender and not mail.automatic and not _ours(uow, desk, sender):
            mail_notices.queue_answer(
                uow, to=sender, sentence=mail.error, case=None, in_reply_to=message_id,
                references=(), subject=mail.subject, language=None,
            )  # fmt: skip
        uow.commit()
    return Ingested(Outcome.REFUSED, message_id, sender, reason=mail.error, mail_id=mail_id)


def _taken_meanwhile(uow: UnitOfWork, message_id: str) -> Ingested | None:
    with uow:
        before = uow.mail.find(Direction.IN, message_id)
        if before is None or before.outcome is Outcome.HELD_RATE:
            return None
        number = _number(uow, before.case_id)
    return Ingested(Outcome.DUPLICATE, message_id, before.address, number, mail_id=before.id)


def _number(uow: UnitOfWork, case_id: int | None) -> str | None:
    return None if case_id is None else uow.cases.get(case_id).number


@dataclass
class _Result:
    """What one message did, written into its record."""

    outcome: Outcome
    case: Case | None = None
    comment_id: int | None = None
    reason: DomainError | None = None
    area_id: int | None = None
    desk_address: str = ""
    person: User | None = None
    answer: DomainError | None = None


def _take(uow: UnitOfWork, desk: Desk, mail: Incoming, message_id: str) -> Ingested:
    with uow:
        now = uow.now()
        before = uow.mail.find(Direction.IN, message_id)
        if before is not None and before.outcome is not Outcome.HELD_RATE:
            number = _number(uow, before.case_id)
            return Ingested(Outcome.DUPLICATE, message_id, mail.sender, number, mail_id=before.id)
        held_id = before.id if before is not None else None
        result = _automatic(uow, desk, mail)
        if result is None and _too_fast(uow, desk, mail, now):
            result = _Result(Outcome.HELD_RATE, reason=_held(desk))
        if result is None:
            result = _act(uow, desk, mail)
        mail_id = _write_record(uow, mail, message_id, held_id, result)
        if result.case is not None and result.person is not None and result.case.id:
            uow.log.record(
                result.case.id, now, result.person.id, LogKind.MAIL,
                field=result.outcome.value, new=mail.sender,
            )  # fmt: skip
        if result.answer is not None:
            _answer(uow, mail, message_id, result.answer, result.case, result.person)
        if result.outcome is Outcome.OPENED and result.case is not None:
            mail_notices.queue_to_contact(uow, result.case, mail_notices.ClientNotice.OPENED)
        uow.commit()
    number = result.case.number if result.case is not None else None
    return Ingested(result.outcome, message_id, mail.sender, number, result.reason, mail_id)


def _write_record(
    uow: UnitOfWork,
    mail: Incoming,
    message_id: str,
    held_id: int | None,
    result: _Result,
) -> int:
    case_id = result.case.id if result.case is not None else None
    if held_id is not None:
        uow.mail_intake.retake(
            held_id, result.outcome, uow.now(), reason=result.reason, case_id=case_id,
            comment_id=result.comment_id, area_id=result.area_id,
        )  # fmt: skip
        return held_id
    return uow.mail.record(
        Direction.IN, message_id, mail.sender[:ADDRESS_MAX], uow.now(), result.outcome,
        reason=result.reason, subject=mail.subject, desk_address=result.desk_address,
        case_id=case_id, comment_id=result.comment_id, area_id=result.area_id,
    )  # fmt: skip


def _automatic(uow: UnitOfWork, desk: Desk, mail: Incoming) -> _Result | None:
    """Mail no person wrote to the desk: recorded, never a case, never answered."""
    if mail.bounce is not None:
        return _bounce(uow, mail)
    if mail.automatic:
        return _Result(
            Outcome.LOOP,
            reason=ValidationError(
                "mail.automatic",
                "An automatic message ({marks}): never a case, never answered",
                marks=", ".join(mail.loop_marks),
            ),
        )
    if _ours(uow, desk, mail.sender):
        return _Result(
            Outcome.LOOP,
            reason=ValidationError(
                "mail.from_desk",
                "A message from the desk's own address {address}: never a case, never answered",
                address=mail.sender,
            ),
        )
    return None


def _ours(uow: UnitOfWork, desk: Desk, address: str) -> bool:
    """One of the desk's addresses, a routed one, or a reply address it signs."""
    return (
        desk.settings.is_desk_address(address)
        or uow.mail.route_for(address) is not None
        or read_token(address, desk.secret).state is not TokenState.NONE
    )


def _bounce(uow: UnitOfWork, mail: Incoming) -> _Result:
    """A report that a message failed: when it is one of the desk's notices, the desk
    stops writing to that address (``mail_failing``) until an admin clears it."""
    bounce = mail.bounce
    assert bounce is not None
    sent = (
        uow.mail.find(Direction.OUT, bounce.original_message_id)
        if bounce.original_message_id
        else None
    )
    case = None
    if sent is not None:
        why = " ".join(part for part in (bounce.status, mail.subject) if part)[:300]
        uow.mail.mark_failing(sent.address, uow.now(), why or "bounced")
        if sent.case_id is not None:
            case = uow.cases.get(sent.case_id)
    return _Result(
        Outcome.BOUNCE,
        case=case,
        reason=ValidationError(
            "mail.bounce",
            "A delivery failure report ({status}) for {addresses}",
            status=bounce.status or "?",
            addresses=", ".join(bounce.recipients) or "?",
        ),
    )


def _too_fast(uow: UnitOfWork, desk: Desk, mail: Incoming, now: datetime) -> bool:
    since = now - RATE_WINDOW
    return uow.mail_intake.taken_since(mail.sender, since) >= desk.settings.rate_per_minute


def _held(desk: Desk) -> DomainError:
    return ValidationError(
        "mail.held_rate",
        "The sender wrote more than {count} messages in a minute: held, taken again later",
        count=desk.settings.rate_per_minute,
    )


def _act(uow: UnitOfWork, desk: Desk, mail: Incoming) -> _Result:
    """A message a person wrote: a step on its case, or a new case."""
    if not mail.sender:
        raise ValidationError(
            "mail.no_sender", "The message has no sender address the desk can read"
        )
    if len(mail.sender) > ADDRESS_MAX:
        raise ValidationError(
            "mail.address_too_long",
            "The sender's address is longer than an address may be ({most} characters)",
            most=ADDRESS_MAX,
        )
    found = _its_case(uow, desk, mail)
    if found is not None:
        case, contact = found
        person = acting_for(uow, contact, mail.reply_text or mail.body_text)
        step: Step = carry_out(
            uow, person, case, read_command(mail.reply_text), with_files=bool(mail.attachments)
        )
        attach_files(uow, desk.limits, person, case, mail)
        return _Result(
            step.outcome, case, step.comment_id, person=person, answer=step.answer,
            area_id=case.area_id,
        )  # fmt: skip
    return _open(uow, desk, mail)


def _its_case(uow: UnitOfWork, desk: Desk, mail: Incoming) -> tuple[Case, Contact] | None:
    """The case a reply belongs to and its sender's contact at that case's client; None:
    a new message (or a stranger's reply, taken as a new message of theirs)."""
    case_id = uow.mail.sent_case([mail.in_reply_to, *mail.references])
    if case_id is None:
        token = find_token(mail.recipients, desk.secret)
        if token.state is TokenState.FORGED:
            raise ValidationError(
                "mail.forged_token",
                "The message was sent to a reply address the desk did not sign: refused",
            )
        if token.state is TokenState.VALID:
            case_id = token.case_id
    by_subject = case_id is None
    if by_subject:
        case_id = subject_case(mail.subject)
    if case_id is None:
        return None
    try:
        case = uow.cases.get(case_id)
    except NotFound:
        return None
    contact = sender_contact(uow, mail.sender, case.client_id)
    if contact is None:
        return None  # a stranger to that case's client: never attached to it
    return case, contact


def _open(uow: UnitOfWork, desk: Desk, mail: Incoming) -> _Result:
    contact = sender_contact(uow, mail.sender) or unknown_sender_contact(
        uow, desk.settings, mail.sender, mail.sender_name
    )
    area_id, category_id, desk_address = route(uow, desk.settings, mail.recipients)
    person = acting_for(uow, contact, mail.body_text)

    def by_email(uow: UnitOfWork, actor: User, case: Case) -> None:
        case.origin = Origin.EMAIL
        uow.cases.save(case)

    title = title_of(mail, desk.limits.text.title_chars)
    case = open_case(
        uow, person, title=title,
        client=contact.client_id, category=category_id, area=area_id,
        contact=stored_id(contact), description=mail.body_text.strip() or title, before_commit=by_email,
        email_contact=False,  # written once the message is recorded: threaded under it
    )  # fmt: skip
    attach_files(uow, desk.limits, person, case, mail)
    return _Result(Outcome.OPENED, case, person=person, area_id=area_id, desk_address=desk_address)


def _answer(
    uow: UnitOfWork,
    mail: Incoming,
    message_id: str,
    sentence: DomainError,
    case: Case | None,
    person: User | None,
) -> None:
    language = person.language if person is not None and person.language else None
    mail_notices.queue_answer(
        uow,
        to=mail.sender,
        sentence=sentence,
        case=case,
        in_reply_to=message_id,
        references=mail.references,
        subject=mail.subject,
        language=language or guess_language(mail.reply_text or mail.body_text),
    )


def _refused(
    uow: UnitOfWork, desk: Desk, mail: Incoming, message_id: str, refusal: DomainError
) -> Ingested:
    """Record the refusal (everything the message did rolled back) and answer it."""
    with uow:
        before = uow.mail.find(Direction.IN, message_id)
        if before is not None and before.outcome is not Outcome.HELD_RATE:
            return Ingested(Outcome.DUPLICATE, message_id, mail.sender, mail_id=before.id)
        found = None if refusal.code == "mail.forged_token" else _quiet_case(uow, desk, mail)
        outcome = (
            Outcome.REFUSED_UNKNOWN if refusal.code == "mail.unknown_sender" else Outcome.REFUSED
        )
        case = found[0] if found is not None else None
        result = _Result(outcome, case, reason=refusal, area_id=_area(uow, desk, mail, case))
        mail_id = _write_record(uow, mail, message_id, before.id if before else None, result)
        if refusal.code not in NOT_ANSWERED:
            person = None
            if found is not None and found[1].id is not None:
                user_id = mail_notices.people(uow).identity_user(found[1].id)
                person = uow.users.get(user_id) if user_id is not None else None
            _answer(uow, mail, message_id, refusal, case, person)
        uow.commit()
    number = case.number if case is not None else None
    return Ingested(outcome, message_id, mail.sender, number, refusal, mail_id)


def _quiet_case(uow: UnitOfWork, desk: Desk, mail: Incoming) -> tuple[Case, Contact] | None:
    try:
        return _its_case(uow, desk, mail)
    except DomainError:
        return None


def _area(uow: UnitOfWork, desk: Desk, mail: Incoming, case: Case | None) -> int | None:
    """Who may read a refused message's record: its case's area, else its route's."""
    if case is not None:
        return case.area_id
    for address in mail.recipients:
        route = uow.mail.route_for(address)
        if route is not None:
            return route.area_id
    return desk.settings.default_area_id
