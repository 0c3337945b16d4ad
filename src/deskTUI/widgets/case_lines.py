"""The case list's lines: a case's cells as text, and a line of cells drawn as segments.

Apart from widgets/case_table.py (which decides what each line shows, and when it is
drawn again), so each stays a size one can read.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from .. import words
from ..domain.enums import Priority, Status
from ..domain.sla import short_left
from ..safe_text import safe
from ..services.case_list import ListRow


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int


def short_priority(priority: str) -> str:
    try:
        return words.short(Priority(priority))
    except ValueError:  # a code this desk does not know: shown as it is
        return priority


def cells_of(row: ListRow, *, narrow: bool) -> dict[str, str]:
    """The text of a case's cells (the stamps are written by the table, where shown)."""
    return {
        "number": row.number,
        "title": safe(row.title, one_line=True),
        "client": safe(row.client, one_line=True),
        "priority": short_priority(row.priority) if narrow else words.word(Priority, row.priority),
        "status": words.word(Status, row.status),
        "assignee": safe(row.assignee, one_line=True) or "—",
        "sla": short_left(row.sla_minutes_left),
        "contract": safe(row.contract, one_line=True),
    }


def draw_line(
    values: dict[str, str],
    columns: list[Column],
    style: Style,
    extra: dict[str, Style],
    width: int,
    mark: str = " ",
) -> Strip:
    """``values`` in ``columns``, ``width`` cells; ``extra``: a column's own colour;
    ``mark``: the line's first cell (the table's MARKED on a row marked with space)."""
    # Neighbouring cells of one style make one segment: a line is then three to
    # five segments, not seventeen, and Textual crops and styles each of them.
    segments: list[Segment] = []
    run: list[str] = [mark]
    run_style = style
    for column in columns:
        text = values.get(column.key, "")
        if cell_len(text) > column.width:
            text = set_cell_size(text, column.width - 1) + "…"
        cell_style = style + extra[column.key] if column.key in extra else style
        if cell_style is not run_style and cell_style != run_style:
            segments.append(Segment("".join(run), run_style))
            run, run_style = [], cell_style
        run.append(set_cell_size(text, column.width))
        if cell_style is not style:
            segments.append(Segment("".join(run), run_style))
            run, run_style = [], style
        run.append(" ")
    segments.append(Segment("".join(run), run_style))
    return Strip(segments).crop_extend(0, width, style)
