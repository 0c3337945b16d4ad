"""Upgrading a desk's schema when a team's hosts start deskTUI at once, or one lags behind."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from deskTUI.store.database import HEAD_REVISION, StoreUnavailable, current_revision, open_database

from ..conftest import ENGINES, pg_database


@pytest.fixture(**ENGINES)
def empty_desk(request, tmp_path) -> Iterator[str]:
    """Where a new desk will be: a SQLite path, or an empty PostgreSQL database's URL."""
    if getattr(request, "param", "sqlite") == "postgresql":
        with pg_database() as url:
            yield url
        return
    yield str(tmp_path / "desk.db")


def test_hosts_starting_together_make_the_schema_once_and_all_open_the_desk(empty_desk):
    opened, failed = _start_hosts_together(empty_desk)
    # Without the upgrade lock, concurrent migrations on a server fail or wait on each other.
    assert failed == []
    assert opened == [HEAD_REVISION] * 4


def test_every_team_of_hosts_opening_a_new_sqlite_desk_together_opens_it(tmp_path):
    # Setting a new file's WAL mode answered "database is locked" without waiting, and the
    # host that had made the file then removed it under the others ("disk I/O error"):
    # 2 teams in 20 failed so, hence several teams here.
    for team in range(8):
        opened, failed = _start_hosts_together(str(tmp_path / f"desk{team}.db"))
        assert failed == [], f"team {team}"
        assert opened == [HEAD_REVISION] * 4


def _start_hosts_together(desk: str) -> tuple[list[str], list[BaseException]]:
    """Four hosts opening ``desk`` at the same moment: the revisions they found, their failures."""
    opened: list[str] = []
    failed: list[BaseException] = []
    start = threading.Barrier(4)

    def host() -> None:
        start.wait()
        try:
            database = open_database(desk)
            opened.append(current_revision(database) or "")
            database.dispose()
        except BaseException as error:
            failed.append(error)

    threads = [threading.Thread(target=host, daemon=True) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=240)
    assert not any(thread.is_alive() for thread in threads), "an upgrade never finished"
    return opened, failed


def test_a_desk_upgraded_by_a_newer_desktui_is_refused_in_a_sentence_and_left_as_it_is(db):
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    with pytest.raises(StoreUnavailable, match=r"newer \(revision 0099\).*upgrade deskTUI"):
        open_database(db.url)
    assert current_revision(db) == "0099"
