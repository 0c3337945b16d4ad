"""Turning results into JSON documents and into lines a person reads.

JSON keys are the domain's field names; Decimals are strings (exact);
times are ISO 8601 in UTC; durations are whole seconds; enums are their codes.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any

from .. import sentences, words
from ..domain.case import Case
from ..domain.case_fields import Entry, Figure, Joined, Section, page_rows
from ..domain.durations import format_minutes
from ..domain.values import money_display
from ..formats import day, figure, money
from ..i18n import N_, _
from ..safe_text import safe

if TYPE_CHECKING:  # the views import the store: not for every command, nor the TUI
    from ..services.views import CaseDetail, ContractView

SHOW_GENERAL: tuple[Entry, ...] = (
    "contact",
    Joined(N_("Area / category"), ("area", "category"), " / "),
    Figure(N_("assignee")),
    "coordinator",
    Figure(N_("opened by")),
    "importance",
    "stage",
    "progress",
    "origin",
    Joined(N_("Planned"), ("planned_start", "planned_close"), " → "),
    Figure(N_("created")),
    Figure(N_("updated")),
)
"""``case show``'s General rows: fields of domain/case_fields.py in this order, among figures."""
SHOW_OTHERS: tuple[Entry, ...] = (
    "billable",
    "cost_per_hour",
    "contract",
    Joined(N_("Level / complexity"), ("level", "complexity"), " / "),
    Figure(N_("quote")),
    Figure(N_("payment")),
)
SHOWN_ELSEWHERE = frozenset({"title", "priority", "client", "description", "solution", "estimate"})
"""Fields ``case show`` writes outside the rows: in its first two lines, as indented
blocks (description, solution), and the estimate among the Activities totals."""
SHOW_OMITS = frozenset(
    {
        "group",
        "product",
        "case_class",
        "service",
        "support_type",
        "internal",
        "owner",
        "reviewer",
        "project",
        "sale_order",
        "chat_channel",
    }
)
"""Fields ``case show`` has never written (``--json`` has them all): kept out so its
text stays as scripts and the README know it. Any other field is written."""

_REFERENCES = (
    "client_id",
    "contact_id",
    "area_id",
    "category_id",
    "assignee_id",
    "coordinator_id",
    "project_id",
    "service_id",
)
_PEOPLE = ("assignee", "coordinator", "reporter", "owner", "reviewer")


def to_jsonable(value: Any) -> Any:
    if isinstance(value, timedelta):
        return int(value.total_seconds())  # a running timer's elapsed time, in whole seconds
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(to_jsonable(v) for v in value)
    return value


def case_json(detail: CaseDetail, *, history: bool = True) -> dict[str, Any]:
    """A case as one JSON object: every field by its domain name, names for references."""
    case = detail.case
    out: dict[str, Any] = {"number": case.number}
    for f in dataclasses.fields(Case):
        if f.name in ("pending_log", "id", "reporter_id", "owner_id", "reviewer_id", "contract_id"):
            continue
        if f.name in _REFERENCES:
            continue
        out[f.name] = to_jsonable(getattr(case, f.name))
    for name in ("client", "contact", "area", "category", *_PEOPLE):
        out[name] = detail.names.get(name)
    out["contract"] = case.contract_id
    # Issue 21: a project and a service are records now; "project" and "service" keep
    # their names (as the free text was), "project_id"/"service_id" their ids.
    for name in ("project", "service"):
        out[name] = detail.names.get(name) or ""
        out[f"{name}_id"] = getattr(case, f"{name}_id")
    out["contract_name"] = detail.names.get("contract")
    totals = detail.totals
    out["totals"] = {
        "total_minutes": totals.total_minutes,
        "billable_minutes": totals.billable_minutes,
        "non_billable_minutes": totals.non_billable_minutes,
        "cost": format(money_display(totals.cost), "f"),
        "estimate_minutes": totals.estimate_minutes,
        "remaining_minutes": totals.remaining_minutes,
        "overrun": totals.overrun,
    }
    out["counters"] = {
        "files": to_jsonable(detail.file_counters),
        "events": to_jsonable(detail.event_counters),
        "tasks": to_jsonable(detail.task_counters),
    }
    out["sla"] = {
        "breached": detail.sla.breached,
        "first_response": to_jsonable(detail.sla.first_response),
        "resolution": to_jsonable(detail.sla.resolution),
    }
    if history:
        logins = detail.logins
        out["time_entries"] = [
            {**to_jsonable(e), "executor": logins.get(e.executor_id)} for e in detail.entries
        ]
        out["comments"] = [
            {
                "id": c.id,
                "author": logins.get(c.author_id),
                "visibility": c.visibility.value,
                "body": c.body,
                "created_at": c.created_at.isoformat(),
            }
            for c in detail.comments
        ]
        out["files"] = [to_jsonable(f) for f in detail.files]
        out["events"] = [to_jsonable(e) for e in detail.events]
        out["tasks"] = [to_jsonable(t) for t in detail.tasks]
        out["log"] = [
            {**to_jsonable(entry), "actor": logins.get(entry.actor_id or 0)} for entry in detail.log
        ]
    return out


