"""A case's e-mail messages in and out, as its case view lists them (issue 22: "the case
view shows for each message whether it was sent, when, and to whom").

Read by the staff who see the case (``permissions.require_case_mail``): a client reads
the comments the messages became, never the records, which name staff addresses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..domain.errors import DomainError, NotFound
from ..domain.mail_settings import MailRecord, Outcome, reason_error
from ..domain.people import User
from ..domain.permissions import Action, require_case_mail, visibility_scope
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
