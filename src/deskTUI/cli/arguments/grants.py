"""The arguments of ``user grant|revoke|reset|show``: rights per employee (seed 004)."""

from __future__ import annotations

import argparse

from ...i18n import _
from .common import Parser, json_option, set_handler


def grant_commands(users: argparse._SubParsersAction[Parser]) -> None:
    for name, help_text in (
        ("grant", _("let one employee do an action on top of their role (admins only)")),
        ("revoke", _("forbid one employee an action, whatever their role says (admins only)")),
        ("reset", _("remove a grant or revocation: the role decides again (admins only)")),
    ):
        command = users.add_parser(name, help=help_text, description=help_text)
        command.add_argument("login")
        command.add_argument(
            "action", help=_("the action's code, e.g. assign_case (user show lists them)")
        )
        command.add_argument("--area", help=_("only on the cases of this area"))
        json_option(command)
        set_handler(command, f"grants:user_{name}")
    show = users.add_parser(
        "show", help=_("what a user may do and where each right comes from, with its log")
    )
    show.add_argument("login")
    json_option(show)
    set_handler(show, "grants:user_show")
