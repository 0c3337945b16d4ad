"""The list's way to a new case: what a new desk lacks first (an area with a category, a
client), the dialogs that add it, then the new-case form, from `n` or, with a contact
picked first, from `N`. Mixed into the list screen (before Screen)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from ..i18n import _
from .failures import failure_text

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


class NewCaseFlow(Screen[None]):
    """`n` and `N` on the list, and the hint that says what a new desk lacks."""

    if TYPE_CHECKING:  # the list screen's, which this is mixed into

        @property
        def desk(self) -> Any: ...

        Failed: Any
        _count_views: Any

    class Setup(Message):
        """What the desk lacks before a case can be opened (``new``: `n` asked for it)."""

        def __init__(self, setup: DeskSetup | None, *, new: bool = False) -> None:
            self.setup = setup
            self.new = new
            super().__init__()

    def _read_setup(self) -> DeskSetup | None:
        """Runs in a worker: what the desk lacks (None: the read failed, nothing is said)."""
        from ..services.admin import desk_setup

        try:
            return desk_setup(self.desk.read_uow(), self.desk.actor)
        except Exception as error:  # guidance only: the form says what is wrong anyway
            self.log.warning(f"reading the desk's setup failed: {error!r}")
            return None

    @on(Setup)
    def _show_setup(self, message: Setup) -> None:
        setup = message.setup
        if setup is not None:
            hint = self.query_one("#setup-hint", Static)
            hint.display = bool(setup.missing)
            if setup.missing:
                hint.update(Content(setup_text(setup)))
        if message.new:
            self._new_case(setup)

    def action_new_case(self) -> None:
        """n: the new-case form, once the desk has what a case needs (read now: another
        terminal may have just added it); on a new desk an admin adds an area, then a
        client, a dialog each, and others are told who may."""
        self._ask_new_case()

    @work(thread=True, exclusive=True, group="case-action", exit_on_error=False)
    def _ask_new_case(self) -> None:
        self.post_message(self.Setup(self._read_setup(), new=True))

    def _new_case(self, setup: DeskSetup | None) -> None:
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

    class Contacts(Message):
        def __init__(self, contacts: list[tuple[int, int, str]]) -> None:
            self.contacts = contacts
            super().__init__()

    def action_new_for_contact(self) -> None:
        """N: pick a contact, and the new case comes with its client filled in (seed 002)."""
        self._load_contacts()

    @work(thread=True, exclusive=True, group="contacts", exit_on_error=False)
    def _load_contacts(self) -> None:
        from ..services.admin import clients_and_contacts

        setup = self._read_setup()
        if setup is not None and setup.missing:  # a new desk: as n, what to add first
            self.post_message(self.Setup(setup, new=True))
            return
        try:
            clients, contacts = clients_and_contacts(self.desk.read_uow(), self.desk.actor)
        except Exception as error:  # read again only at N: no promise to retry
            text = failure_text(error, self.log)
            self.post_message(self.Failed(text, of_list=False, transient=False))
            return
        names = {c.id: c.name for c in clients}
        rows = [
            (p.client_id, p.id, f"{p.name} — {names.get(p.client_id, '')}")
            for p in contacts
            if p.id is not None  # read from the store: always so
        ]
        self.post_message(self.Contacts(rows))

    @on(Contacts)
    def _pick_contact(self, message: Contacts) -> None:
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

        self.app.push_screen(ContactPicker(message.contacts), picked)
