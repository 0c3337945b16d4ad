"""Backups and consistency checks of the database and of its file store."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import sys
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import text

from ..domain.errors import NotFound, ValidationError
from .blobs import BlobStore, StoreReport
from .database import Database, StoreUnavailable, files_dir_beside
from .sharing import Sharing, partial_name


@dataclass(frozen=True)
class Backup:
    """What ``db backup`` made: a desk of its own, its database and its file store."""

    database: Path
    files: Path
    """The backup's file store, where the desk's layout looks for it (``desk.files``)."""
    contents: int
    """Attachment contents copied (each once, however many attachments share it)."""
    bytes: int
    not_copied: list[str] = field(default_factory=list)
    """Contents the backed-up rows point to that the desk's own store lacks or holds
    damaged: ``db check`` on the desk lists them; the backup cannot hold them either."""


def backup_sqlite(
    db: Database, target: Path, on_progress: Callable[[int, int], None] | None = None
) -> Backup:
    """A consistent copy of a SQLite desk while others keep working: the database through
    SQLite's online backup (page by page, one snapshot), then every attachment content the
    copy's rows point to, into the folder beside it where a desk keeps its files.

    Made with the desk's own modes under temporary names and renamed into place at the
    end (the file store first, the database last): a failure (a full disk, a folder that
    cannot be written) leaves nothing, and a retry to the same name works.
    """
    if db.dialect != "sqlite":
        shown = str(db.files_dir) if db.files_dir is not None else "the folder given by --files"
        raise ValidationError(
            "db.backup_engine",
            "db backup copies SQLite desks only and wrote nothing; back up a PostgreSQL desk "
            "with pg_dump, and copy its attachments folder ({files}) with it (rsync -a)",
            files=shown,
        )
    files = files_dir_beside(target)
    if files == target:
        raise ValidationError(
            "db.backup_name",
            "{path} is named like a desk's file store; give the backup another suffix (.db)",
            path=str(target),
        )
    for path in (target, files):
        if os.path.lexists(path):
            raise ValidationError(
                "db.backup_exists", "{path} exists already; choose a new file", path=str(path)
            )
    store = db.files_dir
    if store is not None and target.resolve().is_relative_to(store.resolve()):
        raise ValidationError(
            "db.backup_in_store",
            "{path} is inside the desk's own file store {store}; choose a folder outside it",
            path=str(target),
            store=str(store),
        )
    source_path = db.engine.url.database
    assert source_path is not None
    sharing = db.sharing
    placed: list[Path] = []
    try:
        made = sharing.make_dirs(target.parent)
        try:
            with sharing.new_file(target, replace=False) as copy:
                digests = _copy_database(Path(source_path), copy, on_progress)
                copied, size, not_copied = _copy_store(db, digests, files, sharing, placed)
        except BaseException:
            for folder in placed:  # the store went into place, the database did not
                shutil.rmtree(folder, ignore_errors=True)
            for folder in reversed(made):  # the folders made for it, now empty again
                with suppress(OSError):
                    folder.rmdir()
            raise
    except FileExistsError as error:
        raise ValidationError(
            "db.backup_exists",
            "{path} exists already; choose a new file",
            path=error.filename or str(target),
        ) from None
    except (OSError, sqlite3.Error) as error:
        raise StoreUnavailable(
            "db.backup_failed",
            "The backup to {path} failed and left nothing behind: {reason}",
            path=str(target),
            reason=_reason(error),
        ) from None
    return Backup(target, files, copied, size, not_copied)


def _reason(error: OSError | sqlite3.Error) -> str:
    if isinstance(error, OSError):
        where = f" ({error.filename})" if error.filename else ""
        return (error.strerror or str(error)) + where
    return str(error)


def _copy_database(
    source_path: Path, copy: Path, on_progress: Callable[[int, int], None] | None
) -> set[str]:
    """The database copied into ``copy``; the attachment contents its rows point to."""
    source = sqlite3.connect(source_path)
    destination = sqlite3.connect(copy)
    try:
        with destination:
            source.backup(
                destination,
                pages=256,
                progress=(lambda _status, remaining, total: on_progress(total - remaining, total))
                if on_progress
                else None,
            )
        # Read from the copy itself, so the files follow exactly the rows it holds.
        return {row[0] for row in destination.execute("SELECT DISTINCT sha256 FROM attachment")}
    finally:
        destination.close()
        source.close()


def _copy_store(
    db: Database, digests: set[str], files: Path, sharing: Sharing, placed: list[Path]
) -> tuple[int, int, list[str]]:
    """Each content into a new file store at ``files`` (built under a temporary name, renamed
    when whole, then added to ``placed``), checked by its SHA-256 on the way: how many
    contents and bytes were copied, and the digests that could not be."""
    temp = partial_name(files)
    try:
        store = BlobStore(temp, sharing)
        sharing.make_dirs(temp)
        origin = BlobStore(db.files_dir, db.sharing) if db.files_dir is not None else None
        copied = size = 0
        not_copied: list[str] = []
        for digest in sorted(digests):
            try:
                if origin is None:
                    raise NotFound("files.no_store", "no file store")
                with origin.open(digest) as blob:
                    written, length = store.put(blob, max_bytes=sys.maxsize)
            except (NotFound, ValidationError):
                not_copied.append(digest)
                continue
            if written != digest:  # damaged in the desk's store: not a content of the backup
                if written not in digests:
                    store.path_of(written).unlink()
                not_copied.append(digest)
                continue
            copied += 1
            size += length
        if os.path.lexists(files):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(files))
        os.rename(temp, files)
        placed.append(files)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return copied, size, not_copied


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
