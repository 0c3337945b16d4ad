"""``desktui prefs show | tabs | columns``: the operator's own arrangement (issue 21)."""

from __future__ import annotations

from ..domain.preferences import Arrangement, chosen_columns, chosen_tabs, shown
from ..i18n import _
from ..services import preferences
from .context import Context

RESET = ("default", "predeterminado")
"""The word that puts back the desk's own arrangement, in either language."""


def _tab_codes() -> tuple[str, ...]:
    """The case view's tabs as it declares them (loaded only for this command: the view's
    module brings Textual, which no other script command pays for)."""
    from ..screens.case_sections import TABS

    return tuple(tab.lower() for tab in TABS)


def show(ctx: Context) -> int:
    mine = preferences.my_preferences(ctx.read_uow(), ctx.actor(), _tab_codes())
    if ctx.json:
        ctx.emit_json(
            {
                "tabs": [{"name": c, "shown": on} for c, on in mine.tabs],
                "columns": [{"name": c, "shown": on} for c, on in mine.columns],
            }
        )
        return 0
    ctx.say(_("tabs: {names}").format(names=_written(mine.tabs)))
    ctx.say(_("columns: {names}").format(names=_written(mine.columns)))
    return 0


def _written(arrangement: Arrangement) -> str:
    """``general, activities, (log)``: the hidden ones in brackets (names are codes, as
    typed: ``desktui prefs tabs general,activities``)."""
    return ", ".join(code if on else f"({code})" for code, on in arrangement)


def tabs(ctx: Context) -> int:
    typed = ctx.args.names
    codes = _tab_codes()
    chosen = None if typed.strip().lower() in RESET else chosen_tabs(codes, typed)
    preferences.set_tabs(ctx.uow(), ctx.actor(), chosen)
    names = ", ".join(shown(chosen) if chosen else codes)
    ctx.say(_("The case view shows the tabs {names}.").format(names=names))
    return 0


def columns(ctx: Context) -> int:
    typed = ctx.args.names
    chosen = None if typed.strip().lower() in RESET else chosen_columns(typed)
    preferences.set_columns(ctx.uow(), ctx.actor(), chosen)
    mine = preferences.my_preferences(ctx.read_uow(), ctx.actor())
    names = ", ".join(shown(mine.columns))
    ctx.say(_("The case list shows the columns {names}.").format(names=names))
    return 0
