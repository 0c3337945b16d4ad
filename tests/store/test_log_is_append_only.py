"""The case log is append-only, enforced by the database itself (triggers)."""

from __future__ import annotations

import sqlite3

import pytest


def test_the_database_refuses_to_update_or_delete_a_log_line(desk, db):
    desk.open()
    connection = sqlite3.connect(db.engine.url.database)
    assert connection.execute("SELECT count(*) FROM case_log").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        connection.execute("UPDATE case_log SET note = 'rewritten'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        connection.execute("DELETE FROM case_log")
    assert connection.execute("SELECT note FROM case_log").fetchone()[0] == ""
    connection.close()
