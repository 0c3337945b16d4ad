"""time, event, task, file, notifications, sla."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from .. import formats, words
from ..domain.activities import check_clock_order
from ..domain.durations import format_minutes, parse_duration
from ..domain.enums import Priority
from ..domain.errors import ValidationError
from ..domain.local_time import happens_twice, zone_name
from ..domain.sla import Targets
from ..domain.values import parse_clock
from ..formats import parse_day  # 7/12/2026 as the operator's locale writes, or ISO
from ..i18n import N_, _, ngettext
from ..services import activities, calendar, file_batch, files, notifications, sla, views, worklog
from ..services.notices import kind_word, notice_text
from .context import Context, number_of
from .render import table, to_jsonable


def _timing(ctx: Context, *, default_today: bool, base_day: date | None = None) -> dict[str, Any]:
    """--date/--start/--end/--duration as the service wants them: local times made aware."""
    a = ctx.args
    out: dict[str, Any] = {}
    day = (
        parse_day(a.date, N_("date"))
        if a.date
        else (datetime.now(ctx.tz).date() if default_today else None)
    )
    if day is not None:
        out["work_date"] = day
    if (a.start is None) != (a.end is None):
        raise ValidationError("cli.start_end", "Give both --start and --end, or --duration instead")
    if a.start is not None and a.duration is not None:
        raise ValidationError(
            "cli.start_or_duration", "Give --start and --end, or --duration, not both"
        )
    if a.start is not None:
        base = day or base_day or datetime.now(ctx.tz).date()
        start, end = parse_clock(a.start, N_("start time")), parse_clock(a.end, N_("end time"))
        check_clock_order(start, end)  # past midnight: two entries, one on each day
        out["start"] = ctx.local(base, start, N_("start time"))
        out["end"] = ctx.local(base, end, N_("end time"))
    if a.duration is not None:
        out["minutes"] = parse_duration(a.duration)
    return out


def _offset(moment: datetime) -> str:
    return moment.strftime("%z")[:3] + ":" + moment.strftime("%z")[3:]


def _say_twice(ctx: Context, entry: Any) -> None:
    """A clock time the clocks showed twice that day: say which of the two the entry took."""
    if ctx.args.start is None or entry.start is None:
        return
    for instant in (entry.start, entry.end):
        local = instant.astimezone(ctx.tz)  # fold=1 for the second of the two
        if not happens_twice(local.replace(tzinfo=None, fold=0), ctx.tz):
            continue
        clock, day = formats.clock_time(local), formats.day(local.date())
        if local.fold:
            text = _("{clock} is the second {clock} of {day} ({offset}).").format(
                clock=clock, day=day, offset=_offset(local)
            )
        else:
            text = _(
                "{clock} happens twice on {day} in {zone}: taken as the first ({first}); "
                "write {clock}{second} for the other."
            ).format(
                clock=clock,
                day=day,
                zone=zone_name(ctx.tz),
                first=_offset(local),
                second=_offset(local.replace(fold=1)),
            )
        ctx.say(text)


def time_log(ctx: Context) -> int:
    a = ctx.args
    timing = _timing(ctx, default_today=True)
    if "start" not in timing and "minutes" not in timing:
        raise ValidationError(
            "cli.no_time", "Say how long: --start HH:MM --end HH:MM, or --duration 1h30m"
        )
    entry = worklog.log_time(
        ctx.uow(),
        ctx.actor(),
        a.number,
        description=a.note,
        billable=a.billable,
        executor=a.executor,
        article=a.article,
        zone=ctx.tz,
        **timing,
    )
    if ctx.json:
        ctx.emit_json(entry)
    else:
        ctx.say(
            _("Logged {duration} on {number} (entry {id}).").format(
                duration=format_minutes(entry.minutes), number=number_of(a.number), id=entry.id
            )
        )
        _say_twice(ctx, entry)
    return 0


def time_list(ctx: Context) -> int:
    detail = views.case_detail(ctx.read_uow(), ctx.actor(), ctx.args.number)
    t = detail.totals
    if ctx.json:
        ctx.emit_json(
            {
                "entries": [
                    {**to_jsonable(e), "executor": detail.logins.get(e.executor_id)}
                    for e in detail.entries
                ],
                "total_minutes": t.total_minutes,
                "billable_minutes": t.billable_minutes,
                "non_billable_minutes": t.non_billable_minutes,
                "cost": format(t.cost_display, "f"),
                "estimate_minutes": t.estimate_minutes,
                "remaining_minutes": t.remaining_minutes,
            }
        )
        return 0
    rows = []
    for e in detail.entries:
        span = ""
        if e.timed and e.start and e.end:
            span = f"{e.start.astimezone(ctx.tz):%H:%M}–{e.end.astimezone(ctx.tz):%H:%M}"
        rows.append(
            [
                str(e.id),
                e.work_date.isoformat(),
                span,
                format_minutes(e.minutes),
                _("yes") if e.billable else _("no"),
                ctx.show(detail.logins.get(e.executor_id, "?")),
                ctx.show(e.article)[:30],
                ctx.show(e.description)[:50],
            ]
        )
    headers = ["ID", "DATE", "TIME", "DURATION", "BILLABLE", "BY", N_("ARTICLE"), "ACTIVITY"]
    for line in table(rows, headers):
        ctx.say(line)
    estimate = format_minutes(t.estimate_minutes) if t.estimate_minutes is not None else "—"
    ctx.say(
        _(
            "total {total} · billable {billable} · non-billable {free} · estimate {estimate} · cost {cost}"
        ).format(
            total=format_minutes(t.total_minutes),
            billable=format_minutes(t.billable_minutes),
            free=format_minutes(t.non_billable_minutes),
            estimate=estimate,
            cost=formats.money(t.cost, None),
        )
    )
    return 0


def time_edit(ctx: Context) -> int:
    a = ctx.args
    base_day = None
    if a.start is not None and a.date is None:
        base_day = worklog.entry(
            ctx.uow(), ctx.actor(), a.id
        ).work_date  # clock times stay on its day
    changes = _timing(ctx, default_today=False, base_day=base_day)
    if a.note is not None:
        changes["description"] = a.note
    if a.billable is not None:
        changes["billable"] = a.billable
    if a.executor is not None:
        changes["executor"] = a.executor
    if a.article is not None:
        changes["article"] = a.article
    entry = worklog.edit_time(ctx.uow(), ctx.actor(), a.id, changes, ctx.tz)
    if ctx.json:
        ctx.emit_json(entry)
        return 0
    ctx.say(
        _("Entry {id} is now {duration}.").format(
            id=entry.id, duration=format_minutes(entry.minutes)
        )
    )
    _say_twice(ctx, entry)
    return 0


def time_articles(ctx: Context) -> int:
    """``desktui time articles``: the list the time dialog offers for an activity's article."""
    found = activities.articles(ctx.read_uow(), ctx.actor())
    if ctx.json:
        ctx.emit_json({"articles": found})
    else:
        for article in found:
            ctx.say(ctx.show(article))
    return 0


