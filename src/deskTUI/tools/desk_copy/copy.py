"""The whole copy: checks first, then attachment contents and rows in one transaction on
the target, committed only when every table verifies; and two desks compared."""

from __future__ import annotations

import hashlib
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Table, text
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import DBAPIError

from ...domain.errors import NotFound, ValidationError
from ...store.blobs import CHUNK, BlobStore
from ...store.database import Database, StoreUnavailable, open_database
from .addresses import (
    Peek,
    database_exists,
    first_line,
    look_at,
    parse_address,
    require_known_revision,
    same_database,
    shown,
    upgrade_desk,
)
from .report import CopyReport, FilesCopied, OnRows, TableCheck, desk_tables
from .rows import carry_counters, copy_table, table_checksum

# -- the whole migration ---------------------------------------------------------------------


def migrate_into(
    source: Database,
    given_target: str,
    *,
    files: str | Path | None = None,
    on_rows: OnRows | None = None,
) -> CopyReport:
    """Copy the desk ``source`` into the empty database ``given_target``, verified.

    ``files`` is the target's attachment folder when it is a server database.
    Every refusal comes before anything is written; a failure after that leaves
    the target as it was (a SQLite file this call made is removed again; a server
    database keeps at most the empty schema, which a rerun accepts).
    """
    started = time.monotonic()
    source_url = make_url(source.url)
    url = parse_address(given_target, "target")
    if same_database(source_url, url):
        raise ValidationError(
            "migrate.same", "The source and the target are the same database: {where}",
            where=shown(url),
        )  # fmt: skip
    existed = database_exists(url)
    if existed:
        _require_empty(look_at(url, "target"), url)
    target_files = (
        Path(files).expanduser().resolve() if files and url.get_backend_name() != "sqlite" else None
    )
    _require_file_stores(source, url, target_files)

    folder = _files_folder(url, target_files)
    made = _Made(
        url, existed, files_folder=folder, files_folder_existed=bool(folder and folder.exists())
    )
    try:
        target = open_database(
            url.render_as_string(hide_password=False), upgrade=False, files=target_files
        )
        made.target = target
        upgrade_desk(target, url, "target")
        report = _copy(source, target, made, on_rows)
    except DBAPIError as error:  # the connection dropped, a disk filled up, a lock held on
        made.undo()
        raise StoreUnavailable(
            "migrate.stopped",
            "The migration stopped, and the target holds none of the desk: {detail}",
            detail=first_line(error),
        ) from None
    except OSError as error:
        made.undo()
        raise StoreUnavailable(
            "migrate.files_io",
            "Cannot copy the attachment contents ({path}: {reason}); the target holds none "
            "of the desk",
            path=error.filename or target_files or "?",
            reason=error.strerror or str(error),
        ) from None
    except BaseException:
        made.undo()
        raise
    finally:
        if made.target is not None:
            made.target.dispose()
    return CopyReport(
        source=shown(source_url),
        target=shown(url),
        tables=report.tables,
        files=report.files,
        next_case=report.next_case,
        seconds=time.monotonic() - started,
    )


@dataclass
class _Made:
    """What a migration created, so that a failure can take it away again."""

    url: URL
    existed: bool
    files_folder: Path | None
    files_folder_existed: bool
    target: Database | None = None
    blobs: list[Path] = field(default_factory=list)

    def undo(self) -> None:
        for blob in self.blobs:
            with suppress(OSError):
                blob.unlink()
            with suppress(OSError):
                blob.parent.rmdir()  # only if no other content shares its folder
        if self.target is not None:
            self.target.dispose()
        if self.url.get_backend_name() == "sqlite" and not self.existed:
            path = Path(str(self.url.database))
            for leftover in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))):
                with suppress(OSError):
                    leftover.unlink()
        if self.files_folder is not None and not self.files_folder_existed:
            with suppress(OSError):
                self.files_folder.rmdir()  # made by this run, and empty again


def _files_folder(url: URL, target_files: Path | None) -> Path | None:
    if url.get_backend_name() != "sqlite":
        return target_files
    path = Path(str(url.database))
    return path.parent / (path.stem + ".files")


def _require_empty(peek: Peek, url: URL) -> None:
    """The target is *empty* when it holds no table but bookkeeping (Alembic's revision,
    SQLite's own, a search index), or it is a desk schema none of whose tables holds a row:
    a new database, or one ``migrate`` made and a failed run left. Anything else is
    someone's data, which a migration must never mix with a desk."""
    if peek.filled:
        raise ValidationError(
            "migrate.not_empty",
            "The target {where} already holds a desk's data (rows in {tables}); "
            "migrate writes only into an empty database, so nothing was changed",
            where=shown(url),
            tables=_some(peek.filled),
        )
    if peek.foreign:
        raise ValidationError(
            "migrate.foreign",
            "The target {where} holds tables that are not a desk's ({tables}); "
            "migrate writes only into an empty database, so nothing was changed",
            where=shown(url),
            tables=_some(peek.foreign),
        )
    if peek.revision is not None:
        require_known_revision(peek.revision, url, "target")


def _some(names: list[str], shown_at_most: int = 4) -> str:
    if len(names) <= shown_at_most:
        return ", ".join(names)
    return f"{', '.join(names[:shown_at_most])} and {len(names) - shown_at_most} more tables"


