"""Opening a desk database: the engines, their settings, and the schema upgrade.

Nothing is created at import time: a ``Database`` exists only when a command
or the TUI opens one, so importing the store costs no I/O.
"""

from __future__ import annotations

import grp
import re
import sqlite3
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from ..domain.errors import DomainError, ValidationError
from .dialect import configure_postgresql, configure_sqlite
from .faults import StoreFault, fault_of, repair_companions
from .schema_names import HEAD_REVISION as HEAD_REVISION
from .sharing import (
    SQLITE_COMPANIONS,
    Sharing,
    group_id,
    require_group_folder,
    share_tree,
    sharing_of,
)


class StoreUnavailable(DomainError):
    """The database could not be reached, opened, or stayed locked past the busy timeout."""


@dataclass
class Database:
    url: str
    engine: Engine
    """Writes: short transactions that take the write lock at BEGIN."""
    read_engine: Engine
    """Reads: never take the write lock, so a long list query blocks no writer."""
    server_files: Path | None = None
    """A server database's file store, given by whoever opens it (``--files`` /
    ``DESKTUI_FILES``): a path is only meaningful on the machine that reads it, and a
    server desk's operators may mount the shared folder in different places."""

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def files_dir(self) -> Path | None:
        """Where attachment blobs live: beside the SQLite file; for a server database, the
        folder it was opened with (None: attachments cannot be stored or read)."""
        database = self.engine.url.database
        if self.dialect == "sqlite":
            if database and database != ":memory:":
                return files_dir_beside(Path(database))
            return None
        return self.server_files

    @property
    def sharing(self) -> Sharing:
        """Private, or shared with a group: read from the SQLite file's mode, or for a server
        database from its file store's folder (or the setgid folder it will be made in)."""
        database = self.engine.url.database
        try:
            if self.dialect == "sqlite" and database and database != ":memory:":
                return sharing_of(Path(database))
            if self.dialect != "sqlite" and self.server_files is not None:
                if self.server_files.exists():
                    return sharing_of(self.server_files)
                return _inherited(self.server_files.parent)
        except OSError:
            pass
        return Sharing()

    @property
    def shown_url(self) -> str:
        """The desk's URL as people read it: without its password."""
        return make_url(self.url).render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()
        self.read_engine.dispose()


def files_dir_beside(database: Path) -> Path:
    """A SQLite desk's file store: ``desk.db`` keeps its attachments in ``desk.files`` beside it
    (so a copy of both, under any name, is a whole desk)."""
    return database.parent / (database.stem + ".files")


def to_url(path_or_url: str) -> str:
    """A filesystem path becomes a SQLite URL; a URL is kept as given."""
    if "://" in path_or_url:
        return path_or_url
    return f"sqlite:///{Path(path_or_url).expanduser().resolve()}"


def open_database(
    path_or_url: str,
    *,
    upgrade: bool = True,
    create: bool = True,
    group: str | None = None,
    files: str | Path | None = None,
) -> Database:
    """Engines for a desk database, its schema brought up to date when ``upgrade``.

    ``files`` is where a server database's attachments live (a folder every operator
    reaches, made on the first attach); a SQLite desk keeps them beside its file and
    ignores it.

    A new SQLite desk is created private to its owner, or shared with ``group``
    (or with the group of a setgid, group-writable folder it is created in); an
    existing one given a ``group`` is handed to that group.

    Every way this can fail on a user's input (a bad URL, a missing driver, a
    file that cannot be opened) becomes a DomainError with a sentence.
    """
    if not create:
        _require_existing(path_or_url)
    try:
        return _open(path_or_url, upgrade=upgrade, create=create, group=group, files=files)
    except (NoSuchModuleError, ImportError):
        raise ValidationError(
            "db.driver",
            "{url!r} needs a database driver deskTUI does not have; use a SQLite file path "
            "or a postgresql+psycopg:// URL",
            url=shown(path_or_url),
        ) from None
    except DBAPIError as error:  # cannot connect; or the driver refuses an option of the URL
        fault = fault_of(error, path_or_url)  # a damaged file, a full disk: said as such
        if fault is not None:
            raise fault from None
        raise StoreUnavailable(
            "db.unavailable",
            "Cannot open the desk database {url!r}: {detail}",
            url=shown(path_or_url),
            detail=str(error.orig).splitlines()[0] if error.orig else "unknown error",
        ) from None


def shown(path_or_url: str) -> str:
    """A desk as people typed it, but a server's URL without its password: messages end up
    in terminals and logs."""
    if "://" not in path_or_url:
        return path_or_url
    try:
        return make_url(path_or_url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):  # a bad URL; a port that is no number
        return re.sub(r"(://[^/@]*?:)[^/@]*@", r"\1***@", path_or_url)


def _no_desk(path_or_url: str) -> StoreUnavailable:
    return StoreUnavailable(
        "db.missing",
        "There is no desk at {path}; create one with `desktui init` (or check --db / DESKTUI_DB)",
        path=shown(path_or_url),
    )


def _require_existing(path_or_url: str) -> None:
    """A mistyped --db must not leave a new empty desk behind."""
    try:
        parsed = make_url(to_url(path_or_url))
    except (ArgumentError, ValueError):  # a bad URL; a port that is no number
        return  # _open says what is wrong with it
    database = parsed.database
    if (
        parsed.get_backend_name() == "sqlite"
        and database
        and database != ":memory:"
        and not _exists(Path(database))
    ):
        raise _no_desk(database)


