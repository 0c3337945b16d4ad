"""``desktui agenda`` and ``desktui timesheet``: the TUI's A and W panes, for scripts."""

from __future__ import annotations

from datetime import date, datetime

from .. import formats
from ..domain.durations import format_minutes
from ..formats import parse_day  # 7/12/2026 as the operator's locale writes, or ISO
from ..i18n import _, ngettext
from ..services.agenda import agenda as read_agenda
from ..services.timesheet import timesheet as read_timesheet
from .context import Context
from .render import table


def _day(ctx: Context) -> date:
    """``--day`` read by the domain's one day parser, or today in the desk's zone."""
    text = ctx.args.day
    return parse_day(text) if text else datetime.now(ctx.tz).date()


def agenda(ctx: Context) -> int:
    a = ctx.args
    result = read_agenda(
        ctx.read_uow(),
        ctx.actor(),
        day=_day(ctx),
        span=a.span,
        zone=ctx.tz,
        owner=a.owner,
        area=a.area,
    )
    if ctx.json:
        ctx.emit_json(result)
        return 0
    ctx.say(
        ngettext(
            "{whose} · {first} → {last} · {count} item",
            "{whose} · {first} → {last} · {count} items",
            len(result.items),
        ).format(
            whose=ctx.show(result.whose),
            first=formats.day(result.first),
            last=formats.day(result.last),
            count=len(result.items),
        )
    )
    rows = []
    for item in result.items:
        when = ""
        if item.start and item.end:
            when = f"{item.start.astimezone(ctx.tz):%H:%M}–{item.end.astimezone(ctx.tz):%H:%M}"
        flags = " ".join(
            word
            for word, on in (
                ("late", item.overdue),
                ("clash", item.conflict),
                ("today", item.today),
            )
            if on
        )
        rows.append(
            [
                formats.day(item.day),
                when,
                item.what_word,
                ctx.show(item.title),
                item.case_number or "",
                item.status_word,
                ctx.show(item.owner),
                flags,
            ]
        )
    for line in table(rows, ["DAY", "TIME", "WHAT", "TITLE", "CASE", "STATUS", "WHO", "FLAGS"]):
        ctx.say(line)
    return 0


def timesheet(ctx: Context) -> int:
    result = read_timesheet(
        ctx.read_uow(),
        ctx.actor(),
        day=_day(ctx),
        login=ctx.args.owner,
    )
    if ctx.json:
        ctx.emit_json(result)
        return 0
    week = result.sheet.week
    ctx.say(
        _("{login} · week of {first} · {total} ({billable} billable) · cost {cost}").format(
            login=ctx.show(result.login),
            first=formats.day(result.sheet.first),
            total=format_minutes(week.total_minutes),
            billable=format_minutes(week.billable_minutes),
            cost=formats.money(week.cost, None),
        )
    )
    rows = [
        [
            formats.day(d.day),
            format_minutes(d.total_minutes),
            format_minutes(d.billable_minutes),
            format_minutes(d.non_billable_minutes),
            formats.money(d.cost, None),
        ]
        for d in result.sheet.days
    ]
    for line in table(rows, ["DAY", "TOTAL", "BILLABLE", "NON-BILLABLE", "COST"]):
        ctx.say(line)
    for gap in result.sheet.gaps:
        ctx.say(
            _("gap of {minutes} on {day} at {start}").format(
                minutes=format_minutes(gap.minutes),
                day=formats.day(gap.day),
                start=formats.clock_time(gap.start.astimezone(ctx.tz)),
            )
        )
    return 0
