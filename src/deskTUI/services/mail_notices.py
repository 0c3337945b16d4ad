"""The desk's notices by e-mail (issue 22, "Out"): rendered and written into the outbox in
the caller's unit of work, beside the change that caused them, never committed here: a
crash loses both the change and its notice, or neither. ``desktui mail send`` sends them.

Every notice is an RFC 5322 message with a Message-ID the desk remembers (its
``mail_message`` record), the case's signed reply address in Reply-To (mail.tokens), the
``[CS-000123]`` tag in its Subject, ``Auto-Submitted: auto-generated`` (no auto-reply
answers it) and, when the recipient wrote to the case before, In-Reply-To and References
their newest message, so their mail program threads it. Written in the recipient's
language (``i18n.speaking``), each sentence one whole template (services.mail_notice_texts),
every value from data made safe (safe_text): a title with a CR/LF writes no header.

Nothing is queued, and the change goes on, when the desk has no address set up, when the
recipient has none (or one that is not an address), or when their address bounced for good.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.policy import default as email_policy
from email.utils import format_datetime, make_msgid
from enum import StrEnum

from .. import i18n, words
from ..domain.case import Case
from ..domain.comments import Comment
from ..domain.durations import format_minutes
from ..domain.errors import DomainError
from ..domain.mail_notices import ClientNotice, StaffNotice
from ..domain.mail_settings import Direction, Outcome, check_address
from ..domain.people import User
from ..domain.values import case_number
from ..formats import money
from ..i18n import _
from ..mail.tokens import reply_address
from ..safe_text import safe
from ..store.repositories.mail_people import MailPeopleRepository
from ..store.uow import UnitOfWork
from .common import acting
from .mail_notice_texts import (
    ANSWER_SUBJECT,
    CLIENT_BODIES,
    CLIENT_SUBJECTS,
    FROM_NAME,
    STAFF_BODY,
    STAFF_SUBJECTS,
)

__all__ = ["ClientNotice", "StaffNotice", "queue_answer", "queue_to_contact", "queue_to_staff"]

TITLE_CHARS = 150
"""Of a case's title in a subject: the rest is cut with an ellipsis (the body has it all)."""
SUBJECT_CHARS = 250
"""Of an answer's subject (``Re: `` and theirs)."""
_MESSAGE_ID = re.compile(r"^<[^<>\s\x00-\x1f\x7f]{1,900}>$")


def people(uow: UnitOfWork) -> MailPeopleRepository:
    """Who receives notices by e-mail, read in the unit of work's transaction."""
    return MailPeopleRepository(uow.session)


# -- to a case's contact -------------------------------------------------------------------


def queue_to_contact(
    uow: UnitOfWork, case: Case, kind: ClientNotice, *, comment: Comment | None = None
) -> int | None:
    """Write the ``kind`` notice of ``case`` to its contact into the outbox; the
    ``mail_message`` id, or None when nothing is to be sent (no contact, no address, the
    desk has none, the address bounced). ``comment``: the comment a COMMENT notice carries."""
    if case.contact_id is None or case.id is None:
        return None
    contact = uow.clients.contact(case.contact_id)
    if _recipient(uow, contact.email) is None:  # nothing is rendered for no one
        return None
    language = _contact_language(uow, case.contact_id)
    author = uow.users.get(comment.author_id) if comment is not None else None
    with i18n.speaking(language):
        values = {
            "name": safe(contact.name, one_line=True),
            "number": case.number,
            "title": safe(case.title, one_line=True),
            "author": safe(author.name if author else "", one_line=True),
            "text": safe(comment.body) if comment is not None else "",
            "amount": money(case.quote.price, case.quote.currency),
            "time": format_minutes(case.quote.minutes or 0),
            "message": safe(case.quote.message).strip(),
            "solution": safe(case.solution).strip(),
        }
        body = _(CLIENT_BODIES[kind]).format(**values).replace("\n\n\n\n", "\n\n")
        subject = _subject(_(CLIENT_SUBJECTS[kind]), case.number, case.title)
    return _queue(
        uow,
        to=contact.email,
        language=language,
        subject=subject,
        body=body,
        case_id=case.id,
        comment_id=comment.id if comment is not None else None,
    )


def _contact_language(uow: UnitOfWork, contact_id: int) -> str:
    """The language of the client user the contact acts as by e-mail when they chose one,
    else the one this process speaks."""
    user_id = people(uow).identity_user(contact_id)
    chosen = uow.users.get(user_id).language if user_id is not None else None
    return chosen or i18n.current()


def comment_recipient(uow: UnitOfWork, actor: User, comment_id: int | None) -> str | None:
    """Where the staff's comment was e-mailed (its notice queued), None: nowhere (the
    contact has no address the desk writes to, or the desk's e-mail is not set up)."""
    with uow:
        actor = acting(uow, actor)
        if not actor.role.is_staff or comment_id is None:
            return None
        return people(uow).comment_recipient(comment_id)


# -- to a staff member ---------------------------------------------------------------------


