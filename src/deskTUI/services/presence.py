"""Who is editing a case: the edit form's heartbeat, and what the case view tells others."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain.permissions import Action
from ..domain.presence import present_since
from .common import CaseRef, acting, load_case

if TYPE_CHECKING:
    from ..domain.people import User
    from ..store.uow import UnitOfWork


def editing(uow: UnitOfWork, actor: User, ref: CaseRef) -> None:
    """The actor's edit form on the case is open (called every ``BEAT_EVERY``)."""
    with uow:
        actor = acting(uow, actor)
        case = load_case(uow, actor, ref, Action.VIEW_CASE)
        assert case.id is not None and actor.id is not None
        uow.presence.beat(case.id, actor.id, uow.now())
        uow.commit()


def stopped_editing(uow: UnitOfWork, actor: User, ref: CaseRef) -> None:
    """The actor closed the form (saved, or left)."""
    with uow:
        actor = acting(uow, actor)
        case = load_case(uow, actor, ref, Action.VIEW_CASE)
        assert case.id is not None and actor.id is not None
        uow.presence.leave(case.id, actor.id)
        uow.commit()


def editors(uow: UnitOfWork, actor: User, ref: CaseRef) -> list[str]:
    """Logins of the others who have the case's edit form open now, earliest first."""
    with uow:
        actor = acting(uow, actor)
        case = load_case(uow, actor, ref, Action.VIEW_CASE)
        assert case.id is not None
        seen = uow.presence.seen_since(case.id, present_since(uow.now()))
        return [uow.users.get(user_id).login for user_id, _since in seen if user_id != actor.id]
