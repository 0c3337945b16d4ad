"""What a screen may ask of the running app beyond Textual's ``App``, without importing it.

Screens reach the desk itself through ``deskTUI.session.session_of(self.app)``; the few
things that belong to the app's own UI state (the timer bar, the unread badges, the
list's first page read before the start, the screens opened from anywhere and which of
them the operator may open) are asked through ``desk_ui(self.app)``.
``DeskApp`` has all of them; a test checks it, and an app without them fails loudly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from ..services.case_list import OpeningPage


@runtime_checkable
class DeskUI(Protocol):
    def take_opening_page(self) -> OpeningPage | None:
        """The list's first page read before the app started, once (then None)."""
        ...

    def first_page_shown(self) -> None:
        """The list painted its first page: the app loads the rest now."""
        ...

    def refresh_timer(self) -> object:
        """Read the operator's running timer again (after a start or stop)."""
        ...

    def refresh_unread(self) -> object:
        """Count the operator's unread notifications again (after marking some read)."""
        ...

    def may_open(self, action: str) -> bool:
        """Whether the operator's role may open the screen of ``action`` (``"board"``...)."""
        ...

    def language_chosen(self, language: str | None) -> None:
        """The operator chose their language ("es", "en"; None: their session's), stored
        already: the app speaks it from now on."""
        ...

    # The screens any screen can open (their keys work from anywhere; the palette offers
    # them too).
    def action_agenda(self) -> None: ...

    def action_timesheet(self) -> None: ...

    def action_contracts(self) -> None: ...

    def action_reports(self) -> None: ...

    def action_inbox(self) -> None: ...

    def action_board(self) -> None: ...

    def action_sla_targets(self) -> None: ...

    def action_catalogue(self) -> None: ...

    def action_people(self) -> None: ...

    def action_language(self) -> None: ...


def desk_ui(app: object) -> DeskUI:
    """The running app's UI hooks, typed; an app without them fails here, loudly."""
    if not isinstance(app, DeskUI):
        raise TypeError(f"{type(app).__name__} is not a desk app")
    return app
