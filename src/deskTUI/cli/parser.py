"""The ``desktui`` command tree (argparse: in the standard library, so a script's call
costs no import time; every command and option documented in ``--help``)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import NoReturn

from .. import __version__
from ..domain.case import FIELDS
from ..domain.enums import Priority, Status
from ..domain.errors import ValidationError
from ..domain.values import INT_MAX
from ..i18n import _
from ..locations import DB_ENV, FILES_ENV
from ..safe_text import safe

DEMO_CASES_MAX = 10_000_000
"""The largest demo desk: ten times the million cases the README measures."""

STATUSES = tuple(s.value for s in Status)
PRIORITIES = tuple(p.value for p in Priority)

# Fields named by people (``--client "Acme SA"``) rather than stored ids.
EDIT_REFERENCES = {
    "client": "client",
    "contact": "contact",
    "area": "area",
    "category": "category",
    "contract": "contract",
    "coordinator": "coordinator",
    "owner": "owner",
    "reviewer": "reviewer",
}
# Case fields whose option differs from the field name.
EDIT_RENAMES = {
    "case_class": "class",
    "estimate_minutes": "estimate",
    "planned_start": "start",
    "planned_close": "close",
}
_SKIP = {
    "status",
    "client_id",
    "category_id",
    "area_id",
    "contact_id",
    "coordinator_id",
    "owner_id",
    "reviewer_id",
    "contract_id",
}


def option_of(field: str) -> str:
    return "--" + EDIT_RENAMES.get(field, field).replace("_", "-")


def whole_number(what: str, low: int, high: int = INT_MAX) -> Callable[[str], int]:
    """The type of every option that counts (``--limit``, ``--cases``...): a whole number
    from ``low`` to ``high``. Out of them it is a refusal with a sentence (``main`` says it
    like any other): ``--limit -1`` listed everything, and ``--limit 99999999999999999999``
    reached the database as a number no engine stores. Not a number at all stays a usage
    error, argparse's "invalid int value"."""

    def parse(text: str) -> int:
        number = int(text)  # ValueError: argparse's usage error, as with type=int
        if not low <= number <= high:
            raise ValidationError(
                "cli.whole_number",
                "The {what} must be from {low} to {high}, not {value}",
                what=what,
                low=low,
                high=high,
                value=text,
            )
        return number

    parse.__name__ = "int"  # what argparse names in "invalid int value: 'many'"
    return parse


def _run(parser: argparse.ArgumentParser, handler: str) -> None:
    parser.set_defaults(handler=handler)


def _json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help=_("print one JSON document"))


def _group(
    commands: argparse._SubParsersAction, name: str, help_text: str
) -> argparse._SubParsersAction:  # type: ignore[type-arg]
    parser = commands.add_parser(name, help=help_text, description=help_text)
    return parser.add_subparsers(dest=f"{name}_command", metavar="COMMAND", required=True)


class _Parser(argparse.ArgumentParser):
    """argparse, whose usage errors quote what was typed (``unrecognized arguments: ...``)
    only after the one sanitizer: an argument may be a customer's text a script passed on."""

    def error(self, message: str) -> NoReturn:
        super().error(safe(message, one_line=True))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="desktui",
        description=_(
            "deskTUI: a keyboard-first terminal help desk. Every action is also a command."
        ),
    )
    parser.add_argument("--version", action="version", version=f"desktui {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help=_("the desk database: a SQLite file path or a database URL (env {env})").format(
            env=DB_ENV
        ),
    )
    parser.add_argument(
        "--files",
        metavar="DIR",
        help=_(
            "where a server database's attachments live: a folder every operator reaches "
            "(env {env}); a SQLite desk keeps them beside its file"
        ).format(env=FILES_ENV),
    )
    parser.add_argument(
        "--as", dest="as_user", metavar="USER", help=_("act as another user (admins only)")
    )
    parser.add_argument(
        "--demo", action="store_true", help=_("open the TUI on a demo desk, built on first use")
    )
    parser.set_defaults(handler="tui:run")  # no command: the TUI
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    init = commands.add_parser(
        "init", help=_("create or upgrade the database; the first run makes you its admin")
    )
    init.add_argument(
        "--group",
        metavar="GROUP",
        help=_(
            "share the desk with this Unix group: its files group-writable, its folders "
            "setgid (env {env})"
        ).format(env="DESKTUI_GROUP"),
    )
    _run(init, "admin:init")

    demo = commands.add_parser("demo", help=_("fill an empty desk with realistic demo data"))
    demo.add_argument(
        "--cases",
        type=whole_number("number of cases", 0, DEMO_CASES_MAX),
        default=300,
        metavar="N",
        help=_("how many cases (default 300)"),
    )
    demo.add_argument(
        "--seed",
        type=whole_number("seed", 0),
        default=1,
        metavar="S",
        help=_("the same seed gives the same desk"),
    )
    _json(demo)
    _run(demo, "data:demo")

    _users(commands)
    _catalog(commands)
    _contracts(commands)
    _limits(commands)
    _cases(commands)
    _work(commands)
    _data(commands)
    _reports(commands)  # issue 9: the supervisors' reports
    return parser


