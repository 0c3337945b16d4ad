"""Backups and consistency checks of the database itself."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import text

from ..domain.errors import ValidationError
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
