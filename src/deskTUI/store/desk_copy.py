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

import hashlib
import json
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import String, Table, create_engine, func, inspect, select, text
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlmodel import SQLModel

from ..domain.errors import NotFound, ValidationError
from . import search_index
from . import tables as _tables  # noqa: F401 - registers the desk's tables in the metadata
from .blobs import CHUNK, BlobStore
from .database import HEAD_REVISION, Database, StoreUnavailable, open_database, to_url
from .types import DecimalType

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


def _is_bookkeeping(name: str) -> bool:
    """Tables that are no desk data: Alembic's revision, SQLite's own, the search index."""
    return (
        name == "alembic_version"
        or name.startswith("sqlite_")
        or search_index.is_search_table(name)
    )


# -- addresses -----------------------------------------------------------------------------


def parse_address(given: str, role: str) -> URL:
    """A path or URL as ``db migrate`` takes it, refused in a sentence when it cannot be one."""
    try:
        url = make_url(to_url(given))
    except (ArgumentError, ValueError):
        raise ValidationError(
            "migrate.url",
            "The {role} {given!r} is neither a file path nor a database URL",
            role=role,
            given=_without_secret(given),
        ) from None
    backend = url.get_backend_name()
    if backend not in ENGINES:
        raise ValidationError(
            "migrate.engine",
            "The {role} is a {backend} database; a desk lives in SQLite or PostgreSQL "
            "(postgresql+psycopg://…)",
            role=role,
            backend=backend,
        )
    if backend == "sqlite":
        if not url.database or url.database == ":memory:" or url.database.startswith("file:"):
            raise ValidationError(
                "migrate.memory",
                "The {role} must be a SQLite file, not an in-memory database",
                role=role,
            )
        url = url.set(database=str(Path(url.database).expanduser().resolve()))
        if Path(str(url.database)).is_dir():
            raise ValidationError(
                "migrate.folder",
                "The {role} {path} is a folder; a SQLite desk is a file in it, e.g. {path}/desk.db",
                role=role,
                path=str(url.database),
            )
    try:
        dialect = url.get_dialect()
        dialect.import_dbapi()  # what create_engine would import, refused here in a sentence
        if dialect.is_async:
            raise ImportError(dialect.driver)
    except (NoSuchModuleError, ImportError):
        raise ValidationError(
            "migrate.driver",
            "The {role} {url} needs a database driver deskTUI does not have; "
            "write postgresql+psycopg://…",
            role=role,
            url=shown(url),
        ) from None
    return url


def _without_secret(given: str) -> str:
    """What a person typed, with anything between ``//`` and ``@`` (a password) left out."""
    scheme, sep, rest = given.partition("://")
    if sep and "@" in rest:
        return f"{scheme}://…@{rest.rpartition('@')[2]}"
    return given


def shown(url: URL) -> str:
    """A database as people read it: a SQLite desk by its file, a server by its URL
    without the password (an error message ends up in terminals and logs)."""
    if url.get_backend_name() == "sqlite":
        return str(url.database)
    return url.render_as_string(hide_password=True)


def _same_database(a: URL, b: URL) -> bool:
    if a.get_backend_name() != b.get_backend_name():
        return False
    if a.get_backend_name() == "sqlite":
        return Path(str(a.database)).resolve() == Path(str(b.database)).resolve()
    return (a.host or "", a.port, a.database) == (b.host or "", b.port, b.database)


def _exists(url: URL) -> bool:
    return url.get_backend_name() != "sqlite" or Path(str(url.database)).exists()


# -- looking at a database without changing it -----------------------------------------------


@dataclass
class _Peek:
    tables: set[str]
    revision: str | None
    filled: list[str] = field(default_factory=list)
    """Desk tables holding at least one row."""

    @property
    def foreign(self) -> list[str]:
        desk = {table.name for table in desk_tables()}
        return sorted(t for t in self.tables if t not in desk and not _is_bookkeeping(t))


