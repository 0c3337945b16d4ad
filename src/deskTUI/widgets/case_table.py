"""The case list: a Line API view over a million cases, fetched a window at a time.

The widget never touches the database. It shows the rows it has; for a line
it does not have it draws a placeholder and posts ``NeedRows`` for the window
around it; the screen fetches that window in a worker and hands it back with
``put_rows``. Rows are kept in a small cache, so memory does not grow with
the size of the desk.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..domain.enums import Priority
from ..domain.sla import short_left
from ..formats import short_when
from ..i18n import N_, current
from ..services.case_list import DEFAULT_COLUMNS, PAGE_ROWS, ListRow
from . import case_columns
from .case_columns import column_label as column_label
from .case_lines import Column, cells_of, draw_line
from .case_lines import short_priority as _short_priority  # noqa: F401 (its tests import it here)
from .fit import fit

WINDOW = PAGE_ROWS
"""Rows fetched per request."""
CACHE_ROWS = 2_000
"""Rows kept at most; older windows are forgotten and fetched again if needed."""
MARKED = "✓"
"""The first cell of a row marked with space: a style alone (bold, a colour) hardly shows
under NO_COLOR or on a monochrome terminal; a glyph shows on every one."""
URGENT = frozenset(p.value for p in Priority if p.is_urgent)
"""Priority codes drawn in the urgent colour (Priority.is_urgent)."""


class CaseTable(ScrollView, can_focus=True):
    """A virtual table of cases: number, title, client, priority, status, assignee, SLA, updated."""

    DEFAULT_CSS = """
    CaseTable {
        height: 1fr;
        background: $surface;
    }
    CaseTable > .case-table--header { text-style: bold; background: $panel; }
    CaseTable > .case-table--cursor { background: $accent 40%; }
    CaseTable:focus > .case-table--cursor { background: $accent; color: $text; }
    CaseTable > .case-table--selected { text-style: bold; color: $warning; }
    CaseTable > .case-table--breached { color: $error; text-style: bold; }
    CaseTable > .case-table--urgent { color: $warning; }
    CaseTable > .case-table--placeholder { color: $text-muted; }
    /* NO_COLOR: the cursor and the marked rows must still show without any colour. */
    App:nocolor CaseTable:focus > .case-table--cursor { text-style: reverse; }
    App:nocolor CaseTable > .case-table--cursor { text-style: underline; }
    App:nocolor CaseTable > .case-table--selected { text-style: bold italic; }
    """

    COMPONENT_CLASSES = {
        "case-table--header",
        "case-table--cursor",
        "case-table--selected",
        "case-table--breached",
        "case-table--urgent",
        "case-table--placeholder",
    }

    BINDINGS = [
        # Described in the operator's language where shown (widgets/spoken_keys.py).
        Binding("down,j", "cursor_down", N_("Down"), show=False),
        Binding("up,k", "cursor_up", N_("Up"), show=False),
        Binding("pagedown", "page_down", N_("Page down"), show=False),
        Binding("pageup", "page_up", N_("Page up"), show=False),
        Binding("home,g", "first", N_("First"), show=False),
        Binding("end,G", "last", N_("Last"), show=False),
        Binding("enter", "open", N_("Open"), id="case_table.open"),
        Binding("space", "toggle_select", N_("Select"), id="case_table.select", show=False),
    ]

    cursor: reactive[int] = reactive(0, repaint=False)
    """Index of the highlighted case in the whole result (not the window). Its watcher
    repaints the lines it moved between, not the whole table (``repaint=False``)."""

    @dataclass
    class Open(Message):
        """The operator asked to open the highlighted case."""

        table: CaseTable
        case_id: int

        @property
        def control(self) -> CaseTable:
            return self.table

    @dataclass
    class NeedCount(Message):
        """The count stopped at its cap and the operator is nearing it: count further
        (``cap`` None: count them all, to jump to the last case)."""

        table: CaseTable
        cap: int | None
        generation: int

        @property
        def control(self) -> CaseTable:
            return self.table

    @dataclass
    class NeedRows(Message):
        """The table lacks rows from ``offset``; newer requests replace waiting ones."""

        table: CaseTable
        offset: int
        limit: int
        generation: int

        @property
        def control(self) -> CaseTable:
            return self.table

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, CaseTable.NeedRows)

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.total = 0
        self.more = False
        """The count stopped at a cap: there are more cases than ``total``."""
        self._count_cap: int | None = None
        self._end_wanted = False
        self.generation = 0
        """Bumped with every new query, so late answers to old queries are dropped."""
        self.loaded = False
        """The first window of the current result is in (it may be empty: no case matches)."""
        self._rows: OrderedDict[int, ListRow] = OrderedDict()
        self._stale: dict[int, ListRow] = {}
        """Rows of the result before it was read again: drawn until their fresh copies come."""
        self._keep: int | None = None
        """The case the cursor was on when the result was read again: it stays on it."""
        self._requested: set[int] = set()
        self.selected: set[int] = set()
        self._palette_cache: dict[str, Style] | None = None
        self._columns_cache: tuple[tuple[int, str], list[Column]] | None = None
        self._cells_cache: dict[tuple[int, bool], dict[str, str]] = {}
        self._cells_spoken = ""
        """The language the cached cells are in (the operator may choose another)."""
        self.chosen: tuple[str, ...] = DEFAULT_COLUMNS
        """The columns shown, in order: the operator's choice (issue 21)."""
        self._widest = {"number": 0, "sla": 0}
        """The widest case number and SLA loaded so far: their columns are never cut."""

    # -- feeding the table -------------------------------------------------------
    def reset(self, total: int = 0) -> int:
        """A new result (``total`` cases, until the count says); returns the generation
        its rows must carry."""
        self.generation += 1
        self.loaded = False
        self.total = total
        self.more = False
        self._count_cap = None
        self._end_wanted = False
        self._rows.clear()
        self._stale, self._keep = {}, None
        self._cells_cache.clear()
        self._cells_spoken = current()
        self._requested.clear()
        self.selected.clear()
        # The scroll range stays until the count says otherwise: each change of
        # virtual_size costs the screen a layout, and this runs on every keystroke.
        self.cursor = 0
        self.scroll_to(y=0, animate=False)
        self.refresh()
        return self.generation

    def reread(self) -> int:
        """The same result, read again (the desk changed): what is on screen stays until
        its fresh rows arrive, so nothing flickers, and the cursor stays on its case.
        Returns the generation the fresh rows must carry."""
        self.generation += 1
        highlighted = self.highlighted
        self._keep = highlighted.id if highlighted else None
        self._stale = dict(self._rows)
        self._rows.clear()
        self._requested.clear()
        held = {row.id for row in self._stale.values()}  # cases gone from the result: forgotten
        self._cells_cache = {
            key: cells for key, cells in self._cells_cache.items() if key[0] in held
        }
        if self._cells_spoken != current():  # another language: every line, the header too
            self._cells_spoken = current()
            self._cells_cache.clear()
            self.refresh()
        # Else nothing is repainted: the stale rows draw as they did, and each line is
        # repainted when its fresh row differs (put_rows), by the cells kept to compare.
        # So no paint asks for the rows in view: they are asked for here.
        top = self.scroll_offset.y
        for index in (top, top + max(0, self.size.height - 2)):
            if index < self.total:
                self._request(index)
        return self.generation

    def set_total(
        self, generation: int, total: int, *, more: bool = False, cap: int | None = None
    ) -> None:
        """How many cases the current query matches, once the database has said;
        ``more``: the count stopped at ``cap`` and there are more."""
        if generation != self.generation:
            return
        if (total, more) != (self.total, self.more):
            self.refresh()  # lines at the end become rows or blanks; a rare change
        self.total, self.more, self._count_cap = total, more, cap
        self._size_to(total)
        self.cursor = min(self.cursor, max(0, total - 1))
        if self._end_wanted and not more:
            self._end_wanted = False
            self.cursor = max(0, total - 1)

    def put_rows(self, generation: int, offset: int, rows: list[ListRow]) -> None:
        if generation != self.generation:
            return
        self._requested.discard(offset - offset % WINDOW)
        self.loaded = self.loaded or offset == 0
        if offset + len(rows) > self.total:  # rows came before the count
            self.total = offset + len(rows)
            if self.total >= self.virtual_size.height:  # only grow: the count sizes it
                self._size_to(self.total)
            self.refresh()  # lines that were blank show rows
        if self._measure(rows):
            self.refresh()  # wider columns: every line moves
        top = self.scroll_offset.y
        shown = range(top, top + max(0, self.size.height - 1))
        for index, row in enumerate(rows, start=offset):
            # Only lines whose text or colours change are repainted: a change elsewhere
            # on the desk reads the list again, and rewriting all of it cost 30 KB.
            was = self._rows.get(index) or self._stale.get(index)
            before = self._look(was) if was is not None and index in shown else None
            self._rows[index] = row
            self._rows.move_to_end(index)
            # Cells drawn from this case's stale copy (a re-read result) are not its cells.
            self._cells_cache.pop((row.id, True), None)
            self._cells_cache.pop((row.id, False), None)
            if index in shown and (before is None or before != self._look(row)):
                self.refresh_row(index)
            if row.id == self._keep:
                self._keep = None
                self.cursor = index
        while len(self._rows) > CACHE_ROWS:
            _index, gone = self._rows.popitem(last=False)
            self._cells_cache.pop((gone.id, True), None)
            self._cells_cache.pop((gone.id, False), None)

    def _look(self, row: ListRow) -> tuple[object, ...]:
        """What a row's line shows, but for the cursor and the mark (which go by index and
        case): its case, its cells' text and what colours them."""
        cells = self._cells(row)
        return (row.id, tuple(cells.items()), row.sla_breached, row.priority in URGENT)

    def _measure(self, rows: list[ListRow]) -> bool:
        """Widen the number and SLA columns to the widest loaded (they only grow, so the
        columns do not jump while scrolling); True if they did."""
        number = max((cell_len(r.number) for r in rows), default=0)
        sla = max((cell_len(short_left(r.sla_minutes_left)) for r in rows), default=0)
        if number > self._widest["number"] or sla > self._widest["sla"]:
            self._widest["number"] = max(number, self._widest["number"])
            self._widest["sla"] = max(sla, self._widest["sla"])
            self._columns_cache = None
            return True
        return False

    def _size_to(self, total: int) -> None:
        size = Size(self.size.width, total + 1)
        if size != self.virtual_size:
            self.virtual_size = size

    @property
    def highlighted(self) -> ListRow | None:
        return self._rows.get(self.cursor)

    @property
    def awaiting(self) -> bool:
        """The highlighted row is being read (a page down into rows not read yet)."""
        return self.highlighted is None and self.cursor - self.cursor % WINDOW in self._requested

    # -- drawing -----------------------------------------------------------------
    # A new result paints every visible line at once, on every keystroke: the styles
    # and column widths are worked out once (not per line: ``rich_style`` walks the
    # DOM), and each row's cells once per result.
    def notify_style_update(self) -> None:
        self._palette_cache = None  # a theme change, focus gained or lost
        super().notify_style_update()

    def _palette(self) -> dict[str, Style]:
        if self._palette_cache is None:
            base = self.rich_style
            names = ("header", "cursor", "selected", "breached", "urgent", "placeholder")
            palette = {"base": base}
            for name in names:
                palette[name] = self.get_component_rich_style(f"case-table--{name}")
            self._palette_cache = palette
        return self._palette_cache

    def _columns(self) -> list[Column]:
        width = self.size.width
        key = (width, current())  # the headers are in the operator's language
        if self._columns_cache is not None and self._columns_cache[0] == key:
            return self._columns_cache[1]
        columns = self._columns_for(width)
        self._columns_cache = (key, columns)
        return columns

    def use_columns(self, columns: tuple[str, ...]) -> None:
        """The operator's columns, in their order (read with the rows: services.case_list)."""
        if columns != self.chosen:
            self.chosen = columns
            self._columns_cache = None
            self._cells_cache.clear()
            self.refresh()

    def _columns_for(self, width: int) -> list[Column]:
        """The chosen columns at ``width`` cells, by the one rule of every table
        (widgets/fit.py, widgets/case_columns.py). The updated stamp shows from 120
        cells. The scroll bar's cells are kept free, so it never covers the SLA."""
        narrow = width < 100
        declared = [
            case_columns.declared(code) for code in self.chosen if code != "updated" or width >= 120
        ]
        room = max(0, width - self.styles.scrollbar_size_vertical) - 1  # the leading space
        natural = [case_columns.natural_width(c.key, narrow, room, self._widest) for c in declared]
        widths = fit(declared, natural, room, gap=1)
        return [Column(c.key, c.header, widths[c.key]) for c in declared if c.key in widths]

    def _cells(self, row: ListRow) -> dict[str, str]:
        key = (row.id, self.size.width < 100)
        cells = self._cells_cache.get(key)
        if cells is None:
            cells = self._cells_cache[key] = cells_of(row, narrow=key[1])
        # Written only where the column is declared (120 wide and more): the first page of
        # a narrower terminal loads no Babel for it. 07/12 14:05 (es), 12/07 14:05 (en).
        if "updated" not in cells and self.size.width >= 120:
            cells["updated"] = short_when(row.updated_at)
        if "created" not in cells and "created" in self.chosen and row.created_at:
            cells["created"] = short_when(row.created_at)
        return cells

    def _line(
        self,
        values: dict[str, str],
        columns: list[Column],
        style: Style,
        extra: dict[str, Style],
        mark: str = " ",
    ) -> Strip:
        return draw_line(values, columns, style, extra, self.size.width, mark)

    def render_line(self, y: int) -> Strip:
        columns = self._columns()
        palette = self._palette()
        base = palette["base"]
        if y == 0:
            header = base + palette["header"]
            return self._line({c.key: c.header for c in columns}, columns, header, {})
        index = self.scroll_offset.y + y - 1
        if index >= self.total:
            return Strip.blank(self.size.width, base)
        row = self._rows.get(index)
        if row is None:
            self._request(index)
            row = self._stale.get(index)
        if row is None:
            muted = base + palette["placeholder"]
            return self._line({"number": "…"}, columns, muted, {})
        style = base
        if index == self.cursor:
            style = style + palette["cursor"]
        if row.id in self.selected:
            style = style + palette["selected"]
        extra: dict[str, Style] = {}
        mark = MARKED if row.id in self.selected else " "
        if index == self.cursor:  # one colour on the cursor
            return self._line(self._cells(row), columns, style, extra, mark)
        if row.sla_breached:
            extra["sla"] = palette["breached"]
        if row.priority in URGENT:
            extra["priority"] = palette["urgent"]
        return self._line(self._cells(row), columns, style, extra, mark)

    def _request(self, index: int) -> None:
        start = index - index % WINDOW
        if start in self._requested:
            return
        self._requested.add(start)
        self.post_message(self.NeedRows(self, start, WINDOW, self.generation))

    # -- moving ------------------------------------------------------------------
    def _count_further(self, cap: int | None) -> None:
        if self.more and cap != self._count_cap:
            self._count_cap = cap
            self.post_message(self.NeedCount(self, cap, self.generation))

    def watch_cursor(self, old: int, new: int) -> None:
        if self.more and new >= self.total - WINDOW:  # nearing a capped count: count on
            self._count_further(None if self._count_cap is None else self._count_cap * 10)
        if new < self.total and new not in self._rows:
            self._request(new)  # now, not at the next paint: the screen sees it is coming
        visible = max(1, self.size.height - 1)
        top = self.scroll_offset.y
        if new < top:
            self.scroll_to(y=new, animate=False)  # a scroll repaints what scrolled
        elif new >= top + visible:
            self.scroll_to(y=new - visible + 1, animate=False)
        else:
            # Only the two lines whose look changed: over SSH a whole table rewritten
            # per j was 9 KB (benchmarks/bench_bytes.py).
            self.refresh_row(old)
            self.refresh_row(new)

    def refresh_row(self, index: int) -> None:
        """Repaint the line of the case at ``index`` in the result (if it is in view)."""
        self.refresh_line(index + 1)  # the header is the first line

    def _move(self, delta: int) -> None:
        if self.total:
            self.cursor = max(0, min(self.total - 1, self.cursor + delta))

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_page_down(self) -> None:
        self._move(max(1, self.size.height - 2))

    def action_page_up(self) -> None:
        self._move(-max(1, self.size.height - 2))

    def action_first(self) -> None:
        self._move(-self.cursor)

    def action_last(self) -> None:
        if self.more:  # the last case is past the capped count: count them all, then go
            self._end_wanted = True
            self._count_further(None)
        self._move(self.total)

    def action_open(self) -> None:
        row = self.highlighted
        if row is not None:
            self.post_message(self.Open(self, row.id))

    def action_toggle_select(self) -> None:
        row = self.highlighted
        if row is None:
            return
        self.selected.symmetric_difference_update({row.id})
        self.refresh_row(self.cursor)  # the mark; the move repaints the lines it leaves
        self._move(1)
