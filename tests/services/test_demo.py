"""The demo desk: the same seed gives the same rows, however the generator is made faster."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import UTC, datetime

import pytest

from deskTUI.services import demo
from deskTUI.store import search_index
from deskTUI.store.database import Database

NOW = datetime(2026, 3, 2, 15, 4, tzinfo=UTC)

# sha256 of the rows the first (plain) generator made for seed 5, 2,000 cases, at NOW:
# any change to the order or the form of the random draws changes them.
SERIAL_DIGEST = "318fd70f5d7e3b8d89f82087a7f7e3c8307d7c4bad40edcbbc08f3c7f6fadc14"
PARALLEL_DIGEST = "509786f2b5c0afa6c7f49300d434fb185ebbadf672ac639417d9aa68ee08c29d"
"""The same with the two-process path (from 1,000 cases on): seeds ``5:a`` and ``5:b``."""


def rows_digest(db: Database) -> str:
    """The generated columns of every row table, in id order (not what the schema adds)."""
    digest = hashlib.sha256()
    with sqlite3.connect(str(db.engine.url.database)) as connection:
        for table, columns in demo.TABLES.values():
            statement = f"SELECT id, {', '.join(columns)} FROM {table.name} ORDER BY id"
            for row in connection.execute(statement):
                digest.update(repr(row).encode())
    return digest.hexdigest()


@pytest.mark.parametrize(
    ("parallel_from", "expected"),
    [(100_000, SERIAL_DIGEST), (1_000, PARALLEL_DIGEST)],
    ids=["one-process", "two-processes"],
)
def test_a_seed_gives_the_rows_it_always_gave(db, monkeypatch, parallel_from, expected):
    monkeypatch.setattr(demo, "PARALLEL_FROM", parallel_from)
    summary = demo.build_demo(db, "root", cases=2_000, seed=5, now=NOW)
    assert summary["cases"] == 2_000
    assert rows_digest(db) == expected


@pytest.mark.parametrize("parallel_from", [100_000, 200], ids=["one-process", "two-processes"])
def test_the_demo_desk_can_be_searched_by_title_description_and_comment(
    db, monkeypatch, parallel_from
):
    """The load drops the search index's triggers; it must be rebuilt whole after."""
    monkeypatch.setattr(demo, "PARALLEL_FROM", parallel_from)
    demo.build_demo(db, "root", cases=400, seed=5, now=NOW)
    with sqlite3.connect(str(db.engine.url.database)) as connection:

        def ids(statement: str) -> set[int]:
            return {row[0] for row in connection.execute(statement)}

        search = f"SELECT rowid FROM {search_index.TABLE} WHERE {search_index.TABLE} MATCH"
        assert ids(f"SELECT rowid FROM {search_index.TABLE}") == set(range(1, 401))
        by_comment = ids("SELECT case_id FROM case_comment WHERE body LIKE 'Revisando%'")
        by_title = ids("SELECT id FROM support_case WHERE title LIKE '%impresora%'")
        by_description = ids("SELECT id FROM support_case WHERE description LIKE '%logs%'")
        assert by_comment and by_title and by_description
        assert ids(f"{search} 'revisando'") == by_comment
        assert ids(f"{search} 'impresora'") == by_title
        assert ids(f"{search} 'logs'") == by_description
