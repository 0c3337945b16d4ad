"""A case's e-mail messages in and out, as its case view lists them (issue 22: "the case
view shows for each message whether it was sent, when, and to whom"), and whether a
comment can be e-mailed to its contact (the comment dialog's third choice).

Read by the staff who see the case (``permissions.require_case_mail``): a client reads
the comments the messages became, never the records, which name staff addresses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..domain.errors import DomainError, NotFound
from ..domain.mail_settings import MailRecord, Outcome, check_address, reason_error
from ..domain.people import User
from ..domain.permissions import (
    Action,
    can,
    reads_case_mail,
    require_case_mail,
    visibility_scope,
)
from ..store.uow import UnitOfWork
from .common import CaseRef, acting, load_case

CASE_MAIL_LIMIT = 100
"""The newest messages of one case the view lists: a thread longer than that is read in
``mail status``; the view stays quick."""


@dataclass(frozen=True)
class CaseMessage:
    record: MailRecord
    next_try: datetime | None = None
    """When the sender tries a notice put off again (``failed_temporary``); else None."""

    @property
    def why(self) -> DomainError | None:
        """Why it was refused or failed, said again in the reader's language."""
        return reason_error(self.record.reason_code, self.record.reason)


def case_messages(
    uow: UnitOfWork, actor: User, ref: CaseRef, *, limit: int = CASE_MAIL_LIMIT
) -> list[CaseMessage]:
    """The case's newest ``limit`` messages, newest first."""
    with uow:
        actor = acting(uow, actor)
        case = load_case(uow, actor, ref, Action.VIEW_CASE)
        require_case_mail(actor, case)
        records = uow.mail.messages(visibility_scope(actor), limit=limit, case_id=case.id)
        return [CaseMessage(r, _next_try(uow, r)) for r in records]


def _next_try(uow: UnitOfWork, record: MailRecord) -> datetime | None:
    if record.outcome is not Outcome.FAILED_TEMPORARY:
        return None
    try:
        return uow.mail.outbox(record.id).next_attempt_at
    except NotFound:  # a record without its notice (removed by hand): no next try to tell
        return None


@dataclass(frozen=True)
class MailReach:
    """Whether a public comment can be e-mailed to the case's contact, as the comment
    dialog offers it: to whom, or why not (offered disabled, with that sentence)."""

    contact: str
    """The contact as the choice names them: ``María Pérez <maria@acme.example>``."""
    why_not: DomainError | None = None


def comment_mail_reach(uow: UnitOfWork, actor: User, ref: CaseRef) -> MailReach | None:
    """What the comment dialog offers ``actor`` on ``ref``: None, no e-mail choice at all
    (a client user; staff who may not comment publicly on it; a desk whose e-mail is not
    set up: the channel is not in use, nothing to explain to an agent). The rules are
    those by which services.mail_notices queues a notice, so a choice offered is kept."""
    with uow:
        actor = acting(uow, actor)
        case = load_case(uow, actor, ref, Action.VIEW_CASE)
        if (
            not reads_case_mail(actor)
            or not can(actor, Action.COMMENT_PUBLIC, case)
            or not uow.mail.settings().addresses
        ):
            return None
        if case.contact_id is None:
            return MailReach(
                "",
                DomainError("mail.no_contact", "The case has no contact to e-mail the comment to"),
            )
        contact = uow.clients.contact(case.contact_id)
        if not contact.email.strip():
            return MailReach(
                contact.name,
                DomainError(
                    "mail.contact_no_address",
                    "The case's contact {name} has no e-mail address",
                    name=contact.name,
                ),
            )
        try:
            address = check_address(contact.email)
        except DomainError:  # stored before addresses were checked
            return MailReach(
                contact.name,
                DomainError(
                    "mail.contact_bad_address",
                    "The e-mail of the case's contact {name}, {address!r}, is not an address "
                    "the desk can write to",
                    name=contact.name,
                    address=contact.email,
                ),
            )
        shown = f"{contact.name} <{address}>"
        if uow.mail.failing(address) is not None:
            return MailReach(
                shown,
                DomainError(
                    "mail.contact_failing",
                    "The desk no longer writes to {address}: a message to it failed for good",
                    address=address,
                ),
            )
        return MailReach(shown)
