"""Issue 21 (ACTIVITIES): comments longer than one line. The box takes several lines
(enter a new line, ctrl+s sends; a paste of many lines keeps them in order), and ctrl+e
opens the text in the operator's editor and brings it back, as git and RT's CLI do."""

from __future__ import annotations

import contextlib
import stat

import pytest
from textual import events
from textual.app import App
from textual.widgets import TextArea

from deskTUI.screens.case_view import CaseViewScreen
from deskTUI.screens.dialogs import CommentDialog
from deskTUI.services import views
from deskTUI.widgets.editor import as_typed, editor_command

from .conftest import burst, delivered, running_app, settle


def bodies(desk, case) -> list[str]:
    return [c.body for c in views.case_detail(desk.uow(), desk.sofia, case.id).comments]


async def test_enter_makes_a_new_line_a_paste_keeps_its_lines_and_ctrl_s_sends(desk, queue):
    printer = queue[0]
    async with running_app(desk, desk.sofia, case_id=printer.id) as (app, pilot):
        burst(app, "c", *"Revisé el fusor", "enter", *"y la bandeja", "enter")
        paste = events.Paste("línea 1\r\nlínea 2\r\nlínea 3\r\n")  # from Windows
        paste.set_sender(app)
        app.post_message(paste)
        burst(app, *"fin", "ctrl+s")
        await delivered(pilot)
        assert isinstance(app.screen, CaseViewScreen), app.screen
        app.screen.query_one("#sections").active = "tab-4"
        await settle(pilot)
        shown = str(app.screen.query_one("#comments-body").render())
        assert "  y la bandeja\n  línea 1" in shown  # each line indented under its heading
    assert bodies(desk, printer) == [
        "Revisé el fusor\ny la bandeja\nlínea 1\nlínea 2\nlínea 3\nfin"
    ]


@pytest.fixture
def editor(tmp_path, monkeypatch):
    """``$VISUAL`` set to a script that appends two lines to the file it is given (one of
    them with an ESC sequence and a carriage return), the terminal's hand-over a no-op
    (the headless test driver has no terminal to hand over)."""
    script = tmp_path / "my editor"  # a blank in the name: never split, never a shell
    script.write_text("#!/bin/sh\nprintf 'del editor\\n\\033[31mrojo\\r\\n' >> \"$1\"\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(App, "suspend", lambda app: contextlib.nullcontext())
    monkeypatch.setenv("VISUAL", f"'{script}'")
    return script


async def test_ctrl_e_edits_the_text_in_the_editor_and_brings_it_back_cleaned(desk, queue, editor):
    printer = queue[0]
    async with running_app(desk, desk.sofia, case_id=printer.id) as (app, pilot):
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CommentDialog)
        hint = str(app.screen.query_one(".dialog-hint").render())
        assert "ctrl+s send" in hint and "ctrl+e your editor" in hint
        await pilot.press(*"Antes", "enter", "ctrl+e")
        await settle(pilot)
        box = app.screen.query_one("#body", TextArea)
        assert box.text == "Antes\ndel editor\n[31mrojo\n"  # the ESC and the CR gone
        assert app.screen.focused is box
        await pilot.press(*"y al final", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseViewScreen)
    assert bodies(desk, printer) == ["Antes\ndel editor\n[31mrojo\ny al final"]


@pytest.mark.parametrize(
    ("visual", "said"),
    [
        ("/no/such/editor --wait", "The editor /no/such/editor was not found"),
        ("false", "The editor false quit with an error (1); the text is as it was."),
    ],
)
async def test_an_editor_missing_or_failing_is_said_and_the_text_kept(
    desk, queue, monkeypatch, visual, said
):
    monkeypatch.setattr(App, "suspend", lambda app: contextlib.nullcontext())
    monkeypatch.setenv("VISUAL", visual)
    async with running_app(desk, desk.sofia, case_id=queue[0].id) as (app, pilot):
        await pilot.press("c", *"Lo escrito", "ctrl+e")
        await settle(pilot)
        assert isinstance(app.screen, CommentDialog)
        assert said in str(app.screen.query_one("#dialog-error").render())
        assert app.screen.query_one("#body", TextArea).text == "Lo escrito"
    assert bodies(desk, queue[0]) == []


def test_the_editor_is_visual_then_editor_then_vi_split_as_words():
    assert editor_command({"VISUAL": "code --wait", "EDITOR": "nano"}) == ["code", "--wait"]
    assert editor_command({"VISUAL": "  ", "EDITOR": "nano -R"}) == ["nano", "-R"]
    assert editor_command({"VISUAL": "'unbalanced", "EDITOR": "nano"}) == ["nano"]
    assert editor_command({}) == ["vi"]
    assert editor_command({"EDITOR": "vim; rm -rf ~"}) == ["vim;", "rm", "-rf", "~"]  # words
    assert as_typed("a\r\nb\x00c\x1b[2Jd\te\x9bf") == "a\nbc[2Jd\tef"
