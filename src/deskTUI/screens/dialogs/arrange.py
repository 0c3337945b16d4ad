"""Arrange a list of things: their order and which of them show (issue 21): the case
view's tabs (seed 000 "Ordenar Módulos Relacionados") and the case list's columns."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...domain.errors import DomainError
from ...domain.preferences import Arrangement
from ...i18n import N_, _, error_text
from .base import ActionDialog

SHOWN, HIDDEN = "[✓] ", "[ ] "
"""A glyph, not a colour: it shows under NO_COLOR too."""


class ArrangeDialog(ActionDialog):
    """A list of (code, label, shown): space shows or hides the highlighted one, J and K
    (or shift+down, shift+up) move it, enter saves through ``save``."""

    BINDINGS = [
        Binding("space", "show_hide", N_("Show / hide"), id="arrange.toggle"),
        Binding("J,shift+down", "move(1)", N_("Move down"), id="arrange.down"),
        Binding("K,shift+up", "move(-1)", N_("Move up"), id="arrange.up"),
        Binding("j", "cursor(1)", N_("Down"), show=False),
        Binding("k", "cursor(-1)", N_("Up"), show=False),
    ]

    def __init__(
        self,
        title: str,
        items: list[tuple[str, str, bool]],
        save: Callable[[Arrangement], object],
        check: Callable[[Arrangement], None],
    ) -> None:
        super().__init__()
        self.title_text = title
        self.items = list(items)
        """(code, label in the operator's words, shown), in the order chosen so far."""
        self._save, self._check = save, check

    def fields(self) -> ComposeResult:
        yield OptionList(*self._options(), id="arrange")
        yield Static(
            Content(_("space shows or hides · J K move · enter saves · escape cancels")),
            classes="dialog-hint",
        )

    def on_mount(self) -> None:
        options = self.query_one("#arrange", OptionList)
        options.highlighted = 0
        options.focus()

    def _options(self) -> list[Option]:
        return [
            Option(Content((SHOWN if on else HIDDEN) + label), id=code)
            for code, label, on in self.items
        ]

    def _redraw(self, highlighted: int) -> None:
        options = self.query_one("#arrange", OptionList)
        options.clear_options()
        options.add_options(self._options())
        options.highlighted = highlighted
        self.show_error("")

    def _at(self) -> int | None:
        return self.query_one("#arrange", OptionList).highlighted

    def action_show_hide(self) -> None:
        if (at := self._at()) is not None:
            code, label, on = self.items[at]
            self.items[at] = (code, label, not on)
            self._redraw(at)

    def action_move(self, step: int) -> None:
        at = self._at()
        if at is None or not 0 <= at + step < len(self.items):
            return
        self.items[at], self.items[at + step] = self.items[at + step], self.items[at]
        self._redraw(at + step)

    def action_cursor(self, step: int) -> None:
        options = self.query_one("#arrange", OptionList)
        at = options.highlighted or 0
        options.highlighted = max(0, min(len(self.items) - 1, at + step))

    @property
    def arrangement(self) -> Arrangement:
        return tuple((code, on) for code, _label, on in self.items)

    @on(OptionList.OptionSelected, "#arrange")
    def submit(self) -> None:
        """enter: checked here first (at least one tab, the number column), then saved."""
        arrangement = self.arrangement
        try:
            self._check(arrangement)
        except DomainError as error:
            self.show_error(error_text(error))
            return
        self.call(lambda: self._save(arrangement))
