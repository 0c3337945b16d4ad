"""The supervisors' reports (issue 9): figures the database counts, read in one snapshot.

Who sees what: admins and supervisors only (``Action.VIEW_REPORTS``). An admin's
reports cover every case; a supervisor's only the cases of their areas, and
the time logged on those cases. Contracts belong to clients, not areas: the
contracts report shows each contract whole, as ``desktui contract list``
already does to all staff.

What each figure means (periods, weeks, medians, compliance, rounding) is
written once, in domain/reports.py.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, tzinfo
from decimal import Decimal

from ..domain import marks
from ..domain.contracts import Balance
from ..domain.enums import PRIORITIES_BY_URGENCY
from ..domain.errors import ValidationError
from ..domain.people import User
from ..domain.permissions import Action, report_areas, require
from ..domain.reports import (
    Column,
    Compliance,
    Period,
    Report,
    Value,
    edges,
    half_up,
    hours_of,
    mean,
    median,
    minutes_of_micros,
    months,
    period_from,
    weeks,
)
from ..i18n import N_
from ..store.report_sql import ALL, MICROS_PER_MINUTE, Middle, ReportReader, reader
from ..store.uow import UnitOfWork
from .common import acting, sla_targets

KINDS = ("weekly", "response", "sla", "hours", "contracts", "satisfaction", "surveys")
"""Every report, in the order the screen's tabs show them."""
GROUPINGS = {
    "hours": ("agent", "client", "contract", "project", "service"),
    "satisfaction": ("agent", "area", "category", "month", "project", "service"),
    "surveys": ("category", "agent", "area", "month"),  # issue 21: each question's answers
}
"""The reports that are grouped, their groupings; the first is the default."""
_HOURS_TITLES = {
    "agent": N_("Hours by agent"),
    "client": N_("Hours by client"),
    "contract": N_("Hours by contract"),
    "project": N_("Hours by project"),
    "service": N_("Hours by service"),
}
_SATISFACTION_TITLES = {
    "agent": N_("Satisfaction by agent"),
    "area": N_("Satisfaction by area"),
    "category": N_("Satisfaction by category"),
    "month": N_("Satisfaction by month"),
    "project": N_("Satisfaction by project"),
    "service": N_("Satisfaction by service"),
}
"""Each grouped report's title, a whole sentence per grouping (English msgids: the
screen and the CLI's table show them translated, --json as they are)."""
E4 = Decimal(10_000)
"""The ledger keeps units in ten-thousandths (store/tables.py, LedgerRow)."""
TOTAL_ROW = marks.pgettext("report total", "all")
"""The total row's first cell: 'all' in --json and CSV, the reader's word on a table."""


def check_kind(kind: str, by: str | None) -> str | None:
    """The report's grouping (its default when none is given); a sentence for a wrong one."""
    if kind not in KINDS:
        raise ValidationError(
            "report.kind",
            "There is no report {kind!r}: the reports are {kinds}",
            kind=kind,
            kinds=", ".join(KINDS),
        )
    choices = GROUPINGS.get(kind)
    if choices is None:
        if by is not None:
            raise ValidationError(
                "report.no_grouping", "The {kind} report has no --by grouping", kind=kind
            )
        return None
    if by is None:
        return choices[0]
    if by not in choices:
        raise ValidationError(
            "report.grouping",
            "The {kind} report is by {choices}, not {by!r}",
            kind=kind,
            choices=", ".join(choices),
            by=by,
        )
    return by


def report(
    uow: UnitOfWork,
    actor: User,
    kind: str,
    *,
    zone: tzinfo,
    first: date | None = None,
    last: date | None = None,
    by: str | None = None,
) -> Report:
    """One report over a period of local days (by default the last 12 ISO weeks)."""
    with uow:
        actor = acting(uow, actor)
        require(actor, Action.VIEW_REPORTS)
        grouping = check_kind(kind, by)
        period = period_from(first, last, uow.now().astimezone(zone).date())
        areas = report_areas(actor)
        context = _Context(uow, reader(uow), period, zone, areas, str(zone))
        return _BUILDERS[kind](context, grouping)


