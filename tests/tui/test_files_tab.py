"""Seed 000 Archivos in the TUI: files attached from the Files tab by keys (paths completed
as a shell does), reviewed valid and rejected with a reason, the counters changing at
once, then read by the CLI (issue 21)."""

from __future__ import annotations

import json
import subprocess
import sys

from textual import events
from textual.widgets import Input, Select, Static, TextArea

from deskTUI.screens.case_view import CaseViewScreen
from deskTUI.screens.dialogs.attach_files import AttachFilesDialog
from deskTUI.screens.dialogs.reject_file import RejectFileDialog
from deskTUI.screens.new_case import NewCaseScreen
from deskTUI.services import admin, views
from deskTUI.services.identity import os_login

from .conftest import burst, delivered, running_app, settle


def counters(app) -> str:
    return str(app.screen.query_one("#files-summary", Static).render())


async def test_files_attached_by_keys_and_reviewed_are_counted_and_read_by_the_cli(
    desk, queue, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "informe final.pdf").write_bytes(b"%PDF-1.4 acta")
    (tmp_path / "foto-1.png").write_bytes(b"\x89PNG uno")
    (tmp_path / "foto-2.png").write_bytes(b"\x89PNG dos")
    case = queue[0]
    async with running_app(desk, desk.sofia, case_id=case.id) as (app, pilot):
        await pilot.press("right", "right", "right", "right")  # General → … → Files
        await settle(pilot)
        assert counters(app).startswith("0 files")
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, AttachFilesDialog)
        await pilot.press("i", "tab")  # one match: completed, escaped, a blank after it
        await settle(pilot)
        field = app.screen.query_one("#paths", Input)
        assert field.value == "informe\\ final.pdf "
        await pilot.press("f", "tab")  # two matches: the common part, both listed
        await settle(pilot)
        assert field.value == "informe\\ final.pdf foto-"
        listed = str(app.screen.query_one("#candidates", Static).render())
        assert listed == "foto-1.png  foto-2.png"
        await pilot.press("1", "enter")  # foto-1 is no file: nothing attached, not even informe
        await delivered(pilot)
        error = str(app.screen.query_one("#dialog-error", Static).render())
        assert error == f"{tmp_path}/foto-1 is not a readable file"
        await pilot.press("tab", "enter")
        await delivered(pilot)
        assert not isinstance(app.screen, AttachFilesDialog)
        assert counters(app) == "2 files · 2 pending · 0 valid · 0 rejected"
        table = app.screen.query_one("#files-table")
        table.focus()
        await pilot.press("v")  # the first row, informe final.pdf
        await delivered(pilot)
        assert counters(app) == "2 files · 1 pending · 1 valid · 0 rejected"
        await pilot.press("down", "x")
        await settle(pilot)
        assert isinstance(app.screen, RejectFileDialog)
        await pilot.press("enter")  # no reason: refused, the dialog stays
        await settle(pilot)
        error = str(app.screen.query_one("#dialog-error", Static).render())
        assert error.startswith("Rejecting file 2 needs a reason")
        await pilot.press(*"Borrosa, envíe otra", "enter")
        await delivered(pilot)
        assert counters(app) == "2 files · 0 pending · 1 valid · 1 rejected"
        assert "Borrosa, envíe otra" in str(table.get_row_at(1))
        await pilot.press("up", "n", "down")  # valid by mistake: back to pending, then on
        await delivered(pilot)
        assert counters(app) == "2 files · 1 pending · 0 valid · 1 rejected"
        await pilot.press("up", "v")
        await delivered(pilot)
    admin.add_user(desk.uow(), desk.admin, os_login(), role="admin")  # who runs the command
    db = str(desk.uow().db.engine.url.database)
    shown = subprocess.run(
        [sys.executable, "-m", "deskTUI", "--db", db, "--as", "maria", "file", "list",
         case.number, "--json"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    listed = json.loads(shown.stdout)
    assert listed["counters"] == {"total": 2, "pending": 0, "valid": 1, "rejected": 1}
    assert [(f["name"], f["review"], f["review_reason"]) for f in listed["files"]] == [
        ("informe final.pdf", "valid", ""),
        ("foto-1.png", "rejected", "Borrosa, envíe otra"),
    ]


async def test_a_new_case_takes_its_solution_and_files_or_is_not_opened_at_all(
    desk, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "acta.pdf").write_bytes(b"%PDF acta")
    async with running_app(desk, desk.sofia, size=(100, 40)) as (app, pilot):
        await pilot.press("n")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, NewCaseScreen)
        for name, wanted in (("#area", "Soporte"), ("#category", "Redes"), ("#client", "Acme SA")):
            select = screen.query_one(name, Select)
            select.value = next(v for label, v in select._options if str(label) == wanted)
            await settle(pilot)
        screen.query_one("#title", Input).value = "Sin red en recepción"
        screen.query_one("#description", TextArea).text = "Desde las 9"
        screen.query_one("#solution", TextArea).text = "Cable cambiado\nen el rack 2"
        screen.query_one("#attach", Input).focus()
        await pilot.press("a", "tab", *" falta.png")  # completed, then a file that is not there
        await settle(pilot)
        assert screen.query_one("#attach", Input).value == "acta.pdf  falta.png"
        await pilot.press("ctrl+s")
        await delivered(pilot)
        assert app.screen is screen  # no case: the form stays with what was typed
        error = str(screen.query_one("#new-case-error", Static).render())
        assert error == f"{tmp_path}/falta.png is not a readable file"
        await pilot.press(*["backspace"] * len(" falta.png"), "ctrl+s")
        await delivered(pilot)
        assert isinstance(app.screen, CaseViewScreen)
        case_id = app.screen.case_id
    detail = views.case_detail(desk.uow(), desk.sofia, case_id)
    assert detail.case.solution == "Cable cambiado\nen el rack 2"
    assert [f.name for f in detail.files] == ["acta.pdf"]
    assert detail.case.number == "CS-000001"  # the refused attempt opened no case


async def test_keys_typed_in_one_burst_attach_the_file_tab_completed(
    desk, queue, tmp_path, monkeypatch, slow_service
):
    """f, a few letters, Tab and enter in a terminal's single read, the folder slow to read
    (a network share): the enter after Tab waits for the completion, so the line is
    completed before it lands."""
    from deskTUI.screens import path_completion

    slow_service(path_completion, "complete", 0.5)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "informe-largo.pdf").write_bytes(b"%PDF")
    async with running_app(desk, desk.sofia, case_id=queue[0].id) as (app, pilot):
        app.screen.query_one("#sections").active = "tab-5"
        await settle(pilot)
        burst(app, "f", "i", "n", "tab", "enter")
        await delivered(pilot)
        assert counters(app) == "1 file · 1 pending · 0 valid · 0 rejected"
    assert [f.name for f in views.case_detail(desk.uow(), desk.sofia, queue[0].id).files] == [
        "informe-largo.pdf"
    ]


