"""Type to narrow a list, enter to pick the highlighted match (seed 001's search assistant)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from ..safe_text import safe
from .text_input import TextInput


class PickList(Vertical):
    """A filter input over an option list; each entry is (option id, label from data).

    The first match is always highlighted, and enter in the filter picks it: one enter,
    as the highlight promises (up and down in the filter move the highlight).
    """

    BINDINGS = [
        # Reached only from the filter: the option list handles its own arrows first.
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

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
        yield TextInput(placeholder=self.placeholder, classes="pick-filter")
        yield OptionList(*self._options(""), id=self.list_id)

    def on_mount(self) -> None:
        self._highlight_first()

    def _highlight_first(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0 if options.option_count else None

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
        self._highlight_first()

    @on(Input.Submitted, ".pick-filter")
    def _pick(self, event: Input.Submitted) -> None:
        """Enter in the filter picks the highlighted match, as enter in the list does (the
        dialog hears the list's OptionSelected); with no match it picks nothing."""
        event.stop()
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            # Selected by the list itself: a message made here would have this widget as
            # its sender, and Textual stops a message at its sender's parent.
            options.call_later(options.action_select)

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            current = options.highlighted if options.highlighted is not None else -step
            options.highlighted = max(0, min(options.option_count - 1, current + step))

    @property
    def picked(self) -> str | None:
        """The id of the highlighted entry, if any."""
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return None
        return options.get_option_at_index(options.highlighted).id
