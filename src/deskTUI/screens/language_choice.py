"""The operator's language, chosen from the palette ("Language / Idioma") while the app runs.

Mixed into the app (before ``App``). Light on purpose: the app imports it before its
first page, so the dialog and the service are imported only when the choice is made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..i18n import _
from ..session import session_of

if TYPE_CHECKING:
    from textual.app import App

    # Read by the type checker as the App it is mixed into.
    _MixedIntoApp = App[Any]
else:
    _MixedIntoApp = object


class LanguageChoice(_MixedIntoApp):
    """The palette's "Language / Idioma" and what follows the choice."""

    def action_language(self) -> None:
        """From the palette: the language the operator reads the desk in."""
        from .dialogs.language import LanguageDialog

        if not isinstance(self.screen, LanguageDialog):
            self.push_screen(LanguageDialog())

    def language_chosen(self, language: str | None) -> None:
        """The operator chose their language (stored already; None: their session's).

        Said at once where the words are read when drawn: the footer, the keys panel, the
        palette, the title line, the screen in view (read again, as after anyone's change)
        and every screen opened from now on. Text that a screen already open composed once
        (the query line's hint, a case's tab names) changes when that screen is opened
        again: rebuilding it in place would lose what the operator was doing there."""
        spoken = session_of(self).choose_language(language)
        self.refresh_bindings()
        refresh_unread = getattr(self, "refresh_unread", None)
        if callable(refresh_unread):  # the title line: "{login} ({role})", the unread count
            refresh_unread()
        for screen in reversed(self.screen_stack):  # the one under the dialog
            desk_changed = getattr(screen, "desk_changed", None)
            if callable(desk_changed):
                desk_changed()
                break
        if language is None:
            said = _("You read the desk in the language of your session now.")
        elif spoken != language:  # DESKTUI_LANG wins over the setting, in this session
            said = (
                _("Saved. DESKTUI_LANG keeps this session in Spanish.")
                if spoken == "es"
                else _("Saved. DESKTUI_LANG keeps this session in English.")
            )
        elif spoken == "es":
            said = _("You read the desk in Spanish now.")
        else:
            said = _("You read the desk in English now.")
        self.notify(said, markup=False)