REPORT_KINDS = ("weekly", "response", "sla", "hours", "contracts", "satisfaction")
"""services/reports.KINDS, written here too: the parser imports no service (a script's
call pays only for its own command); a test checks the two agree."""


def _reports(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    report = commands.add_parser(
        "report",
        help=_("reports for supervisors and admins: table, CSV or JSON"),
        description=_(
            "Reports over a period of local days (default: the last 12 ISO weeks, this one "
            "included). KIND: weekly (cases opened/finished per week), response (median "
            "first-response and resolution time by priority), sla (SLA compliance % by "
            "priority), hours (--by agent|client|contract, billable or not), contracts "
            "(consumption), satisfaction (--by agent|area|category|month)."
        ),
    )
    report.add_argument(
        "kind", metavar="KIND", help=_("one of: {kinds}").format(kinds=", ".join(REPORT_KINDS))
    )
    report.add_argument("--from", dest="first", metavar="DAY", help=_("first day, YYYY-MM-DD"))
    report.add_argument("--to", dest="last", metavar="DAY", help=_("last day, YYYY-MM-DD"))
    report.add_argument(
        "--by",
        metavar="GROUP",
        help=_("hours: agent, client or contract; satisfaction: agent, area, category or month"),
    )
    report.add_argument("--format", choices=("table", "csv", "json"), default="table")
    _json(report)
    _run(report, "report:report")


def _users(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    users = _group(commands, "user", _("desk users and their roles"))
    add = users.add_parser("add", help=_("add a user (admins only)"))
    add.add_argument("login")
    add.add_argument("--role", required=True, choices=("admin", "supervisor", "agent", "client"))
    add.add_argument("--name", default="")
    add.add_argument("--area", action="append", default=[], help=_("an area of the user (repeat)"))
    add.add_argument("--client", help=_("the client account of a client user"))
    _json(add)
    _run(add, "admin:user_add")
    change = users.add_parser("set", help=_("change a user's role, areas or state (admins only)"))
    change.add_argument("login")
    change.add_argument("--role", choices=("admin", "supervisor", "agent", "client"))
    change.add_argument("--name")
    change.add_argument("--area", action="append", help=_("the user's areas, all of them (repeat)"))
    state = change.add_mutually_exclusive_group()
    state.add_argument("--active", dest="active", action="store_true", default=None)
    state.add_argument("--inactive", dest="active", action="store_false")
    _run(change, "admin:user_set")
    listing = users.add_parser("list", help=_("list the desk's users"))
    _json(listing)
    _run(listing, "admin:user_list")


def _catalog(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    areas = _group(commands, "area", _("areas (teams) and their categories"))
    add = areas.add_parser("add", help=_("add an area with its categories (admins only)"))
    add.add_argument("name")
    add.add_argument(
        "--category", action="append", default=[], help=_("a category of the area (repeat)")
    )
    _run(add, "admin:area_add")
    listing = areas.add_parser("list", help=_("list areas and categories"))
    _json(listing)
    _run(listing, "admin:area_list")
    category = areas.add_parser("category", help=_("add a category to an area (admins only)"))
    category.add_argument("area")
    category.add_argument("name")
    _run(category, "admin:category_add")

    clients = _group(commands, "client", _("clients and their contacts"))
    add = clients.add_parser("add", help=_("add a client with its contacts (admins only)"))
    add.add_argument("name")
    add.add_argument("--contact", action="append", default=[], help=_("a contact person (repeat)"))
    _run(add, "admin:client_add")
    contact = clients.add_parser("contact", help=_("add a contact to a client (admins only)"))
    contact.add_argument("client")
    contact.add_argument("name")
    contact.add_argument("--email", default="")
    contact.add_argument("--phone", default="")
    _run(contact, "admin:contact_add")
    listing = clients.add_parser("list", help=_("list clients and contacts"))
    _json(listing)
    _run(listing, "admin:client_list")


def _contracts(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    contracts = _group(commands, "contract", _("service contracts (pólizas) and their consumption"))
    add = contracts.add_parser("add", help=_("add a contract; prints its id (admins only)"))
    add.add_argument("--client", required=True)
    add.add_argument("--unit", required=True, choices=("hours", "days", "incidents"))
    add.add_argument("--total", required=True, help=_("units the contract buys"))
    add.add_argument("--start", required=True, metavar="YYYY-MM-DD")
    add.add_argument("--end", required=True, metavar="YYYY-MM-DD")
    add.add_argument("--name", default="")
    _json(add)
    _run(add, "admin:contract_add")
    show = contracts.add_parser("show", help=_("units, used, remaining, percent and the ledger"))
    show.add_argument("id", type=int)
    _json(show)
    _run(show, "admin:contract_show")
    listing = contracts.add_parser("list", help=_("list contracts with their balance"))
    listing.add_argument("--client")
    _json(listing)
    _run(listing, "admin:contract_list")


def _limits(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    limits = commands.add_parser(
        "limits",
        help=_("show or set (admins) how long a title and how large a description or comment"),
    )
    limits.add_argument("--title-chars", metavar="N", help=_("characters in a case title"))
    limits.add_argument(
        "--description-bytes", metavar="SIZE", help=_("bytes of a description (65536, 64KiB)")
    )
    limits.add_argument("--comment-bytes", metavar="SIZE", help=_("bytes of one comment"))
    _json(limits)
    _run(limits, "admin:limits")


def _cases(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    cases = _group(commands, "case", _("cases: open, find, work and close them"))
    new = cases.add_parser("new", help=_("open a case; prints its number"))
    new.add_argument("--title", required=True)
    new.add_argument("--client", help=_("the client account (or it comes from --contact-id)"))
    new.add_argument("--category", required=True)
    new.add_argument("--description", required=True)
    new.add_argument("--area")
    contact = new.add_mutually_exclusive_group()
    contact.add_argument("--contact", help=_("a contact of the client, by name"))
    contact.add_argument(
        "--contact-id", type=int, metavar="ID", help=_("open the case from a contact (seed 002)")
    )
    new.add_argument("--priority", choices=PRIORITIES, default="medium")
    new.add_argument("--billable", action="store_true", default=None)
    new.add_argument("--contract", type=int, metavar="ID")
    new.add_argument("--estimate", metavar="DURATION", help=_("estimated work, e.g. 3h or 1h30m"))
    new.add_argument("--start", metavar="YYYY-MM-DD", help=_("planned start date"))
    new.add_argument("--close", metavar="YYYY-MM-DD", help=_("planned close date"))
    _json(new)
    _run(new, "cases:new")

    listing = cases.add_parser("list", help=_("find cases (newest change first)"))
    listing.add_argument(
        "--status", action="append", default=[], choices=(*STATUSES, "open", "closed")
    )
    listing.add_argument("--assignee", help=_("a login, me or none"))
    listing.add_argument("--client")
    listing.add_argument("--priority", choices=PRIORITIES)
    listing.add_argument("--area")
    listing.add_argument("--category")
    listing.add_argument("--query", default="", help=_('e.g. "status:open prio:>=high impresora"'))
    listing.add_argument(
        "--sort", default="updated", choices=("updated", "created", "number", "priority")
    )
    listing.add_argument("--limit", type=whole_number("limit", 1), default=100)
    _json(listing)
    _run(listing, "cases:list_cases")

    show = cases.add_parser("show", help=_("all fields, totals, counters, comments and log"))
    show.add_argument("number")
    _json(show)
    _run(show, "cases:show")

    edit = cases.add_parser("edit", help=_("change fields: --FIELD VALUE ..."))
    edit.add_argument("number")
    for name in EDIT_REFERENCES:
        edit.add_argument(f"--{name}", dest=f"set_{name}", metavar="NAME")
    for name, spec in FIELDS.items():
        if name in _SKIP or not spec.editable:
            continue
        edit.add_argument(option_of(name), dest=f"set_{name}", metavar="VALUE", help=spec.label)
    edit.add_argument(
        "--expect-version",
        type=whole_number("expected version", 1),
        help=_("refuse if someone saved the case since"),
    )
    _run(edit, "cases:edit")

    assign = cases.add_parser("assign", help=_("assign the case to a user"))
    assign.add_argument("number")
    assign.add_argument("user")
    assign.add_argument("--note", default="")
    _run(assign, "cases:assign")

    move = cases.add_parser("move", help=_("move the case to another status"))
    move.add_argument("number")
    move.add_argument("status", choices=STATUSES)
    move.add_argument("--note", default="")
    move.add_argument("--solution")
    _run(move, "cases:move")

    preview = cases.add_parser(
        "preview", help=_("what finishing the case consumes of its contract")
    )
    preview.add_argument("number")
    _run(preview, "cases:preview")

    comment = cases.add_parser("comment", help=_("comment on the case (internal unless --public)"))
    comment.add_argument("number")
    comment.add_argument("text")
    comment.add_argument("--public", action="store_true")
    _run(comment, "cases:comment")

    quote = cases.add_parser("quote", help=_("quote the work (seed 003)"))
    quote.add_argument("number")
    quote.add_argument("--price", required=True)
    quote.add_argument("--currency", required=True)
    quote.add_argument("--hours", required=True, help=_("estimated hours: 3, 2.5 or 2h30m"))
    quote.add_argument("--message", default="")
    _run(quote, "cases:quote")
    for verb in ("approve-quote", "reject-quote"):
        decide = cases.add_parser(
            verb,
            help=_("{verb} the quote (the client or an admin)").format(verb=verb.split("-")[0]),
        )
        decide.add_argument("number")
        decide.add_argument("--note", default="")
        _run(decide, "cases:approve_quote" if verb == "approve-quote" else "cases:reject_quote")
    payment = cases.add_parser("payment", help=_("record the payment of an approved quote"))
    payment.add_argument("number")
    payment.add_argument("status", choices=("unpaid", "partial", "paid"))
    _run(payment, "cases:payment")

    survey = cases.add_parser("survey", help=_("answer the satisfaction survey of a finished case"))
    survey.add_argument("number")
    survey.add_argument("--score", type=int, required=True, choices=range(1, 6), metavar="1..5")
    survey.add_argument("--comment", default="")
    _run(survey, "cases:survey")

    queue = cases.add_parser("next", help=_("your next cases to execute, in order"))
    _json(queue)
    _run(queue, "cases:next_cases")


LOCAL_CLOCK_HELP = _(
    "your local time; a time skipped when clocks go forward is refused, and in the hour "
    "repeated when they go back HH:MM is the first one (write 01:30-05:00 for the other)"
)


def _billable(command: argparse.ArgumentParser) -> None:
    """--billable / --no-billable; neither leaves it to the case's own flag."""
    bill = command.add_mutually_exclusive_group()
    bill.add_argument("--billable", dest="billable", action="store_true", default=None)
    bill.add_argument("--no-billable", dest="billable", action="store_false")


def _work(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    time_group = _group(commands, "time", _("time entries (activities)"))
    log = time_group.add_parser("log", help=_("log work on a case"))
    log.add_argument("number")
    log.add_argument("--start", metavar="HH:MM", help=LOCAL_CLOCK_HELP)
    log.add_argument("--end", metavar="HH:MM", help=LOCAL_CLOCK_HELP)
    log.add_argument("--duration", metavar="DURATION", help=_("1h30m, 1:30, 90m or 1.5"))
    log.add_argument("--date", metavar="YYYY-MM-DD", help=_("default: today"))
    _billable(log)
    log.add_argument("--note", default="", help=_("what was done"))
    log.add_argument("--executor", help=_("who did it (supervisors and admins)"))
    _json(log)
    _run(log, "work:time_log")
    listing = time_group.add_parser("list", help=_("a case's time entries and totals"))
    listing.add_argument("number")
    _json(listing)
    _run(listing, "work:time_list")
    edit = time_group.add_parser("edit", help=_("change a time entry"))
    edit.add_argument("id", type=int)
    edit.add_argument("--start", metavar="HH:MM", help=LOCAL_CLOCK_HELP)
    edit.add_argument("--end", metavar="HH:MM", help=LOCAL_CLOCK_HELP)
    edit.add_argument("--duration", metavar="DURATION")
    edit.add_argument("--date", metavar="YYYY-MM-DD")
    edit.add_argument("--note")
    _billable(edit)
    _run(edit, "work:time_edit")
    delete = time_group.add_parser("delete", help=_("delete a time entry"))
    delete.add_argument("id", type=int)
    _run(delete, "work:time_delete")
    tolerance = time_group.add_parser(
        "tolerance",
        help=_("how many minutes past now a time entry may end (clocks differ); admins set it"),
    )
    tolerance.add_argument("--minutes", metavar="N", help=_("0 to 60 (default 5)"))
    _json(tolerance)
    _run(tolerance, "work:time_tolerance")

    timer = _group(commands, "timer", _("a running timer on a case (one per person)"))
    start = timer.add_parser("start", help=_("start timing work on a case (stops yours first)"))
    start.add_argument("number")
    start.add_argument("--note", default="", help=_("what you are doing"))
    _run(start, "timer:start")
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
    _billable(stop)
    _json(stop)
    _run(stop, "timer:stop")
    show = timer.add_parser("show", help=_("what your timer is running on, and for how long"))
    _json(show)
    _run(show, "timer:show")
    discard = timer.add_parser("discard", help=_("throw your timer away, logging nothing"))
    _run(discard, "timer:discard")

    agenda = commands.add_parser(
        "agenda", help=_("events and tasks of a day, week or month (yours by default)")
    )
    agenda.add_argument("--day", metavar="YYYY-MM-DD", help=_("a day in the period (today)"))
    agenda.add_argument("--span", choices=("day", "week", "month"), default="week")
    whose = agenda.add_mutually_exclusive_group()
    whose.add_argument("--owner", metavar="LOGIN", help=_("another person's (supervisors)"))
    whose.add_argument("--area", metavar="NAME", help=_("a whole area's (its supervisors)"))
    _json(agenda)
    _run(agenda, "plan:agenda")
    sheet = commands.add_parser("timesheet", help=_("a person's week of time entries and totals"))
    sheet.add_argument("--day", metavar="YYYY-MM-DD", help=_("a day of the week (today)"))
    sheet.add_argument("--owner", metavar="LOGIN", help=_("another person's (supervisors)"))
    _json(sheet)
    _run(sheet, "plan:timesheet")

    events = _group(commands, "event", _("calendar events of cases"))
    add = events.add_parser("add", help=_("plan a call, meeting, follow-up or visit"))
    add.add_argument("number")
    add.add_argument(
        "--kind", required=True, choices=("call", "meeting", "follow_up", "visit", "other")
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
    _json(add)
    _run(add, "work:event_add")
    mark = events.add_parser("set", help=_("mark an event held or not held"))
    mark.add_argument("id", type=int)
    mark.add_argument("status", choices=("planned", "held", "not_held"))
    _run(mark, "work:event_set")

    tasks = _group(commands, "task", _("calendar tasks of cases"))
    add = tasks.add_parser("add", help=_("add a task with a due date"))
    add.add_argument("number")
    add.add_argument("--title", required=True)
    add.add_argument("--due", required=True, metavar="YYYY-MM-DD")
    add.add_argument("--owner")
    _json(add)
    _run(add, "work:task_add")
    mark = tasks.add_parser("set", help=_("change a task's status"))
    mark.add_argument("id", type=int)
    mark.add_argument("status", choices=("not_started", "in_progress", "completed"))
    _run(mark, "work:task_set")

    files = _group(commands, "file", _("attachments"))
    add = files.add_parser("add", help=_("attach a file to a case"))
    add.add_argument("number")
    add.add_argument("path")
    _json(add)
    _run(add, "work:file_add")
    review = files.add_parser("review", help=_("mark an attachment valid or rejected"))
    review.add_argument("id", type=int)
    review.add_argument("status", choices=("pending", "valid", "rejected"))
    _run(review, "work:file_review")
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
    _run(view, "files:file_open")
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
    _json(limits)
    _run(limits, "files:file_limits")

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
    _json(notes)
    _run(notes, "work:inbox")

    sla = _group(commands, "sla", _("service-level targets and escalation"))
    sweep = sla.add_parser("escalate", help=_("escalate every breach not escalated yet"))
    _json(sweep)
    _run(sweep, "work:sla_escalate")
    targets = sla.add_parser("set", help=_("set a priority's targets (admins only)"))
    targets.add_argument("priority", choices=PRIORITIES)
    targets.add_argument("--response", required=True, metavar="DURATION")
    targets.add_argument("--resolution", required=True, metavar="DURATION")
    _run(targets, "work:sla_set")
    show = sla.add_parser("show", help=_("the targets per priority"))
    _json(show)
    _run(show, "work:sla_show")


def _data(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    export = _group(commands, "export", _("export data"))
    cases = export.add_parser("cases", help=_("every case you can see, as CSV or JSON"))
    cases.add_argument("--format", choices=("csv", "json"), default="csv")
    cases.add_argument("--output", metavar="FILE", help=_("default: standard output"))
    _run(cases, "data:export_cases")

    imports = _group(commands, "import", _("import data"))
    cases = imports.add_parser(
        "cases", help=_("cases from the export's CSV; all rows or none (admins only)")
    )
    cases.add_argument("file")
    _run(cases, "data:import_cases")

    calendar = _group(commands, "calendar", _("the calendar"))
    ics = calendar.add_parser("export", help=_("events and tasks as an iCalendar (RFC 5545) file"))
    ics.add_argument("--ics", required=True, metavar="FILE")
    ics.add_argument("--user", help=_("whose calendar (default: yours)"))
    _run(ics, "data:calendar_export")

    db = _group(commands, "db", _("the database itself"))
    backup = db.add_parser("backup", help=_("a consistent copy while others keep working"))
    backup.add_argument("file")
    _run(backup, "data:db_backup")
    check = db.add_parser(
        "check",
        help=_("integrity, ledger and file store consistency; exit 1 on any problem"),
    )
    check.add_argument(
        "--repair",
        action="store_true",
        help=_("first remove orphan blobs, leftover temporary files and links from the file store"),
    )
    _json(check)
    _run(check, "data:db_check")
    migrate = db.add_parser(
        "migrate",
        help=_("copy a whole desk into an empty database (SQLite to PostgreSQL), verified"),
        description=_(
            "Copy every case, entry, ledger row, log row and attachment of a desk into an "
            "empty database, in one transaction that commits only when every table's row "
            "count and checksum match the source's. --db is not used."
        ),
    )
    migrate.add_argument(
        "--from", dest="source", required=True, metavar="PATH_OR_URL", help=_("the desk to copy")
    )
    migrate.add_argument(
        "--to",
        dest="target",
        required=True,
        metavar="PATH_OR_URL",
        help=_("an empty database, e.g. postgresql+psycopg://user@host/desk, or a new file"),
    )
    migrate.add_argument(
        "--files",
        metavar="DIR",
        default=argparse.SUPPRESS,  # keeps the global --files when not given here
        help=_(
            "the server target's attachment folder (env {env}); the contents are copied "
            "into it and checked by SHA-256"
        ).format(env=FILES_ENV),
    )
    migrate.add_argument(
        "--from-files",
        metavar="DIR",
        help=_("the attachment folder of a server source (a SQLite desk's is beside its file)"),
    )
    _json(migrate)
    _run(migrate, "data:db_migrate")
