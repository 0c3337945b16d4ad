"""The unread count, at the right end of the screen's title line: "3 unread · I".

The app mounts one on every full screen (``DeskApp._badge``) and keeps the figure
(``DeskApp.unread``), read again whenever the desk changes; the badge only draws it.
It sits in a layer of its own, docked right and one line high, so it covers the end
of the title bar without taking a column from the screen's own layout. Hidden at 0.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.widgets import Static

from ..formats import number
from ..i18n import _


def unread_text(count: int) -> str:
    return _("{count} unread · I").format(count=number(count))


class InboxBadge(Static):
    DEFAULT_CSS = """
    InboxBadge {
        layer: inbox-badge;
        dock: right;
        width: auto;
        height: 1;
        padding: 0 1;
        background: $accent;
        color: $text;
        text-style: bold;
        display: none;
    }
    InboxBadge.-unread {
        display: block;
    }
    App:nocolor InboxBadge {
        text-style: reverse;
    }
    """

    _shown: str | None = None

    def on_mount(self) -> None:
        self.show_count(getattr(self.app, "unread", 0))

    def show_count(self, count: int) -> None:
        self.set_class(count > 0, "-unread")
        # Counted again after every change on the desk: the same count is not drawn again
        # (an update lays the screen out anew).
        if count > 0 and unread_text(count) != self._shown:
            self._shown = unread_text(count)
            self.update(Content(self._shown))
        self._make_room(cell_len(unread_text(count)) + 2 if count > 0 else 0)

    def _make_room(self, cells: int) -> None:
        """The screen's title line keeps ``cells`` free at its end, so a long title ends
        in its ellipsis before the badge instead of running on under it."""
        if self.is_attached:
            for title in self.screen.query("#editor-title, #title-bar"):
                title.styles.padding = (0, cells, 0, 0)
