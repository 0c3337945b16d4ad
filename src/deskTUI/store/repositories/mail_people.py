"""Who receives the desk's notices by e-mail (issue 22): a staff member's address and the
kinds they chose (``mail_person``), the client user a contact acts as (``mail_identity``),
and the last message a person wrote to a case (so a notice threads under it).

Built on the unit of work's session where it is needed (``MailPeopleRepository(
uow.session)``), beside ``uow.mail``."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select

from ...domain.mail_notices import StaffNotice, read_stored_notices, stored_notices
from ...domain.mail_settings import Direction, address_key
from ..mail_tables import MailIdentityRow, MailMessageRow, MailPersonRow
from .base import _Repository


@dataclass(frozen=True)
class MailPerson:
    user_id: int
    address: str
    notices: frozenset[StaffNotice]


class MailPeopleRepository(_Repository):
    def person(self, user_id: int | None) -> MailPerson | None:
        """A staff member's address and choice; None: they gave no address."""
        row = self.session.get(MailPersonRow, user_id) if user_id is not None else None
        if row is None:
            return None
        return MailPerson(row.user_id, row.address, read_stored_notices(row.notices))

    def people(self) -> dict[int, MailPerson]:
        rows = self.session.exec(select(MailPersonRow))
        return {r.user_id: MailPerson(r.user_id, r.address, read_stored_notices(r.notices))
                for r in rows}  # fmt: skip

    def set_person(self, user_id: int, address: str, notices: frozenset[StaffNotice]) -> None:
        row = self.session.get(MailPersonRow, user_id)
        if row is None:
            row = MailPersonRow(user_id=user_id, address=address)
            self.session.add(row)
        row.address, row.notices = address, stored_notices(notices)
        self.session.flush()

    def forget_person(self, user_id: int) -> bool:
        row = self.session.get(MailPersonRow, user_id)
        if row is None:
            return False
        self.session.delete(row)
        self.session.flush()
        return True

    def identity_user(self, contact_id: int | None) -> int | None:
        """The client user a contact acts as by e-mail, if the intake made one."""
        if contact_id is None:
            return None
        row = self.session.get(MailIdentityRow, contact_id)
        return None if row is None else row.user_id

    def comment_recipient(self, comment_id: int) -> str | None:
        """The address a comment's notice was written to, None: it was not e-mailed."""
        query = select(MailMessageRow.address).where(
            MailMessageRow.direction == Direction.OUT.value,
            MailMessageRow.comment_id == comment_id,
        )
        return self.session.exec(query.limit(1)).first()

    def last_in(self, case_id: int, address: str) -> str | None:
        """The Message-ID of the newest message in from ``address`` on the case."""
        query = (
            select(MailMessageRow.message_id)
            .where(
                MailMessageRow.direction == Direction.IN.value,
                MailMessageRow.case_id == case_id,
                MailMessageRow.address == address_key(address),
            )
            .order_by(col(MailMessageRow.at).desc(), col(MailMessageRow.id).desc())
            .limit(1)
        )
        return self.session.exec(query).first()