def time_tolerance(ctx: Context) -> int:
    """``desktui time tolerance``: how far past now an entry may end; ``--minutes`` sets it."""
    minutes = ctx.args.minutes
    if minutes is not None:
        value = worklog.set_future_tolerance(ctx.uow(), ctx.actor(), minutes)
    else:
        ctx.actor()
        value = worklog.get_future_tolerance(ctx.read_uow())
    if ctx.json:
        ctx.emit_json({"future_tolerance_minutes": value})
    else:
        ctx.say(
            _("Time entries may end up to {minutes} min after now (clocks differ).").format(
                minutes=value
            )
        )
    return 0


def time_delete(ctx: Context) -> int:
    worklog.delete_time(ctx.uow(), ctx.actor(), ctx.args.id)
    ctx.say(_("Deleted entry {id}.").format(id=ctx.args.id))
    return 0


def event_add(ctx: Context) -> int:
    a = ctx.args
    event = calendar.schedule_event(
        ctx.uow(),
        ctx.actor(),
        a.number,
        kind=a.kind,
        title=a.title,
        start=ctx.parse_moment(a.start, N_("start")),
        end=ctx.parse_moment(a.end, N_("end")),
        owner=a.owner,
    )
    if ctx.json:
        ctx.emit_json(event)
    else:
        ctx.say(_("Planned event {id}.").format(id=event.id))
    return 0


def event_set(ctx: Context) -> int:
    event = calendar.update_event(ctx.uow(), ctx.actor(), ctx.args.id, {"status": ctx.args.status})
    ctx.say(_("Event {id} is {status}.").format(id=event.id, status=words.label(event.status)))
    return 0


def task_add(ctx: Context) -> int:
    a = ctx.args
    task = calendar.add_task(
        ctx.uow(),
        ctx.actor(),
        a.number,
        title=a.title,
        due=parse_day(a.due, N_("due date")),
        owner=a.owner,
    )
    if ctx.json:
        ctx.emit_json(task)
    else:
        ctx.say(_("Added task {id}.").format(id=task.id))
    return 0


def task_set(ctx: Context) -> int:
    task = calendar.update_task(ctx.uow(), ctx.actor(), ctx.args.id, ctx.args.status)
    ctx.say(_("Task {id} is {status}.").format(id=task.id, status=words.label(task.status)))
    return 0


