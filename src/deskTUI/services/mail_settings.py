"""The desk's e-mail settings and routing rules as an admin keeps them (issue 22).

``set_settings`` changes only what it is given; every change is a line of the desk's log
(``LogKind.MAIL``: who, when, which setting, before and after). No password is ever
taken: the settings name the environment variable or the file that holds it.

A password file that is not there is a warning, not a refusal: the file is read by the
host and the user that run ``mail send`` and ``mail fetch`` (cron, the MTA's user), often
not the admin's, who may not even be allowed to see it; refusing would make an admin write
a placeholder. A relative path is refused: cron's working folder is not the admin's.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Protocol

from ..domain.enums import LogKind
from ..domain.errors import DomainError, ValidationError
from ..domain.mail_settings import (
    MailRoute,
    MailSettings,
    Server,
    address_key,
    check_address,
    check_env_name,
    check_plain,
    check_rate,
    parse_endpoint,
    tls_of,
    unknown_senders_of,
)
from ..domain.marks import N_
from ..domain.people import Area, User
from ..domain.permissions import Action, require
from ..domain.values import NAME_MAX, clean_text
from ..store.uow import UnitOfWork
from .common import acting, stored_id


class Named(Protocol):
    @property
    def name(self) -> str: ...


ADDRESSES_MAX = 50
"""The most addresses one desk answers as."""


@dataclass
class ServerChanges:
    """What ``mail set`` was given for one server; None: left as it is."""

    endpoint: str | None = None
    tls: str | None = None
    user: str | None = None
    password_env: str | None = None
    password_file: str | None = None


@dataclass
class MailChanges:
    addresses: list[str] | None = None
    smtp: ServerChanges = field(default_factory=ServerChanges)
    imap: ServerChanges = field(default_factory=ServerChanges)
    imap_mailbox: str | None = None
    unknown_senders: str | None = None
    unknown_client: str | None = None
    default_area: str | None = None
    default_category: str | None = None
    rate_per_minute: str | int | None = None


@dataclass(frozen=True)
class SettingsView:
    """The settings as shown: names instead of ids, never a password nor the secret."""

    settings: MailSettings
    unknown_client: str | None
    default_area: str | None
    default_category: str | None


@dataclass(frozen=True)
class RouteView:
    address: str
    area: str
    category: str | None


def _view(uow: UnitOfWork, settings: MailSettings) -> SettingsView:
    def name(record_id: int | None, find: Callable[[int], Named]) -> str | None:
        return None if record_id is None else find(record_id).name

    return SettingsView(
        settings,
        name(settings.unknown_client_id, uow.clients.get),
        name(settings.default_area_id, uow.areas.get),
        name(settings.default_category_id, uow.areas.category),
    )


def show(uow: UnitOfWork, actor: User) -> SettingsView:
    with uow:
        require(acting(uow, actor), Action.MANAGE_MAIL)
        return _view(uow, uow.mail.settings())


def _server(before: Server, given: ServerChanges, what: str) -> Server:
    server = replace(before)
    if given.endpoint is not None:
        if given.endpoint.strip() == "":
            server.host, server.port = "", None  # the server forgotten: ``--smtp ""``
        else:
            server.host, server.port = parse_endpoint(given.endpoint, what)
    if given.tls is not None:
        server.tls = tls_of(given.tls.strip())
    if given.user is not None:
        server.user = check_plain(given.user, N_("user name"), max_len=254)
    if given.password_env is not None and given.password_file is not None:
        raise ValidationError(
            "mail.password_twice",
            "Give the {what}'s password either in an environment variable or in a file, not both",
            what=what,
        )
    if given.password_env is not None:
        env = given.password_env.strip()
        server.password_env, server.password_file = (check_env_name(env) if env else ""), ""
    if given.password_file is not None:
        path = check_plain(given.password_file, N_("password file"), max_len=4096)
        if path and not Path(path).is_absolute():
            raise ValidationError(
                "mail.password_relative",
                "The password file must be given by its whole path (from /), not {path!r}: "
                "mail send and mail fetch may run in another folder",
                path=path,
            )
        server.password_file, server.password_env = path, ""
    return server


def _warnings(before: MailSettings, after: MailSettings) -> list[DomainError]:
    """What is set but will not work as it is here; said, not refused (module docstring)."""
    found: list[DomainError] = []
    for protocol, server, old in (
        ("SMTP", after.smtp, before.smtp),
        ("IMAP", after.imap, before.imap),
    ):
        path = server.password_file
        if not path or path == old.password_file:
            continue
        try:
            mode = os.stat(path).st_mode
        except OSError:
            found.append(
                ValidationError(
                    "mail.password_file_missing",
                    "The {protocol} password file {path} is not there (or not readable) on "
                    "this host: create it where mail send and mail fetch run",
                    protocol=protocol,
                    path=path,
                )
            )
            continue
        if mode & 0o077:
            found.append(
                ValidationError(
                    "mail.password_file_open",
                    "The {protocol} password file {path} may be read by other users: chmod 600 it",
                    protocol=protocol,
                    path=path,
                )
            )
    return found


def _addresses(given: list[str]) -> list[str]:
    addresses: list[str] = []
    for text in given:
        address = check_address(text)
        if address_key(address) not in {address_key(a) for a in addresses}:
            addresses.append(address)
    if len(addresses) > ADDRESSES_MAX:
        raise ValidationError(
            "mail.addresses_max",
            "A desk answers as at most {most} addresses, not {count}",
            most=ADDRESSES_MAX,
            count=len(addresses),
        )
    return addresses


def _area_and_category(
    uow: UnitOfWork, area_name: str, category_name: str | None
) -> tuple[Area, int | None]:
    area = uow.areas.by_name(area_name.strip())
    if not area.active:
        raise _inactive(N_("area"), area.name)
    if category_name is None or not category_name.strip():
        return area, None
    category = uow.areas.category_by_name(category_name.strip(), stored_id(area))
    if not category.active:
        raise _inactive(N_("category"), category.name)
    return area, stored_id(category)


def _inactive(kind: str, name: str) -> ValidationError:
    """A deactivated record takes no new case: nor may the mail open one in it."""
    return ValidationError(
        "record.inactive",
        "The {kind} {name!r} is deactivated: it takes no new case",
        kind=kind,
        name=name,
    )


def _active_client(uow: UnitOfWork, name: str) -> int:
    """The client a stranger's cases are opened for: one that takes new cases."""
    client = uow.clients.by_name(name)
    if not client.active:
        raise _inactive(N_("client"), client.name)
    return stored_id(client)


