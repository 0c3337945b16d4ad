"""The two ends of a desk's copy: addresses as people type them, a look at a database
that changes nothing, and the source desk opened."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from ...domain.errors import NotFound, ValidationError
from ...store.database import HEAD_REVISION, Database, StoreUnavailable, open_database, to_url
from .report import ENGINES, SEEDED_BY_MIGRATIONS, desk_tables, is_bookkeeping

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


def same_database(a: URL, b: URL) -> bool:
    if a.get_backend_name() != b.get_backend_name():
        return False
    if a.get_backend_name() == "sqlite":
        return Path(str(a.database)).resolve() == Path(str(b.database)).resolve()
    return (a.host or "", a.port, a.database) == (b.host or "", b.port, b.database)


def database_exists(url: URL) -> bool:
    return url.get_backend_name() != "sqlite" or Path(str(url.database)).exists()


# -- looking at a database without changing it -----------------------------------------------


@dataclass
class Peek:
    tables: set[str]
    revision: str | None
    filled: list[str] = field(default_factory=list)
    """Desk tables holding at least one row."""

    @property
    def foreign(self) -> list[str]:
        desk = {table.name for table in desk_tables()}
        return sorted(t for t in self.tables if t not in desk and not is_bookkeeping(t))


def _plain_engine(url: URL) -> Engine:
    """An engine that changes nothing by connecting: a SQLite file opened read-only (the
    desk's own engines turn on WAL, which would rewrite a file that is no desk at all)."""
    if url.get_backend_name() == "sqlite":
        uri = Path(str(url.database)).as_uri() + "?mode=ro"
        return create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True))
    return create_engine(url)


def look_at(url: URL, role: str) -> Peek:
    engine = _plain_engine(url)
    try:
        with engine.connect() as connection:
            names = set(inspect(connection).get_table_names())
            revision: str | None = None
            if "alembic_version" in names:
                found = connection.execute(text("SELECT version_num FROM alembic_version"))
                revision = found.scalar()
            filled = [
                table.name
                for table in desk_tables()
                if table.name in names
                and table.name not in SEEDED_BY_MIGRATIONS
                and connection.execute(select(text("1")).select_from(table).limit(1)).first()
            ]
            return Peek(names, revision, filled)
    except DBAPIError as error:
        raise _unreachable(url, role, error) from None
    finally:
        engine.dispose()


def first_line(error: Exception) -> str:
    """The driver's own sentence, without SQLAlchemy's statement and parameters."""
    orig = error.orig if isinstance(error, DBAPIError) else error
    lines = str(orig).strip().splitlines() if orig else []
    return lines[0] if lines else "unknown error"


def _unreachable(url: URL, role: str, error: DBAPIError) -> StoreUnavailable:
    detail = first_line(error)
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


def require_known_revision(revision: str, url: URL, role: str) -> None:
    from ...store.migrate import known_revisions  # Alembic only when a migration runs

    if revision != HEAD_REVISION and revision not in known_revisions():
        raise ValidationError(
            "migrate.newer",
            "The {role} {where} was made by a newer deskTUI (schema {revision}); "
            "upgrade deskTUI first",
            role=role,
            where=shown(url),
            revision=revision,
        )


def upgrade_desk(db: Database, url: URL, role: str) -> None:
    """The schema brought to head by the migrations, with a sentence if the server refuses."""
    from ...store.database import current_revision
    from ...store.migrate import upgrade_to_head

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
    if not database_exists(url):
        raise NotFound("migrate.no_source", "There is no desk at {path}", path=shown(url))
    peek = look_at(url, "source")
    if peek.revision is None:
        raise ValidationError(
            "migrate.not_a_desk",
            "The source {where} is not a deskTUI desk (it has no desk schema)",
            where=shown(url),
        )
    require_known_revision(peek.revision, url, "source")
    db = open_database(
        url.render_as_string(hide_password=False), upgrade=False, create=False, files=files
    )
    upgrade_desk(db, url, "source")
    return db