class _Context:
    def __init__(
        self,
        uow: UnitOfWork,
        sql: ReportReader,
        period: Period,
        zone: tzinfo,
        areas: frozenset[int] | None,
        zone_name: str,
    ) -> None:
        self.uow = uow
        self.sql = sql
        self.period = period
        self.zone = zone
        self.areas = areas
        self.zone_name = zone_name
        self.start, self.end = period.bounds(zone)

    def make(
        self,
        kind: str,
        title: str,
        columns: tuple[Column, ...],
        rows: list[tuple[Value, ...]],
        total: tuple[Value, ...] | None = None,
        by: str | None = None,
        notes: tuple[str, ...] = (),
    ) -> Report:
        return Report(
            kind, title, self.period, self.zone_name, columns, tuple(rows), total, by, notes
        )


def _weekly(ctx: _Context, _by: str | None) -> Report:
    buckets = weeks(ctx.period)
    bounds = edges(buckets, ctx.zone)
    opened = ctx.sql.opened_by_bucket(bounds, ctx.areas)
    finished = ctx.sql.finished_by_bucket(bounds, ctx.areas)
    rows: list[tuple[Value, ...]] = [
        (b.label, b.first, b.last, opened.get(i, 0), finished.get(i, 0))
        for i, b in enumerate(buckets)
    ]
    total = (
        TOTAL_ROW,
        ctx.period.first,
        ctx.period.last,
        sum(opened.values()),
        sum(finished.values()),
    )
    columns = (
        Column("week", N_("Week")),
        Column("first_day", N_("From"), "day"),
        Column("last_day", N_("To"), "day"),
        Column("opened", N_("Opened"), "count"),
        Column("finished", N_("Finished"), "count"),
    )
    return ctx.make("weekly", N_("Cases opened and finished per week"), columns, rows, total)


def _median_minutes(middle: Middle | None) -> Value:
    if middle is None:
        return None
    found = minutes_of_micros(median(middle.values))
    return None if found is None else int(found)


def _response(ctx: _Context, _by: str | None) -> Report:
    answered = ctx.sql.first_response_middles(ctx.start, ctx.end, ctx.areas)
    resolved = ctx.sql.resolution_middles(ctx.start, ctx.end, ctx.areas)

    def row(key: str, label: str) -> tuple[Value, ...]:
        a, r = answered.get(key), resolved.get(key)
        return (
            label,
            a.size if a else 0,
            _median_minutes(a),
            r.size if r else 0,
            _median_minutes(r),
        )

    columns = (
        Column("priority", N_("Priority")),
        Column("answered", N_("Answered"), "count"),
        Column("median_first_response_minutes", N_("Median 1st response"), "minutes"),
        Column("finished", N_("Finished"), "count"),
        Column("median_resolution_minutes", N_("Median resolution"), "minutes"),
    )
    rows = [row(p.value, p) for p in PRIORITIES_BY_URGENCY]  # the member: a word on screen
    notes = (
        N_(
            "First response: cases opened in the period that have one. Resolution: cases "
            "finished in the period, time spent finished before a reopening not counted."
        ),
        N_("Median of an even count: the mean of the two middle values."),
    )
    return ctx.make(
        "response",
        N_("Median first-response and resolution time by priority"),
        columns,
        rows,
        row(ALL, TOTAL_ROW),
        notes=notes,
    )


