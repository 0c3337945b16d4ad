"""The case view (read-only): General, Activities, Others, then Comments, Files and Log (seed 001).

The form that changes the fields is screens/edit_case.py; this screen only shows them.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static, TabbedContent

from .. import sentences, words
from ..domain import marks
from ..domain.calendar import EventCounters, TaskCounters
from ..domain.case_fields import Entry, Figure, Joined, page_rows
from ..domain.durations import format_minutes
from ..domain.lifecycle import MovableCase
from ..domain.marks import Word
from ..domain.permissions import Action
from ..formats import day, figure, money, number, when
from ..i18n import N_, _, ngettext
from ..log_text import describe_log
from ..safe_text import safe
from ..services.presence import editors
from ..services.views import CaseDetail, case_detail
from ..session import DeskSession, session_of
from ..widgets.fit import Col, FittedTable, at_cursor, spoken_columns
from ..widgets.keys_footer import KeysFooter
from ..widgets.spoken_keys import SpokenKeys
from ..widgets.timer_bar import TimerBar
from .case_actions import ACTION_BINDINGS, KEY_PERMISSIONS, CaseActions
from .loading import kept_cursors

if TYPE_CHECKING:
    from ..services.files import OpenedCopy, Viewer

TABS = (N_("General"), N_("Activities"), N_("Others"), N_("Comments"), N_("Files"), N_("Log"))

# The tables of the tabs fit their width (widgets/fit.py): text is squeezed with an
# ellipsis, then the columns marked give way; dates, times and figures are never cut.
ACTIVITY_COLUMNS = [
    Col("date", N_("Date"), whole=True),
    Col("start", N_("Start"), whole=True, gives_way=2),
    Col("end", N_("End"), whole=True, gives_way=2),
    Col("minutes", N_("Duration"), whole=True, right=True),
    Col("activity", N_("Activity"), least=12),
    Col("by", N_("By"), gives_way=3, least=6),
    Col("billable", N_("Billable"), whole=True, gives_way=1),
]
FILE_COLUMNS = [
    Col("name", N_("Name"), least=12),
    Col("size", N_("Size"), whole=True, right=True),
    Col("type", N_("Type"), gives_way=2, least=8),
    Col("review", N_("Review"), whole=True),
    Col("uploaded", N_("Uploaded"), whole=True, gives_way=1),
]
LOG_COLUMNS = [
    Col("when", N_("When"), whole=True),
    Col("who", N_("Who"), least=6),
    Col("what", N_("What"), least=16),
    Col("note", N_("Note"), least=8, gives_way=1),
]


GENERAL_PAGE: tuple[Entry, ...] = (
    "title",
    "client",
    "contact",
    Joined(N_("Area / category"), ("area", "category"), " / "),
    "coordinator",
    Figure(N_("Assignee")),
    "priority",
    "importance",
    Figure(N_("Status")),
    Figure(N_("SLA response")),
    Figure(N_("SLA resolution")),
    "stage",
    "progress",
    "origin",
    "internal",
    "group",
    "product",
    "case_class",
    "service",
    "support_type",
    Joined(N_("Planned"), ("planned_start", "planned_close"), " → "),
    Figure(N_("Created")),
    Figure(N_("Modified")),
    Figure(N_("Events")),
    Figure(N_("Calendar tasks")),
    "description",
    "solution",
)
"""The General tab: the fields of domain/case_fields.py in this order, among figures."""
OTHERS_PAGE: tuple[Entry, ...] = (
    "estimate",
    "complexity",
    "level",
    "billable",
    "cost_per_hour",
    Figure(N_("Consumed")),
    Figure(N_("Cost")),
    "owner",
    "reviewer",
    "contract",
    Figure(N_("Contract balance")),
    Figure(N_("Finishing will use")),
    "project",
    "sale_order",
    "chat_channel",
    Figure(marks.pgettext("case field", "Quote")),  # a noun here, a verb on the u key
    Figure(N_("Payment")),
)


def _when(moment: datetime | None) -> str:
    return when(moment) if moment else "—"


def _written(value: object) -> object:
    """A value as the page writes it: a word in the operator's language, a day or a
    figure in their locale's form."""
    return figure(words.shown(value))


def _day(moment: datetime | None) -> str:
    """The day of an instant on this machine's wall clock, in the operator's short form."""
    return when(moment).removesuffix(" UTC").rsplit(" ", 1)[0] if moment else "—"


