"""People and their rights (issue 21, seed 004: "permisos personalizados que le brinde el
administrador al empleado"): the desk's users with their role; for the highlighted one,
every grantable action with what they may and where it comes from (role default,
granted, revoked), and the log of the admins' decisions. An admin grants (g), revokes
(r) or resets (x) the action under the cursor, everywhere or, after ``e`` chose one of the
person's areas, there only, as ``desktui user grant|revoke|reset`` do from the shell.

Reached with P from anywhere, or the palette's "People and rights" (admins only).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from .. import grant_text, words
from ..domain.grants import Right
from ..domain.people import User
from ..formats import when
from ..i18n import N_, _
from ..safe_text import safe
from ..services import grants
from ..session import DeskSession, session_of
from ..widgets.fit import Cell, Col, FittedTable, at_cursor, spoken_columns
from ..widgets.keys_footer import KeysFooter
from ..widgets.spoken_keys import SpokenKeys
from .loading import ServiceCalls

PEOPLE_COLUMNS = [
    Col("login", N_("Login"), whole=True),
    Col("name", N_("Name"), gives_way=1, least=8),
    Col("role", N_("Role"), whole=True),
    Col("state", N_("State"), whole=True, gives_way=2),
]
RIGHT_COLUMNS = [
    Col("action", N_("Action"), whole=True),
    Col("may", N_("May"), whole=True),
    Col("from", N_("From"), gives_way=1, least=10),
]


class PeopleScreen(SpokenKeys, ServiceCalls, Screen[None]):
    CSS_PATH = "people.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), id="people.back"),
        Binding("tab", "switch", N_("Switch"), id="people.switch"),
        Binding("g", "decide('grant')", N_("Grant"), id="people.grant"),
        Binding("r", "decide('revoke')", N_("Revoke"), id="people.revoke"),
        Binding("x", "decide('reset')", N_("Reset"), id="people.reset"),
        Binding("e", "reach", N_("Area"), id="people.reach"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.people: list[User] = []
        self.found: grants.Rights | None = None
        self.reach: str | None = None
        """The area the next grant or revocation is for (None: everywhere)."""

    @property
    def desk(self) -> DeskSession:
        return session_of(self.app)

    def compose(self) -> ComposeResult:
        yield Static(Content(_(" People and rights")), id="editor-title")
        yield FittedTable(id="people-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="rights-title", classes="form-section")
        yield FittedTable(id="rights-table", cursor_type="row")
        yield Static(id="people-log")
        yield Static(id="people-message", classes="dialog-error")
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#people-table", DataTable).focus()
        self.fetch(lambda: grants.people(self.desk.read_uow(), self.desk.actor))

    def show_failure(self, text: str) -> None:
        self.query_one("#people-message", Static).update(Content(text))

    def show(self, people: list[User]) -> None:
        self.people = people
        rows: list[list[Cell]] = [
            [
                Text(safe(u.login, one_line=True)),
                Text(safe(u.name, one_line=True)),
                words.label(u.role),
                "" if u.active else _("inactive"),
            ]
            for u in people
        ]
        table = self.query_one("#people-table", FittedTable)
        table.set_rows(spoken_columns(PEOPLE_COLUMNS), rows)
        self._read_rights()

    def _person(self) -> User | None:
        return at_cursor(self.query_one("#people-table", DataTable), self.people)

    @on(DataTable.RowHighlighted, "#people-table")
    def _read_rights(self) -> None:
        person = self._person()
        if person is None:
            return
        if self.found is None or self.found.person.login != person.login:
            self.reach = None
        login = person.login
        self.call_service(
            lambda: grants.person_rights(self.desk.read_uow(), self.desk.actor, login),
            self._show_rights,
            failed=self.show_failure,
            # A group keys wait for (key_hold.KEYS_WAIT_FOR): "down g" typed at once
            # grants the person the cursor moved to, not the one shown before.
            group="dialog-load",
            exclusive=True,
        )

    def _show_rights(self, found: grants.Rights) -> None:
        table = self.query_one("#rights-table", FittedTable)
        keep = table.cursor_row
        self.found = found
        rows: list[list[Cell]] = [
            [
                r.code,
                grant_text.allowed_text(r.allowed),
                Text(safe(grant_text.source_text(r, self._area(r.area_id)), one_line=True)),
            ]
            for r in found.rights
        ]
        table.set_rows(spoken_columns(RIGHT_COLUMNS), rows)
        if rows:
            table.move_cursor(row=min(keep, len(rows) - 1))
        self._show_title()
        self.query_one("#people-log", Static).update(Text(self._log_text(found)))

    def _area(self, area_id: int | None) -> str | None:
        if self.found is None or area_id is None:
            return None
        return self.found.areas.get(area_id)

    def _show_title(self) -> None:
        if self.found is None:
            return
        person = self.found.person
        title = (
            _("Rights of {login} ({role}), in {area}")
            if self.reach
            else _("Rights of {login} ({role}), everywhere")
        )
        text = title.format(login=person.login, role=words.label(person.role), area=self.reach)
        self.query_one("#rights-title", Static).update(Text(safe(text, one_line=True)))

    def _log_text(self, found: grants.Rights) -> str:
        lines = []
        for entry in found.log[-5:]:  # the latest decisions; user show lists them all
            who = found.logins.get(entry.actor_id or 0, "?")
            area = found.areas.get(grant_text.log_area(entry) or 0)
            line = grant_text.log_text(entry, who, area)
            lines.append(f"{when(entry.at, self.desk.zone)}  {line}")
        return safe("\n".join(lines))

    def _right(self) -> Right | None:
        if self.found is None:
            return None
        return at_cursor(self.query_one("#rights-table", DataTable), self.found.rights)

    def action_switch(self) -> None:
        people = self.query_one("#people-table", DataTable)
        target = "#rights-table" if people.has_focus else "#people-table"
        self.query_one(target, DataTable).focus()

    def action_reach(self) -> None:
        """The reach of the next decision: everywhere, then each of the person's areas."""
        if self.found is None:
            return
        person = self.found.person
        names = sorted(self.found.areas[i] for i in person.area_ids if i in self.found.areas)
        choices: list[str | None] = [None, *names]
        self.reach = choices[(choices.index(self.reach) + 1) % len(choices)]
        self._show_title()

    def action_decide(self, effect: str) -> None:
        right = self._right()
        if self.found is None or right is None:
            return
        login, code = self.found.person.login, right.code
        area = self.reach
        if effect == "reset" and right.source != "role":
            area = self._area(right.area_id)  # the decision under the cursor
        decide = {
            "grant": grants.grant_right,
            "revoke": grants.revoke_right,
            "reset": grants.reset_right,
        }[effect]
        self.query_one("#people-message", Static).update("")

        def done(change: grants.Change) -> None:
            said = (
                grant_text.change_text(change.login, change.code, change.area, change.after)
                if change.changed
                else grant_text.unchanged_text(change.login)
            )
            self.notify(safe(said), markup=False)
            self._read_rights()

        self.call_service(
            lambda: decide(self.desk.uow(), self.desk.actor, login, code, area=area),
            done,
            failed=self.show_failure,
            group="dialog",  # a write: the keys typed after it wait for it (key_hold.WRITES)
        )
