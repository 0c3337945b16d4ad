"""The list's query line: an Input that never asks the screen for a layout.

Textual's Input sets its virtual width to the length of its text, and a
change of virtual size asks the whole screen to lay itself out again: on the
list's screen that is most of a keystroke's time (measured: two to three
layouts per key, ~20 ms each on two cores). The query line's size comes from
the stylesheet (full width, fixed height), never from what is typed, so it
repaints itself and leaves the layout alone.
"""

from __future__ import annotations

from textual.geometry import Region

from .text_input import TextInput


class QueryInput(TextInput):
    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> QueryInput:
        super().refresh(*regions, repaint=repaint, layout=False, recompose=recompose)
        return self
