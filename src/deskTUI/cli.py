"""The ``desktui`` command. Thin: it parses, calls a service, prints; rules live below.

It imports no Textual unless it opens the TUI, so scripts calling ``desktui``
hundreds of times pay only for the store.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .domain.errors import DomainError
from .i18n import _, error_text
from .locations import DB_ENV, default_db_url

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="desktui",
        description=_("deskTUI: a keyboard-first terminal help desk."),
    )
    parser.add_argument("--version", action="version", version=f"desktui {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        default=None,
        help=_("the desk database: a SQLite file path or a database URL (env {env})").format(
            env=DB_ENV
        ),
    )
    parser.add_argument(
        "--as", dest="as_user", metavar="USER", help=_("act as another user (admins only)")
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser(
        "init",
        help=_("create or upgrade the database; the first run makes you its admin"),
        description=_(
            "Create or upgrade the desk database. On a desk without an admin, your login becomes one."
        ),
    )
    return parser


def _init(db_url: str) -> int:
    from .services.admin import init_desk
    from .services.identity import os_login
    from .store.database import open_database
    from .store.uow import UnitOfWork

    db = open_database(db_url)
    login = os_login()
    user, promoted = init_desk(UnitOfWork(db), login)
    if promoted:
        print(_("Desk ready at {url}; {login} is its admin.").format(url=db.url, login=login))
    elif user is None:
        print(
            _("Desk ready at {url}; {login} is not a user here: ask an admin.").format(
                url=db.url, login=login
            )
        )
    else:
        print(
            _("Desk ready at {url}; {login} is {role}.").format(
                url=db.url, login=login, role=user.role.value
            )
        )
    db.dispose()
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    db_url = args.db or default_db_url()
    try:
        if args.command == "init":
            return _init(db_url)
        parser.print_help()
        return EXIT_OK
    except DomainError as error:
        print(_("error: {message}").format(message=error_text(error)), file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
