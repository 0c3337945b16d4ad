"""`O` in the case view: each operator orders and hides its tabs (issue 21, seed 000
"Ordenar Módulos Relacionados"), saved for them (services.preferences), and the view
opens on the first tab they show. Mixed into the case view (before Screen).

The tabs are the view's own (case_sections.TABS, whatever the desk adds to them): their
codes are their English names lowered ("general", "similar"). A stored order is read
against them when the case is read (in the view's worker); here it is applied: the tab
headers are moved in the tab bar (their panes need no order: one shows at a time) and the
hidden ones hidden.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.widgets import TabbedContent

from ..domain.preferences import Arrangement, check_tabs, read_arrangement
from ..i18n import N_, _
from .case_sections import TABS

# Not in the footer: at 80 columns it would push out "? Keys", which lists it.
TAB_BINDINGS = [
    Binding("O", "arrange_tabs", N_("Arrange tabs"), id="editor.arrange_tabs", show=False)
]


def tab_codes() -> tuple[str, ...]:
    return tuple(tab.lower() for tab in TABS)


def _pane(code: str) -> str:
    """The pane id TabbedContent gave the tab (tab-1, tab-2… in TABS' order)."""
    return f"tab-{tab_codes().index(code) + 1}"


class CaseTabOrder:
    """The operator's order of the case view's tabs, read with the case, and `O` (its
    binding is TAB_BINDINGS, listed by the view with its others)."""

    if TYPE_CHECKING:  # the case view's, which this is mixed into

        @property
        def desk(self) -> Any: ...

        query_one: Any
        app: Any

    tabs_arranged: Arrangement | None = None
    """The order shown now (None: the view's own, before the case is read)."""

    def read_tab_order(self) -> Arrangement:
        """In the view's worker: the operator's stored order, read against TABS."""
        from ..services import preferences

        return preferences.my_preferences(self.desk.read_uow(), self.desk.actor, tab_codes()).tabs

    def arrange_tabs(self, arrangement: Arrangement) -> None:
        """Show the tabs in ``arrangement``'s order, the hidden ones hidden; the view opens
        on the first one shown, and leaves a tab just hidden for it."""
        if arrangement == self.tabs_arranged:
            return
        first_time = self.tabs_arranged is None
        self.tabs_arranged = arrangement
        if first_time and arrangement == read_arrangement(tab_codes(), None):
            return  # the view's own order, as composed: nothing to move
        tabbed = self.query_one("#sections", TabbedContent)
        bar = tabbed.query_one("#tabs-list")
        for code, shown in arrangement:
            tab = tabbed.get_tab(_pane(code))
            if bar.children and bar.children[-1] is not tab:
                bar.move_child(tab, after=bar.children[-1])
            if shown:
                tabbed.show_tab(_pane(code))
            else:
                tabbed.hide_tab(_pane(code))
        visible = [_pane(code) for code, shown in arrangement if shown]
        if visible and (first_time or tabbed.active not in visible):
            tabbed.active = visible[0]

    def action_arrange_tabs(self) -> None:
        from ..services import preferences
        from .dialogs.arrange import ArrangeDialog

        current = self.tabs_arranged or read_arrangement(tab_codes(), None)
        items = [(code, _(TABS[tab_codes().index(code)]), on) for code, on in current]
        desk, chosen = self.desk, list[Arrangement]()

        def save(arrangement: Arrangement) -> None:
            preferences.set_tabs(desk.uow(), desk.actor, arrangement)
            chosen.append(arrangement)

        def saved(done: bool | None) -> None:
            if done and chosen:
                self.arrange_tabs(chosen[-1])

        dialog = ArrangeDialog(_("Tabs of the case view"), items, save, check_tabs)
        self.app.push_screen(dialog, saved)
