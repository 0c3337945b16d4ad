"""What a failure of the machine means, for a screen that must say it.

A screen asks the services, never the store (ARCHITECTURE.md; import-linter's
"Screens and widgets do not import the store"), whether an error is a fault of
the desk's files or of the machine (a full disk, a folder one may not use) and
which sentence says it. The judgement lives in :mod:`deskTUI.store.faults`,
which imports only the standard library, so the TUI's startup stays free of
the ORM.
"""

from __future__ import annotations

from ..domain.errors import DomainError
from ..store.faults import fault_of


def machine_fault(error: BaseException) -> DomainError | None:
    """The sentence for ``error`` when the machine, not a bug, caused it; else None."""
    return fault_of(error)
