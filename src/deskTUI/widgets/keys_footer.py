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
        self.call_after_refresh(self._fit_keys)

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
