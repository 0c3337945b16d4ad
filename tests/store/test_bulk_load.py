"""bulk_load: what a load takes down (indexes, triggers) comes back, and full-text indexes are whole.

The first tests make their own small schema in a real SQLite file: an external-content
FTS5 index kept by triggers, and an append-only table with the desk's guards. The last
ones load into a desk (the ``db`` fixture: SQLite, and PostgreSQL when there is a
server), where the server's load goes through COPY with keys and triggers taken down.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, Text, create_engine, select, text
from sqlalchemy.engine import Engine

from deskTUI.services import search
from deskTUI.store import search_index
from deskTUI.store.dialect import append_only_sql, configure_sqlite
from deskTUI.store.tables import CaseRow, LogRow
from deskTUI.tools.bulk_load import bulk_load, fts5_content_table, insert_rows

from ..conftest import SERVER_SCHEMA

metadata = MetaData()
NOTE = Table(
    "note",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("title", Text),
    Column("body", Text),
)
NOTE_LOG = Table(
    "note_log", metadata, Column("id", Integer, primary_key=True), Column("what", Text)
)
TRIGGERS = {
    "note_ai": "CREATE TRIGGER note_ai AFTER INSERT ON note BEGIN "
    "INSERT INTO note_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "note_ad": "CREATE TRIGGER note_ad AFTER DELETE ON note BEGIN "
    "INSERT INTO note_fts(note_fts, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); END",
    "note_au": "CREATE TRIGGER note_au AFTER UPDATE ON note BEGIN "
    "INSERT INTO note_fts(note_fts, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); "
    "INSERT INTO note_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
}
SCHEMA = [
    "CREATE TABLE note (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL)",
    "CREATE INDEX ix_note_title ON note (title)",
    "CREATE VIRTUAL TABLE note_fts USING fts5(title, body, content='note', content_rowid='id')",
    *TRIGGERS.values(),
    "CREATE TABLE note_log (id INTEGER PRIMARY KEY, what TEXT NOT NULL)",
    "CREATE INDEX ix_note_log_what ON note_log (what)",
    *append_only_sql("sqlite", "note_log"),
]


@pytest.fixture
def engine(tmp_path) -> Iterator[Engine]:
    """A SQLite file set up as the desk's write engine (BEGIN IMMEDIATE, so DDL is transactional)."""
    made = create_engine(f"sqlite:///{tmp_path / 'notes.db'}")
    configure_sqlite(made, write=True)
    with made.begin() as connection:
        for statement in SCHEMA:
            connection.exec_driver_sql(statement)
        connection.exec_driver_sql(
            "INSERT INTO note (id, title, body) VALUES (1, 'before', 'written before the load')"
        )
    yield made
    made.dispose()


def read(connection, statement: str, *parameters: object) -> list[tuple[object, ...]]:
    """Rows of one statement, inside the open transaction or a short one of its own (a
    transaction left open by the read would make the test's next ``begin`` fail)."""
    if connection.in_transaction():
        return [tuple(row) for row in connection.exec_driver_sql(statement, parameters)]
    with connection.begin():
        return [tuple(row) for row in connection.exec_driver_sql(statement, parameters)]


def schema_of(connection) -> dict[str, str]:
    return dict(
        read(
            connection,
            "SELECT name, sql FROM sqlite_master "
            "WHERE type IN ('index', 'trigger') AND sql IS NOT NULL",
        )
    )


def matches(connection, query: str) -> list[int]:
    statement = "SELECT rowid FROM note_fts WHERE note_fts MATCH ? ORDER BY rowid"
    return [row[0] for row in read(connection, statement, query)]  # type: ignore[misc]


NOTES = [(n, f"note {n}", "zebra crossing" if n % 3 == 0 else "plain text") for n in range(2, 3002)]


