"""The ``desktui`` command. Thin: it parses, calls a service, prints; rules live below.

It imports no Textual unless it opens the TUI, and each command imports only
its own handler module, so scripts calling ``desktui`` hundreds of times pay
only for what they use.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence

from .. import i18n
from ..domain.errors import DomainError
from ..i18n import _, error_text
from ..locations import default_db_url
from ..safe_text import safe
from .context import Context
from .help_language import setting_for_help
from .parser import build_parser

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2


def main(argv: Sequence[str] | None = None) -> int:
    # The environment's language first (usage errors come before any desk is open, and
    # --help reads only a SQLite desk's setting: help_language); the operator's own
    # setting is applied once the command resolves them (cli/context.py).
    language = i18n.resolve(setting_for_help(sys.argv[1:] if argv is None else argv))
    i18n.use(language, i18n.resolve_locale(language))
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except DomainError as error:  # an option's number out of its bounds (parser.whole_number)
        _say_refusal(error)
        return EXIT_REFUSED
    handler_name = args.handler
    module, function = handler_name.split(":")
    handler = getattr(importlib.import_module(f"deskTUI.cli.cmd_{module}"), function)
    ctx = Context(args, args.db or default_db_url())
    try:
        return handler(ctx) or EXIT_OK
    except DomainError as error:
        _say_refusal(error)
        return EXIT_REFUSED
    except BrokenPipeError:
        # The reader left (``| head``): nothing more to say, and no traceback at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        # A damaged desk file, a full disk, a folder the operator may not enter: the
        # machine's failures, said as sentences; anything else is a bug and shows as one.
        from ..store.faults import fault_of

        fault = fault_of(error, ctx.db_url)
        if fault is None:
            raise
        _say_refusal(fault)
        return EXIT_REFUSED
    finally:
        ctx.close()


def _say_refusal(error: DomainError) -> None:
    message = safe(error_text(error), one_line=True)  # errors quote data: names, paths
    print(_("error: {message}").format(message=message), file=sys.stderr)
