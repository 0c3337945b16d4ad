"""Find one record by typing part of its name (seed 001's search assistant)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static

from ...i18n import N_, _
from ...widgets.pick_list import PickList
from ...widgets.spoken_keys import SpokenKeys


class LookupDialog(SpokenKeys, ModalScreen[int | None]):
    """Type to filter, enter picks the highlighted match; escape picks nothing."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, title: str, entries: list[tuple[int, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.entries = entries
        """(id, label from data): labels go through the sanitizer in the PickList."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.title_text), classes="dialog-title")
            yield PickList(
                [(str(i), label) for i, label in self.entries],
                list_id="lookup",
                placeholder=_("type to filter"),
            )

    @on(OptionList.OptionSelected, "#lookup")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(str(event.option.id)))

    def action_cancel(self) -> None:
        self.dismiss(None)
