"""A damaged desk file read by the list's bare-sqlite3 reader is said damaged, never a
UnicodeDecodeError or a raw sqlite3 error (the TUI's list shows the sentence)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from deskTUI.i18n import error_text
from deskTUI.store.database import open_database
from deskTUI.store.faults import StoreFault
from deskTUI.store.list_reader import ListReader


def garbled(tmp_path: Path) -> Path:
    path = tmp_path / "desk.db"
    open_database(str(path)).dispose()
    data = bytearray(path.read_bytes())
    data[data.index(b"CREATE TABLE area") + 14] = 0xFF  # SQLite's message then cannot decode
    path.write_bytes(bytes(data))
    return path


def test_the_list_reader_says_a_garbled_desk_is_damaged(tmp_path):
    path = garbled(tmp_path)
    reader = ListReader(path)
    try:
        with pytest.raises(StoreFault) as refused:
            reader.execute("SELECT count(*) FROM support_case")
    finally:
        reader.close()
    assert error_text(refused.value).startswith(f"The desk database {path} is damaged (")
    assert "Restore it from your latest backup" in error_text(refused.value)


def test_the_list_reader_says_a_file_that_is_no_database_is_damaged(tmp_path):
    path = tmp_path / "desk.db"
    path.write_bytes(b"not a database at all, just text" * 200)
    reader = ListReader(path)
    try:
        with pytest.raises(StoreFault) as refused:
            reader.execute("SELECT 1 FROM support_case")
    finally:
        reader.close()
    assert "is damaged (file is not a database)" in error_text(refused.value)
    assert isinstance(refused.value.__cause__, sqlite3.DatabaseError)


def test_a_sentence_about_a_server_desk_never_shows_its_password():
    from deskTUI.store.faults import DamagedValue, fault_of

    fault = fault_of(DamagedValue("a stored date and time cannot be read: 'x'"),
                     "postgresql+psycopg://desk:s3cret@db.example:5432/desk")  # fmt: skip
    assert fault is not None
    text = error_text(fault)
    assert "s3cret" not in text
    assert text.startswith("The desk database postgresql+psycopg://desk:***@db.example:5432/desk")
