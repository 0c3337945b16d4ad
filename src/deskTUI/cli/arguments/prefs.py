"""The arguments of ``desktui prefs``: an operator's own tabs and columns (issue 21)."""

from __future__ import annotations

import argparse

from ...i18n import _
from .common import Parser, command_group, json_option, set_handler


def prefs_commands(commands: argparse._SubParsersAction[Parser]) -> None:
    prefs = command_group(
        commands, "prefs", _("your order of the case view's tabs and the case list's columns")
    )
    show = prefs.add_parser("show", help=_("your tabs and columns, in order, shown or hidden"))
    json_option(show)
    set_handler(show, "prefs:show")
    tabs = prefs.add_parser(
        "tabs", help=_("the case view's tabs to show, in order (the others hidden)")
    )
    tabs.add_argument("names", metavar=_("A,B,…|default"))
    set_handler(tabs, "prefs:tabs")
    columns = prefs.add_parser(
        "columns", help=_("the case list's columns to show, in order (the others hidden)")
    )
    columns.add_argument("names", metavar=_("A,B,…|default"))
    set_handler(columns, "prefs:columns")
