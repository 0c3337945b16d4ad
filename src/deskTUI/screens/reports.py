"""Reports (R): the supervisors' figures as tables, with a chart where a picture reads faster.

One report at a time, chosen by its tab or its number key (1 weekly … 6
satisfaction); `g` changes the grouping of hours (agent, client, contract) and
satisfaction (agent, area, category, month); `[` and `]` move the period back
and forward by its own length; `r` reads again (others' changes do too, at most
every 30 s); escape goes back. Each report is read in a
thread worker (services/reports.py counts in the database); the same figures
as ``desktui report``, in the same words (domain.reports.display).

Charts are textual-plotext's (Textualize's plotting widget over plotext):
opened and finished per week side by side, hours billable and not side by side per
agent, client or contract, and the average satisfaction per month (or agent,
area, category) on the 1–5 scale. Labels from data go through the one
sanitizer first: plotext's picture is read back with ``Text.from_ansi``, where
an escape sequence in a name would be obeyed.
"""

from __future__ import annotations

from decimal import Decimal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static, Tab, Tabs
from textual_plotext import PlotextPlot

from .. import sentences
from ..domain.errors import DomainError
from ..domain.reports import Period, Report, default_period, display
from ..i18n import N_, _, error_text
from ..safe_text import safe
from ..services.reports import GROUPINGS, KINDS, report
from ..session import DeskSession, session_of
from ..widgets.fit import Col, FittedTable
from ..widgets.keys_footer import KeysFooter
from ..widgets.spoken_keys import SpokenKeys
from ..widgets.timer_bar import TimerBar
from .loading import ReadsAgainWhenChanged, ServiceCalls

TAB_NAMES = {
    "weekly": N_("1 Weekly"),
    "response": N_("2 Response"),
    "sla": N_("3 SLA"),
    "hours": N_("4 Hours"),
    "contracts": N_("5 Contracts"),
    "satisfaction": N_("6 Satisfaction"),
    "surveys": N_("7 Surveys"),  # issue 21: each question's answers
}
GROUPING_WORDS = {
    "agent": N_("agent"),
    "client": N_("client"),
    "contract": N_("contract"),
    "area": N_("area"),
    "category": N_("category"),
    "month": N_("month"),
}
"""The title's `g` grouping in the operator's words (the code stays the report's)."""


def grouping_word(by: str | None) -> str:
    return _(GROUPING_WORDS.get(by or "", by or ""))


GIVE_WAY = {
    "hours": ("non_billable_hours", "billable_hours", "total_hours"),
    "contracts": ("unit", "client", "used_in_period", "id"),
    "surveys": ("template", "kind", "percent"),
}
"""Per report, the columns that go when the table is too narrow, first to go first (the
hours in hours repeat the minutes; a contract's unit shows in its name)."""
WHOLE_TEXT = {"week", "level", "month"}
"""Text columns shown whole (a week, a level word): never squeezed."""
CHARTED = {"weekly", "hours", "satisfaction"}
"""The reports drawn as well as tabulated."""
_NUMERIC = {"count", "minutes", "decimal", "units", "percent"}
CHART_LINES = 8
"""The least height a chart reads in; with less room the table has it all."""


def label(value: object) -> str:
    """A chart label: made safe, and short enough to sit under a bar."""
    text = safe("—" if value is None else value, one_line=True)
    return text if len(text) <= 14 else text[:13] + "…"