def test_a_load_takes_down_indexes_and_triggers_keeps_the_guards_and_rebuilds_the_fts(engine):
    with engine.connect() as connection:
        before = schema_of(connection)
        with connection.begin(), bulk_load(connection, [NOTE, NOTE_LOG]):
            during = schema_of(connection)
            insert_rows(connection, NOTE, ("id", "title", "body"), NOTES, converted=True)
            insert_rows(connection, NOTE_LOG, ("what",), [("loaded",)] * 10, converted=True)
        after = schema_of(connection)

        assert set(during) == {"note_log_no_update", "note_log_no_delete"}
        assert after == before  # every index and trigger back, word for word
        assert matches(connection, "zebra") == [n for n, _t, body in NOTES if "zebra" in body]
        assert matches(connection, "before") == [1]
        with connection.begin():  # FTS5 raises if the index and the table disagree
            connection.exec_driver_sql("INSERT INTO note_fts(note_fts) VALUES ('integrity-check')")

        # The triggers work again: an edit moves the row in the index.
        with connection.begin():
            connection.exec_driver_sql("UPDATE note SET body = 'giraffe' WHERE id = 3")
        assert matches(connection, "giraffe") == [3]
        assert 3 not in matches(connection, "zebra")
        with pytest.raises(Exception, match="append-only"), connection.begin():
            connection.exec_driver_sql("UPDATE note_log SET what = 'changed'")


def test_a_load_that_fails_leaves_the_schema_and_the_rows_as_they_were(engine):
    with engine.connect() as connection:
        before = schema_of(connection)
        with pytest.raises(RuntimeError), connection.begin(), bulk_load(connection, [NOTE]):
            insert_rows(connection, NOTE, ("id", "title", "body"), NOTES, converted=True)
            raise RuntimeError("the generator failed halfway")
        assert schema_of(connection) == before
        assert read(connection, "SELECT count(*) FROM note") == [(1,)]
        assert matches(connection, "before") == [1]


def test_a_load_puts_the_connection_cache_size_back(engine):
    with engine.connect() as connection:
        size = read(connection, "PRAGMA cache_size")
        with connection.begin(), bulk_load(connection, [NOTE]):
            assert read(connection, "PRAGMA cache_size") != size
        assert read(connection, "PRAGMA cache_size") == size


def test_only_a_table_outside_the_load_keeps_its_derived_structures(engine):
    with engine.connect() as connection:
        with connection.begin(), bulk_load(connection, [NOTE_LOG]):
            during = schema_of(connection)
        assert "ix_note_title" in during and set(TRIGGERS) <= set(during)
        assert "ix_note_log_what" not in during


@pytest.mark.parametrize(
    ("sql", "table"),
    [
        ("CREATE VIRTUAL TABLE f USING fts5(a, b, content='note', content_rowid='id')", "note"),
        ('CREATE VIRTUAL TABLE "my f" USING FTS5 (a, content = "Note")', "Note"),
        ("CREATE VIRTUAL TABLE f USING fts5(a, tokenize='unicode61 x, y', content=[note])", "note"),
        ("CREATE VIRTUAL TABLE f USING fts5(a, content=note)", "note"),
        ("CREATE VIRTUAL TABLE f USING fts5(a, content='')", None),  # contentless
        ("CREATE VIRTUAL TABLE f USING fts5(a, prefix='3')", None),  # keeps its own copy
        ("CREATE VIRTUAL TABLE f USING fts4(a, content='note')", None),
        ("CREATE TABLE note (id INTEGER PRIMARY KEY, content TEXT)", None),
    ],
)
def test_the_content_table_of_an_fts5_definition(sql, table):
    assert fts5_content_table(sql) == table


def test_every_definition_in_the_tests_is_one_sqlite_accepts():
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, a TEXT, b TEXT)")
    connection.execute("CREATE VIRTUAL TABLE f1 USING fts5(a, content='note', content_rowid='id')")
    connection.execute(
        "CREATE VIRTUAL TABLE f2 USING fts5(a, tokenize='unicode61', content=[note])"
    )
    (sql,) = connection.execute("SELECT sql FROM sqlite_master WHERE name = 'f2'").fetchone()
    assert fts5_content_table(sql) == "note"


