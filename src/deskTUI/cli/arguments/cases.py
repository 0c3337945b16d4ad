"""The arguments of ``desktui case ...``: open, find, edit, move and close cases."""

from __future__ import annotations

import argparse

from ...domain.case import FIELDS
from ...domain.enums import PaymentStatus, Priority, Status
from ...i18n import _
from .common import (
    PRIORITIES,
    STATUSES,
    Parser,
    command_group,
    json_option,
    set_handler,
    vocabulary,
    whole_number,
)

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
    "project": "project",  # issue 21: records, by name
    "service": "service",
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
    "project_id",
    "service_id",
}


def option_of(field: str) -> str:
    return "--" + EDIT_RENAMES.get(field, field).replace("_", "-")


def case_commands(commands: argparse._SubParsersAction[Parser]) -> None:
    cases = command_group(commands, "case", _("cases: open, find, work and close them"))
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
    new.add_argument("--priority", choices=PRIORITIES, default="medium", type=vocabulary(Priority))
    new.add_argument("--billable", action="store_true", default=None)
    new.add_argument(
        "--contract", metavar="NAME", help=_("a contract of the client: its name or id")
    )
    new.add_argument("--estimate", metavar="DURATION", help=_("estimated work, e.g. 3h or 1h30m"))
    new.add_argument("--start", metavar="YYYY-MM-DD", help=_("planned start date"))
    new.add_argument("--close", metavar="YYYY-MM-DD", help=_("planned close date"))
    new.add_argument("--solution", metavar="TEXT", help=_("the solution, when it is known already"))
    new.add_argument("--project", metavar="NAME", help=_("the project it belongs to, by name"))
    new.add_argument("--service", metavar="NAME", help=_("the service it is about, by name"))
    new.add_argument(
        "--attach",
        action="append",
        default=[],
        metavar="PATH",
        help=_("a file to attach (repeatable); the case is opened with all of them or not at all"),
    )
    json_option(new)
    set_handler(new, "cases:new")

    listing = cases.add_parser("list", help=_("find cases (newest change first)"))
    listing.add_argument(
        "--status",
        action="append",
        default=[],
        choices=(*STATUSES, "open", "closed"),
        type=vocabulary(Status),
    )
    listing.add_argument("--assignee", help=_("a login, me or none"))
    listing.add_argument("--reporter", help=_("who opened it: a login, or me (my tickets)"))
    listing.add_argument("--client")
    listing.add_argument("--priority", choices=PRIORITIES, type=vocabulary(Priority))
    listing.add_argument("--area")
    listing.add_argument("--category")
    listing.add_argument("--query", default="", help=_('e.g. "status:open prio:>=high impresora"'))
    listing.add_argument(
        "--sort", default="updated", choices=("updated", "created", "number", "priority")
    )
    listing.add_argument("--limit", type=whole_number("limit", 1), default=100)
    listing.add_argument(
        "--columns",
        metavar="A,B,…",
        help=_("the columns to show this once (else yours: desktui prefs columns)"),
    )
    json_option(listing)
    set_handler(listing, "cases:list_cases")

    show = cases.add_parser("show", help=_("all fields, totals, counters, comments and log"))
    show.add_argument("number")
    json_option(show)
    set_handler(show, "cases:show")

    similar = cases.add_parser(
        "similar", help=_("the solved cases most like this one, with their solutions")
    )
    similar.add_argument("number")
    similar.add_argument("--limit", type=whole_number("limit", 1, 50), default=5)  # knowledge.MOST
    json_option(similar)
    set_handler(similar, "knowledge:similar")

    edit = cases.add_parser("edit", help=_("change fields: --FIELD VALUE ..."))
    edit.add_argument("number")
    for name in EDIT_REFERENCES:
        edit.add_argument(f"--{name}", dest=f"set_{name}", metavar="NAME")
    for name, spec in FIELDS.items():
        if name in _SKIP or not spec.editable:
            continue
        edit.add_argument(option_of(name), dest=f"set_{name}", metavar="VALUE", help=_(spec.label))
    edit.add_argument(
        "--expect-version",
        type=whole_number("expected version", 1),
        help=_("refuse if someone saved the case since"),
    )
    set_handler(edit, "cases:edit")

    assign = cases.add_parser("assign", help=_("assign the case to a user"))
    assign.add_argument("number")
    assign.add_argument("user")
    assign.add_argument("--note", default="")
    set_handler(assign, "cases:assign")

    move = cases.add_parser("move", help=_("move the case to another status"))
    move.add_argument("number")
    move.add_argument("status", choices=STATUSES, type=vocabulary(Status))
    move.add_argument("--note", default="")
    move.add_argument("--solution")
    set_handler(move, "cases:move")

    preview = cases.add_parser(
        "preview", help=_("what finishing the case consumes of its contract")
    )
    preview.add_argument("number")
    set_handler(preview, "cases:preview")

    comment = cases.add_parser("comment", help=_("comment on the case (internal unless --public)"))
    comment.add_argument("number")
    comment.add_argument(
        "text", nargs="?", help=_("the comment, of one line or several; - reads it from stdin")
    )
    comment.add_argument("--file", metavar="PATH", help=_("read the comment from this file"))
    comment.add_argument("--public", action="store_true")
    comment.add_argument(
        "--email",
        action="store_true",
        help=_("also e-mail the public comment to the case's contact"),
    )
    set_handler(comment, "cases:comment")

    quote = cases.add_parser("quote", help=_("quote the work (seed 003)"))
    quote.add_argument("number")
    quote.add_argument("--price", required=True)
    quote.add_argument("--currency", required=True)
    quote.add_argument("--hours", required=True, help=_("estimated hours: 3, 2.5 or 2h30m"))
    quote.add_argument("--message", default="")
    set_handler(quote, "cases:quote")
    for verb in ("approve-quote", "reject-quote"):
        decide = cases.add_parser(
            verb,
            help=_("{verb} the quote (the client or an admin)").format(verb=verb.split("-")[0]),
        )
        decide.add_argument("number")
        decide.add_argument("--note", default="")
        set_handler(
            decide, "cases:approve_quote" if verb == "approve-quote" else "cases:reject_quote"
        )
    payment = cases.add_parser("payment", help=_("record the payment of an approved quote"))
    payment.add_argument("number")
    payment.add_argument(
        "status", choices=("unpaid", "partial", "paid"), type=vocabulary(PaymentStatus)
    )
    set_handler(payment, "cases:payment")

    survey = cases.add_parser("survey", help=_("answer the satisfaction survey of a finished case"))
    survey.add_argument("number")
    survey.add_argument("--score", type=int, required=True, choices=range(1, 6), metavar="1..5")
    survey.add_argument("--comment", default="")
    set_handler(survey, "cases:survey")

    queue = cases.add_parser("next", help=_("your next cases to execute, in order"))
    json_option(queue)
    set_handler(queue, "cases:next_cases")
