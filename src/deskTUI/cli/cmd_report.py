"""``desktui report KIND``: the supervisors' reports as a table, CSV or one JSON document.

Formats:
- table, for people: aligned columns (numbers to the right), minutes as ``1h30m``,
  percentages with ``%``, a dash for "no figure"; text from data made safe.
- csv: a header row of the columns' keys (the same keys in the operator's language:
  ``first_response_met`` in English, a Spanish one in Spanish), then the rows, then the total row
  (its first cell ``all``); minutes as whole numbers, Decimals as written
  (``12.50``), no figure as an empty cell; text made safe like the table's,
  since a report is read on a terminal as often as in a spreadsheet.
- json: one document: the report, its period and zone, ``rows`` and ``total``
  as objects keyed like the CSV's header; counts and minutes are numbers,
  Decimals strings (as ``desktui contract show --json`` writes them), no
  figure ``null``.
"""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from typing import Any

from .. import sentences
from ..domain.reports import Column, Report, Value, display
from ..formats import parse_day  # 7/12/2026 as the operator's locale writes, or ISO
from ..i18n import N_, _, pgettext
from ..safe_text import to_spreadsheet
from ..services import reports
from .context import Context

_NUMERIC = {"count", "minutes", "decimal", "units", "percent"}


def report(ctx: Context) -> int:
    a = ctx.args
    first = parse_day(a.first, N_("report's first day")) if a.first else None
    last = parse_day(a.last, N_("report's last day")) if a.last else None
    found = reports.report(
        ctx.read_uow(), ctx.actor(), a.kind, zone=ctx.tz, first=first, last=last, by=a.by
    )
    style = "json" if a.json else a.format
    if style == "json":
        ctx.emit_json(report_json(found))
    elif style == "csv":
        _csv(ctx, found)
    else:
        for line in report_lines(found, ctx.show):
            ctx.say(line)
    return 0


def report_json(found: Report) -> dict[str, Any]:
    def record(row: tuple[Value, ...]) -> dict[str, Any]:
        return {c.key: _json_value(v) for c, v in zip(found.columns, row, strict=True)}

    return {
        "report": found.kind,
        "title": found.title,
        "by": found.by,
        "from": found.period.first.isoformat(),
        "to": found.period.last.isoformat(),
        "zone": found.zone,
        "rows": [record(r) for r in found.rows],
        "total": record(found.total) if found.total is not None else None,
        "notes": list(found.notes),
    }


def _json_value(value: Value) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _csv(ctx: Context, found: Report) -> None:
    writer = csv.writer(ctx.out, lineterminator="\n")
    headers = csv_headers()
    writer.writerow([headers.get(c.key, c.key) for c in found.columns])
    rows = list(found.rows) + ([found.total] if found.total is not None else [])
    for row in rows:
        writer.writerow(
            [_csv_value(c, v, ctx.show) for c, v in zip(found.columns, row, strict=True)]
        )


def csv_headers() -> dict[str, str]:
    """Each report column's key as the CSV header row writes it in the operator's language
    (English: the key itself, as scripts read it; the cells keep their codes either way).
    Literal calls, so the catalogue's extraction sees every key; the context "CSV header"
    tells the translator it is a key (one word, no spaces), not a heading."""
    return {
        "agent": pgettext("CSV header", "agent"),
        "answered": pgettext("CSV header", "answered"),
        "answers": pgettext("CSV header", "answers"),
        "area": pgettext("CSV header", "area"),
        "average": pgettext("CSV header", "average"),
        "billable_hours": pgettext("CSV header", "billable_hours"),
        "billable_minutes": pgettext("CSV header", "billable_minutes"),
        "category": pgettext("CSV header", "category"),
        "client": pgettext("CSV header", "client"),
        "contract": pgettext("CSV header", "contract"),
        "finished": pgettext("CSV header", "finished"),
        "first_day": pgettext("CSV header", "first_day"),
        "first_response_decided": pgettext("CSV header", "first_response_decided"),
        "first_response_met": pgettext("CSV header", "first_response_met"),
        "first_response_percent": pgettext("CSV header", "first_response_percent"),
        "first_response_target_minutes": pgettext("CSV header", "first_response_target_minutes"),
        "id": pgettext("CSV header", "id"),
        "last_day": pgettext("CSV header", "last_day"),
        "level": pgettext("CSV header", "level"),
        "median_first_response_minutes": pgettext("CSV header", "median_first_response_minutes"),
        "median_resolution_minutes": pgettext("CSV header", "median_resolution_minutes"),
        "month": pgettext("CSV header", "month"),
        "non_billable_hours": pgettext("CSV header", "non_billable_hours"),
        "non_billable_minutes": pgettext("CSV header", "non_billable_minutes"),
        "opened": pgettext("CSV header", "opened"),
        "percent_used": pgettext("CSV header", "percent_used"),
        "priority": pgettext("CSV header", "priority"),
        "project": pgettext("CSV header", "project"),  # issue 21
        "remaining_units": pgettext("CSV header", "remaining_units"),
        "resolution_decided": pgettext("CSV header", "resolution_decided"),
        "resolution_met": pgettext("CSV header", "resolution_met"),
        "resolution_percent": pgettext("CSV header", "resolution_percent"),
        "resolution_target_minutes": pgettext("CSV header", "resolution_target_minutes"),
        "service": pgettext("CSV header", "service"),
        "total_hours": pgettext("CSV header", "total_hours"),
        "total_minutes": pgettext("CSV header", "total_minutes"),
        "total_units": pgettext("CSV header", "total_units"),
        "unit": pgettext("CSV header", "unit"),
        "used_in_period": pgettext("CSV header", "used_in_period"),
        "used_units": pgettext("CSV header", "used_units"),
        "week": pgettext("CSV header", "week"),
    }


def _csv_value(column: Column, value: Value, show: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if column.kind == "text":
        # A name that starts like a formula is data, not a formula, in a spreadsheet.
        return to_spreadsheet(show(value))
    return str(value)


def report_lines(found: Report, show: Any) -> list[str]:
    """The report as aligned lines: title and period, header, rows, a rule, the total."""
    headers = [_(c.heading) for c in found.columns]
    body = [
        [
            display(c, sentences.report_cell(v), show)
            for c, v in zip(found.columns, row, strict=True)
        ]
        for row in found.rows
    ]
    total = (
        [
            display(c, sentences.report_cell(v), show)
            for c, v in zip(found.columns, found.total, strict=True)
        ]
        if found.total is not None
        else None
    )
    everything = [headers, *body, *([total] if total else [])]
    widths = [max(len(r[i]) for r in everything) for i in range(len(headers))]

    def line(cells: list[str]) -> str:
        parts = [
            text.rjust(width) if column.kind in _NUMERIC else text.ljust(width)
            for text, width, column in zip(cells, widths, found.columns, strict=True)
        ]
        return "  ".join(parts).rstrip()

    out = [
        f"{_(found.title)} · {found.period.first.isoformat()} → {found.period.last.isoformat()} "
        f"({show(found.zone)})",
        line(headers),
    ]
    out += [line(r) for r in body]
    if not body:
        out.append(_("(nothing in this period)"))
    if total is not None:
        out.append("  ".join("-" * w for w in widths))
        out.append(line(total))
    out += [_(note) for note in found.notes]
    return out
