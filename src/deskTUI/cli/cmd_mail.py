"""``desktui mail set|show|route|status`` (issue 22): the desk's e-mail settings, the
routing of its addresses, and what became of every message in and out.

``--json`` keeps stable English keys and codes; never a password (none is stored) nor
the secret that signs reply tokens (only whether it was made)."""

from __future__ import annotations

import sys
from typing import Any

from .. import formats, words
from ..domain.errors import DomainError
from ..domain.mail_settings import MailSettings, Server
from ..i18n import N_, _, error_text, ngettext
from ..safe_text import safe
from ..services import mail_send as send_service
from ..services import mail_settings
from ..services import mail_status as status_service
from .context import Context
from .render import table


def _server_json(server: Server, protocol: str) -> dict[str, Any]:
    return {
        "host": server.host,
        "port": server.effective_port(protocol) if server.host else server.port,
        "tls": server.tls.value,
        "user": server.user,
        "password_env": server.password_env,
        "password_file": server.password_file,
    }


def _settings_json(view: mail_settings.SettingsView) -> dict[str, Any]:
    s = view.settings
    return {
        "addresses": s.addresses,
        "smtp": _server_json(s.smtp, "smtp"),
        "imap": {**_server_json(s.imap, "imap"), "mailbox": s.imap_mailbox},
        "unknown_senders": s.unknown_senders.value,
        "unknown_client": view.unknown_client,
        "default_area": view.default_area,
        "default_category": view.default_category,
        "rate_per_minute": s.rate_per_minute,
        "secret_made": s.has_secret,
    }


def _password(server: Server) -> str:
    if server.password_env:
        return _("password from the environment variable {name}").format(name=server.password_env)
    if server.password_file:
        return _("password from the file {path}").format(path=server.password_file)
    return _("no password")


def _server_line(server: Server, protocol: str, label: str) -> str:
    if not server.host:
        return _("{server}: not set").format(server=label)
    return _("{server}: {host} port {port}, TLS {tls}, user {user}, {password}").format(
        server=label,
        host=server.host,
        port=server.effective_port(protocol),
        tls=server.tls.value,
        user=server.user or "—",
        password=_password(server),
    )


def _settings_lines(view: mail_settings.SettingsView) -> list[str]:
    s: MailSettings = view.settings
    unknown = (
        _("Unknown senders: a case for the client {client}").format(client=view.unknown_client)
        if s.unknown_senders.value == "open"
        else _("Unknown senders: refused")
    )
    if view.default_area is None:
        default = _("Default area: none (a message no route names is refused)")
    elif view.default_category is None:
        default = _("Default area: {area}").format(area=view.default_area)
    else:
        default = _("Default area: {area}, category {category}").format(
            area=view.default_area, category=view.default_category
        )
    return [
        _("Addresses: {addresses}").format(addresses=", ".join(s.addresses) or "—"),
        _server_line(s.smtp, "smtp", "SMTP"),
        _server_line(s.imap, "imap", "IMAP"),
        _("IMAP mailbox: {name}").format(name=s.imap_mailbox),
        unknown,
        default,
        _("At most {rate} messages a minute from one sender").format(
            rate=formats.number(s.rate_per_minute)
        ),
    ]


def _warn(warnings: list[DomainError]) -> None:
    for warning in warnings:
        sentence = safe(error_text(warning), one_line=True)  # a warning quotes a path
        print(_("warning: {message}").format(message=sentence), file=sys.stderr)


def mail_set(ctx: Context) -> int:
    a = ctx.args
    changes = mail_settings.MailChanges(
        addresses=a.address,
        smtp=mail_settings.ServerChanges(a.smtp, a.tls, a.user, a.password_env, a.password_file),
        imap=mail_settings.ServerChanges(
            a.imap, a.imap_tls, a.imap_user, a.imap_password_env, a.imap_password_file
        ),
        imap_mailbox=a.imap_mailbox,
        unknown_senders=a.unknown_senders,
        unknown_client=a.unknown_client,
        default_area=a.default_area,
        default_category=a.default_category,
        rate_per_minute=a.rate,
    )
    view, changed, warnings = mail_settings.set_settings(ctx.uow(), ctx.actor(), changes)
    if ctx.json:
        ctx.emit_json(
            {
                "changed": changed,
                "settings": _settings_json(view),
                "warnings": [{"code": w.code, "message": str(w)} for w in warnings],
            }
        )
    elif changed:
        ctx.say(_("Mail settings changed: {names}.").format(names=", ".join(changed)))
    else:
        ctx.say(_("Nothing changed: the mail settings were already so."))
    _warn(warnings)
    return 0


def mail_show(ctx: Context) -> int:
    view = mail_settings.show(ctx.read_uow(), ctx.actor())
    if ctx.json:
        ctx.emit_json(_settings_json(view))
        return 0
    for line in _settings_lines(view):
        ctx.say(ctx.show(line))
    return 0