def _plain_engine(url: URL) -> Engine:
    """An engine that changes nothing by connecting: a SQLite file opened read-only (the
    desk's own engines turn on WAL, which would rewrite a file that is no desk at all)."""
    if url.get_backend_name() == "sqlite":
        uri = Path(str(url.database)).as_uri() + "?mode=ro"
        return create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True))
    return create_engine(url)


def _peek(url: URL, role: str) -> _Peek:
    engine = _plain_engine(url)
    try:
        with engine.connect() as connection:
            names = set(inspect(connection).get_table_names())
            revision = None
            if "alembic_version" in names:
                revision = connection.execute(text("SELECT version_num FROM alembic_version"))
                revision = revision.scalar()
            filled = [
                table.name
                for table in desk_tables()
                if table.name in names
                and connection.execute(select(text("1")).select_from(table).limit(1)).first()
            ]
            return _Peek(names, revision, filled)
    except DBAPIError as error:
        raise _unreachable(url, role, error) from None
    finally:
        engine.dispose()


def _first_line(error: Exception) -> str:
    """The driver's own sentence, without SQLAlchemy's statement and parameters."""
    orig = error.orig if isinstance(error, DBAPIError) else error
    lines = str(orig).strip().splitlines() if orig else []
    return lines[0] if lines else "unknown error"


def _unreachable(url: URL, role: str, error: DBAPIError) -> StoreUnavailable:
    detail = _first_line(error)
    if url.get_backend_name() == "sqlite" and "not a database" in detail:
        return StoreUnavailable(
            "migrate.not_sqlite",
            "The {role} {where} is not a SQLite database",
            role=role,
            where=shown(url),
        )
    return StoreUnavailable(
        "migrate.unreachable",
        "Cannot open the {role} {where}: {detail}",
        role=role,
        where=shown(url),
        detail=detail,
    )


def _require_known_revision(revision: str, url: URL, role: str) -> None:
    from .migrate import known_revisions  # Alembic only when a migration runs

    if revision != HEAD_REVISION and revision not in known_revisions():
        raise ValidationError(
            "migrate.newer",
            "The {role} {where} was made by a newer deskTUI (schema {revision}); "
            "upgrade deskTUI first",
            role=role,
            where=shown(url),
            revision=revision,
        )


def _upgrade(db: Database, url: URL, role: str) -> None:
    """The schema brought to head by the migrations, with a sentence if the server refuses."""
    from .database import current_revision
    from .migrate import upgrade_to_head

    try:
        if current_revision(db) != HEAD_REVISION:
            upgrade_to_head(db)
    except DBAPIError as error:
        raise _unreachable(url, role, error) from None


# -- the source ------------------------------------------------------------------------------


