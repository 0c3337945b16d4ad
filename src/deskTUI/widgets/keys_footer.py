"""The footer of every screen: Textual's, with its keys shown whole or not at all.

Textual's footer lays its keys in one scrolling row and docks the command palette's
key over its right end: keys past the room slid under it, cut ("p Plan a foll▏"),
and in the compact style the palette key's right margin let one cell of them show
through beside it ("▏^p palettes"). Here the keys that do not fit give way whole,
from the right, but the one that opens the keys panel (`?`), which lists them all;
the margin is painted over in desktui.tcss.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

KEYS_PANEL = "toggle_keys"
"""The action of `?`: kept when others give way, since its panel lists them all."""


class KeysFooter(Footer):
    async def recompose(self) -> None:
        await super().recompose()
        self._forget_removed_keys()
        self.call_after_refresh(self._fit_keys)

    def _forget_removed_keys(self) -> None:
        """Textual 8.2's footer binds each key's ``compact`` to its own (``data_bind``), and
        a key it removes stays in the footer's watchers until ``compact`` changes, which it
        never does: each recompose (every focus switch, every change of the keys offered)
        kept its keys alive, 18 per switch between the query line and the list. Dropped
        here as Textual drops them itself when the value changes (watchers whose node is
        closing); reported upstream."""
        watchers = getattr(self, "__watchers", None)  # where textual.reactive._watch keeps them
        for watching in (watchers or {}).values():
            watching[:] = [(node, call) for node, call in watching if not node._closing]

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._fit_keys)

    def _fit_keys(self) -> None:
        keys = [k for k in self.query(FooterKey) if not k.has_class("-command-palette")]
        palette = self.query(".-command-palette")
        room = self.size.width - (palette.first().outer_size.width if palette else 0)
        pinned = [k for k in keys if k.action.rsplit(".", 1)[-1] == KEYS_PANEL]
        # Measured from what each draws: a key hidden before has no size on screen.
        widths = {k: k.render().cell_len + k.styles.margin.left + k.styles.margin.right for k in keys}  # fmt: skip
        used = sum(widths.values())
        for key in keys:
            key.display = True
        for key in reversed(keys):
            if used <= room:
                break
            if key in pinned:
                continue
            key.display = False
            used -= widths[key]
