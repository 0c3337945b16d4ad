"""area, category and client: rename, deactivate, reactivate, delete; project and service:
list and add too (issue 21)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..i18n import N_, _
from ..services import records
from .context import Context

_SAID = {
    "add": N_("Added {name}."),
    "rename": N_("Renamed to {name}."),
    "deactivate": N_("{name} is deactivated: it takes no new case; its cases keep it."),
    "reactivate": N_("{name} is active again."),
    "delete": N_("Deleted {name}."),
}
"""What each command says when done (translated when said, not at import)."""


def _done(ctx: Context, kind: str, verb: str, record: Any) -> int:
    if ctx.json:
        out = {"kind": kind, "id": record.id, "name": record.name, "active": record.active}
        if hasattr(record, "area_id"):
            out["area_id"] = record.area_id
        ctx.emit_json(out)
    else:
        ctx.say(_(_SAID[verb]).format(name=ctx.show(record.name)))
    return 0


def _command(kind: str, verb: str) -> Callable[[Context], int]:
    def run(ctx: Context) -> int:
        a = ctx.args
        area = getattr(a, "area", None)
        record: records.Record
        if verb == "add":
            record = records.add(ctx.uow(), ctx.actor(), kind, a.name)
        elif verb == "rename":
            record = records.rename(ctx.uow(), ctx.actor(), kind, a.name, a.new_name, area=area)
        elif verb == "delete":
            record = records.delete(ctx.uow(), ctx.actor(), kind, a.name, area=area)
        else:
            active = verb == "reactivate"
            record = records.set_active(ctx.uow(), ctx.actor(), kind, a.name, active, area=area)
        return _done(ctx, kind, verb, record)

    run.__name__ = f"{kind}_{verb}"
    return run


area_rename = _command("area", "rename")
area_deactivate = _command("area", "deactivate")
area_reactivate = _command("area", "reactivate")
area_delete = _command("area", "delete")
category_rename = _command("category", "rename")
category_deactivate = _command("category", "deactivate")
category_reactivate = _command("category", "reactivate")
category_delete = _command("category", "delete")
client_rename = _command("client", "rename")
client_deactivate = _command("client", "deactivate")
client_reactivate = _command("client", "reactivate")
client_delete = _command("client", "delete")
project_add = _command("project", "add")
project_rename = _command("project", "rename")
project_deactivate = _command("project", "deactivate")
project_reactivate = _command("project", "reactivate")
project_delete = _command("project", "delete")
service_add = _command("service", "add")
service_rename = _command("service", "rename")
service_deactivate = _command("service", "deactivate")
service_reactivate = _command("service", "reactivate")
service_delete = _command("service", "delete")


def _lister(kind: str) -> Callable[[Context], int]:
    def run(ctx: Context) -> int:
        found = records.linked_records(ctx.read_uow(), ctx.actor(), kind)
        if ctx.json:
            ctx.emit_json([{"id": r.id, "name": r.name, "active": r.active} for r in found])
            return 0
        for record in found:
            if record.active:
                line = _("{name} ({kind} {id})")
            else:
                line = _("{name} ({kind} {id}, inactive)")
            ctx.say(line.format(name=ctx.show(record.name), kind=_(KIND[kind]), id=record.id))
        return 0

    run.__name__ = f"{kind}_list"
    return run


KIND = {"project": N_("project"), "service": N_("service")}

project_list = _lister("project")
service_list = _lister("service")
