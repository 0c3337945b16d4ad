"""The ``desktui`` command. Thin: it parses, calls a service, prints; rules live below.

It imports no Textual unless it opens the TUI, and each command imports only
its own handler module, so scripts calling ``desktui`` hundreds of times pay
only for what they use.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

from ..domain.errors import DomainError
from ..i18n import _, error_text
from ..locations import default_db_url
from .context import Context
from .parser import build_parser

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler_name = getattr(args, "handler", None)
    if handler_name is None:
        parser.print_help()
        return EXIT_OK
    module, function = handler_name.split(":")
    handler = getattr(importlib.import_module(f"deskTUI.cli.cmd_{module}"), function)
    ctx = Context(args, args.db or default_db_url())
    try:
        return handler(ctx) or EXIT_OK
    except DomainError as error:
        print(_("error: {message}").format(message=error_text(error)), file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        return 130
    finally:
        ctx.close()
