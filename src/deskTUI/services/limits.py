"""The input limits admins set: how long a title, how large a description or comment."""

from __future__ import annotations

from dataclasses import replace

from ..domain.limits import SETTING_PREFIX, Limits, parse_limit
from ..domain.people import User
from ..domain.permissions import Action, require
from ..store.uow import UnitOfWork
from .common import acting, desk_limits


def set_limit(uow: UnitOfWork, actor: User, name: str, value: int | str) -> Limits:
    """Change one limit (``title_chars``, ``description_bytes``, ...); returns them all."""
    with uow:
        actor = acting(uow, actor)
        require(actor, Action.MANAGE_SETTINGS)
        number = parse_limit(name, value)
        limits = replace(desk_limits(uow), **{name: number})  # checks 1..ceiling
        uow.settings.set(SETTING_PREFIX + name, str(number))
        uow.commit()
        return limits


def get_limits(uow: UnitOfWork) -> Limits:
    with uow:
        return desk_limits(uow)
