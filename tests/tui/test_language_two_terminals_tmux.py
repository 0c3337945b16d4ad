"""Two people on one desk at the same time, each in their own language (issue 20): two
real ``desktui`` processes in tmux, both terminals saying ``LANG=C.UTF-8``; Sofía chose
Spanish on the desk, Ana English."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from deskTUI.services import admin
from deskTUI.services.identity import os_login
from deskTUI.services.sla import escalate_breaches
from deskTUI.store.uow import UnitOfWork

from .test_key_bursts_tmux import Tmux, socket_path
from .test_key_bursts_tmux import pytestmark as tmux_marks

pytestmark = tmux_marks


@pytest.fixture
def plain_terminals(monkeypatch):
    """What SSH passes from a terminal that says nothing of Spanish; no DESKTUI_LANG."""
    monkeypatch.delenv("DESKTUI_LANG", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def terminals(desk, db, tmp_path) -> Iterator[Callable[[str], Tmux]]:
    """``desktui`` in tmux as ``login``, each on a tmux server of its own (as
    test_key_bursts_tmux's ``terminal``, which opens one)."""
    admin.add_user(desk.uow(), desk.admin, os_login(), role="admin")
    escalate_breaches(UnitOfWork(db))  # the app's own sweep must not write meanwhile
    opened: list[Tmux] = []

    def open_as(login: str) -> Tmux:
        folder = tmp_path / login
        folder.mkdir()
        term = Tmux(socket_path(folder), tmp_path / "desk.db", login)
        opened.append(term)
        term.wait_for("impresora")  # the list's first page is painted
        return term

    yield open_as
    for term in opened:
        term.close()


def test_a_spanish_supervisor_and_an_english_agent_each_read_their_own_at_once(
    desk, queue, plain_terminals, terminals
):
    admin.set_language(desk.uow(), desk.sofia, "sofia", "es")
    admin.set_language(desk.uow(), desk.ana, "ana", "en")
    sofia = terminals("sofia")
    ana = terminals("ana")  # both running now, on one desk file
    spanish, english = sofia.screen(), ana.screen()
    assert "Keys" in english and "status:open" in english, english
    assert "Keys" not in spanish and "status:open" not in spanish, spanish
    assert "estado:" in spanish, spanish  # the query line in the operator's words
    # Sofía turns to English from the palette; Ana's terminal is untouched.
    sofia.send("C-p")
    sofia.wait_for("🔎")
    sofia.send("Idioma")
    sofia.wait_for("Idioma / Language")
    sofia.send("Enter")
    sofia.wait_for("Español")
    sofia.send("Up", "Enter")  # from her own choice, Español, up to English
    shown = sofia.wait_for("You read the desk in English now.")
    assert "Keys" in sofia.wait_for("Keys"), shown
    assert "Keys" in ana.screen() and "status:open" in ana.screen()
