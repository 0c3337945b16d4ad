"""The rows the demo loads: the tables and columns it fills, a batch of rows (``Plan``),
the parts a large desk is generated in, and the connection it is loaded through."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Connection

from ...store.database import Database
from ...store.tables import (
    AttachmentRow,
    CaseRow,
    CommentRow,
    EventRow,
    LedgerRow,
    LogRow,
    SurveyRow,
    TaskRow,
    TimeEntryRow,
    table_of,
)


@dataclass
class Plan:
    """The rows to load, by table."""

    cases: list[tuple[Any, ...]] = field(default_factory=list)
    log: list[tuple[Any, ...]] = field(default_factory=list)
    time: list[tuple[Any, ...]] = field(default_factory=list)
    comments: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    tasks: list[tuple[Any, ...]] = field(default_factory=list)
    files: list[tuple[Any, ...]] = field(default_factory=list)
    surveys: list[tuple[Any, ...]] = field(default_factory=list)
    ledger: list[tuple[Any, ...]] = field(default_factory=list)


CASE_COLUMNS = (
    "id", "title", "client_id", "contact_id", "assignee_id", "reporter_id", "area_id",
    "category_id", "priority", "importance", "status", "stage", "progress", "internal", "origin",
    "description", "solution", "created_at", "updated_at", "estimate_minutes", "complexity", "level",
    "billable", "cost_per_hour", "contract_id", "quote_status", "quote_price", "quote_currency",
    "quote_minutes", "quote_message", "payment_status", "first_response_at", "resolved_at",
    "project_id", "service_id",
)  # fmt: skip


LOG_COLUMNS = (
    "case_id", "at", "actor_id", "kind", "field", "new", "from_status", "to_status", "note",
)  # fmt: skip


TIME_COLUMNS = (
    "case_id", "executor_id", "work_date", "minutes", "description", "billable", "start_at", "end_at", "created_by",
)  # fmt: skip


UPDATED_AT = CASE_COLUMNS.index("updated_at")


_BLANK_CASE_TEXTS = (
    "group_name", "product", "case_class", "support_type", "sale_order", "chat_channel",
)  # fmt: skip


FIXED: dict[str, dict[str, Any]] = {
    "cases": {"version": 1, "closed_minutes": 0, **dict.fromkeys(_BLANK_CASE_TEXTS, "")},
    "log": {"old": None},
    "time": {"article": ""},
}
"""Columns every generated row of a table holds the same value in. They are not in the
rows: the statements write them in once (binding a value is most of what storing a row
costs, and these were 15 % of the values a million cases bound)."""


BATCH = 20_000
"""Cases generated and written per round: memory stays flat whatever ``--cases`` says."""


TABLES: dict[str, tuple[Any, tuple[str, ...]]] = {
    "cases": (table_of(CaseRow), CASE_COLUMNS),
    "log": (table_of(LogRow), LOG_COLUMNS),
    "time": (table_of(TimeEntryRow), TIME_COLUMNS),
    "comments": (
        table_of(CommentRow),
        ("case_id", "author_id", "body", "visibility", "created_at"),
    ),
    "events": (
        table_of(EventRow),
        ("case_id", "title", "kind", "start_at", "end_at", "owner_id", "status"),
    ),
    "tasks": (table_of(TaskRow), ("case_id", "title", "due", "owner_id", "status")),
    "files": (
        table_of(AttachmentRow),
        ("case_id", "name", "size", "media_type", "sha256", "uploader_id", "uploaded_at", "review"),
    ),
    "surveys": (
        table_of(SurveyRow),
        ("case_id", "respondent_id", "score", "comment", "answered_at"),
    ),
    "ledger": (
        table_of(LedgerRow),
        ("contract_id", "case_id", "units_e4", "minutes", "kind", "at", "actor_id"),
    ),
}


EPOCH = datetime(1970, 1, 1)


CLOCK = tuple(f" {m // 60:02d}:{m % 60:02d}:00.000000" for m in range(1440))
"""Each minute of a day as stored: a timestamp is its day's text and one of these."""


CASE_TABLE: str = table_of(CaseRow).name


@dataclass(frozen=True)
class Part:
    """Cases ``first`` to ``last``, generated from ``seed``."""

    seed: int | str
    first: int
    last: int
    contracts: bool = True
    day_starts_at: int = 12 * 60


def halves(seed: int, cases: int) -> list[Part]:
    """The two halves of a large desk. Contracts are charged only in the first, so their
    quotas stay exact; the halves' people log their work in different hours of the day."""
    half = cases // 2
    return [Part(f"{seed}:a", 1, half), Part(f"{seed}:b", half + 1, cases, False, 0)]


@contextmanager
def loading(db: Database) -> Iterator[Connection]:
    """The connection a demo is loaded through: on a SQLite file, out of WAL mode while it lasts.

    Through the WAL with synchronous=FULL, the ~1 GB a million cases take is
    written twice (to the WAL, then by the checkpoint at the commit) and
    synced, and foreign keys are checked row by row. For the load only, the
    desk is switched to a rollback journal with synchronous=OFF and foreign
    keys off: measured side by side at 1,000,000 cases on two cores, the merge
    went from 12-19 s to 7-9 s and the commit and close from 4-7 s to about
    1 s. What a crash leaves:

    * the process dies halfway: a hot journal lies beside the desk, and the
      next connection to open it rolls the load back before anything else
      (tests/services/test_demo.py kills a load to check): the desk is as it
      was before the load, its people made and no cases. The journal holds only
      the pages the desk had before the load (pages past the old end of the
      file are never journaled), which is why it costs nothing here.
    * the machine loses power before the end: nothing of the load was synced,
      so the file may be damaged: it is a demo desk, to delete and build again.
    * at the end synchronous=FULL and WAL come back; that switch is a synced
      transaction (fdatasync of the whole file), so from then on the demo is
      as durable as any desk.

    Foreign keys stay unchecked meanwhile: every row refers to people read from
    this desk or to a case made in the same load (a test runs foreign_key_check
    on a parallel build). Leaving WAL needs the only connection to the file, so
    the pools are disposed first; if another process has the desk open the
    switch fails at once and the load goes through the WAL, as before.
    """
    database = db.engine.url.database
    if db.dialect != "sqlite" or not database or database == ":memory:":
        with db.engine.connect() as connection:
            yield connection
        return
    db.dispose()
    with db.engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw is not None
        before = {
            pragma: raw.execute(f"PRAGMA {pragma}").fetchone()[0]
            for pragma in ("busy_timeout", "synchronous", "foreign_keys")
        }
        raw.execute("PRAGMA busy_timeout = 0")  # another connection: give up now, not in 5 s
        try:
            unjournaled = raw.execute("PRAGMA journal_mode = DELETE").fetchone()[0] == "delete"
        except sqlite3.OperationalError:  # "database is locked": someone else has it open
            unjournaled = False
        raw.execute(f"PRAGMA busy_timeout = {int(before['busy_timeout'])}")
        if unjournaled:
            raw.execute("PRAGMA synchronous = OFF")
            raw.execute("PRAGMA foreign_keys = OFF")
        try:
            yield connection
        finally:
            if unjournaled:
                raw.execute(f"PRAGMA foreign_keys = {int(before['foreign_keys'])}")
                raw.execute(f"PRAGMA synchronous = {int(before['synchronous'])}")
                raw.execute("PRAGMA journal_mode = WAL")
