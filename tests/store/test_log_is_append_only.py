"""The case log is append-only, enforced by the database itself (triggers, on both engines)."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError


def test_the_database_refuses_to_update_or_delete_a_log_line(desk, db):
    desk.open()
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM case_log")).scalar_one() == 1
    for statement in ("UPDATE case_log SET note = 'rewritten'", "DELETE FROM case_log"):
        # Past the ORM, straight at the table: the database's own trigger refuses.
        with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as connection:
            connection.execute(text(statement))
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT note FROM case_log")).scalar_one() == ""
