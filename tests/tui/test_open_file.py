"""o on a case's Files tab: a private read-only copy with a safe name, never the original."""

from __future__ import annotations

import io
import stat
from pathlib import Path

from deskTUI.screens.case_view import CaseViewScreen
from deskTUI.services import files

from .conftest import running_app, settle


async def test_o_hands_over_a_read_only_copy_with_a_safe_name(desk, queue, monkeypatch):
    monkeypatch.delenv("PAGER", raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")  # no xdg-open: the toast says where the copy is
    files.attach_file(
        desk.uow(), desk.sofia, queue[0].number, io.BytesIO(b"#!/bin/sh\necho pwned\n"),
        name="../../.bashrc\x1b]0;x\x07.sh",
    )  # fmt: skip
    async with running_app(desk, desk.sofia, size=(100, 30)) as (app, pilot):
        app.push_screen(CaseViewScreen(queue[0].id))
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        said = [n.message for n in app._notifications]
        where = next(text for text in said if "A copy of" in text)
        path = Path(where.rsplit(" is at ", 1)[1])
        assert path.read_bytes() == b"#!/bin/sh\necho pwned\n"
        assert stat.S_IMODE(path.stat().st_mode) == 0o400  # never executable
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        assert "/" not in path.name and "\x1b" not in path.name and not path.name.startswith(".")
        assert "\x1b" not in where  # the original name is shown escaped
        path.parent.chmod(0o700)
        path.unlink()
        path.parent.rmdir()