def _open(
    path_or_url: str,
    *,
    upgrade: bool,
    create: bool = True,
    group: str | None = None,
    files: str | Path | None = None,
) -> Database:
    url = to_url(path_or_url)
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):  # a bad URL; a port that is no number
        raise ValidationError(
            "db.url", "{url!r} is neither a file path nor a database URL", url=shown(path_or_url)
        ) from None
    created: Path | None = None
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and _prepare_sqlite_file(Path(database), group):
            created = Path(database)
        engine = create_engine(url)
        read_engine = create_engine(url)
        configure_sqlite(engine, write=True)
        configure_sqlite(read_engine, write=False)
    else:
        engine = create_engine(url, pool_pre_ping=True)
        configure_postgresql(engine)
        read_engine = engine
    server_files = None
    if files and parsed.get_backend_name() != "sqlite":
        server_files = Path(files).expanduser().resolve()
    db = Database(url=url, engine=engine, read_engine=read_engine, server_files=server_files)
    if not upgrade and create:
        return db
    try:
        revision = current_revision(db)
        if revision is None and not create:
            # A database without the desk's schema (a server's empty or unrelated database,
            # or a file that is no desk) is not made one by a mistyped --db.
            sqlite = parsed.get_backend_name() == "sqlite"
            raise _no_desk(parsed.database if sqlite and parsed.database else url)
        if upgrade and revision != HEAD_REVISION:
            from .migrate import upgrade_to_head  # Alembic is imported only when needed.

            upgrade_to_head(db)
    except BaseException as error:
        db.dispose()
        if created is not None and not _held_by_another(error):
            _remove_new_desk(created)
        raise
    return db


def _held_by_another(error: BaseException) -> bool:
    """True if ``error`` says another connection holds the desk: then another host is
    opening the new desk this one created, and removing its file under it would break
    theirs (SQLite then fails with "disk I/O error")."""
    if not isinstance(error, DBAPIError):
        return False
    orig = error.orig
    if isinstance(orig, sqlite3.OperationalError):
        return orig.sqlite_errorcode & 0xFF == sqlite3.SQLITE_BUSY
    return getattr(orig, "sqlstate", None) == "55P03"  # PostgreSQL's lock_not_available


def _prepare_sqlite_file(path: Path, group: str | None) -> bool:
    """Create a new desk's file (and its file store) with its modes before SQLite opens it;
    True if it made the file (False: the desk was there).

    SQLite creates ``-wal``/``-shm`` with the database file's own mode, so they
    follow; the folders get the setgid bit, so everything made in them later
    belongs to the desk's group whatever the creator's primary group is.
    """
    files_dir = files_dir_beside(path)
    sharing = Sharing(group_id(group)) if group else None
    try:
        if _exists(path):
            if path.is_dir():
                raise StoreFault(
                    "store.a_folder",
                    "Cannot use {path}: it is a folder where a file is expected",
                    path=str(path),
                )
            if not path.is_file():  # a pipe would hang SQLite, a device is no desk
                raise StoreFault(
                    "store.not_a_file",
                    "Cannot use {path}: it is not a regular file (a device, a pipe or a socket)",
                    path=str(path),
                )
            repair_companions(path)
            if sharing is not None:
                require_group_folder(path.parent, sharing)
                not_mine = share_tree(path, files_dir, sharing)
                if not_mine:
                    raise ValidationError(
                        "share.not_owner",
                        "Only their owner can give these files to the group: {paths}",
                        paths=", ".join(not_mine),
                    )
            return False
        if sharing is None:
            sharing = _inherited(path.parent)
        if path.parent.exists():
            require_group_folder(path.parent, sharing)
        sharing.make_dirs(path.parent)
        created = sharing.create_file(path)
        try:
            sharing.make_dirs(files_dir)
        except BaseException:
            if created:
                _remove_new_desk(path)
            raise
        return created
    except OSError as error:
        raise StoreUnavailable(
            "db.directory",
            "Cannot create the folder for the desk database {path!r}: {reason}",
            path=str(path),
            reason=error.strerror or str(error),
        ) from None


def _remove_new_desk(path: Path) -> None:
    """Take back a desk this process has just created and could not finish (a full disk,
    a migration that failed): a retry of ``desktui init`` then starts afresh instead of
    being refused by an empty file. Its file store goes only while it is empty."""
    for leftover in (path, *(path.with_name(path.name + s) for s in SQLITE_COMPANIONS)):
        leftover.unlink(missing_ok=True)
    files_dir = files_dir_beside(path)
    if files_dir.is_dir() and not files_dir.is_symlink():
        with suppress(OSError):  # not empty: someone's attachments, never removed here
            files_dir.rmdir()


def _exists(path: Path) -> bool:
    """Whether the desk file exists; a folder the user may not enter is said so, by its group."""
    try:
        path.stat()
    except FileNotFoundError:
        return False
    except PermissionError:
        try:
            group = grp.getgrgid(path.parent.stat().st_gid).gr_name
        except (KeyError, OSError):
            group = "?"
        raise StoreUnavailable(
            "db.permission",
            "You may not open the desk {path}: its folder lets in only its owner and the "
            "group {group}; ask an admin to add you to that group, then log in again",
            path=str(path),
            group=group,
        ) from None
    return True


def _inherited(folder: Path) -> Sharing:
    """A setgid folder its group may write to shares what is created in it with that group."""
    while not folder.exists():
        folder = folder.parent
    info = folder.stat()
    if info.st_mode & 0o2070 == 0o2070:
        return Sharing(info.st_gid)
    return Sharing()


def current_revision(db: Database) -> str | None:
    """The schema's migration revision, read cheaply (no Alembic import on every start)."""
    with db.read_engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
