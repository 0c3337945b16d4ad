"""The live refresh's signal: a commit by anyone else, seen by one cheap pragma."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

from deskTUI.store.change_watch import ChangeWatch
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
