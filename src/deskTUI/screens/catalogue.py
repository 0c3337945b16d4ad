"""The desk's catalogue (issue 21, seeds 004 and 000): areas with their categories,
clients, projects and services (No inventariables), each active or not; an admin renames
(r), deactivates or reactivates (d), deletes (x) and adds (a) them here, as ``desktui
area|category|client|project|service …`` do from the shell.

A deactivated record is offered for no new case; the cases that name it keep it. A
record something refers to is not deleted: the desk's sentence says what refers to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from ..i18n import N_, _
from ..safe_text import safe
from ..services import records
from ..session import DeskSession, session_of
from ..widgets.fit import Cell, Col, FittedTable, at_cursor, spoken_columns
from ..widgets.keys_footer import KeysFooter
from ..widgets.spoken_keys import SpokenKeys
from .loading import ServiceCalls

COLUMNS = [
    Col("kind", N_("What"), whole=True),
    Col("name", N_("Name"), least=12),
    Col("area", N_("Area"), gives_way=1, least=8),
    Col("state", N_("State"), whole=True),
]

KIND_WORDS = {
    "area": N_("Area"),
    "category": N_("Category"),
    "client": N_("Client"),
    "project": N_("Project"),
    "service": N_("Service"),
}


@dataclass(frozen=True)
class Row:
    """One record on the table: its kind (``records.KINDS``), id, name, state."""

    kind: str
    id: int
    name: str
    active: bool
    area: str = ""


def rows_of(found: records.Catalogue) -> list[Row]:
    """Each area followed by its categories, then the clients, projects and services."""
    out: list[Row] = []
    for area in found.areas:
        out.append(Row("area", area.id or 0, area.name, area.active))
        out.extend(
            Row("category", c.id or 0, c.name, c.active, area.name)
            for c in found.categories
            if c.area_id == area.id
        )
    out.extend(Row("client", c.id or 0, c.name, c.active) for c in found.clients)
    out.extend(Row("project", p.id or 0, p.name, p.active) for p in found.projects)
    out.extend(Row("service", s.id or 0, s.name, s.active) for s in found.services)
    return out


class CatalogueScreen(SpokenKeys, ServiceCalls, Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), id="catalogue.back"),
        Binding("r", "rename", N_("Rename"), id="catalogue.rename"),
        Binding("d", "switch_active", N_("Deactivate / reactivate"), id="catalogue.switch_active"),
        Binding("x", "delete", N_("Delete"), id="catalogue.delete"),
        Binding("a", "add", N_("Add"), id="catalogue.add"),
        Binding("p", "add_linked('project')", N_("Add a project"), id="catalogue.add_project"),
        Binding("v", "add_linked('service')", N_("Add a service"), id="catalogue.add_service"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Row] = []

    @property
    def desk(self) -> DeskSession:
        return session_of(self.app)

    def compose(self) -> ComposeResult:
        yield Static(
            Content(_(" Areas, categories, clients, projects and services")), id="editor-title"
        )
        yield FittedTable(id="catalogue-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="catalogue-message", classes="dialog-error")
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#catalogue-table", DataTable).focus()
        self.reload()

    def reload(self, *_ignored: Any) -> None:
        desk = self.desk
        self.fetch(lambda: records.catalogue(desk.read_uow(), desk.actor))

    def show_failure(self, text: str) -> None:
        self.query_one("#catalogue-message", Static).update(Content(text))

    def show(self, found: records.Catalogue) -> None:
        table = self.query_one("#catalogue-table", FittedTable)
        at = table.cursor_row
        self.rows = rows_of(found)
        cells: list[list[Cell]] = [
            [
                _(KIND_WORDS[row.kind]),
                Text(safe(row.name, one_line=True)),
                Text(safe(row.area, one_line=True)),
                _("active") if row.active else _("inactive"),
            ]
            for row in self.rows
        ]
        table.set_rows(spoken_columns(COLUMNS), cells)
        if self.rows:
            table.move_cursor(row=min(max(at, 0), len(self.rows) - 1))

    def _chosen(self) -> Row | None:
        return at_cursor(self.query_one("#catalogue-table", DataTable), self.rows)

    def _done(self, said: str) -> None:
        self.query_one("#catalogue-message", Static).update(Content(said))
        self.reload()

    def action_rename(self) -> None:
        from .dialogs.rename_record import NameDialog

        if (row := self._chosen()) is None:
            return
        desk = self.desk

        def save(name: str) -> object:
            return records.rename(desk.uow(), desk.actor, row.kind, row.id, name)

        title = _("Rename {name}").format(name=safe(row.name, one_line=True))
        self.app.push_screen(NameDialog(title, row.name, save), self.reload)

    def action_switch_active(self) -> None:
        if (row := self._chosen()) is None:
            return
        desk = self.desk

        def switch() -> records.Record:
            return records.set_active(desk.uow(), desk.actor, row.kind, row.id, None)

        def said(record: records.Record) -> None:
            sentence = (
                _("{name} is active again.")
                if record.active
                else _("{name} is deactivated: it takes no new case; its cases keep it.")
            )
            self._done(sentence.format(name=safe(record.name, one_line=True)))

        self.call_service(switch, said, failed=self.show_failure, group="catalogue")

    def action_delete(self) -> None:
        from .dialogs.confirm import ConfirmDialog

        if (row := self._chosen()) is None:
            return
        desk = self.desk

        def delete() -> records.Record:
            return records.delete(desk.uow(), desk.actor, row.kind, row.id)

        def answered(yes: bool | None) -> None:
            if yes:
                said = _("Deleted {name}.").format(name=safe(row.name, one_line=True))
                self.call_service(
                    delete, lambda _r: self._done(said), failed=self.show_failure, group="catalogue"
                )

        question = _("Delete {name}? Only a record nothing refers to is deleted.").format(
            name=safe(row.name, one_line=True)
        )
        self.app.push_screen(ConfirmDialog(question, _("Delete"), _("Keep")), answered)

    def action_add(self) -> None:
        """One more of the highlighted row's kind: an area with its categories or a client
        (the dialogs of a new desk), a project or a service (its name)."""
        from .dialogs.add_area import AddAreaDialog
        from .dialogs.add_client import AddClientDialog

        row = self._chosen()
        kind = row.kind if row is not None else "area"
        if kind in records.LINKED:
            self.action_add_linked(kind)
            return
        dialog = AddClientDialog() if kind == "client" else AddAreaDialog()
        self.app.push_screen(dialog, self.reload)

    def action_add_linked(self, kind: str) -> None:
        """p, v: a new project or service, by its name."""
        from .dialogs.rename_record import NameDialog

        desk = self.desk

        def save(name: str) -> object:
            return records.add(desk.uow(), desk.actor, kind, name)

        title = _("Add a project") if kind == "project" else _("Add a service")
        self.app.push_screen(NameDialog(title, "", save), self.reload)