def _sla(ctx: _Context, _by: str | None) -> Report:
    targets = sla_targets(ctx.uow)
    first_us = {p.value: t.first_response * MICROS_PER_MINUTE for p, t in targets.items()}
    resolution_us = {p.value: t.resolution * MICROS_PER_MINUTE for p, t in targets.items()}
    now = ctx.uow.now()
    answered = ctx.sql.first_response_compliance(ctx.start, ctx.end, now, first_us, ctx.areas)
    resolved = ctx.sql.resolution_compliance(ctx.start, ctx.end, resolution_us, ctx.areas)
    first_all, resolution_all = Compliance(), Compliance()
    rows: list[tuple[Value, ...]] = []
    for p in PRIORITIES_BY_URGENCY:
        f = Compliance(*answered.get(p.value, (0, 0)))
        r = Compliance(*resolved.get(p.value, (0, 0)))
        first_all, resolution_all = first_all + f, resolution_all + r
        t = targets[p]
        rows.append(
            (
                p,  # the member: its code in --json and CSV, its word on screen
                t.first_response,
                f.decided,
                f.met,
                f.percent,
                t.resolution,
                r.decided,
                r.met,
                r.percent,
            )
        )
    total = (
        TOTAL_ROW,
        None,
        first_all.decided,
        first_all.met,
        first_all.percent,
        None,
        resolution_all.decided,
        resolution_all.met,
        resolution_all.percent,
    )
    columns = (
        Column("priority", N_("Priority")),
        Column("first_response_target_minutes", N_("1st resp. target"), "minutes"),
        Column("first_response_decided", N_("Decided"), "count"),
        Column("first_response_met", N_("Met"), "count"),
        Column("first_response_percent", N_("Met %"), "percent"),
        Column("resolution_target_minutes", N_("Resolution target"), "minutes"),
        Column("resolution_decided", N_("Decided"), "count"),
        Column("resolution_met", N_("Met"), "count"),
        Column("resolution_percent", N_("Met %"), "percent"),
    )
    notes = (
        N_(
            "First response: cases opened in the period, answered or already past the target. "
            "Resolution: cases finished in the period."
        ),
    )
    return ctx.make("sla", N_("SLA compliance by priority"), columns, rows, total, notes=notes)


def _names(ctx: _Context, by: str) -> Callable[[object], tuple[Value, ...]]:
    """The row's leading cells for a grouping key (an id; None when there is none)."""
    uow = ctx.uow
    if by == "agent":
        logins: dict[object, str] = {u.id: u.login for u in uow.users.list()}
        return lambda key: (logins.get(key),)
    if by == "client":
        clients: dict[object, str] = {c.id: c.name for c in uow.clients.list()}
        return lambda key: (clients.get(key),)
    if by == "area":
        areas: dict[object, str] = {a.id: a.name for a in uow.areas.list()}
        return lambda key: (areas.get(key),)
    if by == "category":
        categories: dict[object, str] = {c.id: c.name for c in uow.areas.categories()}
        return lambda key: (categories.get(key),)
    if by in ("project", "service"):  # issue 21; the cases with none: a row of no name
        linked: dict[object, str] = {r.id: r.name for r in uow.records.list(by)}
        return lambda key: (linked.get(key),)
    assert by == "contract"
    client_names = {c.id: c.name for c in uow.clients.list()}
    contracts: dict[object, tuple[str, str]] = {
        c.id: (c.label, client_names.get(c.client_id, "")) for c in uow.contracts.list()
    }
    return lambda key: contracts.get(key, (None, None))


_KEY_COLUMNS = {
    "agent": (Column("agent", N_("Agent")),),
    "client": (Column("client", N_("Client")),),
    "contract": (Column("contract", N_("Contract")), Column("client", N_("Client"))),
    "area": (Column("area", N_("Area")),),
    "category": (Column("category", N_("Category")),),
    "month": (Column("month", N_("Month")),),
    "project": (Column("project", N_("Project")),),
    "service": (Column("service", N_("Service")),),
}


def _hours(ctx: _Context, by: str | None) -> Report:
    assert by is not None
    found = ctx.sql.hours(by, ctx.period.first, ctx.period.last, ctx.areas)
    name = _names(ctx, by)
    found.sort(key=lambda f: (-(f[1] + f[2]), str(name(f[0])[0] or "")))
    rows: list[tuple[Value, ...]] = []
    billable_all = non_billable_all = 0
    for key, billable, non_billable in found:
        billable_all += billable
        non_billable_all += non_billable
        rows.append(name(key) + _hour_cells(billable, non_billable))
    keys = _KEY_COLUMNS[by]
    total = (TOTAL_ROW,) + (None,) * (len(keys) - 1) + _hour_cells(billable_all, non_billable_all)
    columns = (
        *keys,
        Column("billable_minutes", N_("Billable"), "minutes"),
        Column("non_billable_minutes", N_("Non-billable"), "minutes"),
        Column("total_minutes", N_("Total"), "minutes"),
        Column("billable_hours", N_("Billable h"), "decimal"),
        Column("non_billable_hours", N_("Non-billable h"), "decimal"),
        Column("total_hours", N_("Total h"), "decimal"),
    )
    notes = (N_("Time entries dated in the period, by the day the work belongs to."),)
    return ctx.make("hours", _HOURS_TITLES[by], columns, rows, total, by, notes)