def open_source(given: str, *, files: str | Path | None = None) -> Database:
    """The desk to migrate from, refused in a sentence unless it is one.

    An older desk is upgraded first, as opening it with any command does; a
    database that is no desk is never touched (it is looked at read-only).
    ``files`` is a server desk's attachment folder (a SQLite desk's is beside it).
    """
    url = parse_address(given, "source")
    if not _exists(url):
        raise NotFound("migrate.no_source", "There is no desk at {path}", path=shown(url))
    peek = _peek(url, "source")
    if peek.revision is None:
        raise ValidationError(
            "migrate.not_a_desk",
            "The source {where} is not a deskTUI desk (it has no desk schema)",
            where=shown(url),
        )
    _require_known_revision(peek.revision, url, "source")
    db = open_database(
        url.render_as_string(hide_password=False), upgrade=False, create=False, files=files
    )
    _upgrade(db, url, "source")
    return db


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
    if _same_database(source_url, url):
        raise ValidationError(
            "migrate.same", "The source and the target are the same database: {where}",
            where=shown(url),
        )  # fmt: skip
    existed = _exists(url)
    if existed:
        _require_empty(_peek(url, "target"), url)
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
        _upgrade(target, url, "target")
        report = _copy(source, target, made, on_rows)
    except DBAPIError as error:  # the connection dropped, a disk filled up, a lock held on
        made.undo()
        raise StoreUnavailable(
            "migrate.stopped",
            "The migration stopped, and the target holds none of the desk: {detail}",
            detail=_first_line(error),
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


def _require_empty(peek: _Peek, url: URL) -> None:
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
        _require_known_revision(peek.revision, url, "target")


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
            "The source desk has {count} attachment contents; give its file folder with "
            "--from-files DIR",
            count=len(digests),
        )
    if url.get_backend_name() != "sqlite" and target_files is None:
        raise ValidationError(
            "migrate.target_files",
            "The source desk has {count} attachment contents and a server desk keeps them in a "
            "folder of its own; give it with --files DIR (or DESKTUI_FILES)",
            count=len(digests),
        )
    store = BlobStore(source.files_dir, source.sharing)
    missing = sorted(d for d in digests if not store.exists(d))
    if missing:
        raise ValidationError(
            "migrate.blobs_missing",
            "{count} attachment contents are missing from the source's file store {root} "
            "(the first: {digest}); desktui db check lists them; nothing was changed",
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
            sums = {table.name: _copy_table(src, dst, table, on_rows) for table in desk_tables()}
            checks = [_check(table, *sums[table.name], dst) for table in desk_tables()]
            wrong = [check.table for check in checks if not check.ok]
            if wrong:
                raise ValidationError(
                    "migrate.verify",
                    "The copy did not verify: {tables} differ between the source and the "
                    "target after copying, so nothing was written",
                    tables=", ".join(wrong),
                )
            next_case = _carry_counters(src, dst)
    return _Copied(checks, files, next_case)


def _check(table: Table, rows: int, digest: str, dst: Connection) -> TableCheck:
    """The target's rows of ``table`` read back (inside the copy's transaction) against
    what was read from the source."""
    target_rows, target_digest = _checksum(dst, table)
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


# -- rows --------------------------------------------------------------------------------------


def _is_text(column: Any) -> bool:
    """A text column, seen through SQLModel's AutoString (a TypeDecorator, whose own
    ``python_type`` is ``object``); money is text on SQLite only, so it is not one."""
    kind = getattr(column.type, "impl_instance", column.type)
    return isinstance(kind, String) and not isinstance(column.type, DecimalType)


def _ordered(table: Table, dialect: str) -> Any:
    """All of a table's rows by primary key. Text keys are ordered by their bytes on
    PostgreSQL too (``COLLATE "C"``, SQLite's own order): a server's locale would
    otherwise read ``setting`` in another order and every checksum would differ."""
    keys = [
        column.collate("C") if dialect == "postgresql" and _is_text(column) else column
        for column in table.primary_key.columns
    ]
    return select(table).order_by(*keys)


def _copy_table(
    src: Connection, dst: Connection, table: Table, on_rows: OnRows | None
) -> tuple[int, str]:
    """Every row of ``table`` from ``src`` into ``dst``; the count and the checksum of what
    was read, computed exactly as ``_checksum`` computes it of the target."""
    columns = list(table.columns)
    # A computed column (the case's urgency) is the target's to compute.
    keep = [i for i, column in enumerate(columns) if column.computed is None]
    insert = _inserter(dst, table, [columns[i] for i in keep])
    limits = _length_limits(table, dst.dialect.name)
    hasher = hashlib.sha256()
    rows = 0
    result = src.execute(_ordered(table, src.dialect.name), execution_options={"yield_per": BATCH})
    for batch in result.partitions():
        values = []
        for row in batch:
            hasher.update(_line(row))
            for index, limit in limits:
                value = row[index]
                if isinstance(value, str) and len(value) > limit:
                    raise ValidationError(
                        "migrate.too_long",
                        "{row} has a {column} of {length:,} characters, more than the {limit:,} "
                        "the target's column takes; shorten it on the source, then migrate "
                        "again (nothing was changed)",
                        row=_row_name(table, row),
                        column=columns[index].name,
                        length=len(value),
                        limit=limit,
                    )
            values.append(tuple(row[i] for i in keep))
        try:
            insert(values)
        except (DBAPIError, dst.dialect.loaded_dbapi.Error) as error:
            raise ValidationError(
                "migrate.insert",
                "The target refused {first} … {last}: {detail}; nothing was changed",
                first=_row_name(table, batch[0]),
                last=_row_name(table, batch[-1]),
                detail=_first_line(error),
            ) from None
        rows += len(batch)
        if on_rows is not None:
            on_rows(len(batch))
    return rows, hasher.hexdigest()


def _inserter(dst: Connection, table: Table, columns: list[Any]) -> Callable[[list[Any]], None]:
    """How a batch of rows goes into the target: PostgreSQL's COPY, else one executemany.

    COPY took half the time of INSERTs here (10,000 cases 2.8 s against 4.8 s, 33,834 log
    lines 1.1 s against 2.1 s). The values first pass the columns' own bind processing
    (the desk's types: an instant to an aware UTC datetime, money to a Decimal), exactly
    what an INSERT would have done with them; the target's triggers fire for COPY too.
    """
    if dst.dialect.name == "postgresql":
        dialect = dst.dialect
        processors = [
            column.type.dialect_impl(dialect).bind_processor(dialect) for column in columns
        ]
        quote = dialect.identifier_preparer.quote
        names = ", ".join(quote(column.name) for column in columns)
        statement = f"COPY {quote(table.name)} ({names}) FROM STDIN"
        raw = dst.connection.driver_connection
        assert raw is not None

        def copy(batch: list[Any]) -> None:
            with raw.cursor() as cursor, cursor.copy(statement) as stream:
                for values in batch:
                    stream.write_row(
                        [f(v) if f else v for f, v in zip(processors, values, strict=True)]
                    )

        return copy
    keys = [column.key for column in columns]
    insert = table.insert()
    return lambda batch: dst.execute(insert, [dict(zip(keys, v, strict=True)) for v in batch])


def _length_limits(table: Table, dialect: str) -> list[tuple[int, int]]:
    """Columns whose length the target enforces (PostgreSQL's varchar(n); SQLite stores any
    length), so an over-long value is named rather than failing a whole batch."""
    if dialect == "sqlite":
        return []
    return [
        (index, column.type.length)
        for index, column in enumerate(table.columns)
        if _is_text(column) and getattr(column.type, "length", None)
    ]


def _row_name(table: Table, row: Any) -> str:
    """A row as a sentence names it: a case by its number, others by table and key."""
    from ..domain.values import case_number

    key = [row._mapping[column] for column in table.primary_key.columns]
    if table.name == "support_case":
        return case_number(key[0])
    return f"{table.name} row {', '.join(map(str, key))}"


def _checksum(connection: Connection, table: Table) -> tuple[int, str]:
    """Rows and SHA-256 of a table, read by primary key through the desk's column types."""
    hasher = hashlib.sha256()
    rows = 0
    statement = _ordered(table, connection.dialect.name)
    result = connection.execute(statement, execution_options={"yield_per": BATCH})
    for batch in result.partitions():
        for row in batch:
            hasher.update(_line(row))
        rows += len(batch)
    return rows, hasher.hexdigest()


def _line(row: Any) -> bytes:
    return _encode(tuple(row)).encode() + b"\n"


def _canonical(value: Any) -> Any:
    """One value as both engines give it back once normalized: the same figure, instant or
    day is the same JSON whichever engine stored it (PostgreSQL's numeric(24,8) pads
    ``1.5`` to ``1.50000000``; SQLite keeps instants as text), while a changed value,
    or a value of another type, is not. Tagged lists keep a Decimal, an instant or a day
    apart from text that happens to read the same."""
    if isinstance(value, Decimal):
        if value.is_finite():
            return ["decimal", "0" if value == 0 else format(value.normalize(), "f")]
        return ["decimal", str(value)]
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC)
        return ["instant", value.isoformat(timespec="microseconds")]
    if isinstance(value, date):
        return ["day", value.isoformat()]
    if isinstance(value, bytes | memoryview):
        return ["bytes", bytes(value).hex()]
    return [type(value).__name__, str(value)]


