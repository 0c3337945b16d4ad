"""Who is acting: the operating-system login, or another user for admins (``--as``)."""

from __future__ import annotations

import os
import pwd
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..domain.errors import NotFound, PermissionDenied
from ..domain.marks import code
from ..domain.people import User
from ..domain.permissions import Action, can, require_active

if TYPE_CHECKING:
    from ..store.uow import UnitOfWork


def os_login() -> str:
    """The account the process runs as (over SSH: the one the person logged in with).

    Asked of the system by user id, not of ``$USER``/``$LOGNAME`` (what
    ``getpass.getuser`` reads first): on a shared server anyone can set those,
    and ``USER=admin desktui`` must not make them the desk's admin.
    """
    try:
        return pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:  # a uid with no passwd entry (some containers): say so, act as nobody
        return f"uid-{os.geteuid()}"


def resolve_actor(uow: UnitOfWork, login: str | None = None, *, as_user: str | None = None) -> User:
    """The desk user behind the terminal, or the one an admin acts as."""
    with uow:
        return actor_from(uow.users.find, login, as_user=as_user)


def actor_from(
    find: Callable[[str], User | None], login: str | None = None, *, as_user: str | None = None
) -> User:
    """``resolve_actor`` over any way of finding a user by login (the TUI's fast start
    reads users with bare sqlite3)."""
    login = login or os_login()
    me = find(login)
    if me is None:
        raise NotFound(
            "identity.unknown",
            "You ({login}) are not a user of this desk; ask an admin to add you",
            login=login,
        )
    require_active(me)
    if as_user is None or as_user == me.login:
        return me
    if not can(me, Action.ACT_AS_ANOTHER):
        raise PermissionDenied(
            "identity.as_not_admin",
            "Only admins may act as another user; {login} is {role}",
            login=login,
            role=code(me.role),
        )
    other = find(as_user)
    if other is None:
        raise NotFound("user.not_found", "There is no user {login!r} on this desk", login=as_user)
    return other