def _whole_ticks(top: float) -> list[float]:
    """At most six whole-number ticks from 0 to past ``top`` (counts have no fractions):
    ints, which plotext's ``yticks`` takes as the floats it asks for."""
    step = max(1, -(-int(top) // 5))
    return list(range(0, int(top) + step + 1, step))


def _number(value: object) -> float:
    """A figure as plotext draws it (drawing only: the table keeps the exact Decimal)."""
    return float(value) if isinstance(value, int | Decimal) else 0.0


class ReportsScreen(SpokenKeys, ReadsAgainWhenChanged, ServiceCalls, Screen[None]):
    CSS_PATH = "reports.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), id="reports.back"),
        Binding("left_square_bracket", "period(-1)", N_("Earlier"), id="reports.earlier"),
        Binding("right_square_bracket", "period(1)", N_("Later"), id="reports.later"),
        Binding("g", "grouping", N_("Group by"), id="reports.grouping"),
        Binding("r", "refresh", N_("Refresh"), id="reports.refresh"),
        *[
            Binding(str(i), f"kind('{kind}')", TAB_NAMES[kind], show=False, id=f"reports.{kind}")
            for i, kind in enumerate(KINDS, start=1)
        ],
    ]

    LIVE_SECONDS = 30.0
    """Others' changes re-read the report at most this often: a report over weeks moves
    slowly, and at a million cases one read costs seconds of the database's time."""

    def __init__(self, kind: str = "weekly", period: Period | None = None) -> None:
        super().__init__()
        self.kind = kind
        self.period = period
        self.groupings = {kind: choices[0] for kind, choices in GROUPINGS.items()}
        self.current: Report | None = None

    @property
    def desk(self) -> DeskSession:
        return session_of(self.app)

    def compose(self) -> ComposeResult:
        yield Static(id="editor-title")
        yield Tabs(*[Tab(_(TAB_NAMES[k]), id=f"tab-{k}") for k in KINDS], id="reports-tabs")
        yield FittedTable(id="reports-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="reports-notes")
        yield PlotextPlot(id="reports-chart")
        yield Static(id="reports-message", classes="dialog-error")
        yield TimerBar()
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        if self.period is None:
            self.period = default_period(self.desk.today())
        self.query_one("#reports-tabs", Tabs).active = f"tab-{self.kind}"
        self.query_one("#reports-table", DataTable).focus()
        self.reload()

    # -- reading ------------------------------------------------------------------------
    def read(self) -> None:
        desk, kind, period = self.desk, self.kind, self.period
        assert period is not None
        by = self.groupings.get(kind)
        self._title(loading=True)
        self.fetch(
            lambda: report(
                desk.read_uow(),
                desk.actor,
                kind,
                zone=desk.zone,
                first=period.first,
                last=period.last,
                by=by,
            )
        )

    def action_kind(self, kind: str) -> None:
        self.query_one("#reports-tabs", Tabs).active = f"tab-{kind}"  # the tab's event reads

    @on(Tabs.TabActivated, "#reports-tabs")
    def _tab(self, event: Tabs.TabActivated) -> None:
        kind = (event.tab.id or "").removeprefix("tab-")
        if kind in KINDS and (kind != self.kind or self.current is None):
            self.kind = kind
            self.reload()

    def action_period(self, steps: int) -> None:
        assert self.period is not None
        try:
            self.period = self.period.shifted(steps)
        except DomainError as error:  # past the calendar's ends: say so, keep the period
            self.show_failure(error_text(error))
            return
        self.reload()

    def action_grouping(self) -> None:
        choices = GROUPINGS.get(self.kind)
        if not choices:
            self.notify(_("This report has no grouping."), markup=False)
            return
        now = self.groupings[self.kind]
        self.groupings[self.kind] = choices[(choices.index(now) + 1) % len(choices)]
        self.reload()

    # -- showing ------------------------------------------------------------------------
    def _title(self, loading: bool = False) -> None:
        period = self.period
        assert period is not None
        what = _(self.current.title) if self.current and self.current.kind == self.kind else ""
        text = _(" Reports · {what} · {first} → {last}").format(
            what=what or _(TAB_NAMES[self.kind])[2:],
            first=period.first.isoformat(),
            last=period.last.isoformat(),
        )
        # Side by side, each a phrase of its own: the grouping and a read under way.
        parts = [text]
        by = self.groupings.get(self.kind)
        if by:
            parts.append(_("(g: by {by})").format(by=grouping_word(by)))
        if loading:
            parts.append(_("reading…"))
        self.query_one("#editor-title", Static).update(Content("  ".join(parts)))

    def show_failure(self, text: str) -> None:
        self.query_one("#reports-message", Static).update(Content(text))

    def show(self, found: Report) -> None:
        self.current = found
        self.query_one("#reports-message", Static).update(Content(""))
        self._title()
        rows = list(found.rows) + ([found.total] if found.total is not None else [])
        texts = [
            [
                display(c, sentences.report_cell(v), lambda x: safe(x, one_line=True))
                for c, v in zip(found.columns, row, strict=True)
            ]
            for row in rows
        ]
        # Figures aligned right, as the CLI's table aligns them; the table fits its width
        # (widgets/fit.py): headings and names are squeezed with an ellipsis, then the
        # columns GIVE_WAY names go; a figure is never cut.
        give_way = GIVE_WAY.get(found.kind, ())
        columns = [
            Col(
                c.key,
                _(c.heading),
                whole=c.kind != "text" or c.key in WHOLE_TEXT,
                right=c.kind in _NUMERIC,
                gives_way=len(give_way) - give_way.index(c.key) if c.key in give_way else 0,
                least=8,
            )
            for c in found.columns
        ]
        bold = found.total is not None
        self.query_one("#reports-table", FittedTable).set_rows(
            columns,
            [
                [Text(t, style="bold" if bold and i == len(texts) - 1 else "") for t in cells]
                for i, cells in enumerate(texts)
            ],
        )
        notes = self.query_one("#reports-notes", Static)
        notes.update(Content("\n".join(_(n) for n in found.notes)))
        chart = self.query_one("#reports-chart", PlotextPlot)
        if found.kind in CHARTED and found.rows:
            self._draw(chart, found)
        self.call_after_refresh(self._place_chart)

    def on_resize(self) -> None:
        self.call_after_refresh(self._place_chart)

    def _place_chart(self) -> None:
        """Every row of the report first, its total included: the table is as tall as the
        screen leaves it, and the chart shows only in at least CHART_LINES lines below
        (at 80×24 the chart's least height pushed the last weeks and the total out)."""
        if not self.is_attached:  # left before this ran
            return
        table = self.query_one("#reports-table", FittedTable)
        chart = self.query_one("#reports-chart", PlotextPlot)
        found = self.current
        wanted = found is not None and found.kind in CHARTED and bool(found.rows)
        others = sum(
            w.outer_size.height
            for w in self.children
            if w.display and w is not table and w is not chart
        )
        room = max(3, self.size.height - others)
        table.styles.max_height = room
        needs = table.row_count + table.header_height + table.styles.scrollbar_size_horizontal
        chart.display = wanted and room - min(needs, room) >= CHART_LINES

    def _draw(self, chart: PlotextPlot, found: Report) -> None:
        plt = chart.plt
        plt.clear_data()
        plt.clear_figure()
        records = found.records()
        if found.kind == "weekly":
            weeks = [str(r["week"])[-3:] for r in records]  # W10: the year is in the title
            plt.multiple_bar(
                weeks,
                [
                    [_number(r["opened"]) for r in records],
                    [_number(r["finished"]) for r in records],
                ],
                # textual_plotext 1.0.1's stub says label=; plotext 5.3 takes labels=.
                labels=[_("opened"), _("finished")],  # type: ignore[call-arg]
            )
            plt.yticks(_whole_ticks(max((_number(r["opened"]) for r in records), default=0)))
            plt.title(_("Cases opened and finished per week"))
        elif found.kind == "hours":
            key = found.columns[0].key
            names = [label(r[key] if r[key] is not None else _("(none)")) for r in records]
            # Upright and side by side, as the weekly chart: plotext's horizontal and stacked
            # bars lose the first series' legend mark and drift off their labels. The
            # headroom above the tallest bar keeps the legend off the bars.
            billable = [_number(r["billable_hours"]) for r in records]
            other = [_number(r["non_billable_hours"]) for r in records]
            plt.multiple_bar(
                names,
                [billable, other],
                # textual_plotext 1.0.1's stub says label=; plotext 5.3 takes labels=.
                labels=[_("billable h"), _("non-billable h")],  # type: ignore[call-arg]
            )
            top = max([*billable, *other, 1])
            plt.ylim(0, top * 1.3)
            plt.yticks(_whole_ticks(top))
            plt.title(_("Hours by {by}").format(by=grouping_word(found.by)))
        else:
            key = found.columns[0].key
            names = [label(r[key] if r[key] is not None else _("(none)")) for r in records]
            plt.bar(names, [_number(r["average"]) for r in records])
            plt.ylim(0, 5)
            plt.yticks(list(range(6)))
            plt.title(_("Average satisfaction (1–5) by {by}").format(by=grouping_word(found.by)))
        chart.refresh()