def test_a_loader_may_build_some_indexes_and_the_fts_sooner_and_nothing_is_built_twice(engine):
    with engine.connect() as connection:
        before = schema_of(connection)
        with connection.begin(), bulk_load(connection, [NOTE, NOTE_LOG]) as load:
            assert load.index_sql("NOTE") == ["CREATE INDEX ix_note_title ON note (title)"]
            insert_rows(connection, NOTE, ("id", "title", "body"), NOTES, converted=True)
            load.build_indexes(["note_log"])
            assert "ix_note_log_what" in schema_of(connection)
            assert "ix_note_title" not in schema_of(connection)
            load.rebuild()
            assert matches(connection, "zebra") == [n for n, _t, body in NOTES if "zebra" in body]
        # the end built the rest (a second CREATE INDEX or rebuild would have failed or doubled)
        assert schema_of(connection) == before
        with connection.begin():
            connection.exec_driver_sql("INSERT INTO note_fts(note_fts) VALUES ('integrity-check')")


# -- into a desk, on either engine --------------------------------------------------------

LOG = LogRow.__table__
LOG_COLUMNS = ("at", "kind", "field", "new", "note")
AWKWARD = [
    "tab\there",
    "two\nlines\r\n",
    "back\\slash \\N and \\.",
    "\\N",
    "ñandú 🙂 \u200b",
    "'quoted' \"double\"",
    "",
]
"""Text COPY must escape (tab, newline, backslash, its NULL marker ``\\N``) besides plain text."""


def stored_log(db) -> list[tuple[object, ...]]:
    with db.engine.connect() as connection:
        statement = select(*(LOG.c[name] for name in LOG_COLUMNS)).order_by(LOG.c.id)
        return [tuple(row) for row in connection.execute(statement)]


def test_rows_in_sqlites_stored_forms_load_as_the_same_values_on_either_engine(db):
    rows = [
        (f"2026-03-02 15:{n:02d}:00.000000", "note", None if n % 2 else "field", value, value)
        for n, value in enumerate(AWKWARD)
    ]
    with db.engine.connect() as connection, connection.begin(), bulk_load(connection, [LOG]):
        loaded = insert_rows(connection, LOG, LOG_COLUMNS, rows, converted=True)
    assert loaded == len(AWKWARD)
    assert stored_log(db) == [
        (datetime(2026, 3, 2, 15, n, tzinfo=UTC), "note", None if n % 2 else "field", value, value)
        for n, value in enumerate(AWKWARD)
    ]


def test_python_values_load_as_themselves_on_either_engine(db):
    at = datetime(2026, 3, 2, 15, 4, 5, 123456, tzinfo=UTC)
    rows = [(at, "note", None, value, value) for value in AWKWARD]
    with db.engine.connect() as connection, connection.begin():
        insert_rows(connection, LOG, LOG_COLUMNS, rows, fixed={"old": "before"})
    assert stored_log(db) == rows
    with db.engine.connect() as connection:
        olds = connection.execute(select(LOG.c.old)).scalars().all()
    assert olds == ["before"] * len(AWKWARD)


CASES = CaseRow.__table__
CASE_COLUMNS = (
    "id", "title", "client_id", "area_id", "category_id", "created_at", "updated_at",
    "description", "billable", "cost_per_hour",
)  # fmt: skip
CASE_FIXED = {
    "version": 1, "priority": "medium", "importance": "medium", "status": "new", "stage": "",
    "progress": 0, "internal": 0, "origin": "", "solution": "", "complexity": "medium", "level": 0,
    "quote_status": "pending", "quote_message": "", "payment_status": "unpaid", "closed_minutes": 0,
    **dict.fromkeys(
        ("group_name", "product", "case_class", "support_type", "sale_order", "chat_channel"), "",
    ),
}  # fmt: skip
"""What every loaded case holds the same, written once into the statement (SQLite) or after
each row (COPY)."""


