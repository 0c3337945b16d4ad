"""The case list's title line: who works, how many cases the query matches, in which order."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from .. import formats
from ..domain.people import User
from ..i18n import N_, _, ngettext
from ..safe_text import safe
from ..services.case_list import ListCount
from ..words import label

SORT_NAMES = {
    "updated": N_("newest change first"),
    "next": N_("next to execute"),
    "priority": N_("by priority"),
    "number": N_("by number"),
    "relevance": N_("best text match first"),
}
TEXT_ORDERS = {
    # Text matches come out of the full-text index by case number, so that is their order.
    "updated": N_("text matches, newest case first"),
    "number": N_("text matches, by number"),
    "relevance": N_("best text match first"),
}


class ListTitle(Static):
    """`` deskTUI · login (role) · N cases · order``; the count reads "…" until it is known."""

    _shown: str | None = None

    def show(self, actor: User, total: ListCount | None, sort: str, *, words: bool) -> None:
        if total is None:
            count = _("… cases")
        else:
            shown = formats.number(total.total) + ("+" if total.more else "")
            # "2+ cases" when the count stopped at its cap: still more than one.
            many = total.total + 1 if total.more else total.total
            count = ngettext("{count} case", "{count} cases", many).format(count=shown)
        order = _(SORT_NAMES["updated" if sort == "relevance" else sort])
        if words:
            order = _(TEXT_ORDERS.get(sort, TEXT_ORDERS["updated"]))
        text = f" deskTUI · {safe(actor.login, one_line=True)} ({label(actor.role)}) · {count} · {order}"
        # One line, always (tcss): no layout needed, and it changes twice per keystroke.
        # The same text is not drawn again (each change on the desk counts the list again).
        if text != self._shown:
            self._shown = text
            self.update(Content(text), layout=False)