def file_add(ctx: Context) -> int:
    """Attach every path named, all or none (services/file_batch.py). ``--json`` gives the
    attachment as before for one path (scripts written for one keep working), a list of
    them for several."""
    paths = [Path(p) for p in ctx.args.path]
    items = file_batch.attach_paths(ctx.uow(), ctx.actor(), ctx.args.number, paths)
    if ctx.json:
        ctx.emit_json(items[0] if len(ctx.args.path) == 1 else items)
        return 0
    for item in items:
        ctx.say(
            ngettext(
                "Attached {name} ({size} byte) as file {id}.",
                "Attached {name} ({size} bytes) as file {id}.",
                item.size,
            ).format(name=ctx.show(item.name), size=formats.number(item.size), id=item.id)
        )
    return 0


def file_review(ctx: Context) -> int:
    a = ctx.args
    item = files.review_file(ctx.uow(), ctx.actor(), a.id, a.status, a.reason)
    if ctx.json:
        ctx.emit_json(item)
    elif item.review_reason:
        ctx.say(
            _("File {id} is {status}: {reason}").format(
                id=item.id, status=words.label(item.review), reason=ctx.show(item.review_reason)
            )
        )
    else:
        ctx.say(_("File {id} is {status}.").format(id=item.id, status=words.label(item.review)))
    return 0


def inbox(ctx: Context) -> int:
    """List the inbox, newest first; ``--mark-read`` alone marks what was listed read (what
    arrived meanwhile stays unread), ``--mark-read ID...`` marks those and lists nothing."""
    a = ctx.args
    if a.mark_read:
        count = notifications.mark_read(ctx.uow(), ctx.actor(), a.mark_read)
        if ctx.json:
            ctx.emit_json({"marked": count, "ids": sorted(set(a.mark_read))})
        else:
            ctx.say(
                ngettext("{count} marked read.", "{count} marked read.", count).format(
                    count=formats.number(count)
                )
            )
        return 0
    items = notifications.inbox(ctx.read_uow(), ctx.actor(), unread_only=a.unread, limit=a.limit)
    if a.mark_read is not None:  # --mark-read without ids: what was just listed
        unread = [n.id for n in items if not n.read]
        if unread:
            notifications.mark_read(ctx.uow(), ctx.actor(), unread)
    if ctx.json:
        ctx.emit_json([_notification_json(n) for n in items])
        return 0
    for n in items:
        mark = " " if n.read else "*"
        when = n.created_at.astimezone(ctx.tz)
        kind, text = kind_word(n.kind), notice_text(n.message)
        ctx.say(f"{mark} {n.id:>4} {formats.day_time(when)} {kind:<10} {ctx.show(text)}")
    return 0


def _notification_json(n: notifications.Notification) -> dict[str, Any]:
    """What a script reads of a notification (kept stable: the read model may grow)."""
    return {
        "id": n.id,
        "kind": n.kind,
        "case": n.case,
        "message": n.message,
        "created_at": n.created_at.isoformat(),
        "read": n.read,
    }


def sla_escalate(ctx: Context) -> int:
    done = sla.escalate_breaches(ctx.uow(), ctx.actor())
    if ctx.json:
        ctx.emit_json(
            [
                {"number": e.number, "target": e.target.value, "notified": list(e.notified)}
                for e in done
            ]
        )
        return 0
    for e in done:
        ctx.say(
            _("{number}: {target} breached; told {who}.").format(
                number=e.number, target=words.label(e.target), who=", ".join(e.notified) or "nobody"
            )
        )
    if not done:
        ctx.say(_("No new breaches."))
    return 0


def sla_set(ctx: Context) -> int:
    a = ctx.args
    targets = Targets(parse_duration(a.response), parse_duration(a.resolution))
    sla.set_targets(ctx.uow(), ctx.actor(), a.priority, targets)
    ctx.say(
        _("{priority}: first response {response}, resolution {resolution}.").format(
            priority=words.word(Priority, a.priority),
            response=format_minutes(targets.first_response),
            resolution=format_minutes(targets.resolution),
        )
    )
    return 0


def sla_show(ctx: Context) -> int:
    ctx.actor()
    targets = sla.get_targets(ctx.read_uow())
    if ctx.json:
        ctx.emit_json(
            {
                p.value: {
                    "first_response_minutes": t.first_response,
                    "resolution_minutes": t.resolution,
                }
                for p, t in targets.items()
            }
        )
        return 0
    rows = [
        [words.label(p), format_minutes(t.first_response), format_minutes(t.resolution)]
        for p, t in targets.items()
    ]
    for line in table(rows, ["PRIORITY", "FIRST RESPONSE", "RESOLUTION"]):
        ctx.say(line)
    return 0