def _route_json(route: mail_settings.RouteView) -> dict[str, Any]:
    return {"address": route.address, "area": route.area, "category": route.category}


def _route_text(route: mail_settings.RouteView) -> str:
    return f"{route.area}/{route.category}" if route.category else route.area


def route_add(ctx: Context) -> int:
    a = ctx.args
    route, replaced = mail_settings.add_route(ctx.uow(), ctx.actor(), a.address, a.area, a.category)
    if ctx.json:
        ctx.emit_json(
            {**_route_json(route), "replaced": _route_json(replaced) if replaced else None}
        )
    elif replaced is None:
        ctx.say(
            ctx.show(
                _("New cases by mail to {address} go to {area}.").format(
                    address=route.address, area=_route_text(route)
                )
            )
        )
    else:
        ctx.say(
            ctx.show(
                _("New cases by mail to {address} now go to {area} (before: {before}).").format(
                    address=route.address, area=_route_text(route), before=_route_text(replaced)
                )
            )
        )
    return 0


def route_list(ctx: Context) -> int:
    found = mail_settings.routes(ctx.read_uow(), ctx.actor())
    if ctx.json:
        ctx.emit_json([_route_json(r) for r in found])
        return 0
    if not found:
        ctx.say(_("No address is routed: new cases by e-mail go to the default area."))
        return 0
    rows = [[ctx.show(r.address), ctx.show(r.area), ctx.show(r.category or "—")] for r in found]
    headers: list[str] = [N_("ADDRESS"), N_("AREA"), N_("CATEGORY")]
    for line in table(rows, headers):
        ctx.say(line)
    return 0


def route_remove(ctx: Context) -> int:
    gone = mail_settings.remove_route(ctx.uow(), ctx.actor(), ctx.args.address)
    if ctx.json:
        ctx.emit_json(_route_json(gone))
    else:
        ctx.say(ctx.show(_("Removed the route of {address}.").format(address=gone.address)))
    return 0


def _status_json(line: status_service.MailLine) -> dict[str, Any]:
    r = line.record
    return {
        "id": r.id,
        "direction": r.direction.value,
        "at": r.at,
        "address": r.address,
        "desk_address": r.desk_address,
        "message_id": r.message_id,
        "subject": r.subject,
        "case": line.case,
        "area": line.area,
        "outcome": r.outcome.value,
        "reason_code": r.reason_code or None,
        "reason": str(line.why) if line.why is not None else None,
        "sent_at": r.sent_at,
    }


def mail_status(ctx: Context) -> int:
    lines = status_service.status(ctx.read_uow(), ctx.actor(), limit=ctx.args.limit)
    if ctx.json:
        ctx.emit_json([_status_json(line) for line in lines])
        return 0
    if not lines:
        ctx.say(_("No message has come in or gone out yet."))
        return 0
    rows = []
    for line in lines:
        r = line.record
        why = line.why
        rows.append(
            [
                formats.short_when(r.at, ctx.tz),
                words.mail_word(r.direction),
                ctx.show(r.address),
                line.case or "—",
                words.mail_word(r.outcome),
                ctx.show(error_text(why)) if why is not None else "",
            ]
        )
    headers: list[str] = [
        N_("WHEN"),
        N_("IN/OUT"),
        N_("ADDRESS"),
        N_("CASE"),
        N_("WHAT"),
        N_("WHY"),
    ]
    for text in table(rows, headers):
        ctx.say(text)
    return 0


def _send_lines(done: send_service.SendSummary) -> list[str]:
    """One whole sentence per count that is not zero (each its own plural)."""
    lines = [
        (done.sent, ngettext("{n} notice sent.", "{n} notices sent.", done.sent)),
        (
            done.failed_temporary,
            ngettext(
                "{n} notice put off, to be tried again later.",
                "{n} notices put off, to be tried again later.",
                done.failed_temporary,
            ),
        ),
        (
            done.failed_permanent,
            ngettext(
                "{n} notice failed for good.", "{n} notices failed for good.", done.failed_permanent
            ),
        ),
        (
            done.skipped,
            ngettext(
                "{n} notice was being sent by another sender.",
                "{n} notices were being sent by another sender.",
                done.skipped,
            ),
        ),
    ]
    said = [text.format(n=formats.number(count)) for count, text in lines if count]
    return said or [_("No notice was due.")]


def mail_send(ctx: Context) -> int:
    done = send_service.send_due(ctx.uow(), ctx.actor(), limit=ctx.args.limit)
    if ctx.json:
        stopped = done.stopped
        ctx.emit_json(
            {
                "sent": done.sent,
                "failed_temporary": done.failed_temporary,
                "failed_permanent": done.failed_permanent,
                "skipped": done.skipped,
                "stopped": None
                if stopped is None
                else {"code": stopped.code, "message": str(stopped)},
            }
        )
    else:
        for line in _send_lines(done):
            ctx.say(line)
    if done.stopped is not None:
        # The server or the settings failed the run: the rest wait, and cron hears of it.
        raise done.stopped
    return 0