def _apply(uow: UnitOfWork, before: MailSettings, given: MailChanges) -> MailSettings:
    after = replace(before, addresses=list(before.addresses))
    if given.addresses is not None:
        after.addresses = _addresses(given.addresses)
    after.smtp = _server(before.smtp, given.smtp, N_("SMTP server"))
    after.imap = _server(before.imap, given.imap, N_("IMAP server"))
    if given.imap_mailbox is not None:
        after.imap_mailbox = check_plain(
            given.imap_mailbox, N_("mailbox"), required=True, max_len=254
        )
    if given.unknown_senders is not None:
        after.unknown_senders = unknown_senders_of(given.unknown_senders.strip())
    if given.unknown_client is not None:
        name = clean_text(given.unknown_client, N_("client name"), max_len=NAME_MAX)
        after.unknown_client_id = _active_client(uow, name) if name else None
    if given.default_area is not None:
        if given.default_area.strip():
            area, category_id = _area_and_category(uow, given.default_area, given.default_category)
            after.default_area_id, after.default_category_id = stored_id(area), category_id
        else:
            after.default_area_id = after.default_category_id = None
    elif given.default_category is not None:
        if not given.default_category.strip():
            after.default_category_id = None
        elif before.default_area_id is None:
            raise ValidationError(
                "mail.default_category",
                "A default category needs its area: give --default-area too",
            )
        else:
            area_name = uow.areas.get(before.default_area_id).name
            _, after.default_category_id = _area_and_category(
                uow, area_name, given.default_category
            )
    if given.rate_per_minute is not None:
        after.rate_per_minute = check_rate(given.rate_per_minute)
    after.check()
    return after


