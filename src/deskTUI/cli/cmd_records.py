"""area, category and client: rename, deactivate, reactivate, delete (issue 21)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..i18n import N_, _
from ..services import records
from .context import Context

_SAID = {
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
        if verb == "rename":
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
