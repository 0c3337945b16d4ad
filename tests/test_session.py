"""The desk session (deskTUI.session): one database opened once from whichever thread asks
first, and parts already known answered at once, never behind a database being opened."""

from __future__ import annotations

import threading
import time

from deskTUI.services import admin
from deskTUI.services.identity import os_login
from deskTUI.session import DeskSession
from deskTUI.store.list_reader import ListReader
from deskTUI.store.uow import UnitOfWork


def test_the_database_is_opened_once_though_many_threads_ask_at_the_same_moment(db, clock):
    opened: list[object] = []

    def open_slowly():
        opened.append(db)
        time.sleep(0.05)  # long enough for every thread to be waiting on it
        return db

    session = DeskSession(open_slowly, clock=clock)
    seen: list[object] = []
    threads = [threading.Thread(target=lambda: seen.append(session.uow().db)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)
    assert len(opened) == 1 and seen == [db] * 8 and session.opened


def test_the_operator_is_resolved_once_from_the_login_and_read_in_a_snapshot(db, clock):
    admin.init_desk(UnitOfWork(db, clock=clock), os_login())
    session = DeskSession(db, clock=clock)
    actor = session.actor
    assert actor.login == os_login() and actor.role.value == "admin"
    assert session.actor is actor  # resolved once
    assert session.read_uow().readonly and not session.uow().readonly
    assert session.today() == clock().astimezone(session.zone).date()


def test_the_operator_reader_and_drafts_answer_while_another_thread_opens_the_database(
    db, clock, tmp_path
):
    """The app asks who the operator is on the event loop (the keys it offers); a worker
    may be opening the database at that moment, which takes a while on a server: the
    answer must not wait for it."""
    admin.init_desk(UnitOfWork(db, clock=clock), os_login())
    actor = DeskSession(db, clock=clock).actor
    may_open = threading.Event()

    def open_when_allowed():
        may_open.wait(10)
        return db

    reader = ListReader(tmp_path / "desk.db")
    session = DeskSession(open_when_allowed, actor=actor, reader=reader, clock=clock)
    opener = threading.Thread(target=lambda: session.db)
    opener.start()
    try:
        time.sleep(0.05)  # the opener holds the session's lock now
        began = time.monotonic()
        assert session.actor is actor and session.reader is reader
        assert session.drafts.all() == []
        assert time.monotonic() - began < 1
        assert not session.opened
    finally:
        may_open.set()
        opener.join(5)
    assert session.opened
