"""The unread count, at the right end of the screen's title line: "3 unread · I".

The app mounts one on every full screen (``DeskApp._badge``) and keeps the figure
(``DeskApp.unread``), read again whenever the desk changes; the badge only draws it.
It sits in a layer of its own, docked right and one line high, so it covers the end
of the title bar without taking a column from the screen's own layout. Hidden at 0.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ..i18n import _


def unread_text(count: int) -> str:
    return _("{count} unread · I").format(count=f"{count:,}")


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

    def on_mount(self) -> None:
        self.show_count(getattr(self.app, "unread", 0))

    def show_count(self, count: int) -> None:
        self.set_class(count > 0, "-unread")
        if count > 0:
            self.update(Content(unread_text(count)))
