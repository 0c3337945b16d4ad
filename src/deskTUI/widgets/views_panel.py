"""The list's views panel: the built-in and saved queries, each with its count."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..safe_text import safe

if TYPE_CHECKING:
    from ..services.saved_views import ViewCount


class ViewsPanel(OptionList):
    """One line per view, ``name  count``; enter picks its query (``query_at``)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.queries: list[str] = []
        """The query of each line (two views may share one)."""
        self.shown_by_key = False
        """`v` showed the panel (hidden for want of room): escape hides it again."""
        self._labels: list[str] = []

    def show_views(self, views: list[ViewCount]) -> None:
        """The lines again, counts changed; the highlighted line stays where it was."""
        labels = [f"{safe(view.label, one_line=True)}  {view.count_text()}" for view in views]
        queries = [view.query for view in views]
        if (labels, queries) == (self._labels, self.queries):
            return  # counted again after any change on the desk: most times the same
        self._labels = labels
        highlighted = self.highlighted
        self.clear_options()
        self.queries = queries
        for label in labels:
            self.add_option(Option(Content(label)))
        if highlighted is not None and highlighted < self.option_count:
            self.highlighted = highlighted

    def query_at(self, index: int) -> str:
        return self.queries[index]
