"""The arguments of the work on cases: time entries, timers, agenda, timesheet,
events, tasks, files, notifications and SLA targets."""

from __future__ import annotations

import argparse

from ...domain.enums import EventKind, EventStatus, Priority, ReviewStatus, TaskStatus
from ...i18n import _
from .common import (
    LOCAL_CLOCK_HELP,
    PRIORITIES,
    Parser,
    billable_options,
    command_group,
    json_option,
    set_handler,
    vocabulary,
    whole_number,
)


def work_commands(commands: argparse._SubParsersAction[Parser]) -> None:
    time_group = command_group(commands, "time", _("time entries (activities)"))
    log = time_group.add_parser("log", help=_("log work on a case"))
    log.add_argument("number")
    log.add_argument("--start", metavar="HH:MM", help=_(LOCAL_CLOCK_HELP))
    log.add_argument("--end", metavar="HH:MM", help=_(LOCAL_CLOCK_HELP))
    log.add_argument("--duration", metavar="DURATION", help=_("1h30m, 1:30, 90m or 1.5"))
    log.add_argument("--date", metavar="YYYY-MM-DD", help=_("default: today"))
    billable_options(log)
    log.add_argument("--note", default="", help=_("what was done"))
    log.add_argument("--executor", help=_("who did it (supervisors and admins)"))
    log.add_argument(
        "--article", default="", help=_("the activity's article (see: desktui time articles)")
    )
    json_option(log)
    set_handler(log, "work:time_log")
    listing = time_group.add_parser("list", help=_("a case's time entries and totals"))
    listing.add_argument("number")
    json_option(listing)
    set_handler(listing, "work:time_list")
    edit = time_group.add_parser("edit", help=_("change a time entry"))
    edit.add_argument("id", type=int)
    edit.add_argument("--start", metavar="HH:MM", help=_(LOCAL_CLOCK_HELP))
    edit.add_argument("--end", metavar="HH:MM", help=_(LOCAL_CLOCK_HELP))
    edit.add_argument("--duration", metavar="DURATION")
    edit.add_argument("--date", metavar="YYYY-MM-DD")
    edit.add_argument("--note")
    billable_options(edit)
    edit.add_argument("--executor", help=_("who did it (supervisors and admins)"))
    edit.add_argument("--article", help=_('the activity\'s article; "" clears it'))
    json_option(edit)
    set_handler(edit, "work:time_edit")
    articles = time_group.add_parser(
        "articles", help=_("the articles in use on the cases you see, to log activities with")
    )
    json_option(articles)
    set_handler(articles, "work:time_articles")
    delete = time_group.add_parser("delete", help=_("delete a time entry"))
    delete.add_argument("id", type=int)
    set_handler(delete, "work:time_delete")
    tolerance = time_group.add_parser(
        "tolerance",
        help=_("how many minutes past now a time entry may end (clocks differ); admins set it"),
    )
    tolerance.add_argument("--minutes", metavar="N", help=_("0 to 60 (default 5)"))
    json_option(tolerance)
    set_handler(tolerance, "work:time_tolerance")

    timer = command_group(commands, "timer", _("a running timer on a case (one per person)"))
    start = timer.add_parser("start", help=_("start timing work on a case (stops yours first)"))
    start.add_argument("number")
    start.add_argument("--note", default="", help=_("what you are doing"))
    set_handler(start, "timer:start")
    stop = timer.add_parser("stop", help=_("stop your timer into time entries"))
    stop.add_argument("--note", help=_("what was done (default: the note given at start)"))
    stop.add_argument(
        "--to",
        metavar="CASE",
        help=_(
            "log the time on this case instead; for a case someone finished or cancelled "
            "while the timer ran, its time up to then goes here"
        ),
    )
    billable_options(stop)
    json_option(stop)
    set_handler(stop, "timer:stop")
    show = timer.add_parser("show", help=_("what your timer is running on, and for how long"))
    json_option(show)
    set_handler(show, "timer:show")
    discard = timer.add_parser("discard", help=_("throw your timer away, logging nothing"))
    set_handler(discard, "timer:discard")

    agenda = commands.add_parser(
        "agenda", help=_("events and tasks of a day, week or month (yours by default)")
    )
    agenda.add_argument("--day", metavar="YYYY-MM-DD", help=_("a day in the period (today)"))
    agenda.add_argument("--span", choices=("day", "week", "month"), default="week")
    whose = agenda.add_mutually_exclusive_group()
    whose.add_argument("--owner", metavar="LOGIN", help=_("another person's (supervisors)"))
    whose.add_argument("--area", metavar="NAME", help=_("a whole area's (its supervisors)"))
    json_option(agenda)
    set_handler(agenda, "plan:agenda")
    sheet = commands.add_parser("timesheet", help=_("a person's week of time entries and totals"))
    sheet.add_argument("--day", metavar="YYYY-MM-DD", help=_("a day of the week (today)"))
    sheet.add_argument("--owner", metavar="LOGIN", help=_("another person's (supervisors)"))
    json_option(sheet)
    set_handler(sheet, "plan:timesheet")

    events = command_group(commands, "event", _("calendar events of cases"))
    add = events.add_parser("add", help=_("plan a call, meeting, follow-up or visit"))
    add.add_argument("number")
    add.add_argument(
        "--kind",
        required=True,
        choices=("call", "meeting", "follow_up", "visit", "other"),
        type=vocabulary(EventKind),
    )
    add.add_argument("--title", required=True)
    add.add_argument(
        "--start",
        required=True,
        metavar="ISO",
        help=_(
            "e.g. 2026-03-02T14:30 (local time; add the offset, -05:00, for a time clocks show twice)"
        ),
    )
    add.add_argument("--end", required=True, metavar="ISO")
    add.add_argument("--owner")
    json_option(add)
    set_handler(add, "work:event_add")
    mark = events.add_parser("set", help=_("mark an event held or not held"))
    mark.add_argument("id", type=int)
    mark.add_argument(
        "status", choices=("planned", "held", "not_held"), type=vocabulary(EventStatus)
    )
    set_handler(mark, "work:event_set")

    tasks = command_group(commands, "task", _("calendar tasks of cases"))
    add = tasks.add_parser("add", help=_("add a task with a due date"))
    add.add_argument("number")
    add.add_argument("--title", required=True)
    add.add_argument("--due", required=True, metavar="YYYY-MM-DD")
    add.add_argument("--owner")
    json_option(add)
    set_handler(add, "work:task_add")
    mark = tasks.add_parser("set", help=_("change a task's status"))
    mark.add_argument("id", type=int)
    mark.add_argument(
        "status",
        choices=("not_started", "in_progress", "completed"),
        type=vocabulary(TaskStatus),
    )
    set_handler(mark, "work:task_set")

    files = command_group(commands, "file", _("attachments"))
    add = files.add_parser(
        "add", help=_("attach one or several files to a case: all of them, or none")
    )
    add.add_argument("number")
    add.add_argument("path", nargs="+")
    json_option(add)
    set_handler(add, "work:file_add")
    review = files.add_parser("review", help=_("mark an attachment valid or rejected"))
    review.add_argument("id", type=int)
    review.add_argument(
        "status", choices=("pending", "valid", "rejected"), type=vocabulary(ReviewStatus)
    )
    review.add_argument(
        "--reason", metavar="TEXT", help=_("why it is rejected (required with rejected)")
    )
    json_option(review)
    set_handler(review, "work:file_review")
    listing = files.add_parser(
        "list", help=_("a case's attachments with their review and a rejection's reason")
    )
    listing.add_argument("number")
    json_option(listing)
    set_handler(listing, "files:file_list")
    view = files.add_parser(
        "open",
        help=_(
            "a private read-only copy of an attachment, shown by $PAGER or the desktop's opener"
        ),
    )
    view.add_argument("id", type=int)
    view.add_argument(
        "--print", action="store_true", help=_("only print where the copy is; open nothing")
    )
    set_handler(view, "files:file_open")
    limits = files.add_parser(
        "limits", help=_("show or set (admins) how many and how large attachments may be")
    )
    limits.add_argument(
        "--per-case",
        type=whole_number("attachments per case", 1, 10_000),
        metavar="N",
        help=_("attachments per case"),
    )
    limits.add_argument("--max-mib", type=float, metavar="MIB", help=_("size of one attachment"))
    json_option(limits)
    set_handler(limits, "files:file_limits")

    notes = commands.add_parser(
        "notifications",
        help=_("your in-app notifications, newest first"),
        description=_(
            "Your in-app notifications, newest first: id, time, kind, message. "
            "--mark-read alone marks what is listed read; --mark-read ID... marks those."
        ),
    )
    notes.add_argument("--unread", action="store_true", help=_("only the unread ones"))
    notes.add_argument(
        "--limit", type=whole_number("limit", 1), metavar="N", help=_("only the newest N")
    )
    notes.add_argument(
        "--mark-read",
        nargs="*",
        type=int,
        metavar="ID",
        help=_("mark what is listed read, or only the notifications ID..."),
    )
    json_option(notes)
    set_handler(notes, "work:inbox")

    sla = command_group(commands, "sla", _("service-level targets and escalation"))
    sweep = sla.add_parser("escalate", help=_("escalate every breach not escalated yet"))
    json_option(sweep)
    set_handler(sweep, "work:sla_escalate")
    targets = sla.add_parser("set", help=_("set a priority's targets (admins only)"))
    targets.add_argument("priority", choices=PRIORITIES, type=vocabulary(Priority))
    targets.add_argument("--response", required=True, metavar="DURATION")
    targets.add_argument("--resolution", required=True, metavar="DURATION")
    set_handler(targets, "work:sla_set")
    show = sla.add_parser("show", help=_("the targets per priority"))
    json_option(show)
    set_handler(show, "work:sla_show")