def _logged_values(settings: MailSettings) -> dict[str, str]:
    """Each setting as the log keeps it: plain text, ids for records, never a password
    (none is stored) nor the secret (left out)."""
    values = {"addresses": ", ".join(settings.addresses)}
    for protocol, server in (("smtp", settings.smtp), ("imap", settings.imap)):
        for f in fields(server):
            value = getattr(server, f.name)
            values[f"{protocol}_{f.name}"] = "" if value is None else str(value)
    values |= {
        "imap_mailbox": settings.imap_mailbox,
        "unknown_senders": settings.unknown_senders.value,
        "unknown_client_id": str(settings.unknown_client_id or ""),
        "default_area_id": str(settings.default_area_id or ""),
        "default_category_id": str(settings.default_category_id or ""),
        "rate_per_minute": str(settings.rate_per_minute),
    }
    return values


def set_settings(
    uow: UnitOfWork, actor: User, given: MailChanges
) -> tuple[SettingsView, list[str], list[DomainError]]:
    """Change what is given: (the settings now, the names of what changed, warnings)."""
    with uow:
        actor = acting(uow, actor)
        require(actor, Action.MANAGE_MAIL)
        before = uow.mail.settings(lock=True)
        after = _apply(uow, before, given)
        old, new = _logged_values(before), _logged_values(after)
        changed = [name for name in new if old[name] != new[name]]
        now = uow.now()
        for name in changed:
            uow.log.record(
                None, now, actor.id, LogKind.MAIL, field=name, old=old[name] or None,
                new=new[name] or None, note="settings",
            )  # fmt: skip
        if changed:
            uow.mail.save_settings(after)
        view = _view(uow, uow.mail.settings())
        uow.commit()
    return view, changed, _warnings(before, after)


def desk_secret(uow: UnitOfWork) -> bytes:
    """The key that signs the desk's reply tokens (made on first use; never shown). For
    the ingest and send services, inside their own unit of work."""
    return uow.mail.secret()


# -- routes ------------------------------------------------------------------------------


def _route_view(uow: UnitOfWork, route: MailRoute) -> RouteView:
    category = uow.areas.category(route.category_id).name if route.category_id else None
    return RouteView(route.address, uow.areas.get(route.area_id).name, category)


def add_route(
    uow: UnitOfWork, actor: User, address: str, area: str, category: str | None = None
) -> tuple[RouteView, RouteView | None]:
    """Route ``address`` to an area (and a category); an address routed before is routed
    anew (so a setup script may run again): (the route now, the one it replaced)."""
    with uow:
        actor = acting(uow, actor)
        require(actor, Action.MANAGE_MAIL)
        checked = check_address(address)
        found, category_id = _area_and_category(uow, area, category)
        route, replaced = uow.mail.put_route(MailRoute(checked, stored_id(found), category_id))
        view = _route_view(uow, route)
        old = _route_view(uow, replaced) if replaced is not None else None
        uow.log.record(
            None, uow.now(), actor.id, LogKind.MAIL, field="route",
            old=f"{old.address} → {_shown(old)}" if old else None,
            new=f"{view.address} → {_shown(view)}", note="route added",
        )  # fmt: skip
        uow.commit()
        return view, old


def _shown(route: RouteView) -> str:
    return f"{route.area}/{route.category}" if route.category else route.area


def routes(uow: UnitOfWork, actor: User) -> list[RouteView]:
    """Every route, by address: the admins' to change and the supervisors' to read."""
    with uow:
        require(acting(uow, actor), Action.VIEW_MAIL)
        return [_route_view(uow, r) for r in uow.mail.routes()]


def remove_route(uow: UnitOfWork, actor: User, address: str) -> RouteView:
    with uow:
        actor = acting(uow, actor)
        require(actor, Action.MANAGE_MAIL)
        gone = _route_view(uow, uow.mail.remove_route(check_address(address)))
        uow.log.record(
            None, uow.now(), actor.id, LogKind.MAIL, field="route",
            old=f"{gone.address} → {_shown(gone)}", note="route removed",
        )  # fmt: skip
        uow.commit()
        return gone