def queue_to_staff(
    uow: UnitOfWork,
    person: User,
    kind: StaffNotice,
    *,
    case_id: int,
    title: str,
    sentence: str,
    values: Mapping[str, object],
) -> int | None:
    """The e-mail beside an inbox notification of ``kind``, when ``person`` gave an address
    and chose that kind; ``sentence`` is the notification's template (services.notices),
    said in their language with ``values``. Whether they may read the case is the
    notification's own check, made before (this is called only where one is written)."""
    chosen = people(uow).person(person.id)
    if chosen is None or kind not in chosen.notices or _recipient(uow, chosen.address) is None:
        return None
    language = person.language or i18n.current()
    number = case_number(case_id)
    with i18n.speaking(language):
        shown = {k: _shown(v) for k, v in values.items()}
        body = _(STAFF_BODY).format(sentence=_(sentence).format(**shown), number=number)
        subject = _subject(_(STAFF_SUBJECTS[kind]), number, title)
    return _queue(
        uow, to=chosen.address, language=language, subject=subject, body=body, case_id=case_id
    )


# -- an answer to a message in -------------------------------------------------------------


def queue_answer(
    uow: UnitOfWork,
    *,
    to: str,
    sentence: DomainError,
    case: Case | None,
    in_reply_to: str,
    references: tuple[str, ...],
    subject: str,
    language: str | None,
) -> int | None:
    """One sentence by e-mail answering a message in (a reply's step done or refused, an
    unknown sender refused), in ``language`` (None: the process's), threaded under it."""
    spoken = language or i18n.current()
    with i18n.speaking(spoken):
        body = i18n.error_text(sentence) + "\n"
        theirs = safe(" ".join((subject or "").split()), one_line=True)
        while theirs[:3].casefold() == "re:":  # "Re: Re: RE:" is said once
            theirs = theirs[3:].lstrip()
        answer = _(ANSWER_SUBJECT).format(subject=theirs)
        answer = answer if len(answer) <= SUBJECT_CHARS else answer[: SUBJECT_CHARS - 1] + "…"
    return _queue(
        uow,
        to=to,
        language=spoken,
        subject=answer,
        body=body,
        case_id=case.id if case is not None else None,
        thread=(in_reply_to, references),
    )


# -- the message ---------------------------------------------------------------------------


def _shown(value: object) -> str:
    """A value of a staff notice's sentence: a code of the desk's (a priority) as the
    reader's word, anything else from data made safe on one line."""
    if isinstance(value, StrEnum):
        return words.label(value)
    return safe(value, one_line=True)


def _subject(template: str, number: str, title: str) -> str:
    """A subject from its translated template, the title on one line and cut."""
    one_line = safe(" ".join(title.split()), one_line=True)
    if len(one_line) > TITLE_CHARS:
        one_line = one_line[: TITLE_CHARS - 1].rstrip() + "…"
    return template.format(number=number, title=one_line)


def _queue(
    uow: UnitOfWork,
    *,
    to: str,
    language: str,
    subject: str,
    body: str,
    case_id: int | None,
    comment_id: int | None = None,
    thread: tuple[str, tuple[str, ...]] | None = None,
) -> int | None:
    recipient = _recipient(uow, to)
    if recipient is None:
        return None
    desk = uow.mail.settings().addresses[0]
    now = uow.now()
    if thread is None and case_id is not None:
        last = people(uow).last_in(case_id, recipient)
        thread = (last, ()) if last else None
    message = _message(uow, desk, recipient, subject, body, case_id, thread, now, language)
    mail_id = uow.mail.record(
        Direction.OUT, message["Message-ID"], recipient, now, Outcome.QUEUED,
        subject=subject, desk_address=desk, case_id=case_id, comment_id=comment_id,
    )  # fmt: skip
    # An address beyond ASCII (josé@…) is written as UTF-8 (RFC 6531), which the sender
    # passes on with SMTPUTF8; an encoded word would make it another address.
    policy = SMTP if f"{recipient}{desk}".isascii() else SMTP.clone(utf8=True)
    uow.mail.queue(mail_id, recipient, language, message.as_string(policy=policy), now)
    return mail_id


def _recipient(uow: UnitOfWork, address: str) -> str | None:
    """The address a notice goes to, or None when none is to be written: the desk has no
    address of its own, the recipient none (or one stored before addresses were checked)
    or one of the desk's own, or theirs bounced for good."""
    settings = uow.mail.settings()
    if not settings.addresses or not (address or "").strip():
        return None
    try:
        recipient = check_address(address)
    except DomainError:
        return None
    if settings.is_desk_address(recipient):  # a contact given the desk's own address: a loop
        return None
    return None if uow.mail.failing(recipient) is not None else recipient


def _message(
    uow: UnitOfWork,
    desk: str,
    recipient: str,
    subject: str,
    body: str,
    case_id: int | None,
    thread: tuple[str, tuple[str, ...]] | None,
    now: datetime,
    language: str,
) -> EmailMessage:
    message = EmailMessage(policy=email_policy)
    with i18n.speaking(language):
        name = _(FROM_NAME)
    local, _at, domain = desk.rpartition("@")
    message["From"] = Address(display_name=name, username=local, domain=domain)
    message["To"] = recipient
    message["Subject"] = subject
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=domain)
    message["Auto-Submitted"] = "auto-generated"
    message["Content-Language"] = language
    if case_id is not None:
        message["Reply-To"] = reply_address(desk, case_id, uow.mail.secret())
    if thread is not None:
        parent, earlier = thread
        ids = [i for i in (*earlier, parent) if _MESSAGE_ID.match(i or "")]
        if parent and _MESSAGE_ID.match(parent):
            message["In-Reply-To"] = parent
        if ids:
            message["References"] = " ".join(dict.fromkeys(ids[-20:]))
    message.set_content(body, cte="quoted-printable")
    return message
