"""The base of every case-action dialog: a titled box, its fields, one error line.

Each dialog asks for what the rule needs, calls one service in a worker, and
either closes (the caller reloads) or shows the domain's sentence and stays
open with what the operator typed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Static

from ...domain.durations import parse_duration
from ...domain.errors import DomainError
from ...i18n import N_, error_text
from ...session import DeskSession, session_of
from ...widgets.spoken_keys import SpokenKeys
from ..loading import ServiceCalls

T = TypeVar("T")


class ActionDialog(SpokenKeys, ServiceCalls, ModalScreen[bool]):
    """A titled box with fields, one error line, and a service call on submit."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="dialog.cancel")]

    title_text = ""

    @property
    def desk(self) -> DeskSession:
        return session_of(self.app)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.title_text), classes="dialog-title")
            yield from self.fields()
            yield Static(classes="dialog-error", id="dialog-error")

    def fields(self) -> ComposeResult:
        yield from ()

    def action_cancel(self) -> None:
        self.dismiss(False)

    def show_error(self, text: str) -> None:
        self.query_one("#dialog-error", Static).update(Content(text))

    def typed_duration(self, field_id: str) -> int | None:
        """The minutes typed in the field (1h30m, 1:30, 90m); None, with the domain's
        sentence on the error line, when they are no duration."""
        try:
            return parse_duration(self.query_one(f"#{field_id}", Input).value)
        except DomainError as error:
            self.show_error(error_text(error))
            return None

    def call(
        self,
        service: Callable[[], T],
        then: Callable[[T], object] | None = None,
        *,
        closes: bool = True,
    ) -> None:
        """Run one service call off the event loop (``then`` gets its answer, on the event
        loop, before the dialog closes); its refusal stays on screen.

        While the desk answers, the fields let go of the focus and a second submit is
        ignored: keys typed on after the Enter are for the screen underneath (key_hold
        waits for this write), and should the write outlast that wait, they must neither
        type into a dialog about to close nor submit it again (a slow comment was saved
        twice, the second time with the next keys typed into it: 'holacotra').
        ``closes=False``: the dialog stays to show the answer (the bulk summary), and its
        fields are given back."""
        if self._answering:
            return
        self._answering, self._focus_before = True, self.focused
        self.set_focus(None)
        self.call_service(
            service,
            partial(self._done, then, closes),
            failed=self.refused,
            group="dialog",
            exclusive=True,
        )

    _answering = False
    """A submit is running."""
    _focus_before: Widget | None = None
    """The field that had the focus when it started (given back on a refusal)."""

    def refused(self, text: str) -> None:
        """The call's sentence under the fields; the focus goes back where it was."""
        self._answered()
        self.show_error(text)

    def _answered(self) -> None:
        """The call is over: submits count again, the focus goes back where it was."""
        field, self._focus_before, self._answering = self._focus_before, None, False
        if field is not None and field.is_attached:
            field.focus()

    def _done(self, then: Callable[[Any], object] | None, closes: bool, answer: Any) -> None:
        if then is not None:
            then(answer)
        if closes:
            self.dismiss(True)
        else:
            self._answered()