def _hour_cells(billable: int, non_billable: int) -> tuple[Value, ...]:
    total = billable + non_billable
    return (
        billable,
        non_billable,
        total,
        hours_of(billable),
        hours_of(non_billable),
        hours_of(total),
    )


def _contracts(ctx: _Context, _by: str | None) -> Report:
    uow = ctx.uow
    clients = {c.id: c.name for c in uow.clients.list()}
    shown = [
        c for c in uow.contracts.list() if c.start <= ctx.period.last and c.end >= ctx.period.first
    ]
    shown.sort(key=lambda c: (clients.get(c.client_id, ""), c.id or 0))
    sums = ctx.sql.ledger_sums((c.id for c in shown if c.id is not None), ctx.start, ctx.end)
    rows: list[tuple[Value, ...]] = []
    for contract in shown:
        used_e4, period_e4 = sums.get(contract.id or 0, (0, 0))
        balance = Balance(contract, Decimal(used_e4) / E4)
        rows.append(
            (
                contract.id,
                contract.label,
                clients.get(contract.client_id),
                contract.unit,
                contract.total_units,
                balance.used,
                balance.remaining,
                half_up(balance.percent),
                balance.level,
                Decimal(period_e4) / E4,
            )
        )
    columns = (
        Column("id", N_("ID"), "count"),
        Column("contract", N_("Contract")),
        Column("client", N_("Client")),
        Column("unit", N_("Unit")),
        Column("total_units", N_("Units"), "units"),
        Column("used_units", N_("Used"), "units"),
        Column("remaining_units", N_("Remaining"), "units"),
        Column("percent_used", N_("Used %"), "percent"),
        Column("level", N_("Level")),
        Column("used_in_period", N_("Used in period"), "units"),
    )
    notes = (
        N_(
            "Contracts running during the period; used, remaining and % as of now, "
            "'used in period' from the ledger entries posted in it."
        ),
    )
    return ctx.make("contracts", N_("Contract consumption"), columns, rows, notes=notes)


def _satisfaction(ctx: _Context, by: str | None) -> Report:
    assert by is not None
    keys = _KEY_COLUMNS[by]
    rows: list[tuple[Value, ...]] = []
    if by == "month":
        buckets = months(ctx.period)
        found = {
            k: (n, s) for k, n, s in ctx.sql.survey_sums(by, edges(buckets, ctx.zone), ctx.areas)
        }
        for i, bucket in enumerate(buckets):
            count, score_sum = found.get(i, (0, 0))
            rows.append((bucket.label, count, mean(score_sum, count)))
        sums = list(found.values())
    else:
        bounds = [ctx.start, ctx.end]
        triples = ctx.sql.survey_sums(by, bounds, ctx.areas)
        name = _names(ctx, by)
        named = sorted(((name(k)[0], n, s) for k, n, s in triples), key=lambda t: str(t[0] or ""))
        rows = [(label, n, mean(s, n)) for label, n, s in named]
        sums = [(n, s) for _, n, s in triples]
    answers = sum(n for n, _ in sums)
    total = (TOTAL_ROW, answers, mean(sum(s for _, s in sums), answers))
    columns = (
        *keys,
        Column("answers", N_("Answers"), "count"),
        Column("average", N_("Average"), "decimal"),
    )
    notes = (N_("Surveys answered in the period; scores 1 to 5."),)
    return ctx.make("satisfaction", _SATISFACTION_TITLES[by], columns, rows, total, by, notes)


def _surveys(ctx: _Context, by: str | None) -> Report:
    from .survey_report import survey_answers_report  # it names this module's _Context

    assert by is not None
    names = None if by == "month" else _names(ctx, by)
    return survey_answers_report(ctx, by, _KEY_COLUMNS[by], names)


_BUILDERS: dict[str, Callable[[_Context, str | None], Report]] = {
    "weekly": _weekly,
    "response": _response,
    "sla": _sla,
    "hours": _hours,
    "contracts": _contracts,
    "satisfaction": _satisfaction,
    "surveys": _surveys,
}