_encode = json.JSONEncoder(separators=(",", ":"), default=_canonical).encode
"""Text, integers, booleans and None are JSON as they are (``true`` is not ``1``, ``"1"``
is not ``1``); only other values reach ``_canonical``: most values of a row never pass
through Python code of ours (the checksum was the copy's largest cost)."""


# -- counters ----------------------------------------------------------------------------------


def _carry_counters(src: Connection, dst: Connection) -> int:
    """Each table's id counter set past the highest id the source ever gave (its own
    counter included: a case number is never given twice, even one whose case is gone).
    Returns the number the target gives its next case."""
    next_case = 1
    for table in desk_tables():
        column = table.autoincrement_column
        if column is None:
            continue
        top = max(_given(src, table, column), dst.execute(select(func.max(column))).scalar() or 0)
        _set_counter(dst, table, column, top)
        if table.name == "support_case":
            next_case = top + 1
    return next_case


def _given(connection: Connection, table: Table, column: Any) -> int:
    top = connection.execute(select(func.max(column))).scalar() or 0
    dialect = connection.dialect.name
    if dialect == "sqlite" and table.dialect_options["sqlite"]["autoincrement"]:
        counter = connection.execute(
            text("SELECT seq FROM sqlite_sequence WHERE name = :table"), {"table": table.name}
        ).scalar()
        return max(top, counter or 0)
    if dialect == "postgresql":
        sequence = connection.execute(
            text("SELECT pg_get_serial_sequence(:table, :column)"),
            {"table": table.name, "column": column.name},
        ).scalar()
        if sequence:
            # The name comes from the catalogue, already quoted as an identifier.
            last, called = connection.execute(
                text(f"SELECT last_value, is_called FROM {sequence}")
            ).one()
            return max(top, last if called else last - 1)
    return top


