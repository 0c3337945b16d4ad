"""Pick the contact a new case is for."""

from __future__ import annotations

from collections.abc import Callable

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


class ContactPicker(SpokenKeys, ModalScreen[tuple[int, int] | None]):
    """Find a contact by typing; enter gives (client id, contact id) for a new case (seed 002);
    ctrl+o shows the highlighted contact's cases instead (seed 002's "pestaña Casos")."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel")),
        # ctrl+o: the filter takes every letter typed, so the key is one it does not use.
        Binding("ctrl+o", "their_cases", N_("Their cases"), id="contacts.cases"),
    ]

    def __init__(
        self,
        contacts: list[tuple[int, int, str]],
        show_cases: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__()
        self.contacts = contacts
        """(client id, contact id, "name — client") of every contact the operator may see."""
        self.show_cases = show_cases
        """Shows a contact's cases (the list, filtered ``contact:ID``); None: not offered."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                Content(_("New case for a contact: type part of the name")), classes="dialog-title"
            )
            entries = [(f"{client}:{contact}", label) for client, contact, label in self.contacts]
            yield PickList(entries, list_id="contacts", placeholder=_("type to filter"))
            # A modal has no footer: the keys are said here, ctrl+o only where it works.
            hint = (
                _("enter: a new case for them · ctrl+o: their cases · escape: cancel")
                if self.show_cases is not None
                else _("enter: a new case for them · escape: cancel")
            )
            yield Static(Content(hint), classes="dialog-hint")

    @on(OptionList.OptionSelected, "#contacts")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        client, contact = str(event.option.id).split(":")
        self.dismiss((int(client), int(contact)))

    def action_their_cases(self) -> None:
        options = self.query_one("#contacts", OptionList)
        if self.show_cases is None or options.highlighted is None:
            return
        option = options.get_option_at_index(options.highlighted)
        _client, contact = str(option.id).split(":")
        self.dismiss(None)
        self.show_cases(int(contact))

    def action_cancel(self) -> None:
        self.dismiss(None)