def _pairs(rows: list[tuple[str, object]]) -> Content:
    """Label/value lines; values come from data, so they are sanitized and never markup.
    Labels are msgids (domain/case_fields.py and the figures here), translated here."""
    labels = [
        str(words.shown(label)) if isinstance(label, Word) else _(label) for label, _value in rows
    ]
    width = max(len(label) for label in labels)
    lines = [
        f"{label:<{width}}  {safe(figure(words.shown(value)) if value not in (None, '') else '—')}"
        for label, (_label, value) in zip(labels, rows, strict=True)
    ]
    return Content("\n".join(lines))


def _event_counts(c: EventCounters) -> str:
    """Seed 000's counters: # eventos, planeados, mantenidos, no mantenidos, first → last."""
    span = f" · {_day(c.first)} → {_day(c.last)}" if c.total else ""
    counts = _("{total} · {planned} planned · {held} held · {not_held} not held").format(
        total=c.total, planned=c.planned, held=c.held, not_held=c.not_held
    )
    return f"{counts}{span}"


def _task_counts(c: TaskCounters) -> str:
    span = f" · {figure(c.first)} → {figure(c.last)}" if c.total else ""
    counts = _("{total} · {not_started} not started · {completed} completed").format(
        total=c.total, not_started=c.not_started, completed=c.completed
    )
    return f"{counts}{span}"


def _cell(value: object) -> Text:
    return Text(safe(value, one_line=True))


