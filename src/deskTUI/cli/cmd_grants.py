"""user grant | revoke | reset | show: rights per employee (seed 004, services/grants.py)."""

from __future__ import annotations

from .. import formats, grant_text, words
from ..i18n import _
from ..services import grants
from .context import Context
from .render import table


def _decide(ctx: Context, decide: grants.Decide) -> int:
    a = ctx.args
    change = decide(ctx.uow(), ctx.actor(), a.login, a.action, area=a.area)
    if ctx.json:
        ctx.emit_json(
            {
                "login": change.login,
                "action": change.code,
                "area": change.area,
                "before": change.before,
                "after": change.after,
                "changed": change.changed,
            }
        )
    elif change.changed:
        area = ctx.show(change.area) if change.area else None
        ctx.say(grant_text.change_text(change.login, change.code, area, change.after))
    else:
        ctx.say(grant_text.unchanged_text(change.login))
    return 0


def user_grant(ctx: Context) -> int:
    return _decide(ctx, grants.grant_right)


def user_revoke(ctx: Context) -> int:
    return _decide(ctx, grants.revoke_right)


def user_reset(ctx: Context) -> int:
    return _decide(ctx, grants.reset_right)


def user_show(ctx: Context) -> int:
    found = grants.person_rights(ctx.read_uow(), ctx.actor(), ctx.args.login)
    person = found.person
    if ctx.json:
        ctx.emit_json(
            {
                "id": person.id,
                "login": person.login,
                "name": person.name,
                "role": person.role.value,
                "active": person.active,
                "areas": sorted(found.areas[i] for i in person.area_ids if i in found.areas),
                "rights": [
                    {
                        "action": r.code,
                        "allowed": r.allowed,
                        "source": r.source,
                        "area": found.areas.get(r.area_id) if r.area_id else None,
                    }
                    for r in found.rights
                ],
                "log": [
                    {
                        "at": e.at.isoformat(),
                        "by": found.logins.get(e.actor_id or 0),
                        "action": e.field,
                        "area": found.areas.get(grant_text.log_area(e) or 0),
                        "before": e.old,
                        "after": e.new,
                    }
                    for e in found.log
                ],
            }
        )
        return 0
    areas = ", ".join(sorted(found.areas[i] for i in person.area_ids if i in found.areas))
    ctx.say(
        _("{login} ({role}) · {name} · areas: {areas}").format(
            login=ctx.show(person.login),
            role=words.label(person.role),
            name=ctx.show(person.name),
            areas=ctx.show(areas) or "—",
        )
    )
    rows = [
        [
            r.code,
            grant_text.allowed_text(r.allowed),
            grant_text.source_text(r, ctx.show(found.areas.get(r.area_id or 0, "")) or None),
        ]
        for r in found.rights
    ]
    for line in table(rows, [_("ACTION"), _("MAY"), _("FROM")]):
        ctx.say(line)
    if found.log:
        ctx.say(_("Changes:"))
        for e in found.log:
            who = ctx.show(found.logins.get(e.actor_id or 0, "?"))
            area = found.areas.get(grant_text.log_area(e) or 0)
            line = grant_text.log_text(e, who, ctx.show(area) if area else None)
            ctx.say(f"  {formats.when(e.at, ctx.tz)}  {line}")
    return 0
