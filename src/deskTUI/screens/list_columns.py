"""The case list's pages as its screen receives them, and `L`: the operator chooses the
list's columns and their order (issue 21, seed 003's ticket list: contract, created).
Mixed into the list screen (before Screen)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.screen import Screen

from ..domain.preferences import LIST_COLUMNS, Arrangement, check_columns
from ..i18n import N_, _
from ..services.case_list import ListCount, ListRow
from ..widgets.case_table import CaseTable, column_label
from ..widgets.spoken_keys import SpokenKeys


@dataclass(frozen=True)
class Page:
    """A window of rows of the result ``generation``, from ``offset``, in ``columns`` (the
    operator's, as read with the rows; None: as the table has them)."""

    generation: int
    offset: int
    rows: list[ListRow]
    columns: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Counted:
    """How many cases the result ``generation`` matches (perhaps "10,000+")."""

    generation: int
    count: ListCount
    cap: int | None


class ListColumns(SpokenKeys, Screen[None]):
    """`L` on the list: which columns show, in which order, saved for this operator."""

    BINDINGS = [Binding("L", "choose_columns", N_("Columns"), id="list.columns", show=False)]

    if TYPE_CHECKING:  # the list screen's, which this is mixed into

        @property
        def desk(self) -> Any: ...

        run_query: Any

    def action_choose_columns(self) -> None:
        from ..services import preferences
        from .dialogs.arrange import ArrangeDialog

        shown = self.query_one(CaseTable).chosen
        # The columns shown now, in their order, then the others (hidden) in the desk's.
        current = [*shown, *(c for c in LIST_COLUMNS if c not in shown)]
        items = [(code, column_label(code), code in shown) for code in current]
        desk = self.desk

        def save(arrangement: Arrangement) -> None:
            preferences.set_columns(desk.uow(), desk.actor, arrangement)

        def saved(done: bool | None) -> None:
            if done:
                self.run_query(fresh=True)  # read again, in the new columns

        dialog = ArrangeDialog(_("Columns of the case list"), items, save, check_columns)
        self.app.push_screen(dialog, saved)