class CaseViewScreen(SpokenKeys, CaseActions, Screen[None]):
    """One case, section by section, read-only (e opens the edit form)."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), id="editor.back"),
        Binding("e", "edit", N_("Edit"), id="editor.edit"),
        Binding("u", "quote", N_("Quote"), id="editor.quote", show=False),
        Binding("d", "delete_entry", N_("Delete entry"), id="editor.delete_entry", show=False),
        Binding("o", "open_file", N_("Open file"), id="editor.open_file", show=False),
        *ACTION_BINDINGS,
    ]
    key_permissions = {
        **KEY_PERMISSIONS,
        "edit": (Action.EDIT_CASE, Action.UPDATE_PROGRESS),
        "quote": (Action.ISSUE_QUOTE, Action.DECIDE_QUOTE),
        "delete_entry": (Action.EDIT_TIME,),
    }

    @dataclass
    class Loaded:
        """What the view shows: the case, and others with its edit form open now."""

        detail: CaseDetail
        editors: list[str]

    def __init__(self, case_id: int) -> None:
        super().__init__()
        self.case_id = case_id
        self.detail: CaseDetail | None = None

    @property
    def desk(self) -> DeskSession:
        return session_of(self.app)

    def compose(self) -> ComposeResult:
        yield Static(Content(_("Loading…")), id="editor-title")
        with TabbedContent(*[_(t) for t in TABS], id="sections"):
            for tab in TABS:
                if tab in ("Activities", "Files", "Log"):
                    yield VerticalScroll(
                        Static(id=f"{tab.lower()}-summary"),
                        FittedTable(id=f"{tab.lower()}-table", cursor_type="row"),
                    )
                else:
                    yield VerticalScroll(Static(id=f"{tab.lower()}-body"))
        yield TimerBar()
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self._load()

    def _load(self) -> None:
        """Read the case (group editor-load: the case's keys typed meanwhile wait for it)."""
        desk, case_id = self.desk, self.case_id

        def read() -> CaseViewScreen.Loaded:
            detail = case_detail(desk.read_uow(), desk.actor, case_id)
            return self.Loaded(detail, editors(desk.read_uow(), desk.actor, case_id))

        self.call_service(
            read, self._loaded, failed=self.show_failure, group="editor-load", exclusive=True
        )

    def show_failure(self, text: str) -> None:
        self.query_one("#editor-title", Static).update(Content(text))

    # -- actions (status, assign, comment, time come from CaseActions) -------------------
    def current_case(self) -> tuple[int, str] | None:
        return (self.case_id, self.detail.case.number if self.detail else str(self.case_id))

    def policy_case(self) -> MovableCase | None:
        return self.detail.case if self.detail else None

    def after_change(self, changed: bool | None) -> None:
        if changed:
            self._load()

    def show_action_error(self, text: str) -> None:
        # Sanitized here too (CaseActions sanitizes its own): a refusal may quote data.
        self.query_one("#editor-title", Static).update(Content(safe(text, one_line=True)))

    def action_quote(self) -> None:
        """u: quote the work, or answer the quote waiting for this operator (seed 003)."""
        if self.detail is None:
            return
        from ..domain.enums import QuoteStatus
        from ..domain.permissions import Action, can
        from .dialogs import DecideQuoteDialog, QuoteDialog

        case = self.detail.case
        quote = case.quote
        if quote.status is QuoteStatus.QUOTED and can(self.desk.actor, Action.DECIDE_QUOTE, case):
            hours = (quote.minutes or 0) / 60
            summary = f"{money(quote.price, quote.currency)} · {number(hours)} h · {safe(quote.message, one_line=True)}"
            self.app.push_screen(
                DecideQuoteDialog(self.case_id, case.number, summary), self.after_change
            )
        else:
            self.app.push_screen(QuoteDialog(self.case_id, case.number), self.after_change)

    def _entry_at_cursor(self) -> Any:
        table = self.query_one("#activities-table", DataTable)
        return None if self.detail is None else at_cursor(table, self.detail.entries)

    @on(DataTable.RowSelected, "#activities-table")
    def _edit_entry(self) -> None:
        """enter on an activity: change its duration, description or billable flag."""
        from .dialogs import EditTimeDialog

        if (entry := self._entry_at_cursor()) is not None:
            self.app.push_screen(EditTimeDialog(entry), self.after_change)

    def action_delete_entry(self) -> None:
        from .dialogs import DeleteTimeDialog

        if self.focused is self.query_one("#activities-table") and (
            entry := self._entry_at_cursor()
        ):
            self.app.push_screen(DeleteTimeDialog(entry), self.after_change)

    # -- opening an attachment: a private read-only copy for $PAGER or the desktop ------
    def action_open_file(self) -> None:
        """o on the Files tab: the highlighted attachment, shown by ``$PAGER`` (or the
        desktop's opener) from a copy with a safe name; never run, never by its own name."""
        table = self.query_one("#files-table", DataTable)
        if self.detail is None or (file := at_cursor(table, self.detail.files)) is None:
            return
        if (file_id := file.id) is not None:
            self._copy_file(file_id)

    def _copy_file(self, file_id: int) -> None:
        from ..services import files  # the blob store: only when a file is opened

        desk = self.desk

        def copy_it() -> tuple[OpenedCopy, Viewer | None]:
            copy = files.open_copy(desk.read_uow(), desk.actor, file_id)
            return copy, files.viewer_for(copy.path)

        self.call_service(
            copy_it, self._show_file, failed=self.show_failure, group="open-file", exclusive=True
        )

    def _show_file(self, opened: tuple[OpenedCopy, Viewer | None]) -> None:
        copy, viewer = opened
        where = _("A copy of {name} is at {path}").format(
            name=safe(copy.item.name, one_line=True), path=safe(str(copy.path), one_line=True)
        )
        if viewer is None:
            self.app.notify(where, markup=False, timeout=15)
            return
        try:
            if viewer.waits:  # a pager takes the terminal until the person quits it
                with self.app.suspend():
                    subprocess.run(viewer.argv, check=False, shell=False)
                copy.discard()
            else:  # the desktop's viewer: started beside the TUI, it may read the copy later
                subprocess.Popen(viewer.argv, shell=False, start_new_session=True)
                self.app.notify(where, markup=False, timeout=15)
        except (SuspendNotSupported, OSError) as error:
            why = safe(getattr(error, "strerror", None) or _("no terminal to hand over"))
            self.app.notify(f"{where} ({why})", markup=False, timeout=15)

    def action_edit(self) -> None:
        if self.detail is None:
            return
        from .edit_case import EditCaseScreen

        self.app.push_screen(EditCaseScreen(self.detail.case, self.detail.names), self.after_change)

    def desk_changed(self) -> None:
        """Someone changed the desk (perhaps this case): read the case again."""
        self._load()

    def _loaded(self, loaded: Loaded) -> None:
        with kept_cursors(self):
            self.show(loaded)

    def show(self, message: Loaded) -> None:
        detail = message.detail
        self.detail = detail
        self.refresh_bindings()  # the keys offered are judged on this case now
        case = detail.case
        names = detail.names
        editing = ""
        if message.editors:
            who = ", ".join(safe(login, one_line=True) for login in message.editors)
            # One msgid for English, a singular and a plural verb in Spanish ("lo están").
            editing = ngettext(
                " · {who} editing it now", " · {who} editing it now", len(message.editors)
            ).format(who=who)
        self.query_one("#editor-title", Static).update(
            Content(
                f" {case.number} · {safe(case.title, one_line=True)} · {words.label(case.status)}{editing}"
            )
        )
        totals = detail.totals
        self.query_one("#general-body", Static).update(
            _pairs(
                page_rows(
                    "General",
                    GENERAL_PAGE,
                    case,
                    names,
                    {
                        "Assignee": names["assignee"],
                        "Status": words.label(case.status),
                        "SLA response": sentences.sla_clock(detail.sla.first_response, _when),
                        "SLA resolution": sentences.sla_clock(detail.sla.resolution, _when),
                        "Created": _when(case.created_at),
                        "Modified": _when(case.updated_at),
                        "Events": _event_counts(detail.event_counters),
                        "Calendar tasks": _task_counts(detail.task_counters),
                    },
                    written=_written,
                )
            )
        )
        estimate = (
            format_minutes(totals.estimate_minutes) if totals.estimate_minutes is not None else "—"
        )
        self.query_one("#activities-summary", Static).update(
            Content(
                (
                    _(
                        "total {total} · billable {billable} · non-billable {free} · estimate {estimate} · over estimate"
                    )
                    if totals.overrun
                    else _(
                        "total {total} · billable {billable} · non-billable {free} · estimate {estimate}"
                    )
                ).format(
                    total=format_minutes(totals.total_minutes),
                    billable=format_minutes(totals.billable_minutes),
                    free=format_minutes(totals.non_billable_minutes),
                    estimate=estimate,
                )
            )
        )
        self.query_one("#activities-table", FittedTable).set_rows(
            spoken_columns(ACTIVITY_COLUMNS),
            [
                [
                    day(e.work_date),
                    _when(e.start)[-5:] if e.start else "",
                    _when(e.end)[-5:] if e.end else "",
                    format_minutes(e.minutes),
                    _cell(e.description),
                    _cell(detail.logins.get(e.executor_id, "?")),
                    "yes" if e.billable else "no",
                ]
                for e in detail.entries
            ],
        )
        quote = case.quote
        balance = detail.contract_balance
        self.query_one("#others-body", Static).update(
            _pairs(
                page_rows(
                    "Others",
                    OTHERS_PAGE,
                    case,
                    names,
                    {
                        "Consumed": format_minutes(totals.consumed_minutes),
                        "Cost": money(totals.cost, None),
                        "Contract balance": sentences.balance(balance) if balance else None,
                        "Finishing will use": detail.finish_preview,
                        "Quote": f"{words.label(quote.status)} {money(quote.price, quote.currency) if quote.price is not None else ''}".strip(),
                        "Payment": words.label(quote.payment),
                    },
                    written=_written,
                )
            )
        )
        comments = [
            f"{_when(c.created_at)}  {safe(detail.logins.get(c.author_id, '?'), one_line=True)} ({words.label(c.visibility)})\n"
            f"  {safe(c.body)}"
            for c in detail.comments
        ]
        self.query_one("#comments-body", Static).update(
            Content("\n\n".join(comments) or _("No comments yet."))
        )
        fc = detail.file_counters
        self.query_one("#files-summary", Static).update(
            Content(
                ngettext(
                    "{total} file · {pending} pending · {valid} valid · {rejected} rejected",
                    "{total} files · {pending} pending · {valid} valid · {rejected} rejected",
                    fc.total,
                ).format(total=fc.total, pending=fc.pending, valid=fc.valid, rejected=fc.rejected)
            )
        )
        self.query_one("#files-table", FittedTable).set_rows(
            spoken_columns(FILE_COLUMNS),
            [
                [
                    _cell(f.name),
                    str(f.size),
                    _cell(f.media_type),
                    words.label(f.review),
                    _when(f.uploaded_at),
                ]
                for f in detail.files
            ],
        )
        lines = ngettext("{count} line", "{count} lines", len(detail.log))
        self.query_one("#log-summary", Static).update(
            Content(lines.format(count=number(len(detail.log))))
        )
        self.query_one("#log-table", FittedTable).set_rows(
            spoken_columns(LOG_COLUMNS),
            [
                [
                    _when(entry.at),
                    _cell(detail.logins.get(entry.actor_id or 0, "desk")),
                    _cell(describe_log(entry, detail.logins, detail.log_names)),
                    _cell(entry.note),
                ]
                for entry in detail.log
            ],
        )
