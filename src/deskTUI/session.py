"""The operator's desk session: what the CLI and the TUI both need to work on a desk.

One object holds the desk database (opened on first use, from whichever thread asks
first), its units of work, the case list's fast reader, the acting operator, the
clock, the operator's zone and their unsaved drafts. The CLI builds one per command
(``cli.context.Context`` delegates to it); ``cli.cmd_tui`` builds one and hands it to
``DeskApp``; screens and dialogs reach it with ``session_of(self.app)``, never through
the app's class, so the UI's layers import downwards only.

Nothing here imports the ORM when the module loads: the TUI paints its first page
(read by ``ListReader`` with bare sqlite3) before SQLAlchemy is imported.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, Generic, TypeVar

from . import i18n
from .domain.people import User
from .locations import drafts_dir, server_files_dir
from .store.clock import utc_now
from .zone import local_zone

if TYPE_CHECKING:
    from .store.cancel import Cancel
    from .store.database import Database
    from .store.drafts import DraftStore
    from .store.list_reader import ListReader
    from .store.uow import UnitOfWork

Clock = Callable[[], datetime]
T = TypeVar("T")


class _Once(Generic[T]):
    """A part of the session built on first use, once, whichever thread asks first.
    Once built it is read without the lock: the event loop never waits for a worker
    still building another part under the same lock."""

    def __init__(self, lock: threading.Lock | threading.RLock, value: T | None = None) -> None:
        self.value = value
        self._lock = lock

    def get(self, build: Callable[[], T]) -> T:
        if (value := self.value) is not None:
            return value
        with self._lock:
            if self.value is None:
                self.value = build()
            return self.value


@dataclass(frozen=True)
class DeskAddress:
    """Where a desk is and how to open it: ``create`` it there if new (``admin init``,
    a demo), shared with the Unix ``group`` (default: the environment's), its attached
    files under ``files`` (a server desk's folder; default: the environment's)."""

    url: str
    create: bool = False
    group: str | None = None
    files: str | None = None

    def open(self) -> Database:
        from .store.database import open_database
        from .store.sharing import GROUP_ENV

        group = self.group or os.environ.get(GROUP_ENV) or None
        return open_database(
            self.url,
            create=self.create,
            group=group if self.create else None,
            files=server_files_dir(self.files),
        )


class DeskSession:
    """The desk as one operator works on it. ``db`` is the open database or a function
    that opens it (then on first use); ``actor`` the operator, or None to resolve them
    on first use from the operating system's login (``as_user``: an admin acting as
    someone else); ``reader`` the list's reader when one is open already (the TUI's
    fast start), else built from the database on first use.

    Safe from any thread: the workers of the TUI open the database, resolve the actor
    and build the reader and the drafts once, whichever asks first. Once built, a part
    is read without the lock: the event loop never waits for a worker opening the
    database just to learn who the operator is."""

    def __init__(
        self,
        db: Database | Callable[[], Database],
        *,
        actor: User | None = None,
        as_user: str | None = None,
        clock: Clock = utc_now,
        reader: ListReader | None = None,
        zone: tzinfo | None = None,
    ) -> None:
        # Two locks: opening the database (seconds, on a server) holds only its own, so
        # the parts that need no database are built meanwhile. Always taken in this
        # order (the actor is resolved under ``_lock``, reading the database); the
        # drafts build the reader and the actor under it again, hence reentrant.
        self._lock = threading.RLock()
        self._open_lock = threading.Lock()
        self._open_db: Callable[[], Database] | None = db if callable(db) else None
        self._db: _Once[Database] = _Once(self._open_lock, None if callable(db) else db)
        self._actor: _Once[User] = _Once(self._lock, actor)
        self._as_user = as_user
        self._reader: _Once[ListReader] = _Once(self._lock, reader)
        self._drafts: _Once[DraftStore] = _Once(self._lock)
        self.clock = clock
        """The desk's clock: aware UTC instants (tests freeze it)."""
        self.zone = zone or local_zone()
        """The operator's zone: days, weeks and timers split at their midnight."""
        self.language: str | None = None
        """The language the operator reads ("en", "es"), once ``speak`` chose it."""
        self.locale: str | None = None
        """The locale numbers and dates are written in ("es", "es_MX", "en"...), likewise."""

    @classmethod
    def at(
        cls, address: DeskAddress, *, as_user: str | None = None, clock: Clock = utc_now
    ) -> DeskSession:
        """A session on the desk at ``address``, opened when first used."""
        return cls(address.open, as_user=as_user, clock=clock)

    # -- the database and its units of work -------------------------------------------
    @property
    def db(self) -> Database:
        """The desk database (SQLAlchemy's engines), opened on first use."""
        return self._db.get(self._open)

    def _open(self) -> Database:
        assert self._open_db is not None  # one of the two is always given
        return self._open_db()

    def uow(self) -> UnitOfWork:
        from .store.uow import UnitOfWork

        return UnitOfWork(self.db, clock=self.clock)

    def read_uow(self, cancel: Cancel | None = None) -> UnitOfWork:
        """For reads that never take, nor wait for, the write lock (one snapshot, READ
        ONLY, on PostgreSQL), so they answer while others write; ``cancel`` can abandon
        one from another thread."""
        from .store.uow import UnitOfWork

        return UnitOfWork(self.db, clock=self.clock, readonly=True, cancel=cancel)

    # -- who works, and where ---------------------------------------------------------
    @property
    def actor(self) -> User:
        """The operator, resolved on first use. A read: every service checks the actor
        again inside its own transaction."""
        return self._actor.get(self._resolve_actor)

    def _resolve_actor(self) -> User:
        from .services.identity import resolve_actor

        return resolve_actor(self.read_uow(), as_user=self._as_user)

    @property
    def reader(self) -> ListReader:
        """The case list's read path (bare sqlite3 on a SQLite desk, no write lock)."""
        return self._reader.get(self._build_reader)

    def _build_reader(self) -> ListReader:
        from .store.list_reader import ListReader

        return ListReader.for_database(self.db)

    @property
    def drafts(self) -> DraftStore:
        """The operator's unsaved case edits on this desk, kept across sessions."""
        return self._drafts.get(self._build_drafts)

    def _build_drafts(self) -> DraftStore:
        from .store.drafts import DraftStore

        return DraftStore(drafts_dir(), self.reader.path, self.actor.login)

    @property
    def opened(self) -> bool:
        """Whether the database is open (the TUI's fast start paints before it is)."""
        return self._db.value is not None

    def started_fast(self, reader: ListReader, actor: User) -> None:
        """The reader and operator the TUI's fast start read with bare sqlite3, before
        the ORM was imported: the session uses them instead of building its own."""
        with self._lock:
            if self._reader.value is not None or self._actor.value is not None:
                raise RuntimeError("the session has a reader or an actor already")
            self._reader.value, self._actor.value = reader, actor

    def speak(self, environ: Mapping[str, str] | None = None) -> str:
        """Speak the operator's language in this process from now on, and say which:
        ``DESKTUI_LANG`` first, then their own setting on the desk (``user set
        --language``), then the session's locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``).
        Resolves the operator if need be (it reads the desk). Called again after they
        change their setting, it speaks the new one."""
        language = i18n.resolve(self.actor.language, environ)
        locale = i18n.resolve_locale(language, environ)
        i18n.use(language, locale)
        self.language, self.locale = language, locale
        return language

    def choose_language(self, language: str | None) -> str:
        """The operator just chose ``language`` ("es", "en"; None: their session's): kept
        for this session (the desk stores it: services.admin.set_language) and spoken."""
        self.actor.language = language
        return self.speak()

    def today(self) -> date:
        """The operator's calendar day now, in their zone."""
        return self.clock().astimezone(self.zone).date()

    def close(self) -> None:
        """Close the database's engines, if it was opened."""
        with self._open_lock:
            if self._db.value is not None:
                self._db.value.dispose()


def session_of(app: object) -> DeskSession:
    """The desk session of the running app, for screens and dialogs (``self.app``): typed,
    without importing the app's class. An app that holds none fails here, loudly."""
    session = getattr(app, "session", None)
    if not isinstance(session, DeskSession):
        raise TypeError(f"{type(app).__name__} holds no DeskSession")
    return session
