"""What a desk's copy reports (per table: rows and checksums on both sides; the files
copied), and which tables a desk has."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Table
from sqlmodel import SQLModel

from ...store import search_index
from ...store import tables as _tables  # noqa: F401 - registers the desk's tables in the metadata

BATCH = 2000
"""Rows read and inserted at a time: large enough that round trips do not dominate,
small enough that a million-row table never sits in memory."""

ENGINES = ("sqlite", "postgresql")

OnRows = Callable[[int], None]


# -- what a migration reports -------------------------------------------------------------


@dataclass(frozen=True)
class TableCheck:
    """One table of the desk on both sides: rows and checksum (SHA-256 of its rows)."""

    table: str
    source_rows: int
    target_rows: int
    source_checksum: str
    target_checksum: str

    @property
    def ok(self) -> bool:
        return (self.source_rows, self.source_checksum) == (self.target_rows, self.target_checksum)


@dataclass(frozen=True)
class FilesCopied:
    """The attachment contents a migration put in the target's file store."""

    contents: int = 0
    """Distinct contents the attachments point to."""
    copied: int = 0
    """Written into the target's store."""
    present: int = 0
    """Already there with the right content (a store shared with the source, or a rerun)."""
    bytes: int = 0
    folder: Path | None = None


@dataclass(frozen=True)
class CopyReport:
    source: str
    target: str
    """Where from and where to, as shown to people (a URL without its password)."""
    tables: list[TableCheck]
    files: FilesCopied
    next_case: int
    """The number the target gives the next case."""
    seconds: float

    @property
    def rows(self) -> int:
        return sum(check.target_rows for check in self.tables)

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.tables)


# -- the desk's tables ---------------------------------------------------------------------


def desk_tables() -> list[Table]:
    """Every table of the desk but the search index, each after the tables it points to."""
    return [
        table
        for table in SQLModel.metadata.sorted_tables
        if not search_index.is_search_table(table.name)
    ]


SEEDED_BY_MIGRATIONS = frozenset({"survey_template", "survey_question", "mail_settings"})
"""Tables a migration fills on every new desk (0014's default survey template and its
questions, 0019's one row of mail settings): rows there make no database a desk's data.
Every real desk has people."""


def is_bookkeeping(name: str) -> bool:
    """Tables that are no desk data: Alembic's revision, SQLite's own, the search index."""
    return (
        name == "alembic_version"
        or name.startswith("sqlite_")
        or search_index.is_search_table(name)
    )