def case_rows(desk, first: int, last: int) -> list[tuple[object, ...]]:
    """Cases ``first`` to ``last`` in SQLite's stored forms; every third says "cebra"."""
    with desk.uow() as uow:
        category = uow.areas.find_category("Impresoras")
        client = uow.clients.find("Acme SA")
    return [
        (n, f"Cargado {n}", client.id, category.area_id, category.id,
         "2026-03-02 12:00:00.000000", "2026-03-02 12:00:00.000000", "cebra" if n % 3 == 0 else "",
         n % 2, "25.50")
        for n in range(first, last + 1)
    ]  # fmt: skip


def test_a_load_into_the_desk_leaves_the_next_number_past_it_and_the_search_index_whole(db, desk):
    rows = case_rows(desk, 101, 400)
    with db.engine.connect() as connection, connection.begin(), bulk_load(connection, [CASES]):
        insert_rows(connection, CASES, CASE_COLUMNS, rows, converted=True, fixed=CASE_FIXED)
    made = desk.open(title="Después de la carga")
    assert made.id == 401
    found = search.search_cases(desk.uow(), desk.admin, "cebra", limit=1000).cases
    assert {c.id for c in found} == {n for n in range(101, 401) if n % 3 == 0}
    with db.engine.connect() as connection:
        documents = connection.execute(text(f"SELECT count(*) FROM {search_index.TABLE}"))
        assert documents.scalar() == 301


# -- on the server: what stays up during a load, and a failed load --------------------------


def server_schema(db, connection=None) -> dict[str, tuple[str, str]]:
    """The desk's indexes, constraints and triggers, as ``connection`` sees them (inside its
    transaction) or as committed."""
    if connection is None:
        with db.engine.connect() as own:
            return server_schema(db, own)
    return {name: (kind, sql) for kind, name, sql in connection.execute(text(SERVER_SCHEMA))}


@pytest.mark.postgresql_only
def test_on_the_server_a_load_keeps_the_log_append_only_and_the_change_notices_on(db):
    before = server_schema(db)
    with (
        db.engine.connect() as connection,
        connection.begin(),
        bulk_load(connection, [LOG, CASES]),
    ):
        during = server_schema(db, connection)
        insert_rows(connection, LOG, LOG_COLUMNS, [(datetime.now(UTC), "note", None, "", "")])
        with pytest.raises(Exception, match="append-only"), connection.begin_nested():
            connection.execute(text("UPDATE case_log SET note = 'changed'"))
    assert server_schema(db) == before
    gone = {name for name in before if name not in during}
    disabled = {name for name, (kind, sql) in during.items() if kind == "trigger" and sql == "D"}
    assert "ix_case_updated" in gone and "support_case.support_case_client_id_fkey" in gone
    assert "ix_case_search_document" in gone  # the search index is made again, then indexed
    assert disabled == {
        f"{table}.{name}" for name, table in search_index.triggers("postgresql").items()
        if table == "support_case"
    }  # fmt: skip
    assert during["case_log.case_log_no_change"] == before["case_log.case_log_no_change"]
    assert during["support_case.support_case_notify_change"][1] == "O"
    assert "ix_case_open_queue" in during  # partial: its predicate would not read back as written
    assert "support_case.support_case_pkey" in during


@pytest.mark.postgresql_only
def test_on_the_server_a_load_that_fails_leaves_the_schema_and_the_rows_as_they_were(db, desk):
    before = server_schema(db)
    rows = case_rows(desk, 101, 200)  # read first: the load locks the tables its keys name
    with (
        pytest.raises(RuntimeError),
        db.engine.connect() as connection,
        connection.begin(),
        bulk_load(connection, [CASES]),
    ):
        insert_rows(connection, CASES, CASE_COLUMNS, rows, converted=True, fixed=CASE_FIXED)
        raise RuntimeError("the generator failed halfway")
    assert server_schema(db) == before
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM support_case")).scalar() == 0
    assert desk.open().id == 1
