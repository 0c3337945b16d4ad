"""Text customers wrote is shown as written: never markup, never terminal control."""

from __future__ import annotations

from deskTUI.screens.case_editor import CaseEditorScreen
from deskTUI.services import cases
from deskTUI.widgets.case_table import CaseTable

from .conftest import make_app, settle

MARKUP = "[@click=app.quit]x[/]"
LINK = "[link=file:///etc/passwd]y"
OSC_TITLE = "\x1b]0;T\x07"
CLEAR = "\x1b[2J"
BIDI = "abc\u202edef"


def strip_text(table: CaseTable, y: int) -> str:
    return table.render_line(y).text


async def test_markup_escapes_and_bidi_in_a_title_render_inert_in_the_list_and_the_editor(desk):
    case = desk.open(
        title=f"{MARKUP} {LINK} {BIDI}{OSC_TITLE}", description=f"{CLEAR}borrado {MARKUP}"
    )
    cases.comment_case(desk.uow(), desk.sofia, case.number, f"{OSC_TITLE} hola {LINK}")
    app = make_app(desk, desk.admin)
    async with app.run_test(size=(220, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(CaseTable)
        line = strip_text(table, 1)
        assert MARKUP in line and LINK in line  # shown literally, not interpreted
        assert "\x1b" not in line and "\u202e" not in line
        assert "\\x1b]0;T\\x07" in line and "<U+202E>" in line
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseEditorScreen)
        general = str(app.screen.query_one("#general-body").render())
        assert MARKUP in general and "\\x1b[2J" in general and "\x1b" not in general
        comments = str(app.screen.query_one("#comments-body").render())
        assert LINK in comments and "\x1b" not in comments
        await pilot.click("#general-body")  # clicking the text does nothing: no action link
        await settle(pilot)
        assert app.is_running