async def test_the_files_keys_show_on_the_files_tab_only_and_review_only_for_staff(desk, queue):
    """maria (the client who opened CS-000001) may attach but not review; on the General
    tab none of f, v, x is offered (those letters stay free for the other tabs)."""
    async with running_app(desk, desk.maria, case_id=queue[0].id) as (app, pilot):
        assert {"f", "v", "x", "n"}.isdisjoint(app.screen.active_bindings)
        app.screen.query_one("#sections").active = "tab-5"
        await settle(pilot)
        active = app.screen.active_bindings
        assert "f" in active and {"v", "x", "n"}.isdisjoint(active), sorted(active)
    async with running_app(desk, desk.sofia, case_id=queue[0].id) as (app, pilot):
        app.screen.query_one("#sections").active = "tab-5"
        await settle(pilot)
        assert {"f", "v", "x", "n"} <= set(app.screen.active_bindings)


async def test_a_client_opening_a_case_is_offered_files_but_no_solution(desk):
    async with running_app(desk, desk.maria, size=(100, 40)) as (app, pilot):
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NewCaseScreen)
        assert not app.screen.query("#solution") and app.screen.query("#attach")


async def test_paths_pasted_one_per_line_become_one_path_each(desk, queue, tmp_path):
    """A file manager's copy pastes paths one per line: each becomes one path, its blanks
    escaped (a field keeps only the first line otherwise); one line pastes as typed."""
    async with running_app(desk, desk.sofia, case_id=queue[0].id) as (app, pilot):
        app.screen.query_one("#sections").active = "tab-5"
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        field = app.screen.query_one("#paths", Input)
        field.post_message(events.Paste("/tmp/acta final.pdf\n/tmp/foto.png\n"))
        await settle(pilot)
        assert field.value == "/tmp/acta\\ final.pdf /tmp/foto.png "
        field.post_message(events.Paste("x.pdf"))
        await settle(pilot)
        assert field.value == "/tmp/acta\\ final.pdf /tmp/foto.png x.pdf"
