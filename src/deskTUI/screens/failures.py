"""What a screen says when a worker fails: the domain's sentence, or an honest apology.

A refusal is expected and has its sentence. Anything else is a bug: the
operator gets one line instead of a traceback, and the full story goes to the
Textual log (``textual console``) for whoever fixes it.
"""

from __future__ import annotations

import traceback

from ..domain.errors import DomainError
from ..i18n import _, error_text
from ..services.faults import machine_fault


def transient(error: BaseException) -> bool:
    """Whether the same read may work later: the desk's store was unreachable, busy or
    failing (or a bug), rather than a refusal of what was asked (a query out of bounds, a
    case one may not see), which reading again would only repeat."""
    if isinstance(error, DomainError):
        return error.code.startswith("store.")
    return True


def failure_text(error: BaseException, log: object | None = None) -> str:
    if isinstance(error, DomainError):
        return error_text(error)
    fault = machine_fault(error)  # a full disk, a folder one may not use: the machine's, no bug
    if fault is not None:
        return error_text(fault)
    if log is not None:
        log.error("".join(traceback.format_exception(error)))  # type: ignore[attr-defined]
    return _("Something unexpected failed ({kind}); nothing was changed").format(
        kind=type(error).__name__
    )
