"""``case list``'s columns: the operator's saved choice (``desktui prefs columns``), or
``--columns`` for one call (issue 21, seed 003's ticket list)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from .. import words
from ..domain.preferences import chosen_columns, shown
from ..domain.sla import short_left
from ..i18n import N_
from ..services import preferences
from ..services.search import SearchResult
from .context import Context
from .render import table

HEADINGS = {
    "number": N_("NUMBER"),
    "title": N_("TITLE"),
    "client": N_("CLIENT"),
    "priority": N_("PRIORITY"),
    "status": N_("STATUS"),
    "assignee": N_("ASSIGNEE"),
    "sla": N_("SLA"),
    "updated": N_("UPDATED"),
    "contract": N_("CONTRACT"),
    "created": N_("CREATED"),
}


def columns_of(ctx: Context) -> tuple[str, ...]:
    typed = getattr(ctx.args, "columns", None)
    if typed is not None:
        return shown(chosen_columns(typed))
    return shown(preferences.my_preferences(ctx.read_uow(), ctx.actor()).columns)


def case_rows(
    ctx: Context,
    result: SearchResult,
    names: dict[str, dict[int, str]],
    local: Callable[[datetime | None], str],
) -> list[str]:
    """The lines of ``case list``: headings, then a row per case, in the chosen columns."""
    columns = columns_of(ctx)
    contracts: dict[int, str] = {}
    if "contract" in columns:  # read only when shown, as the TUI's list does
        ids = {c.contract_id for c in result.cases if c.contract_id is not None}
        contracts = preferences.contract_names(ctx.read_uow(), ids)
    rows = []
    for case, state in zip(result.cases, result.sla, strict=True):
        cells: dict[str, Any] = {
            "number": case.number,
            "title": ctx.show(case.title)[:50],
            "client": ctx.show(names["clients"].get(case.client_id, "")),
            "priority": words.label(case.priority),
            "status": words.label(case.status),
            "assignee": ctx.show(names["logins"].get(case.assignee_id or 0, "—")),
            "sla": short_left(state.minutes_left),
            "updated": local(case.updated_at),
            "contract": ctx.show(contracts.get(case.contract_id or 0, "")),
            "created": local(case.created_at),
        }
        rows.append([cells[c] for c in columns])
    return table(rows, [HEADINGS[c] for c in columns])
