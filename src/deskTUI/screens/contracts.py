"""Contracts (pólizas): each one's balance with a bar and its level, and the ledger.

The highlighted contract's ledger shows which case posted or reversed what,
and when. Staff see every contract; a client user their account's.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from .. import words
from ..domain.contracts import Contract, Level, units_text
from ..domain.durations import format_minutes
from ..domain.values import case_number
from ..formats import when
from ..i18n import N_, _
from ..safe_text import safe
from ..services.views import ContractView, contracts_overview
from ..session import DeskSession, session_of
from ..widgets.fit import Cell, Col, FittedTable, at_cursor, spoken_columns
from ..widgets.keys_footer import KeysFooter
from ..widgets.spoken_keys import SpokenKeys
from ..widgets.timer_bar import TimerBar
from .loading import ServiceCalls

BAR_WIDTH = 10

COLUMNS = [
    Col("contract", N_("Contract"), least=10),
    Col("client", N_("Client"), gives_way=2, least=8),
    Col("unit", N_("Unit"), whole=True, gives_way=3),
    Col("total", N_("Total"), whole=True, right=True),
    Col("used", N_("Used"), whole=True, right=True),
    Col("left", N_("Left"), whole=True, right=True),
    Col("percent", N_("%"), whole=True, right=True),
    Col("bar", "", whole=True, gives_way=4),
    Col("level", N_("Level"), whole=True),
]
"""The balances' columns (widgets/fit.py): the bar, the unit, then the client give way;
figures and the level are never cut."""
LEDGER_COLUMNS = [
    Col("at", N_("When"), whole=True),
    Col("case", N_("Case"), whole=True),
    Col("kind", N_("What"), whole=True),
    Col("units", N_("Units"), whole=True, right=True),
    Col("minutes", N_("Billable time"), whole=True, right=True, gives_way=1),
]
"""The ledger's columns: laid out with their rows, so the headings line up from the
first paint (DataTable widened columns added at mount only in an idle pass)."""


def contract_name(contract: Contract) -> str:
    """Its name, or the reader's words for a contract without one ("póliza 1"); the
    domain's English label stays for --json and the exports."""
    return contract.name or _("contract {id}").format(id=contract.id)


def bar(percent: Decimal) -> str:
    """``███████░░░`` for 70 %; full past 100 % (the level word says by how much)."""
    filled = int((min(percent, Decimal(100)) * BAR_WIDTH / 100).to_integral_value(ROUND_HALF_UP))
    return "█" * filled + "░" * (BAR_WIDTH - filled)


class ContractsScreen(SpokenKeys, ServiceCalls, Screen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", N_("Back"), id="contracts.back")]

    def __init__(self) -> None:
        super().__init__()
        self.views: list[ContractView] = []

    @property
    def desk(self) -> DeskSession:
        return session_of(self.app)

    def compose(self) -> ComposeResult:
        yield Static(Content(_(" Contracts")), id="editor-title")
        yield FittedTable(id="contracts-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="ledger-title", classes="form-section")
        yield FittedTable(id="ledger-table", cursor_type="row")
        yield Static(id="contracts-message", classes="dialog-error")
        yield TimerBar()
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#contracts-table", DataTable).focus()
        self.fetch(lambda: contracts_overview(self.desk.read_uow(), self.desk.actor))

    def show_failure(self, text: str) -> None:
        self.query_one("#contracts-message", Static).update(Content(text))

    def show(self, views: list[ContractView]) -> None:
        self.views = views
        rows: list[list[Cell]] = []
        for view in self.views:
            b = view.balance
            loud = b.level is not Level.OK
            rows.append(
                [
                    Text(safe(contract_name(b.contract), one_line=True)),
                    Text(safe(view.client, one_line=True)),
                    words.label(b.contract.unit),
                    *b.shown,  # total, used, left: to 0.01, half up
                    f"{b.rounded_percent} %",
                    bar(b.percent),
                    Text(words.label(b.level) if loud else "", style="bold"),
                ]
            )
        self.query_one("#contracts-table", FittedTable).set_rows(spoken_columns(COLUMNS), rows)
        self._show_ledger()

    @on(DataTable.RowHighlighted, "#contracts-table")
    def _show_ledger(self) -> None:
        table = self.query_one("#contracts-table", DataTable)
        ledger = self.query_one("#ledger-table", FittedTable)
        if (view := at_cursor(table, self.views)) is None:
            ledger.set_rows(spoken_columns(LEDGER_COLUMNS), [])
            return
        self.query_one("#ledger-title", Static).update(
            Content(
                _("Ledger of {contract}").format(
                    contract=safe(contract_name(view.balance.contract))
                )
            )
        )
        ledger.set_rows(
            spoken_columns(LEDGER_COLUMNS),
            [
                [
                    when(entry.at, self.desk.zone),
                    case_number(entry.case_id),
                    words.label(entry.kind),
                    units_text(entry.units, signed=True),
                    format_minutes(entry.minutes) if entry.minutes else "",
                ]
                for entry in view.ledger
            ],
        )
