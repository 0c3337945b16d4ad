"""What the case view shows in each of its tabs, one function per tab.

screens/case_view.py composes the tabs and handles the keys; each function here fills
one tab from the case read by services.views.case_detail. Values come from data: they
are sanitized and never read as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from rich.text import Text
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from .. import sentences, words
from ..domain import marks
from ..domain.calendar import EventCounters, TaskCounters
from ..domain.case_fields import Entry, Figure, Joined, page_rows
from ..domain.durations import format_minutes
from ..domain.marks import Word
from ..formats import day, figure, money, number, when
from ..i18n import N_, _, ngettext
from ..log_text import describe_log
from ..safe_text import safe
from ..services.survey_templates import question_text
from ..services.views import CaseDetail
from ..widgets.fit import Col, FittedTable, spoken_columns

TABS = (
    N_("General"),
    N_("Activities"),
    N_("Others"),
    N_("Comments"),
    N_("Files"),
    N_("Log"),
    N_("Similar"),  # filled by screens/case_similar.py, in its own worker
)

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
    Col("article", N_("Article"), gives_way=4, least=8),  # seed 001's last column
]
FILE_COLUMNS = [
    Col("name", N_("Name"), least=12),
    Col("size", N_("Size"), whole=True, right=True),
    Col("type", N_("Type"), gives_way=2, least=8),
    Col("review", N_("Review"), whole=True),
    Col("reason", N_("Reason"), least=8, gives_way=3),
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


def show_general(screen: Screen[Any], detail: CaseDetail) -> None:
    """The General tab (seed 001 "Generales"): the case's fields among its figures."""
    case, names = detail.case, detail.names
    screen.query_one("#general-body", Static).update(
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


def show_activities(screen: Screen[Any], detail: CaseDetail) -> None:
    """The Activities tab: the time entries and their totals against the estimate."""
    totals = detail.totals
    estimate = (
        format_minutes(totals.estimate_minutes) if totals.estimate_minutes is not None else "—"
    )
    screen.query_one("#activities-summary", Static).update(
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
    screen.query_one("#activities-table", FittedTable).set_rows(
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
                _cell(e.article),
            ]
            for e in detail.entries
        ],
    )


def show_others(screen: Screen[Any], detail: CaseDetail) -> None:
    """The Others tab (seed 001 "Otros"): cost, contract, quote and payment."""
    case, names, totals = detail.case, detail.names, detail.totals
    quote = case.quote
    balance = detail.contract_balance
    screen.query_one("#others-body", Static).update(
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
        + _survey(detail)
    )


def _survey(detail: CaseDetail) -> Content:
    """The answered survey under the Others tab's figures (seed 004): each question and
    its answer, as the client gave it (yes/no in the reader's words); nothing if none."""
    if not detail.survey:
        return Content("")
    lines = [_("Survey")]
    for question, value in detail.survey:
        answer = words.survey_answer(question.kind, value) if value else "—"
        lines.append(
            f"  {safe(question_text(question), one_line=True)}  {safe(answer, one_line=True)}"
        )
    return Content("\n\n" + "\n".join(lines))


def show_comments(screen: Screen[Any], detail: CaseDetail) -> None:
    """The Comments tab, newest last; a comment's text is data, never markup."""
    comments = [
        f"{_when(c.created_at)}  {safe(detail.logins.get(c.author_id, '?'), one_line=True)} ({words.label(c.visibility)})\n"
        # A comment of several lines: each indented under its heading.
        + "\n".join(f"  {line}" for line in safe(c.body).split("\n"))
        for c in detail.comments
    ]
    screen.query_one("#comments-body", Static).update(
        Content("\n\n".join(comments) or _("No comments yet."))
    )


def show_files(screen: Screen[Any], detail: CaseDetail) -> None:
    """The Files tab: the attachments and seed 000's review counters."""
    fc = detail.file_counters
    screen.query_one("#files-summary", Static).update(
        Content(
            ngettext(
                "{total} file · {pending} pending · {valid} valid · {rejected} rejected",
                "{total} files · {pending} pending · {valid} valid · {rejected} rejected",
                fc.total,
            ).format(total=fc.total, pending=fc.pending, valid=fc.valid, rejected=fc.rejected)
        )
    )
    screen.query_one("#files-table", FittedTable).set_rows(
        spoken_columns(FILE_COLUMNS),
        [
            [
                _cell(f.name),
                str(f.size),
                _cell(f.media_type),
                words.label(f.review),
                _cell(f.review_reason),
                _when(f.uploaded_at),
            ]
            for f in detail.files
        ],
    )


def show_log(screen: Screen[Any], detail: CaseDetail) -> None:
    """The Log tab: every change of the case, as sentences."""
    lines = ngettext("{count} line", "{count} lines", len(detail.log))
    screen.query_one("#log-summary", Static).update(
        Content(lines.format(count=number(len(detail.log))))
    )
    screen.query_one("#log-table", FittedTable).set_rows(
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


SECTIONS: tuple[Callable[[Screen[Any], CaseDetail], None], ...] = (
    show_general,
    show_activities,
    show_others,
    show_comments,
    show_files,
    show_log,
)


def show_sections(screen: Screen[Any], detail: CaseDetail) -> None:
    """Every tab of the case view, filled from ``detail``."""
    for section in SECTIONS:
        section(screen, detail)
