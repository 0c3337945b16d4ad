"""The in-app inbox: assignments, quotes, escalations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..domain.people import User
from ..domain.values import case_number
from ..store.uow import UnitOfWork
from .common import acting


@dataclass(frozen=True)
class Notification:
    id: int
    kind: str
    message: str
    case: str | None
    created_at: datetime
    read: bool


def inbox(uow: UnitOfWork, actor: User, *, unread_only: bool = False) -> list[Notification]:
    with uow:
        actor = acting(uow, actor)
        rows = uow.notifications.for_user(actor.id, unread_only=unread_only)  # type: ignore[arg-type]
        return [
            Notification(
                r.id,  # type: ignore[arg-type]
                r.kind,
                r.message,
                case_number(r.case_id) if r.case_id else None,
                r.created_at,
                r.read_at is not None,
            )
            for r in rows
        ]


def mark_all_read(uow: UnitOfWork, actor: User) -> int:
    with uow:
        actor = acting(uow, actor)
        count = uow.notifications.mark_read(actor.id, uow.now())  # type: ignore[arg-type]
        uow.commit()
        return count
