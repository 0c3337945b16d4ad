"""The arguments of the data commands (export, import, calendar, db) and the reports."""

from __future__ import annotations

import argparse

from ...i18n import _
from ...locations import FILES_ENV
from .common import Parser, command_group, json_option, set_handler

REPORT_KINDS = ("weekly", "response", "sla", "hours", "contracts", "satisfaction", "surveys")
"""services/reports.KINDS, written here too: the parser imports no service (a script's
call pays only for its own command); a test checks the two agree."""


def report_command(commands: argparse._SubParsersAction[Parser]) -> None:
    report = commands.add_parser(
        "report",
        help=_("reports for supervisors and admins: table, CSV or JSON"),
        description=_(
            "Reports over a period of local days (default: the last 12 ISO weeks, this one "
            "included). KIND: weekly (cases opened/finished per week), response (median "
            "first-response and resolution time by priority), sla (SLA compliance % by "
            "priority), hours (--by agent|client|contract, billable or not), contracts "
            "(consumption), satisfaction (--by agent|area|category|month), surveys (each "
            "question's answers and averages, --by category|agent|area|month)."
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
        help=_(
            "hours: agent, client, contract, project or service; "
            "satisfaction: agent, area, category, month, project or service"
        ),
    )
    report.add_argument("--format", choices=("table", "csv", "json"), default="table")
    json_option(report)
    set_handler(report, "report:report")


def data_commands(commands: argparse._SubParsersAction[Parser]) -> None:
    export = command_group(commands, "export", _("export data"))
    cases = export.add_parser("cases", help=_("every case you can see, as CSV or JSON"))
    cases.add_argument("--format", choices=("csv", "json"), default="csv")
    cases.add_argument("--output", metavar="FILE", help=_("default: standard output"))
    set_handler(cases, "data:export_cases")

    imports = command_group(commands, "import", _("import data"))
    cases = imports.add_parser(
        "cases", help=_("cases from the export's CSV; all rows or none (admins only)")
    )
    cases.add_argument("file")
    set_handler(cases, "data:import_cases")

    calendar = command_group(commands, "calendar", _("the calendar"))
    ics = calendar.add_parser("export", help=_("events and tasks as an iCalendar (RFC 5545) file"))
    ics.add_argument("--ics", required=True, metavar="FILE")
    ics.add_argument("--user", help=_("whose calendar (default: yours)"))
    set_handler(ics, "data:calendar_export")

    db = command_group(commands, "db", _("the database itself"))
    backup = db.add_parser("backup", help=_("a consistent copy while others keep working"))
    backup.add_argument("file")
    set_handler(backup, "data:db_backup")
    check = db.add_parser(
        "check",
        help=_("integrity, ledger and file store consistency; exit 1 on any problem"),
    )
    check.add_argument(
        "--repair",
        action="store_true",
        help=_("first remove orphan blobs, leftover temporary files and links from the file store"),
    )
    json_option(check)
    set_handler(check, "data:db_check")
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
    json_option(migrate)
    set_handler(migrate, "data:db_migrate")
