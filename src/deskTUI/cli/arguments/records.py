"""The arguments of the commands that keep the desk's catalogue records: rename,
deactivate, reactivate and delete an area, a category or a client (admins only)."""

from __future__ import annotations

import argparse

from ...i18n import _
from .common import Parser, command_group, json_option, set_handler


def _named(parser: argparse.ArgumentParser, kind: str) -> None:
    parser.add_argument("name", help=_("its name, in any letter case"))
    if kind == "category":
        parser.add_argument("--area", help=_("the category's area, when several have one so named"))
    json_option(parser)


def managed_commands(group: argparse._SubParsersAction[Parser], kind: str) -> None:
    """``KIND rename NAME NEW``, ``KIND deactivate|reactivate|delete NAME``."""
    rename = group.add_parser("rename", help=_("rename it (admins only)"))
    _named(rename, kind)
    rename.add_argument("new_name", metavar="NEW_NAME")
    set_handler(rename, f"records:{kind}_rename")
    deactivate = group.add_parser(
        "deactivate", help=_("offer it for no new case; its cases keep it (admins only)")
    )
    _named(deactivate, kind)
    set_handler(deactivate, f"records:{kind}_deactivate")
    reactivate = group.add_parser(
        "reactivate", help=_("offer it for new cases again (admins only)")
    )
    _named(reactivate, kind)
    set_handler(reactivate, f"records:{kind}_reactivate")
    delete = group.add_parser(
        "delete", help=_("delete it, only while nothing refers to it (admins only)")
    )
    _named(delete, kind)
    set_handler(delete, f"records:{kind}_delete")


def linked_commands(commands: argparse._SubParsersAction[Parser]) -> None:
    """``desktui project|service list|add|rename|deactivate|reactivate|delete`` (issue 21,
    seed 000: Proyectos, No inventariables)."""
    for kind, about in (
        ("project", _("projects (Proyectos) a case links to")),
        ("service", _("services (No inventariables) a case links to")),
    ):
        group = command_group(commands, kind, about)
        listing = group.add_parser("list", help=_("list them, the deactivated too"))
        json_option(listing)
        set_handler(listing, f"records:{kind}_list")
        add = group.add_parser("add", help=_("add one (admins only)"))
        add.add_argument("name")
        json_option(add)
        set_handler(add, f"records:{kind}_add")
        managed_commands(group, kind)


def category_commands(commands: argparse._SubParsersAction[Parser]) -> None:
    """``desktui category …``: a category by its name (``--area`` when several areas have
    one so named); ``area category AREA NAME`` adds one."""
    categories = command_group(commands, "category", _("the categories of the areas"))
    managed_commands(categories, "category")
