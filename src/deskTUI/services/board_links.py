"""The queue board's first table grouped by project or by service (issue 21: "the
counters and reports can group by them"), each number with the list of its cases."""

from __future__ import annotations

from .. import words
from ..domain.enums import PRIORITIES_BY_URGENCY
from ..domain.errors import ValidationError
from ..i18n import pgettext
from ..store import board_sql
from .board_cells import Cell, CountRow, CountTable, query, quoted

ROWS_BY = ("status", *board_sql.LINKS)
"""What the board's first table may be grouped by (codes: the screen cycles them)."""


def require_rows_by(rows_by: str) -> None:
    if rows_by not in ROWS_BY:
        raise ValidationError(
            "board.rows_by",
            "The board groups its open cases by {choices}, not by {given!r}",
            choices=", ".join(ROWS_BY),
            given=rows_by,
        )


def _no_link(link: str) -> str:
    return pgettext("Board", "no project") if link == "project" else pgettext("Board", "no service")


def link_grid(groups: list[board_sql.LinkGroup], link: str, scope: str) -> CountTable:
    """Open cases by ``link`` (rows, by name; "no project" last) and priority (columns).

    A record whose name no query can hold (a quote inside) opens nothing rather than a
    wrong list; "no project" opens ``project:none``.
    """
    counts: dict[tuple[int | None, str], int] = {}
    names: dict[int | None, str] = {}
    for g in groups:
        counts[g.record_id, g.priority] = counts.get((g.record_id, g.priority), 0) + g.count
        names[g.record_id] = g.name
    ordered = sorted((i for i in names if i is not None), key=lambda i: names[i].casefold())
    rows = []
    for record_id in [*ordered, *([None] if None in names else [])]:
        if record_id is None:
            term: str | None = f"{link}:none"
            title = _no_link(link)
        else:
            one = quoted(names[record_id])
            term = None if one is None else f"{link}:{one}"
            title = names[record_id]
        cells = [
            Cell(
                counts.get((record_id, p.value), 0),
                None if term is None else query("status:open", term, f"prio:{p.value}", scope),
            )
            for p in PRIORITIES_BY_URGENCY
        ]
        every = sum(c.count for c in cells)
        whole = Cell(every, None if term is None else query("status:open", term, scope))
        rows.append(CountRow(title, (*cells, whole)))
    totals = [
        Cell(
            sum(n for (_r, p), n in counts.items() if p == priority.value),
            query("status:open", f"prio:{priority.value}", scope),
        )
        for priority in PRIORITIES_BY_URGENCY
    ]
    grand = Cell(sum(counts.values()), query("status:open", scope))
    rows.append(CountRow(pgettext("Board", "open"), (*totals, grand)))
    return CountTable(
        (*words.labels(PRIORITIES_BY_URGENCY), pgettext("Board", "total")), tuple(rows)
    )
