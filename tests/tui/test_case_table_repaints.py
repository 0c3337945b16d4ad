"""What the case list repaints: only the lines whose look changed (issue 23, "few bytes
over SSH"). Every line the table renders again is written to the terminal again: a whole
table per j was 9 KB at 120 x 40 (benchmarks/bench_bytes.py).

The lines are counted where the table draws them, its own ``render_line`` (a spy on our
widget: Textual asks it only for the lines marked dirty, and reuses the others). That
the partial repaints leave nothing stale on screen is checked against a full repaint:
the picture after it must be the same.
"""

from __future__ import annotations

import time

import pytest

from deskTUI.app import DeskApp
from deskTUI.services.cases import edit_case
from deskTUI.widgets.case_table import CaseTable

from .conftest import burst, running_app, settle

CASES = 12


class Painted:
    """The lines of ``table`` rendered since the last ``take`` (0 is the header)."""

    def __init__(self, table: CaseTable) -> None:
        self.lines: list[int] = []
        draw = table.render_line

        def render_line(y: int):
            self.lines.append(y)
            return draw(y)

        table.render_line = render_line  # type: ignore[method-assign]

    def take(self) -> list[int]:
        lines = sorted(set(self.lines))
        self.lines.clear()
        return lines


@pytest.fixture
def cases(desk):
    """Twelve open cases, the newest (Caso 12) first on the list."""
    return [desk.open(title=f"Caso {n:02d}") for n in range(1, CASES + 1)]


class Written(DeskApp):
    """Counts the frames that write anything to the terminal."""

    writes = 0

    def _display(self, screen, renderable) -> None:
        super()._display(screen, renderable)
        if renderable is not None:
            self.writes += 1


async def read_again(pilot, table: CaseTable, since: int) -> None:
    """Wait until the desk's watch has seen a change and the list read its rows again."""
    deadline = time.monotonic() + 10
    while table.generation == since or table.awaiting or not table._rows:
        assert time.monotonic() < deadline, "the change was never seen"
        await pilot.pause(0.05)
    await settle(pilot)


async def same_after_a_full_repaint(app, pilot, table: CaseTable) -> None:
    """What the screen shows is what a repaint of the whole table shows."""
    shown = app.export_screenshot()
    table.refresh()
    await pilot.pause()
    assert app.export_screenshot() == shown, "a line was left as it was before"


async def test_a_cursor_move_repaints_only_the_two_lines_it_moves_between(desk, cases):
    async with running_app(desk, desk.sofia, size=(120, 40)) as (app, pilot):
        table = app.screen.query_one(CaseTable)
        painted = Painted(table)
        await pilot.press("j")
        assert painted.take() == [1, 2]  # the first case's line and the second's
        await pilot.press("j")
        assert painted.take() == [2, 3]
        await pilot.press("k")
        assert painted.take() == [2, 3]
        await pilot.press("space")  # marks the second case and moves to the third
        assert painted.take() == [2, 3]
        assert table.highlighted is not None and table.highlighted.title == "Caso 10"
        assert [r.id for r in table._rows.values() if r.id in table.selected] == [cases[10].id]
        await same_after_a_full_repaint(app, pilot, table)


async def test_a_burst_of_moves_past_the_edge_highlights_the_right_case_and_nothing_else(
    desk, cases
):
    """Keys in one read (an SSH link): handled in order; the lines they left, and what
    scrolled, are repainted, and no other line shows a cursor."""
    async with running_app(desk, desk.sofia, size=(120, 12)) as (app, pilot):
        table = app.screen.query_one(CaseTable)
        burst(app, *"jjjjjjjjjjk", "up", "j")  # past the bottom (seven lines show), back
        await settle(pilot)
        assert table.cursor == 9 and table.scroll_offset.y > 0
        assert table.highlighted is not None and table.highlighted.title == "Caso 03"
        await same_after_a_full_repaint(app, pilot, table)
        burst(app, "g", "j", "j")  # back to the top: scrolled again
        await settle(pilot)
        assert table.cursor == 2 and table.scroll_offset.y == 0
        await same_after_a_full_repaint(app, pilot, table)


async def test_a_page_down_into_rows_not_read_yet_leaves_the_footer_as_it_was(desk):
    """The row under the cursor is being read: the footer waits for it instead of taking
    the case keys back and offering them again (each time with the whole screen)."""
    for n in range(60):  # more than one window of rows (WINDOW, 50)
        desk.open(title=f"Caso {n:02d}")
    async with running_app(desk, desk.sofia, size=(120, 40)) as (app, pilot):
        screen, table = app.screen, app.screen.query_one(CaseTable)
        offered = screen._keys_offered
        footers = []
        redraw = screen.refresh_bindings

        def refresh_bindings() -> None:
            footers.append(table.highlighted)
            redraw()

        screen.refresh_bindings = refresh_bindings
        await pilot.press("pagedown", "pagedown")  # to the last case, past the first window
        await settle(pilot)
        assert table.highlighted is not None and table.highlighted.title == "Caso 00"
        assert footers == [] and screen._keys_offered == offered


async def test_another_operators_change_repaints_only_the_line_of_the_case_it_changed(desk, cases):
    async with running_app(desk, desk.sofia, size=(120, 40)) as (app, pilot):
        table = app.screen.query_one(CaseTable)
        painted, generation = Painted(table), table.generation
        # Saved through another connection: the app's watch sees it, as from another terminal.
        edit_case(desk.uow(), desk.sofia, cases[9].number, {"title": "Caso 10, cambiado"})
        await read_again(pilot, table, generation)
        assert painted.take() == [3]  # Caso 12, Caso 11, then Caso 10 on the third line
        assert "Caso 10, cambiado" in "".join(s.text for s in table.render_line(3))
        await same_after_a_full_repaint(app, pilot, table)


async def test_a_change_that_changes_nothing_shown_writes_nothing_to_the_terminal(desk, cases):
    """The minute's SLA sweep or another operator's change to what the list does not show:
    the list, its title, the views' counts and the inbox are read again, and nothing is
    drawn (the whole screen was, 30 KB over SSH)."""
    app = Written(desk.uow().db, desk.sofia, clock=desk.clock, escalate_every=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(CaseTable)
        painted, generation, app.writes = Painted(table), table.generation, 0
        edit_case(desk.uow(), desk.sofia, cases[5].number, {"description": "Otra descripción"})
        await read_again(pilot, table, generation)
        assert table.highlighted is not None and table.highlighted.title == "Caso 12"
        assert painted.take() == [] and app.writes == 0
