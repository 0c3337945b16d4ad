"""``desktui timer``: time work live; the timer is kept in the database, not in this process."""

from __future__ import annotations

from .. import formats, words
from ..domain.durations import format_minutes
from ..domain.values import case_number
from ..formats import when
from ..i18n import _
from ..services import timers
from .context import Context


def _elapsed(seconds: float) -> str:
    return format_minutes(int(seconds // 60))


def start(ctx: Context) -> int:
    timer, stopped = timers.start_timer(
        ctx.uow(), ctx.actor(), ctx.args.number, ctx.tz, ctx.args.note
    )
    if stopped is not None:
        _said_stopped(ctx, stopped)
    ctx.say(_("Timer running on {number}.").format(number=case_number(timer.case_id)))
    return 0


def stop(ctx: Context) -> int:
    stopped = timers.stop_timer(
        ctx.uow(),
        ctx.actor(),
        ctx.tz,
        description=ctx.args.note,
        billable=ctx.args.billable,
        to=ctx.args.to,
    )
    if ctx.json:
        ctx.emit_json(stopped.entries)
    else:
        _said_stopped(ctx, stopped)
    return 0


def _said_stopped(ctx: Context, stopped: timers.Stopped) -> None:
    pieces = formats.each(
        _("{duration} on {day} (entry {entry})").format(
            duration=format_minutes(e.minutes), day=formats.day(e.work_date), entry=e.id
        )
        for e in stopped.entries
    )
    if stopped.closed is not None:
        closed = stopped.closed
        text = _(
            "{by} {status} {timed} at {at} while your timer ran: its time up to then is "
            "logged on {number}: {pieces}."
        ).format(
            by=closed.by,
            status=words.label(closed.status),
            timed=stopped.timed,
            at=when(closed.at, ctx.tz),
            number=stopped.number,
            pieces=pieces,
        )
    elif stopped.timed:
        text = _("Stopped the timer on {timed}: logged {pieces} on {number}.").format(
            timed=stopped.timed, number=stopped.number, pieces=pieces
        )
    else:
        text = _("Stopped the timer on {number}: logged {pieces}.").format(
            number=stopped.number, pieces=pieces
        )
    ctx.say(text)


def show(ctx: Context) -> int:
    view = timers.current_timer(ctx.read_uow(), ctx.actor())
    if ctx.json:
        ctx.emit_json(view)
        return 0
    if view is None:
        ctx.say(_("No timer is running."))
        return 0
    if view.closed is not None:
        ctx.say(
            _(
                "{number} · {title} · {by} {status} it at {at}: {elapsed} up to then, to put on "
                "another case (timer stop --to CASE) or discard"
            ).format(
                number=view.number,
                title=ctx.show(view.title),
                by=view.closed.by,
                status=words.label(view.closed.status),
                at=when(view.closed.at, ctx.tz),
                elapsed=_elapsed(view.elapsed.total_seconds()),
            )
        )
        return 0
    ctx.say(
        _("{number} · {title} · running {elapsed} since {since}").format(
            number=view.number,
            title=ctx.show(view.title),
            elapsed=_elapsed(view.elapsed.total_seconds()),
            since=when(view.started_at, ctx.tz),
        )
    )
    return 0


def discard(ctx: Context) -> int:
    number = timers.discard_timer(ctx.uow(), ctx.actor())
    ctx.say(_("Discarded the timer on {number}; nothing was logged.").format(number=number))
    return 0
