"""What the e-mail intake reads and writes beside the messages (issue 22): the contacts an
address belongs to, the client user each contact acts as by e-mail, a held message taken
again, and a sender's pace."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import col, func, select

from ...domain.errors import DomainError
from ...domain.mail_settings import Direction, Outcome, address_key, reason_document
from ...domain.marks import N_
from ...domain.people import Contact
from .. import converters as conv
from ..mail_tables import MailIdentityRow, MailMessageRow
from ..tables import ContactRow
from .base import _Repository

CONTACTS_PER_ADDRESS = 50
"""Contacts read for one address at most (contacts of several clients may share one)."""


class MailIntakeRepository(_Repository):
    def contacts_with(self, address: str) -> list[Contact]:
        """The contacts whose e-mail is ``address``, whatever its letter case, oldest
        first (the first one stands for an address several clients share)."""
        key = address_key(address)
        if not key or "\x00" in key:
            return []
        query = (
            select(ContactRow)
            .where(func.lower(ContactRow.email) == key)
            .order_by(col(ContactRow.id))
            .limit(CONTACTS_PER_ADDRESS)
        )
        return [conv.from_row(Contact, row) for row in self.session.exec(query)]

    def add_identity(self, contact_id: int, user_id: int) -> None:
        """Remember the user ``contact_id`` acts as by e-mail (read back by
        ``MailPeopleRepository.identity_user``)."""
        self._insert(MailIdentityRow(contact_id=contact_id, user_id=user_id))

    def taken_since(self, address: str, since: datetime) -> int:
        """Messages in from ``address`` since ``since`` the desk took (every outcome but
        held): the rate limit's count. Held ones do not count, so a flood's messages,
        retried once it is over, pass at the allowed pace instead of holding each other."""
        query = select(func.count()).where(
            MailMessageRow.direction == Direction.IN.value,
            MailMessageRow.address == address_key(address),
            MailMessageRow.at >= since,
            MailMessageRow.outcome != Outcome.HELD_RATE.value,
        )
        return int(self.session.exec(query).one())

    def retake(
        self,
        mail_id: int,
        outcome: Outcome,
        at: datetime,
        *,
        reason: DomainError | None = None,
        case_id: int | None = None,
        comment_id: int | None = None,
        area_id: int | None = None,
    ) -> None:
        """A held message taken again: its one record says what became of it now."""
        row = self._row(MailMessageRow, mail_id, N_("message"))
        row.outcome = outcome.value
        row.reason_code, row.reason = reason_document(reason)
        row.at = at
        row.case_id, row.comment_id, row.area_id = case_id, comment_id, area_id
        self.session.flush()
