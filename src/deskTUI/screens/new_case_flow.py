"""The list's way to a new case: what a new desk lacks first (an area with a category, a
client), the dialogs that add it, then the new-case form, from `n` or, with a contact
picked first, from `N`. Mixed into the list screen (before Screen)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from ..i18n import _
from ..widgets.spoken_keys import SpokenKeys

if TYPE_CHECKING:
    from ..services.admin import DeskSetup


def setup_text(setup: DeskSetup) -> str:
    """A new desk's guidance on the list: what a case needs that the desk lacks, who may
    add it and how (the keys here, the commands from a shell)."""
    area, client = "area" in setup.missing, "client" in setup.missing
    if area and client:
        what = _("This desk has no area with a category and no client yet: a case needs both.")
    elif area:
        what = _("This desk has no area with a category yet: every case is filed under one.")
    else:
        what = _("This desk has no client yet: every case is a client's.")
    if setup.may_add:
        how = _("Press n to add them here, one dialog each, or from a shell:")
    else:
        how = _("Only an admin can add them (with n here, or from a shell):")
    commands = []
    if area:
        commands.append("  desktui area add Soporte --category Impresoras")
    if client:
        commands.append('  desktui client add "Acme SA" --contact "María Pérez"')
    return "\n".join([what, how, *commands])


class NewCaseFlow(SpokenKeys, Screen[None]):
    """`n` and `N` on the list, and the hint that says what a new desk lacks."""

    if TYPE_CHECKING:  # the list screen's, which this is mixed into (a ServiceCalls)

        @property
        def desk(self) -> Any: ...

        call_service: Any
        _count_views: Any
        _contacts_unread: Any
        use_query: Any

    def _read_setup(self) -> DeskSetup:
        """Runs in a worker: what the desk lacks."""
        from ..services.admin import desk_setup

        return desk_setup(self.desk.read_uow(), self.desk.actor)

    def show_setup(self, setup: DeskSetup) -> None:
        """The hint says what the desk lacks, or goes."""
        hint = self.query_one("#setup-hint", Static)
        hint.display = bool(setup.missing)
        if setup.missing:
            hint.update(Content(setup_text(setup)))

    def _setup_unread(self, text: str) -> None:
        """Guidance only: a failed read of the setup changes nothing on screen."""
        self.log.warning(f"reading the desk's setup failed: {text}")

    def action_new_case(self) -> None:
        """n: the new-case form, once the desk has what a case needs (read now: another
        terminal may have just added it); on a new desk an admin adds an area, then a
        client, a dialog each, and others are told who may."""
        self._ask_new_case()

    def _ask_new_case(self) -> None:
        def unread(text: str) -> None:  # the form says what is wrong anyway
            self._setup_unread(text)
            self._new_case(None)

        self.call_service(
            self._read_setup, self._new_case, failed=unread, group="case-action", exclusive=True
        )

    def _new_case(self, setup: DeskSetup | None) -> None:
        if setup is not None:
            self.show_setup(setup)
        if setup is None or not setup.missing:
            self._open_new_case()
        elif setup.may_add:
            self._add_first(setup.missing[0])
        else:
            self.app.notify(setup_text(setup), markup=False, timeout=15)

    def _add_first(self, missing: str) -> None:
        """The dialog that adds what is missing first; once added, what is missing is read
        again (another terminal may have added the rest): the next dialog, or the new-case
        form. Escape in a dialog stops there (the hint says what is still missing)."""
        from .dialogs.add_area import AddAreaDialog
        from .dialogs.add_client import AddClientDialog

        def added(done: bool | None) -> None:
            self._count_views()  # and the setup, so the hint follows
            if done:
                self._ask_new_case()

        dialog = AddAreaDialog() if missing == "area" else AddClientDialog()
        self.app.push_screen(dialog, added)

    def _open_new_case(self) -> None:
        from .case_view import CaseViewScreen
        from .new_case import NewCaseScreen

        def opened(case_id: int | None) -> None:
            if case_id is not None:
                self.app.push_screen(CaseViewScreen(case_id))

        self.app.push_screen(NewCaseScreen(), opened)

    def action_new_for_contact(self) -> None:
        """N: pick a contact, and the new case comes with its client filled in (seed 002)."""
        self.call_service(
            self._read_contacts,
            self._pick_contact,
            failed=self._contacts_unread,  # read again only at N: no promise to retry
            group="contacts",
            exclusive=True,
        )

    def _read_contacts(self) -> DeskSetup | list[tuple[int, int, str]]:
        """Runs in a worker: the contacts to pick from (client id, contact id, label), or,
        on a new desk, what it lacks (as n, what to add first)."""
        from ..services.records import offered_for_new_case

        setup = self._read_setup()
        if setup.missing:
            return setup
        # A deactivated client's contacts open no new case (issue 21).
        offered = offered_for_new_case(self.desk.read_uow(), self.desk.actor)
        clients, contacts = offered.clients, offered.contacts
        names = {c.id: c.name for c in clients}
        return [
            (p.client_id, p.id, f"{p.name} — {names.get(p.client_id, '')}")
            for p in contacts
            if p.id is not None  # read from the store: always so
        ]

    def _pick_contact(self, contacts: DeskSetup | list[tuple[int, int, str]]) -> None:
        from .case_view import CaseViewScreen
        from .dialogs import ContactPicker
        from .new_case import NewCaseScreen

        def opened(case_id: int | None) -> None:
            if case_id is not None:
                self.app.push_screen(CaseViewScreen(case_id))

        def picked(choice: tuple[int, int] | None) -> None:
            if choice is not None:
                client_id, contact_id = choice
                self.app.push_screen(
                    NewCaseScreen(client_id=client_id, contact_id=contact_id), opened
                )

        if not isinstance(contacts, list):
            self._new_case(contacts)
            return
        self.app.push_screen(ContactPicker(contacts, self._contact_cases), picked)

    def _contact_cases(self, contact_id: int) -> None:
        """ctrl+o in the contact picker: the list shows that contact's cases (seed 002)."""
        self.use_query(f"contact:{contact_id}")
