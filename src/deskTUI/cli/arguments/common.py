"""What every command group's arguments share: bounded whole numbers, the handler a
command runs, ``--json``, a group of subcommands, the statuses and priorities."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from enum import StrEnum
from typing import TypeVar

from ... import words
from ...domain.enums import Priority, Status
from ...domain.errors import ValidationError
from ...domain.values import INT_MAX
from ...i18n import N_, _

Parser = TypeVar("Parser", bound=argparse.ArgumentParser)
"""The tree's parser class (cli.parser's own): every group of subcommands is made of it."""

STATUSES = tuple(s.value for s in Status)
PRIORITIES = tuple(p.value for p in Priority)


def vocabulary(enum: type[StrEnum]) -> Callable[[str], str]:
    """The type of an argument naming a member of ``enum`` (a status, a priority): its
    code, or its word in either language ("en proceso", "Alta"), read as the code, so
    argparse's choices take both; a word of no member is left as typed for them to refuse."""

    def read(text: str) -> str:
        member = words.member_of(enum, text)
        return text if member is None else member.value

    read.__name__ = enum.__name__.lower()  # argparse names the type in its refusals
    return read


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


def set_handler(parser: argparse.ArgumentParser, handler: str) -> None:
    parser.set_defaults(handler=handler)


def json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help=_("print one JSON document"))


def command_group(
    commands: argparse._SubParsersAction[Parser], name: str, help_text: str
) -> argparse._SubParsersAction[Parser]:
    parser = commands.add_parser(name, help=help_text, description=help_text)
    return parser.add_subparsers(dest=f"{name}_command", metavar="COMMAND", required=True)


LOCAL_CLOCK_HELP = N_(
    "your local time; a time skipped when clocks go forward is refused, and in the hour "
    "repeated when they go back HH:MM is the first one (write 01:30-05:00 for the other)"
)


def billable_options(command: argparse.ArgumentParser) -> None:
    """--billable / --no-billable; neither leaves it to the case's own flag."""
    bill = command.add_mutually_exclusive_group()
    bill.add_argument("--billable", dest="billable", action="store_true", default=None)
    bill.add_argument("--no-billable", dest="billable", action="store_false")
