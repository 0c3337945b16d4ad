"""The arguments of the desk's set-up commands: users, areas and categories, clients
and contacts, contracts, text limits."""

from __future__ import annotations

import argparse

from ...domain.enums import Role, TrackingUnit
from ...i18n import _
from .common import Parser, command_group, json_option, set_handler, vocabulary
from .grants import grant_commands
from .records import managed_commands

ROLES = ("admin", "supervisor", "agent", "client")


def user_commands(commands: argparse._SubParsersAction[Parser]) -> None:
    users = command_group(commands, "user", _("desk users and their roles"))
    add = users.add_parser("add", help=_("add a user (admins only)"))
    add.add_argument("login")
    add.add_argument("--role", required=True, choices=ROLES, type=vocabulary(Role))
    add.add_argument("--name", default="")
    add.add_argument("--area", action="append", default=[], help=_("an area of the user (repeat)"))
    add.add_argument("--client", help=_("the client account of a client user"))
    json_option(add)
    set_handler(add, "admin:user_add")
    change = users.add_parser(
        "set",
        help=_("change a user's role, areas or state (admins only), or a language (your own too)"),
    )
    change.add_argument("login")
    change.add_argument("--role", choices=ROLES, type=vocabulary(Role))
    change.add_argument("--name")
    change.add_argument("--area", action="append", help=_("the user's areas, all of them (repeat)"))
    # Not argparse's choices: a wrong code gets the desk's own sentence, in the
    # operator's language, naming the three (domain.people.parse_language).
    change.add_argument(
        "--language",
        metavar="es|en|auto",
        help=_("the language the user reads the desk in; auto: their session's"),
    )
    state = change.add_mutually_exclusive_group()
    state.add_argument("--active", dest="active", action="store_true", default=None)
    state.add_argument("--inactive", dest="active", action="store_false")
    change.add_argument(
        "--email",
        metavar="ADDRESS",
        help=_("a staff member's address for notices by e-mail; an empty one forgets it"),
    )
    change.add_argument(
        "--email-notices",
        metavar="KINDS",
        help=_("the notices they receive by e-mail: assignment,escalation,mention, all or none"),
    )
    set_handler(change, "admin:user_set")
    listing = users.add_parser("list", help=_("list the desk's users"))
    json_option(listing)
    set_handler(listing, "admin:user_list")
    grant_commands(users)


def catalog_commands(commands: argparse._SubParsersAction[Parser]) -> None:
    areas = command_group(commands, "area", _("areas (teams) and their categories"))
    add = areas.add_parser("add", help=_("add an area with its categories (admins only)"))
    add.add_argument("name")
    add.add_argument(
        "--category", action="append", default=[], help=_("a category of the area (repeat)")
    )
    set_handler(add, "admin:area_add")
    listing = areas.add_parser("list", help=_("list areas and categories"))
    json_option(listing)
    set_handler(listing, "admin:area_list")
    category = areas.add_parser("category", help=_("add a category to an area (admins only)"))
    category.add_argument("area")
    category.add_argument("name")
    set_handler(category, "admin:category_add")
    managed_commands(areas, "area")  # rename, deactivate, reactivate, delete

    clients = command_group(commands, "client", _("clients and their contacts"))
    add = clients.add_parser("add", help=_("add a client with its contacts (admins only)"))
    add.add_argument("name")
    add.add_argument("--contact", action="append", default=[], help=_("a contact person (repeat)"))
    set_handler(add, "admin:client_add")
    contact = clients.add_parser("contact", help=_("add a contact to a client (admins only)"))
    contact.add_argument("client")
    contact.add_argument("name")
    contact.add_argument(
        "--email",
        default="",
        metavar="ADDRESS",
        help=_("their e-mail address: the desk opens cases from it (one name@domain)"),
    )
    contact.add_argument("--phone", default="", help=_("their phone number"))
    set_handler(contact, "admin:contact_add")
    listing = clients.add_parser("list", help=_("list clients and contacts"))
    json_option(listing)
    set_handler(listing, "admin:client_list")
    managed_commands(clients, "client")

    contacts = command_group(commands, "contact", _("the contacts of the clients"))
    listing = contacts.add_parser("list", help=_("list contacts with their ids and client"))
    listing.add_argument("--client", help=_("only the contacts of this client (name or id)"))
    json_option(listing)
    set_handler(listing, "admin:contact_list")


def contract_commands(commands: argparse._SubParsersAction[Parser]) -> None:
    contracts = command_group(
        commands, "contract", _("service contracts (pólizas) and their consumption")
    )
    add = contracts.add_parser("add", help=_("add a contract; prints its id (admins only)"))
    add.add_argument("--client", required=True)
    add.add_argument(
        "--unit",
        required=True,
        choices=("hours", "days", "incidents"),
        type=vocabulary(TrackingUnit),
    )
    add.add_argument("--total", required=True, help=_("units the contract buys"))
    add.add_argument("--start", required=True, metavar="YYYY-MM-DD")
    add.add_argument("--end", required=True, metavar="YYYY-MM-DD")
    add.add_argument("--name", default="")
    json_option(add)
    set_handler(add, "admin:contract_add")
    show = contracts.add_parser("show", help=_("units, used, remaining, percent and the ledger"))
    show.add_argument("id", type=int)
    json_option(show)
    set_handler(show, "admin:contract_show")
    listing = contracts.add_parser("list", help=_("list contracts with their balance"))
    listing.add_argument("--client")
    json_option(listing)
    set_handler(listing, "admin:contract_list")


def limits_command(commands: argparse._SubParsersAction[Parser]) -> None:
    limits = commands.add_parser(
        "limits",
        help=_("show or set (admins) how long a title and how large a description or comment"),
    )
    limits.add_argument("--title-chars", metavar="N", help=_("characters in a case title"))
    limits.add_argument(
        "--description-bytes", metavar="SIZE", help=_("bytes of a description (65536, 64KiB)")
    )
    limits.add_argument("--comment-bytes", metavar="SIZE", help=_("bytes of one comment"))
    json_option(limits)
    set_handler(limits, "admin:limits")
