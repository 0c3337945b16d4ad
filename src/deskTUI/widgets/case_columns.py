"""The case list's columns: how each is declared to widgets/fit.py, how wide it would
like to be, and its heading; the list shows the operator's choice of them, in their
order (issue 21; domain.preferences.LIST_COLUMNS)."""

from __future__ import annotations

from ..i18n import N_, _
from .fit import Col

HEADINGS = {
    "number": N_("NUMBER"),
    "title": N_("TITLE"),
    "client": N_("CLIENT"),
    "priority": N_("PRIO"),
    "status": N_("STATUS"),
    "assignee": N_("ASSIGNEE"),
    "sla": N_("SLA"),
    "updated": N_("UPDATED"),
    "contract": N_("CONTRACT"),
    "created": N_("CREATED"),
}
_NAMES = {
    "number": N_("Number"),
    "title": N_("Title"),
    "client": N_("Client"),
    "priority": N_("Priority"),
    "status": N_("Status"),
    "assignee": N_("Assignee"),
    "sla": N_("SLA"),
    "updated": N_("Updated"),
    "contract": N_("Contract"),
    "created": N_("Created"),
}
"""A column as the columns dialog names it."""

# The title squeezed first, then the client and the assignee; when even that is too wide
# the created and updated stamps, the client, the contract, the priority and the assignee
# give way in that order. The number and the SLA are never cut.
_DECLARED = {
    "number": {"whole": True},
    "title": {"least": 10},
    "client": {"gives_way": 3, "least": 8},
    "priority": {"whole": True, "gives_way": 2},
    "status": {"whole": True, "gives_way": 1},
    "assignee": {"gives_way": 2, "least": 6},
    "sla": {"whole": True},
    "updated": {"whole": True, "gives_way": 4},
    "contract": {"gives_way": 3, "least": 6},
    "created": {"whole": True, "gives_way": 5},
}


def column_label(code: str) -> str:
    """The column's name in the operator's words (the columns dialog)."""
    return _(_NAMES[code])


def declared(code: str) -> Col:
    return Col(code, _(HEADINGS[code]), **_DECLARED[code])  # type: ignore[arg-type]


def natural_width(code: str, narrow: bool, room: int, widest: dict[str, int]) -> int:
    """How wide the column would like to be (``widest``: the widest number and SLA seen)."""
    return {
        "number": max(9, widest["number"]),
        "title": max(10, room),  # the title takes what the others leave
        "client": 12 if narrow else 18,
        "priority": 4 if narrow else 8,
        "status": 11,
        "assignee": 8 if narrow else 10,
        "sla": max(3, widest["sla"]),
        "updated": 11,
        "contract": 10 if narrow else 16,
        "created": 11,
    }[code]
