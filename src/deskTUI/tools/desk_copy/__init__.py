"""Moving a whole desk into another database, verified: ``desktui db migrate``.

A team outgrowing one SQLite file moves its desk to PostgreSQL (SQLite to
SQLite works the same way, and lets the tests run without a server):

- The target is brought to the current schema by the same Alembic migrations
  as every desk, so it has its own append-only guard on the log and its own
  full-text index. Only an *empty* target is written to (see ``_require_empty``).
- Rows are copied table by table, each table after the tables it points to, in
  primary-key order, ids kept, through the SQLModel tables' own column types:
  an instant, a Decimal or a boolean reaches the target in the target's own
  representation, never as the source's text.
- The full-text index is not copied: it is a different thing on each engine
  (FTS5, tsvector), and the target's triggers fill it as cases and comments
  are inserted.
- Everything lands in one transaction on the target, which is verified before
  it commits: for every table the row count and a checksum of its rows, read
  back through that same transaction, must equal the source's. A copy that
  does not verify is rolled back, so a target is either the whole desk or
  untouched.
- The source is read in one read transaction: a consistent snapshot, even
  while its operators keep working.
- Counters (PostgreSQL sequences, SQLite's AUTOINCREMENT) are set past the
  highest id the source ever gave, so a case number is never given twice.
- Attachment contents are copied into the target's file store first (SHA-256
  checked while they are written); ones that were not there before are
  removed again if the rows fail to commit.
"""

from __future__ import annotations

from .addresses import open_source, parse_address, shown
from .copy import migrate_into, verify
from .report import ENGINES, CopyReport, FilesCopied, OnRows, TableCheck, desk_tables

__all__ = [
    "ENGINES",
    "CopyReport",
    "FilesCopied",
    "OnRows",
    "TableCheck",
    "desk_tables",
    "migrate_into",
    "open_source",
    "parse_address",
    "shown",
    "verify",
]