def _set_counter(connection: Connection, table: Table, column: Any, top: int) -> None:
    if connection.dialect.name == "postgresql":
        sequence = connection.execute(
            text("SELECT pg_get_serial_sequence(:table, :column)"),
            {"table": table.name, "column": column.name},
        ).scalar()
        if sequence:
            # RESTART, not setval(): it is part of the transaction, so a copy rolled back
            # leaves the target's counters where they were. (The name comes from the
            # catalogue, quoted; DDL takes no bound parameter, and ``top`` is an int.)
            connection.execute(text(f"ALTER SEQUENCE {sequence} RESTART WITH {int(top) + 1}"))
    elif table.dialect_options["sqlite"]["autoincrement"] and top > 0:
        params = {"top": top, "table": table.name}
        updated = connection.execute(
            text("UPDATE sqlite_sequence SET seq = :top WHERE name = :table"), params
        )
        if updated.rowcount == 0:
            connection.execute(
                text("INSERT INTO sqlite_sequence(name, seq) VALUES (:table, :top)"), params
            )


# -- checking two desks against each other -----------------------------------------------------


def verify(source: Database, target: Database) -> list[TableCheck]:
    """Every table of two desks compared by rows and checksum, as a migration compares them
    before it commits (each desk read in one snapshot)."""
    with _snapshot(source) as src, _snapshot(target) as dst:
        checks = []
        for table in desk_tables():
            rows, digest = _checksum(src, table)
            checks.append(_check(table, rows, digest, dst))
        return checks
