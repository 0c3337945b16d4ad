"""A new case, in seed 004's order: area first, then its categories; client, then its contacts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from .. import words
from ..domain.case_checks import may_set_when_opening
from ..domain.enums import Priority
from ..i18n import N_, _
from ..safe_text import safe
from ..services import file_batch, records
from ..session import DeskSession, session_of
from ..widgets.keys_footer import KeysFooter
from ..widgets.path_input import PathInput
from ..widgets.path_words import named_paths
from ..widgets.spoken_keys import SpokenKeys
from ..widgets.text_input import TextInput
from .loading import ServiceCalls
from .path_completion import complete_in_worker

PRIORITIES = tuple(p.value for p in Priority)


def _choices(items: list[Any]) -> list[tuple[Text, int]]:
    """Names from data as plain Text: a client called "[b]x" is shown, not styled."""
    return [(Text(safe(item.name, one_line=True)), item.id) for item in items]


class NewCaseScreen(SpokenKeys, ServiceCalls, Screen[int | None]):
    """ctrl+s opens the case; the screen closes with its id (None when abandoned)."""

    BINDINGS = [
        Binding("ctrl+s", "save", N_("Open case"), id="new.save"),
        Binding("escape", "cancel", N_("Cancel"), id="new.cancel"),
    ]

    @dataclass
    class Catalog:
        """What the form's lists offer (categories and contacts follow the area and client)."""

        areas: list[Any]
        categories: list[Any]
        clients: list[Any]
        contacts: list[Any]
        projects: list[Any] = field(default_factory=list)
        services: list[Any] = field(default_factory=list)

    def __init__(self, *, client_id: int | None = None, contact_id: int | None = None) -> None:
        super().__init__()
        self.preset_client = client_id
        self.preset_contact = contact_id
        self._contacts_of: object = None
        self.catalog: NewCaseScreen.Catalog | None = None

    @property
    def desk(self) -> DeskSession:
        return session_of(self.app)

    def compose(self) -> ComposeResult:
        yield Static(Content(_(" New case")), id="editor-title")
        with VerticalScroll(id="new-case-form", classes="case-form"):
            for label, widget in self._fields():
                with Horizontal(classes="form-row"):
                    yield Label(label)
                    yield widget
            yield Static(id="attach-candidates", classes="dialog-hint")
            yield Static(id="new-case-error", classes="dialog-error")
        yield KeysFooter(compact=True)

    def _fields(self) -> list[tuple[str, Widget]]:
        """Seed 004's order: the area, then its categories; the client, then its contacts."""
        return [
            (
                _("Area"),
                Select[int]([], id="area", prompt=_("choose the area first"), compact=True),
            ),
            (
                _("Category"),
                Select[int]([], id="category", prompt=_("then its category"), compact=True),
            ),
            (_("Client"), Select[int]([], id="client", prompt=_("the client"), compact=True)),
            (
                _("Contact"),
                Select[int](
                    [], id="contact", prompt=_("a contact of the client (optional)"), compact=True
                ),
            ),
            (_("Title"), TextInput(id="title", compact=True)),
            (
                _("Priority"),
                Select[str](
                    [(Text(words.word(Priority, p)), p) for p in PRIORITIES],
                    id="priority",
                    value="medium",
                    allow_blank=False,
                    compact=True,
                ),
            ),
            (_("Description"), TextArea(id="description", compact=True)),
            # Seed 002 "Solución" (staff only: the desk writes it) and seed 003 "Archivo
            # adjunto (opcional)" (issue 21).
            *(
                [(_("Solution"), TextArea(id="solution", compact=True))]
                if may_set_when_opening(self.desk.actor, "solution")
                else []
            ),
            (
                _("Files"),
                PathInput(
                    placeholder=_("paths (optional); Tab completes"), id="attach", compact=True
                ),
            ),
            # Seed 000's Proyectos and No inventariables, linked by the staff (issue 21).
            *(
                [
                    (
                        _("Project"),
                        Select[int]([], id="project", prompt=_("(optional)"), compact=True),
                    ),
                    (
                        _("Service"),
                        Select[int]([], id="service", prompt=_("(optional)"), compact=True),
                    ),
                ]
                if may_set_when_opening(self.desk.actor, "project_id")
                else []
            ),
        ]

    def on_mount(self) -> None:
        self._load_catalog()

    def _load_catalog(self) -> None:
        """Group new-case: keys typed meanwhile wait until the lists are filled."""
        desk = self.desk

        def read() -> NewCaseScreen.Catalog:
            # Deactivated areas, categories and clients are offered for no new case.
            offered = records.offered_for_new_case(desk.read_uow(), desk.actor)
            return self.Catalog(
                offered.areas,
                offered.categories,
                offered.clients,
                offered.contacts,
                offered.projects,
                offered.services,
            )

        self.call_service(read, self._fill, failed=self._failed, group="new-case", exclusive=True)

    def _fill(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.query_one("#area", Select).set_options(_choices(catalog.areas))
        self.query_one("#client", Select).set_options(_choices(catalog.clients))
        for kind, offered in (("project", catalog.projects), ("service", catalog.services)):
            for select in self.query(f"#{kind}").results(Select):  # staff only
                select.set_options(_choices(offered))
        if self.preset_client is not None:
            self.query_one("#client", Select).value = self.preset_client
            self._client_chosen(
                Select.Changed(self.query_one("#client", Select), self.preset_client)
            )
            if self.preset_contact is not None:
                self.query_one("#contact", Select).value = self.preset_contact
        self.query_one("#area", Select).focus()

    @on(Select.Changed, "#area")
    def _area_chosen(self, event: Select.Changed) -> None:
        if self.catalog is None:
            return
        categories = [c for c in self.catalog.categories if c.area_id == event.value]
        self.query_one("#category", Select).set_options(_choices(categories))

    @on(Select.Changed, "#client")
    def _client_chosen(self, event: Select.Changed) -> None:
        self._show_contacts(event.value)

    def _show_contacts(self, client_id: object) -> None:
        """Only the chosen client's contacts; choosing the same client again keeps the pick."""
        if self.catalog is None or client_id == self._contacts_of:
            return
        self._contacts_of = client_id
        contacts = [c for c in self.catalog.contacts if c.client_id == client_id]
        self.query_one("#contact", Select).set_options(_choices(contacts))

    def _value(self, selector: str) -> Any:
        value = self.query_one(selector, Select).value
        return None if value is Select.NULL else value

    _saving = False
    """A save is running: ctrl+s pressed again meanwhile must not open a second case."""

    def action_save(self) -> None:
        if self._saving:  # the desk is answering the first ctrl+s (2.5 s made two cases)
            return
        values = {
            "title": self.query_one("#title", Input).value,
            "description": self.query_one("#description", TextArea).text,
            "client": self._value("#client"),
            "category": self._value("#category"),
            "area": self._value("#area"),
            "contact": self._value("#contact"),
            "priority": self._value("#priority") or "medium",
        }
        fields: dict[str, Any] = {}
        for box in self.query("#solution").results(TextArea):  # staff only
            if solution := box.text.strip():
                fields["solution"] = solution
        for kind in ("project", "service"):  # staff only; by id
            for select in self.query(f"#{kind}").results(Select):
                if select.value is not Select.NULL:
                    fields[kind] = select.value
        if fields:
            values["fields"] = fields
        self._saving = True
        self._save(values)

    # A write of its own group: the keys typed after ctrl+s wait until it is done
    # (key_hold.WRITES), as they are for the case it opens.
    def _save(self, values: dict[str, Any]) -> None:
        desk, line, cwd = self.desk, self.query_one("#attach", Input).value, Path.cwd()

        def open_it() -> int | None:
            """The case and its files together, or neither (services/file_batch.py)."""
            paths = named_paths(line, cwd)
            return file_batch.open_case_with_files(desk.uow(), desk.actor, paths, **values)[0].id

        self.call_service(
            open_it, self.dismiss, failed=self._failed, group="new-case-save", exclusive=True
        )

    @on(PathInput.Complete)
    def _complete(self, asked: PathInput.Complete) -> None:
        shown = self.query_one("#attach-candidates", Static)
        complete_in_worker(self, asked, Path.cwd(), shown)

    def _failed(self, text: str) -> None:
        self._saving = False
        self.query_one("#new-case-error", Static).update(Content(text))

    def action_cancel(self) -> None:
        self.dismiss(None)
