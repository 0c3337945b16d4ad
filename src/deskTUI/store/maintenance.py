"""Backups and consistency checks of the database and of its file store."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import text

from ..domain.errors import ValidationError
from .blobs import BlobStore, StoreReport
from .database import Database


def backup_sqlite(
    db: Database, target: Path, on_progress: Callable[[int, int], None] | None = None
) -> None:
    """SQLite's online backup: a consistent copy page by page while others keep writing."""
    if db.dialect != "sqlite":
        raise ValidationError(
            "db.backup_engine", "Online backup is for SQLite desks; back up PostgreSQL with pg_dump"
        )
    if target.exists():
        raise ValidationError(
            "db.backup_exists", "{path} exists already; choose a new file", path=str(target)
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    source_path = db.engine.url.database
    assert source_path is not None
    source = sqlite3.connect(source_path)
    destination = sqlite3.connect(str(target))
    try:
        with destination:
            source.backup(
                destination,
                pages=256,
                progress=(lambda _status, remaining, total: on_progress(total - remaining, total))
                if on_progress
                else None,
            )
    finally:
        destination.close()
        source.close()


def integrity_problems(db: Database) -> list[str]:
    """What SQLite's own checks find: corruption and broken foreign keys."""
    if db.dialect != "sqlite":
        return []
    with db.read_engine.connect() as connection:
        problems = [
            row[0] for row in connection.execute(text("PRAGMA integrity_check")) if row[0] != "ok"
        ]
        for table, rowid, parent, _fk in connection.execute(text("PRAGMA foreign_key_check")):
            problems.append(f"{table} row {rowid} points to a missing {parent}")
    return problems


def referenced_digests(db: Database) -> set[str]:
    """Every content digest an attachment row points to."""
    with db.read_engine.connect() as connection:
        return {
            row[0] for row in connection.execute(text("SELECT DISTINCT sha256 FROM attachment"))
        }


def file_store_report(db: Database, *, now: float | None = None) -> StoreReport | None:
    """The file store against the attachment rows (None: this desk keeps no file store).

    A blob an attach is writing right now (its row not committed yet) is younger
    than the grace period, so it is never counted an orphan.
    """
    root = db.files_dir
    if root is None:
        return None
    return BlobStore(root, db.sharing).scan(referenced_digests(db), now=now)


def collect_file_store(db: Database, *, now: float | None = None) -> list[str]:
    """Remove orphan blobs, leftover temporary files and links from the store; what went."""
    report = file_store_report(db, now=now)
    if report is None:
        return []
    assert db.files_dir is not None
    store = BlobStore(db.files_dir, db.sharing)
    removed = set(store.collect(report, now=now))
    why = {
        **dict.fromkeys(report.links, "a symbolic link"),
        **dict.fromkeys(report.orphans, "an orphan blob"),
        **dict.fromkeys(report.temporary, "a temporary file"),
    }
    return [f"removed {db.files_dir / p} ({why[p]})" for p in report.repairable if p in removed]
