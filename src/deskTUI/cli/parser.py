"""The ``desktui`` command tree (argparse: in the standard library, so a script's call
costs no import time; every command and option documented in ``--help``)."""

from __future__ import annotations

import argparse
from typing import NoReturn

from .. import __version__
from ..i18n import _
from ..locations import DB_ENV, FILES_ENV
from ..safe_text import safe
from .argparse_words import speak_the_operators_language
from .arguments.admin import catalog_commands, contract_commands, limits_command, user_commands
from .arguments.cases import EDIT_REFERENCES, case_commands
from .arguments.common import json_option, set_handler, whole_number
from .arguments.data import REPORT_KINDS, data_commands, report_command
from .arguments.mail import mail_commands
from .arguments.prefs import prefs_commands
from .arguments.records import category_commands, linked_commands
from .arguments.surveys import survey_commands
from .arguments.work import work_commands

# Named by the commands and tests that read them here.
__all__ = ["DEMO_CASES_MAX", "EDIT_REFERENCES", "REPORT_KINDS", "build_parser", "whole_number"]

DEMO_CASES_MAX = 10_000_000
"""The largest demo desk: ten times the million cases the README measures."""


class _Parser(argparse.ArgumentParser):
    """argparse, whose usage errors quote what was typed (``unrecognized arguments: ...``)
    only after the one sanitizer: an argument may be a customer's text a script passed on."""

    def error(self, message: str) -> NoReturn:
        super().error(safe(message, one_line=True))


def build_parser() -> argparse.ArgumentParser:
    speak_the_operators_language()  # "uso:", "opciones": argparse's own words too
    parser = _Parser(
        prog="desktui",
        description=_(
            "deskTUI: a keyboard-first terminal help desk. Every action is also a command."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"desktui {__version__}",
        # argparse's own default, which it passes through gettext only from Python 3.13
        help=_("show program's version number and exit"),
    )
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
    set_handler(init, "admin:init")

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
    json_option(demo)
    set_handler(demo, "data:demo")

    user_commands(commands)
    catalog_commands(commands)
    category_commands(commands)  # issue 21: a category renamed, deactivated, deleted
    linked_commands(commands)  # issue 21: projects and services (No inventariables)
    contract_commands(commands)
    limits_command(commands)
    case_commands(commands)
    work_commands(commands)
    data_commands(commands)
    report_command(commands)  # issue 9: the supervisors' reports
    prefs_commands(commands)  # issue 21: an operator's own tabs and columns
    survey_commands(commands)  # issue 21: survey templates per category
    mail_commands(commands)  # issue 22: the e-mail channel's settings, routes, messages
    return parser
