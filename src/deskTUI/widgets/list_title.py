"""The case list's title line: who works, how many cases the query matches, in which order."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from .. import formats
from ..domain.people import User
from ..i18n import _, ngettext
from ..safe_text import safe
from ..services.case_list import ListCount

SORT_NAMES = {
    "updated": _("newest change first"),
    "next": _("next to execute"),
    "priority": _("by priority"),
    "number": _("by number"),
    "relevance": _("best text match first"),
}
TEXT_ORDERS = {
    # Text matches come out of the full-text index by case number, so that is their order.
    "updated": _("text matches, newest case first"),
    "number": _("text matches, by number"),
    "relevance": _("best text match first"),
}


class ListTitle(Static):
    """`` deskTUI · login (role) · N cases · order``; the count reads "…" until it is known."""

    def show(self, actor: User, total: ListCount | None, sort: str, *, words: bool) -> None:
        if total is None:
            count = _("… cases")
        else:
            shown = formats.number(total.total) + ("+" if total.more else "")
            # "2+ cases" when the count stopped at its cap: still more than one.
            many = total.total + 1 if total.more else total.total
            count = ngettext("{count} case", "{count} cases", many).format(count=shown)
        order = SORT_NAMES["updated" if sort == "relevance" else sort]
        if words:
            order = TEXT_ORDERS.get(sort, TEXT_ORDERS["updated"])
        text = f" deskTUI · {safe(actor.login, one_line=True)} ({actor.role.value}) · {count} · {order}"
        # One line, always (tcss): no layout needed, and it changes twice per keystroke.
        self.update(Content(text), layout=False)
