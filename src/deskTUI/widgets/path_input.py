"""A one-line field of paths where Tab completes the last one, as a shell does."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.message import Message

from ..i18n import N_
from .path_words import escaped
from .text_input import TextInput


class PathInput(TextInput):
    """Tab asks its screen to complete (``Complete``): reading a folder is the screen's
    worker's job, never the event loop's; the field only says what was typed."""

    BINDINGS = [Binding("tab", "complete", N_("Complete the path"), id="path.complete")]

    @dataclass
    class Complete(Message):
        """Tab pressed: complete ``line``, the field's text when it was pressed."""

        field: PathInput
        line: str

        @property
        def control(self) -> PathInput:
            return self.field

    def action_complete(self) -> None:
        self.cursor_position = len(self.value)  # completes the end, as the line is read
        self.post_message(self.Complete(self, self.value))

    def _on_paste(self, event: events.Paste) -> None:
        """Paths pasted one per line (a file manager's copy) become one path each, escaped
        as completion writes them; a field would otherwise keep the first line only."""
        lines = [line.strip() for line in event.text.splitlines() if line.strip()]
        if len(lines) > 1:  # else Input's own handler, which runs after this one, pastes it
            event.prevent_default()
            event.stop()
            self.insert_text_at_cursor(" ".join(escaped(line) for line in lines) + " ")

    def completed(self, before: str, after: str) -> None:
        """The worker's answer, applied unless the line changed meanwhile."""
        if self.value == before and after != before:
            self.value = after
            self.cursor_position = len(after)
