"""What became of every message in and out (issue 22): ``desktui mail status``.

Read by those who may VIEW_MAIL (admins; supervisors), each seeing what they may read: the
messages of the cases they see, and those that made no case but were written to a desk
address routed to one of their areas (MailRepository.messages); the rest, to an admin.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.errors import DomainError
from ..domain.mail_settings import STATUS_LIMIT, MailRecord, reason_error
from ..domain.people import User
from ..domain.permissions import Action, require, visibility_scope
from ..domain.values import case_number
from ..store.uow import UnitOfWork
from .common import acting


@dataclass(frozen=True)
class MailLine:
    record: MailRecord
    case: str | None
    """The case number it touched (``CS-000123``), if any."""
    area: str | None
    """The area its desk address is routed to, for a message that made no case."""

    @property
    def why(self) -> DomainError | None:
        return reason_error(self.record.reason_code, self.record.reason)


def status(uow: UnitOfWork, actor: User, *, limit: int = STATUS_LIMIT) -> list[MailLine]:
    """The newest ``limit`` messages ``actor`` may read, newest first."""
    with uow:
        actor = acting(uow, actor)
        require(actor, Action.VIEW_MAIL)
        records = uow.mail.messages(visibility_scope(actor), limit=limit)
        areas = {a.id: a.name for a in uow.areas.list()}
        return [
            MailLine(
                r,
                case_number(r.case_id) if r.case_id is not None else None,
                areas.get(r.area_id) if r.area_id is not None else None,
            )
            for r in records
        ]