def contract_json(view: ContractView) -> dict[str, Any]:
    balance = view.balance
    contract = balance.contract
    return {
        "id": contract.id,
        "name": contract.name,
        "client": view.client,
        "unit": contract.unit.value,
        "start": contract.start.isoformat(),
        "end": contract.end.isoformat(),
        "status": contract.status.value,
        "total_units": format(contract.total_units, "f"),
        "used_units": format(balance.used, "f"),
        "remaining_units": format(balance.remaining, "f"),
        "percent_used": format(balance.percent.quantize(Decimal("0.01")), "f"),
        "level": balance.level.value,
        "ledger": [to_jsonable(e) for e in view.ledger],
    }


def case_lines(detail: CaseDetail, local: Any) -> list[str]:
    """``case show`` for a person: the sections of the case editor, as text."""
    case = detail.case
    names = detail.names
    t = detail.totals

    def row(label: str, value: object) -> str:
        return f"  {label:<18} {safe(figure(words.shown(value)) if value not in (None, '') else '—', one_line=True)}"

    def rows(
        section: Section, layout: tuple[Entry, ...], figures: dict[str, str | None]
    ) -> list[str]:
        drawn = page_rows(
            section,
            layout,
            case,
            names,
            figures,
            elsewhere=SHOWN_ELSEWHERE | SHOW_OMITS,
            written=lambda value: figure(words.shown(value)),
        )
        # The TUI's labels, lower-case: "case show" reads as a list of notes.
        return [row(_(label).lower(), value) for label, value in drawn]

    lines = [
        f"{case.number}  {safe(case.title, one_line=True)}",
        "  "
        + _("{status} · {priority} priority · {client}").format(
            status=words.label(case.status),
            priority=words.label(case.priority),
            client=safe(names["client"], one_line=True),
        ),
        _("General"),
        *rows(
            "General",
            SHOW_GENERAL,
            {
                "assignee": names["assignee"],
                "opened by": names["reporter"],
                "created": local(case.created_at),
                "updated": local(case.updated_at),
            },
        ),
        f"  {_('description')}",
        *(f"    {line}" for line in safe(case.description).splitlines()),
    ]
    if case.solution:
        lines += [
            f"  {_('solution')}",
            *(f"    {line}" for line in safe(case.solution).splitlines()),
        ]
    lines += [
        _("Activities"),
        row(_("total"), format_minutes(t.total_minutes)),
        row(_("billable"), format_minutes(t.billable_minutes)),
        row(_("non-billable"), format_minutes(t.non_billable_minutes)),
        row(
            _("estimate"),
            format_minutes(t.estimate_minutes) if t.estimate_minutes is not None else None,
        ),
        row(
            _("remaining"),
            format_minutes(t.remaining_minutes) if t.remaining_minutes is not None else None,
        ),
        row(
            _("cost"),
            _("{cost} (over estimate)").format(cost=money(t.cost, None))
            if t.overrun
            else money(t.cost, None),
        ),
    ]
    for entry in detail.entries:
        when = (
            f"{local(entry.start)}–{local(entry.end)[-5:]}" if entry.timed else day(entry.work_date)
        )
        who = detail.logins.get(entry.executor_id, "?")
        flag = f" {_('billable')}" if entry.billable else ""
        article = f" · {safe(entry.article, one_line=True)}" if entry.article else ""
        lines.append(
            f"    #{entry.id} {when} {format_minutes(entry.minutes)} {who}{flag} {safe(entry.description, one_line=True)}{article}"
        )
    quote = case.quote
    lines += [
        _("Others"),
        *rows(
            "Others",
            SHOW_OTHERS,
            {
                "quote": f"{words.label(quote.status)} {money(quote.price, quote.currency) if quote.price is not None else ''}".strip(),
                "payment": words.label(quote.payment),
            },
        ),
    ]
    if detail.contract_balance is not None:
        # The TUI's sentence, units to 0.01: "2.56 / 20 d used, 17.44 d left (13 %)".
        lines.append(row(_("contract balance"), sentences.balance(detail.contract_balance)))
    fc, ec, tc = detail.file_counters, detail.event_counters, detail.task_counters
    lines += [
        _("Counters"),
        row(
            _("files"),
            _("{total} ({pending} pending, {valid} valid, {rejected} rejected)").format(
                total=fc.total, pending=fc.pending, valid=fc.valid, rejected=fc.rejected
            ),
        ),
        row(
            _("events"),
            _("{total} ({planned} planned, {held} held, {not_held} not held)").format(
                total=ec.total, planned=ec.planned, held=ec.held, not_held=ec.not_held
            ),
        ),
        row(
            _("tasks"),
            _("{total} ({not_started} not started, {completed} completed)").format(
                total=tc.total, not_started=tc.not_started, completed=tc.completed
            ),
        ),
        row(_("SLA response"), sentences.sla_clock(detail.sla.first_response, local)),
        row(_("SLA resolution"), sentences.sla_clock(detail.sla.resolution, local)),
    ]
    if detail.comments:
        lines.append(_("Comments"))
        for c in detail.comments:
            author = detail.logins.get(c.author_id, "?")
            lines.append(f"  {local(c.created_at)} {author} ({words.label(c.visibility)})")
            lines += [f"    {line}" for line in safe(c.body).splitlines()]
    if detail.log:
        lines.append(_("Log"))
        from ..log_text import describe_log

        for logged in detail.log:  # not ``entry``: that name holds the time entries above
            actor = detail.logins.get(logged.actor_id or 0, _("desk"))
            change = describe_log(logged, detail.logins, detail.log_names)
            note = f" — {logged.note}" if logged.note else ""
            lines.append(f"  {local(logged.at)} {actor} {safe(change + note, one_line=True)}")
    return lines


