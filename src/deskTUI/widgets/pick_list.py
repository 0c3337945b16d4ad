"""Type to narrow a list, enter to go to it, enter again to pick (seed 001's search assistant)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from ..safe_text import safe


class PickList(Vertical):
    """A filter input over an option list; each entry is (option id, label from data)."""

    DEFAULT_CSS = """
    PickList { height: auto; }
    PickList OptionList { height: auto; max-height: 10; }
    """

    def __init__(self, entries: list[tuple[str, str]], *, list_id: str, placeholder: str) -> None:
        super().__init__()
        self.entries = entries
        self.list_id = list_id
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        yield Input(placeholder=self.placeholder, classes="pick-filter")
        yield OptionList(*self._options(""), id=self.list_id)

    def _options(self, text: str) -> list[Option]:
        wanted = text.strip().lower()
        return [
            Option(Content(safe(label, one_line=True)), id=option_id)
            for option_id, label in self.entries
            if wanted in label.lower()
        ]

    @on(Input.Changed, ".pick-filter")
    def _narrow(self, event: Input.Changed) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(self._options(event.value))
        if options.option_count:
            options.highlighted = 0

    @on(Input.Submitted, ".pick-filter")
    def _to_list(self, event: Input.Submitted) -> None:
        event.stop()  # enter in the filter moves to the list; it submits nothing
        self.query_one(OptionList).focus()

    @property
    def picked(self) -> str | None:
        """The id of the highlighted entry, if any."""
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return None
        return options.get_option_at_index(options.highlighted).id
