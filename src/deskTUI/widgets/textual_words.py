"""Textual's own words that an operator reads, in the operator's language.

Textual writes its command palette (the system commands, the search field's placeholder,
"No matches found") and its built-in widgets' keys (Input, TextArea, DataTable,
OptionList, Tabs, Select…, listed by the ``?`` panel and the footer) in English. Their
msgids are listed here with ``N_`` so the catalogue keeps them (pybabel does not read
Textual); the keys are translated by ``spoken_keys.SpokenKeys`` when shown, the palette
by :class:`SpokenPalette` on the app. tests/tui/test_no_words_frozen_at_import.py fails
when a Textual upgrade brings a key word missing from this list.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.align import Align
from rich.text import Text
from textual.app import App, SystemCommand
from textual.command import CommandList, CommandPalette
from textual.theme import ThemeProvider
from textual.widgets.option_list import Option

from ..i18n import N_, _
from .spoken_keys import SpokenKeys

if TYPE_CHECKING:
    from textual.screen import Screen

SYSTEM_COMMANDS = (
    # App.get_system_commands: each command's title and help line.
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit"),
    N_("Quit the application as soon as possible"),
    N_("Keys"),
    N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
)

KEY_WORDS = (
    # The app's palette key and the screens' own.
    N_("palette"),
    N_("Open the command palette"),
    N_("Quit the app and return to the command prompt."),
    N_("Focus Next"),
    N_("Focus Previous"),
    N_("Copy selected text"),
    # Input (its keys' heading is INPUT_KEYS).
    N_("Scroll Up"),
    N_("Scroll Down"),
    N_("Move cursor left"),
    N_("Move cursor right or accept the completion suggestion"),
    N_("Go to start"),
    N_("Go to end"),
    N_("Page Up"),
    N_("Page Down"),
    N_("Page Left"),
    N_("Page Right"),
    N_("Move cursor left and select"),
    N_("Move cursor left a word"),
    N_("Move cursor left a word and select"),
    N_("Move cursor right and select"),
    N_("Move cursor right a word"),
    N_("Move cursor right a word and select"),
    N_("Delete character left"),
    N_("Select all"),
    N_("Select line start"),
    N_("Select line end"),
    N_("Delete character right"),
    N_("Submit"),
    N_("Delete left to start of word"),
    N_("Delete all to the left"),
    N_("Delete right to start of word"),
    N_("Delete all to the right"),
    N_("Cut selected text"),
    N_("Paste text from the clipboard"),
    # TextArea.
    N_("Cursor up"),
    N_("Cursor down"),
    N_("Cursor left"),
    N_("Cursor right"),
    N_("Cursor line start"),
    N_("Cursor line end"),
    N_("Cursor page up"),
    N_("Cursor page down"),
    N_("Cursor word left"),
    N_("Cursor word right"),
    N_("Cursor left word select"),
    N_("Cursor right word select"),
    N_("Cursor line start select"),
    N_("Cursor line end select"),
    N_("Cursor up select"),
    N_("Cursor down select"),
    N_("Cursor left select"),
    N_("Cursor right select"),
    N_("Select line"),
    N_("Cut"),
    N_("Copy"),
    N_("Paste"),
    N_("Delete to line start"),
    N_("Delete to line end"),
    N_("Delete line"),
    N_("Undo"),
    N_("Redo"),
    # DataTable.
    N_("Home"),
    N_("End"),
    N_("Page up"),
    N_("Page down"),
    N_("Select"),
    N_("Top"),
    N_("Bottom"),
    # OptionList (and Select's menu), Tabs, Select, Checkbox, Button, scrolling.
    N_("Up"),
    N_("Down"),
    N_("Scroll Left"),
    N_("Scroll Right"),
    N_("First"),
    N_("Last"),
    N_("Previous tab"),
    N_("Next tab"),
    N_("Show menu"),
    N_("Dismiss menu"),
    N_("Toggle"),
    N_("Press button"),
    N_("Scroll Home"),
    N_("Scroll End"),
    # The command palette's own.
    N_("Go to bottom"),
    N_("Go to top"),
    N_("Next command"),
    N_("Previous command"),
    N_("Next page"),
    N_("Previous page"),
    N_("Exit the command palette"),
)

INPUT_KEYS = N_("Input")
SEARCH_COMMANDS = N_("Search for commands…")
SEARCH_THEMES = N_("Search for themes…")
NO_MATCHES = N_("No matches found")
QUIT_HOW = N_("Press [b]{key}[/b] to quit the app")
QUIT_ASKED = N_("Do you want to quit?")


class DeskPalette(SpokenKeys, CommandPalette):
    """Textual's command palette, its keys and "No matches found" in the operator's
    language."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own, but for the sentence (textual/command.py, 8.2.8).
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(_(NO_MATCHES), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


class SpokenPalette:
    """For the App: the command palette and its system commands in the operator's language."""

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        commands: Iterable[SystemCommand] = super().get_system_commands(screen)  # type: ignore[misc]
        for command in commands:
            yield command._replace(title=_(command.title), help=_(command.help))

    def action_command_palette(self) -> None:
        app = self.app_itself()
        if app.use_command_palette and not CommandPalette.is_open(app):
            app.push_screen(DeskPalette(id="--command-palette", placeholder=_(SEARCH_COMMANDS)))

    def search_themes(self) -> None:
        self.app_itself().push_screen(
            DeskPalette(providers=[ThemeProvider], placeholder=_(SEARCH_THEMES))
        )

    def action_help_quit(self) -> None:
        # Textual's answer to ctrl+c (which copies in a field and no longer quits), in words.
        app = self.app_itself()
        for key, active in app.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                app.notify(_(QUIT_HOW).format(key=key), title=_(QUIT_ASKED))
                return

    def app_itself(self) -> App[object]:
        assert isinstance(self, App)
        return self
