"""The arguments of ``desktui mail`` (issue 22): the desk's e-mail settings, the routing of
its addresses to areas, and what became of every message in and out."""

from __future__ import annotations

import argparse

from ...i18n import _
from .common import Parser, command_group, json_option, set_handler, whole_number

STATUS_LIMIT = 200
"""``mail status``'s default, the domain's ``STATUS_LIMIT`` (a test keeps them equal): not
imported, as the parser is built at every start and the mail rules cost ~5 ms to load."""

SEND_LIMIT = 200
"""``mail send``'s default, ``services.mail_send.SEND_LIMIT`` (a test keeps them equal)."""


def _server_options(parser: argparse.ArgumentParser, protocol: str) -> None:
    """The options of one server: ``--smtp``, ``--tls``, ``--user``, ``--password-env``,
    ``--password-file`` for SMTP (the names the issue fixed); ``--imap-…`` for IMAP."""
    prefix = "" if protocol == "smtp" else "imap-"
    if protocol == "smtp":
        parser.add_argument(
            "--smtp",
            metavar="HOST[:PORT]",
            help=_('the SMTP server notices are sent through ("" forgets it)'),
        )
    else:
        parser.add_argument(
            "--imap",
            metavar="HOST[:PORT]",
            help=_('the IMAP server mail fetch reads ("" forgets it)'),
        )
    parser.add_argument(
        f"--{prefix}tls",
        metavar="none|starttls|tls",
        help=_("how the connection is protected; none only for a server on this machine"),
    )
    parser.add_argument(f"--{prefix}user", metavar="USER", help=_("the login on that server"))
    password = parser.add_mutually_exclusive_group()
    password.add_argument(
        f"--{prefix}password-env",
        metavar="VAR",
        help=_("the environment variable holding the password (never stored)"),
    )
    password.add_argument(
        f"--{prefix}password-file",
        metavar="FILE",
        help=_("the file holding the password, by its whole path (never stored)"),
    )


def mail_commands(commands: argparse._SubParsersAction[Parser]) -> None:
    """``desktui mail set|show|route|status|send``."""
    mail = command_group(commands, "mail", _("the desk's e-mail: settings, routes, messages"))

    set_ = mail.add_parser(
        "set", help=_("change the e-mail settings; what is not given stays (admins only)")
    )
    set_.add_argument(
        "--address",
        action="append",
        metavar="ADDRESS",
        help=_("an address of the desk (repeat for several; replaces the list)"),
    )
    _server_options(set_, "smtp")
    _server_options(set_, "imap")
    set_.add_argument("--imap-mailbox", metavar="NAME", help=_("the mailbox read (default INBOX)"))
    set_.add_argument(
        "--unknown-senders",
        metavar="open|refuse",
        help=_("a stranger's message: open a case for the unknown-senders client, or refuse it"),
    )
    set_.add_argument(
        "--unknown-client", metavar="CLIENT", help=_("the client a stranger's cases are for")
    )
    set_.add_argument(
        "--default-area", metavar="AREA", help=_("the area of a new case no route names")
    )
    set_.add_argument(
        "--default-category", metavar="CATEGORY", help=_("its category, of that area")
    )
    set_.add_argument(
        "--rate",
        metavar="N",
        help=_("messages a minute from one sender before the rest are held (default 20)"),
    )
    json_option(set_)
    set_handler(set_, "mail:mail_set")

    show = mail.add_parser(
        "show", help=_("show the e-mail settings, never a password (admins only)")
    )
    json_option(show)
    set_handler(show, "mail:mail_show")

    routes = mail.add_parser("route", help=_("which area each desk address opens cases in"))
    route = routes.add_subparsers(dest="route_command", metavar="COMMAND", required=True)
    add = route.add_parser(
        "add", help=_("route an address to an area (and category); again: re-route it")
    )
    add.add_argument("address", metavar="ADDRESS")
    add.add_argument("--area", required=True, metavar="AREA")
    add.add_argument("--category", metavar="CATEGORY")
    json_option(add)
    set_handler(add, "mail:route_add")
    listing = route.add_parser("list", help=_("list the routes"))
    json_option(listing)
    set_handler(listing, "mail:route_list")
    remove = route.add_parser("remove", help=_("remove an address's route (admins only)"))
    remove.add_argument("address", metavar="ADDRESS")
    json_option(remove)
    set_handler(remove, "mail:route_remove")

    status = mail.add_parser(
        "status",
        help=_("every message in and out: when, who, which case, what was done and why"),
    )
    status.add_argument(
        "--limit",
        type=whole_number("limit", 1, 100_000),
        default=STATUS_LIMIT,
        metavar="N",
        help=_("the newest N messages (default {n})").format(n=STATUS_LIMIT),
    )
    json_option(status)
    set_handler(status, "mail:mail_status")

    send = mail.add_parser(
        "send", help=_("send the notices the outbox holds (cron; admins and supervisors)")
    )
    send.add_argument(
        "--limit",
        type=whole_number("limit", 1, 100_000),
        default=SEND_LIMIT,
        metavar="N",
        help=_("send at most N notices (default {n})").format(n=SEND_LIMIT),
    )
    json_option(send)
    set_handler(send, "mail:mail_send")

    ingest = mail.add_parser(
        "ingest",
        help=_("take one message on standard input (an MTA's pipe), or a Maildir's new ones"),
    )
    ingest.add_argument(
        "--maildir", metavar="DIR", help=_("take every new message of this Maildir instead")
    )
    json_option(ingest)
    set_handler(ingest, "mail_intake:mail_ingest")

    fetch = mail.add_parser(
        "fetch", help=_("take every unseen message of the desk's IMAP mailbox (cron)")
    )
    json_option(fetch)
    set_handler(fetch, "mail_intake:mail_fetch")
