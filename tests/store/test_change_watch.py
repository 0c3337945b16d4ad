"""The live refresh's signal: a commit by anyone else, seen by one cheap pragma."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from deskTUI.store.change_watch import ChangeWatch, ServerChangeWatch, WatchFailed
from deskTUI.store.list_reader import ListReader


def desk_file(tmp_path):
    path = tmp_path / "desk.db"
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE t (x INTEGER)")
    return path


def test_a_commit_by_another_connection_is_seen_once(tmp_path):
    path = desk_file(tmp_path)
    watch = ChangeWatch(str(path))
    assert not watch.changed()
    with sqlite3.connect(path) as other:
        other.execute("INSERT INTO t VALUES (1)")
    assert watch.changed()
    assert not watch.changed()  # once per change, not forever
    watch.close()


def test_a_commit_by_another_process_is_seen(tmp_path):
    path = desk_file(tmp_path)
    watch = ChangeWatch(str(path))
    code = f"import sqlite3; c = sqlite3.connect({str(path)!r}); c.execute('INSERT INTO t VALUES (2)'); c.commit()"
    subprocess.run([sys.executable, "-c", code], check=True)
    assert watch.changed()
    watch.close()


def test_reading_is_no_change_and_the_watch_cannot_write(tmp_path):
    path = desk_file(tmp_path)
    watch = ChangeWatch(str(path))
    with sqlite3.connect(path) as other:
        other.execute("SELECT count(*) FROM t").fetchone()
    assert not watch.changed()
    try:
        watch._connection.execute("INSERT INTO t VALUES (3)")
    except sqlite3.OperationalError as error:
        assert "readonly" in str(error)
    else:
        raise AssertionError("the watch's connection wrote")
    watch.close()


def test_a_sqlite_reader_gets_a_watch(tmp_path):
    path = desk_file(tmp_path)
    watch = ChangeWatch.of(ListReader(path))
    assert watch is not None
    watch.close()


# -- a server desk: LISTEN/NOTIFY in place of the pragma ------------------------------------


def server_watch(db):
    watch = ChangeWatch.of(ListReader.for_database(db))
    assert isinstance(watch, ServerChangeWatch)
    return watch


def write(db, sql):
    with db.engine.begin() as connection:
        connection.exec_driver_sql(sql)


@pytest.mark.postgresql_only
def test_a_commit_to_a_server_desk_is_heard_once(db):
    watch = server_watch(db)
    assert watch.changed()  # the first look starts listening: what came before is unheard
    assert not watch.changed()
    write(db, "INSERT INTO setting (key, value) VALUES ('watch.test', '1')")
    assert watch.changed()
    assert not watch.changed()  # once per change, not forever
    watch.close()


@pytest.mark.postgresql_only
def test_reading_or_rolling_back_on_a_server_desk_is_no_change(db):
    watch = server_watch(db)
    watch.changed()  # starts listening
    with db.engine.connect() as connection:
        connection.exec_driver_sql("SELECT count(*) FROM support_case").scalar()
        connection.exec_driver_sql("INSERT INTO setting (key, value) VALUES ('x', '1')")
        connection.rollback()
    assert not watch.changed()
    watch.close()


@pytest.mark.postgresql_only
def test_every_table_of_a_server_desk_wakes_the_live_refresh(db):
    """A table added without its notify trigger would leave screens stale: none is."""
    with db.engine.connect() as connection:
        unwatched = connection.exec_driver_sql(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
            "AND tablename NOT IN ('alembic_version', 'case_search') AND NOT EXISTS "
            "(SELECT 1 FROM pg_trigger WHERE tgname = tablename || '_notify_change')"
        ).all()
        watched = connection.exec_driver_sql(
            "SELECT count(*) FROM pg_trigger WHERE tgname LIKE '%%_notify_change'"
        ).scalar()
    assert unwatched == []
    assert watched >= 20


@pytest.mark.postgresql_only
def test_a_dropped_listening_connection_is_opened_again_and_counts_as_a_change(db):
    watch = server_watch(db)
    watch.changed()
    pid = watch._connection.info.backend_pid
    with db.engine.connect() as connection:
        connection.exec_driver_sql(f"SELECT pg_terminate_backend({pid})")
    with pytest.raises(WatchFailed):
        watch.changed()
    assert watch.changed()  # whatever was written meanwhile was not heard
    write(db, "INSERT INTO setting (key, value) VALUES ('after', '1')")
    assert watch.changed()
    watch.close()


@pytest.mark.postgresql_only
def test_a_server_that_cannot_be_reached_is_a_failed_look_not_a_failed_start(db):
    from sqlalchemy.engine import make_url

    nowhere = make_url(db.url).set(host="127.0.0.1", port=9)  # nothing listens there
    watch = ServerChangeWatch(nowhere)  # the app's start does only this
    with pytest.raises(WatchFailed):
        watch.changed()
    with pytest.raises(WatchFailed):
        watch.changed()
    watch.close()
