"""The case view's Similar tab (seed 000: "una base de conocimientos para futuros problemas
similares"): the solved cases most like this one, with their solution's first line.

Mixed into the case view. The cases are read when the tab is first shown (a thread
worker: never on the event loop), and again when the case is read again while the tab
has been seen. ``enter`` opens the highlighted case; ``U`` puts its solution into this
case's edit draft (services/drafts.py), so ``e`` opens the form with it, ready to adapt
and save: nothing is written to the case until the operator saves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.binding import Binding
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import DataTable, Static, TabbedContent

from ..domain.permissions import Action
from ..formats import number
from ..i18n import N_, _, ngettext
from ..safe_text import safe
from ..widgets.fit import Col, FittedTable, at_cursor, spoken_columns
from .loading import ServiceCalls

if TYPE_CHECKING:
    from ..services.knowledge import SimilarCase
    from ..services.views import CaseDetail
    from ..session import DeskSession

SHOWN = 10
"""How many similar cases the tab lists."""

SIMILAR_BINDINGS = [
    Binding("U", "use_solution", N_("Use solution"), id="similar.use"),
]
SIMILAR_KEY_PERMISSIONS: dict[str, tuple[Action, ...]] = {
    # Whoever may change this case's solution (the edit form's own permissions).
    "use_solution": (Action.EDIT_CASE, Action.UPDATE_PROGRESS),
}
SIMILAR_COLUMNS = [
    Col("number", N_("Case"), whole=True),
    Col("title", N_("Title"), least=12),
    Col("solution", N_("Solution"), least=16),
]


def _cell(value: object) -> Text:
    return Text(safe(value, one_line=True))


class CaseSimilar(ServiceCalls):
    """Mixed into the case view, which has the case, the desk and the reload."""

    similar: list[SimilarCase] | None = None
    """What the tab shows; None until it has been read."""

    if TYPE_CHECKING:
        detail: CaseDetail | None
        case_id: int

        @property
        def desk(self) -> DeskSession: ...

        def show_action_error(self, text: str) -> None: ...

    def _view(self) -> Screen[None]:
        return cast("Screen[None]", self)

    def on_similar_tab(self) -> bool:
        """True while the Similar tab is the one shown (found by its table, wherever the
        operator has put the tab)."""
        try:
            pane = self._view().query_one("#sections", TabbedContent).active_pane
            table = self._view().query_one("#similar-table", DataTable)
        except NoMatches:  # not composed yet
            return False
        return pane is not None and pane in table.ancestors

    def similar_tab_shown(self) -> None:
        """The tabs changed: the Similar tab's cases are read the first time it shows."""
        if self.similar is None and self.on_similar_tab():
            self.load_similar()

    def similar_case_read(self) -> None:
        """The case was read again (changed): so are its similar cases, if seen already."""
        if self.similar is not None or self.on_similar_tab():
            self.load_similar()

    def load_similar(self) -> None:
        from ..services import knowledge

        desk, case_id = self.desk, self.case_id
        if self.similar is None:
            self._view().query_one("#similar-summary", Static).update(Content(_("Loading…")))
        self.call_service(
            lambda: knowledge.similar_cases(desk.read_uow(), desk.actor, case_id, limit=SHOWN),
            self._show_similar,
            failed=self._similar_failed,
            group="similar-load",
            exclusive=True,
        )

    def _similar_failed(self, text: str) -> None:
        self._view().query_one("#similar-summary", Static).update(Content(text))

    def _show_similar(self, found: list[SimilarCase]) -> None:
        self.similar = found
        summary = (
            ngettext(
                "{count} solved case like this one · enter opens it · U uses its solution",
                "{count} solved cases like this one · enter opens one · U uses its solution",
                len(found),
            ).format(count=number(len(found)))
            if found
            else _("No solved case like this one that you may see.")
        )
        self._view().query_one("#similar-summary", Static).update(Content(summary))
        self._view().query_one("#similar-table", FittedTable).set_rows(
            spoken_columns(SIMILAR_COLUMNS),
            [[s.number, _cell(s.title), _cell(s.solution_first_line)] for s in found],
        )

    def similar_at_cursor(self) -> SimilarCase | None:
        table = self._view().query_one("#similar-table", DataTable)
        return at_cursor(table, self.similar or [])

    def open_similar(self) -> None:
        """enter on a similar case: its own case view, over this one (escape comes back)."""
        from .case_view import CaseViewScreen

        if (item := self.similar_at_cursor()) is not None:
            self._view().app.push_screen(CaseViewScreen(item.id))

    def action_use_solution(self) -> None:
        """U: the highlighted case's solution becomes this case's solution in its edit
        draft (other unsaved edits of the draft kept), for ``e`` to show."""
        from ..services.drafts import Draft

        item, detail = self.similar_at_cursor(), self.detail
        if item is None or detail is None:
            return
        desk, case = self.desk, detail.case

        def keep() -> None:
            drafts = desk.drafts
            kept = drafts.load(case.number)
            values = {**(kept.values if kept else {}), "solution": item.solution}
            base = kept.base_version if kept else case.version
            drafts.save(Draft(case.number, base, values, desk.clock()))

        def kept(_none: None) -> None:
            self._view().app.notify(
                _("The solution of {source} is in {case}'s edit draft: e opens it.").format(
                    source=item.number, case=case.number
                ),
                markup=False,
            )

        # A write (the "dialog" group): the keys typed after U (e) wait for the draft.
        self.call_service(keep, kept, failed=self.show_action_error, group="dialog")
