"""Who is acting: the operating-system login, or another user for admins (``--as``)."""

from __future__ import annotations

import getpass
import os

from ..domain.enums import Role
from ..domain.errors import NotFound, PermissionDenied
from ..domain.people import User
from ..store.uow import UnitOfWork


def os_login() -> str:
    """The login of the person at the terminal (over SSH too: the account they logged in as)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER", "unknown")


def resolve_actor(uow: UnitOfWork, login: str | None = None, *, as_user: str | None = None) -> User:
    """The desk user behind the terminal, or the one an admin acts as."""
    login = login or os_login()
    with uow:
        me = uow.users.find(login)
        if me is None:
            raise NotFound(
                "identity.unknown",
                "You ({login}) are not a user of this desk; ask an admin to add you",
                login=login,
            )
        if not me.active:
            raise PermissionDenied(
                "permission.inactive",
                "User {login} is deactivated and may not act on the desk",
                login=login,
            )
        if as_user is None or as_user == me.login:
            return me
        if me.role is not Role.ADMIN:
            raise PermissionDenied(
                "identity.as_not_admin",
                "Only admins may act as another user; {login} is {role}",
                login=login,
                role=me.role.value,
            )
        return uow.users.by_login(as_user)