HEADINGS = (
    N_("NUMBER"), N_("TITLE"), N_("CLIENT"), N_("PRIORITY"), N_("STATUS"), N_("ASSIGNEE"),
    N_("SLA"), N_("UPDATED"), N_("LOGIN"), N_("NAME"), N_("ROLE"), N_("AREAS / CLIENT"),
    N_("WHEN"), N_("CASE"), N_("WHAT"), N_("UNITS"), N_("BILLABLE TIME"), N_("ID"), N_("UNIT"),
    N_("USED"), N_("LEVEL"), N_("DAY"), N_("TIME"), N_("WHO"), N_("FLAGS"), N_("TOTAL"),
    N_("BILLABLE"), N_("NON-BILLABLE"), N_("COST"), N_("DATE"), N_("DURATION"), N_("BY"),
    N_("ACTIVITY"), N_("FIRST RESPONSE"), N_("RESOLUTION"),
)  # fmt: skip
"""The shell's table headings (for the catalogue): ``table`` says them in the reader's
language; --json and CSV keep their own keys."""


def table(rows: list[list[str]], headers: list[str]) -> list[str]:
    """Plain aligned columns, the headings in the reader's language; every cell already
    made safe by the caller."""
    headers = [_(h) if h else h for h in headers]
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)
    ]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return [fmt.format(*headers).rstrip(), *(fmt.format(*r).rstrip() for r in rows)]