def _require_file_stores(source: Database, url: URL, target_files: Path | None) -> None:
    """Every content the source's attachments point to is readable, and the target has a
    folder to put them in: refused before anything is written."""
    digests = _referenced(source)
    if not digests:
        return
    if source.files_dir is None:
        raise ValidationError(
            "migrate.source_files",
            "The source desk keeps attachment contents ({count}); give its file folder with "
            "--from-files DIR",
            count=len(digests),
        )
    if url.get_backend_name() != "sqlite" and target_files is None:
        raise ValidationError(
            "migrate.target_files",
            "The source desk keeps attachment contents ({count}) and a server desk keeps them "
            "in a folder of its own; give it with --files DIR (or DESKTUI_FILES)",
            count=len(digests),
        )
    store = BlobStore(source.files_dir, source.sharing)
    missing = sorted(d for d in digests if not store.exists(d))
    if missing:
        raise ValidationError(
            "migrate.blobs_missing",
            "Attachment contents are missing from the source's file store {root} ({count}, "
            "the first: {digest}); desktui db check lists them; nothing was changed",
            count=len(missing),
            root=str(source.files_dir),
            digest=missing[0],
        )


def _referenced(source: Database) -> set[str]:
    with source.read_engine.connect() as connection:
        return set(connection.execute(text("SELECT DISTINCT sha256 FROM attachment")).scalars())


@dataclass
class _Copied:
    tables: list[TableCheck]
    files: FilesCopied
    next_case: int


def _copy(source: Database, target: Database, made: _Made, on_rows: OnRows | None) -> _Copied:
    with _snapshot(source) as src, target.engine.connect() as dst:
        # The contents first, from the same snapshot as the rows: when the rows commit,
        # every attachment they hold already has its content in the target's store.
        files = _copy_blobs(src, source, target, made)
        with dst.begin():
            # The target's only rows are those its migrations wrote (0014's default survey
            # template): the source holds its own copy of them, which is the one kept.
            for table in reversed(desk_tables()):
                dst.execute(table.delete())
            sums = {table.name: copy_table(src, dst, table, on_rows) for table in desk_tables()}
            checks = [_check(table, *sums[table.name], dst) for table in desk_tables()]
            wrong = [check.table for check in checks if not check.ok]
            if wrong:
                raise ValidationError(
                    "migrate.verify",
                    "The copy did not verify: {tables} differ between the source and the "
                    "target after copying, so nothing was written",
                    tables=", ".join(wrong),
                )
            next_case = carry_counters(src, dst)
    return _Copied(checks, files, next_case)


def _check(table: Table, rows: int, digest: str, dst: Connection) -> TableCheck:
    """The target's rows of ``table`` read back (inside the copy's transaction) against
    what was read from the source."""
    target_rows, target_digest = table_checksum(dst, table)
    return TableCheck(table.name, rows, target_rows, digest, target_digest)


@contextmanager
def _snapshot(db: Database) -> Iterator[Connection]:
    """One read transaction: every table read as of the same moment, however long the
    copy takes and whoever keeps writing meanwhile (SQLite's WAL gives a deferred
    transaction that; PostgreSQL needs REPEATABLE READ)."""
    with db.read_engine.connect() as connection:
        if db.dialect == "postgresql":
            connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            yield connection


# -- attachment contents ---------------------------------------------------------------------


def _copy_blobs(src: Connection, source: Database, target: Database, made: _Made) -> FilesCopied:
    digests = sorted(src.execute(text("SELECT DISTINCT sha256 FROM attachment")).scalars())
    if not digests:
        return FilesCopied(folder=target.files_dir)
    if source.files_dir is None or target.files_dir is None:  # _require_file_stores said so
        raise ValidationError(
            "migrate.files", "Give the file folders of both desks (--from-files, --files)"
        )
    origin = BlobStore(source.files_dir, source.sharing)
    store = BlobStore(target.files_dir, target.sharing)
    copied = present = size = 0
    for digest in digests:
        if _content_digest(store, digest) == digest:
            present += 1
            continue
        # A damaged copy already there is replaced (atomically), and kept if we fail later.
        was_there = store.path_of(digest).exists()
        with origin.open(digest) as blob:
            written, length = store.put(blob, max_bytes=sys.maxsize)
        if not was_there:
            made.blobs.append(store.path_of(written))
        if written != digest:
            if written in digests:  # the right content of another attachment: keep it
                with suppress(ValueError):
                    made.blobs.remove(store.path_of(written))
            raise ValidationError(
                "migrate.blob_damaged",
                "The content {digest} in the source's file store {root} is damaged (its "
                "SHA-256 is {actual}); desktui db check on the source says more; nothing "
                "was changed",
                digest=digest,
                root=str(source.files_dir),
                actual=written,
            )
        copied += 1
        size += length
    return FilesCopied(len(digests), copied, present, size, target.files_dir)


def _content_digest(store: BlobStore, digest: str) -> str | None:
    """The SHA-256 of what the store holds under ``digest`` (None: nothing readable)."""
    try:
        blob = store.open(digest)
    except (NotFound, ValidationError):
        return None
    hasher = hashlib.sha256()
    with blob:
        while chunk := blob.read(CHUNK):
            hasher.update(chunk)
    return hasher.hexdigest()


# -- checking two desks against each other -----------------------------------------------------


def verify(source: Database, target: Database) -> list[TableCheck]:
    """Every table of two desks compared by rows and checksum, as a migration compares them
    before it commits (each desk read in one snapshot)."""
    with _snapshot(source) as src, _snapshot(target) as dst:
        checks = []
        for table in desk_tables():
            rows, digest = table_checksum(src, table)
            checks.append(_check(table, rows, digest, dst))
        return checks
