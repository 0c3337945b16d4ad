"""The unit of work: one short transaction, its repositories, and the clock.

``with UnitOfWork(db) as uow: ...; uow.commit()``: leaving the block without
``commit()`` rolls everything back, so a refusal half-way changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from types import TracebackType

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from ..domain.errors import Conflict
from .cancel import Cancel, Cancelled
from .clock import utc_now as utc_now  # re-exported: the clock services and tests use
from .database import Database, StoreUnavailable
from .dialect import BUSY_TIMEOUT_MS
from .faults import DamagedValue, fault_of
from .repositories import (
    AreaRepository,
    CalendarRepository,
    CaseRepository,
    ClientRepository,
    CommentRepository,
    ContractRepository,
    FileRepository,
    LogRepository,
    NotificationRepository,
    PresenceRepository,
    RecordRepository,
    SavedViewRepository,
    SettingsRepository,
    SurveyRepository,
    TimeRepository,
    TimerRepository,
    UserRepository,
)
from .repositories.mail import MailRepository
from .repositories.mail_intake import MailIntakeRepository
from .repositories.preferences import PreferenceRepository
from .repositories.survey_templates import SurveyTemplateRepository

Clock = Callable[[], datetime]


class UnitOfWork:
    """One transaction: ``with uow:`` opens it, ``uow.commit()`` commits it, leaving the
    block without a commit rolls it back.

    Blocks nest: inside an open block, ``with uow:`` and ``uow.commit()`` of a service
    called from it join the outer transaction (a commit only flushes), and the outermost
    block alone commits or rolls back. So one incoming e-mail can open a case through the
    same ``open_case`` the TUI calls, attach its files and record the message, all or
    nothing."""

    session: Session
    _depth: int = 0

    def __init__(
        self,
        db: Database,
        *,
        clock: Clock = utc_now,
        readonly: bool = False,
        cancel: Cancel | None = None,
    ) -> None:
        self.db = db
        self.clock = clock
        self.readonly = readonly
        self.cancel = cancel
        """Lets another thread abandon this unit's reads (the list's superseded queries)."""

    def now(self) -> datetime:
        return self.clock()

    def __enter__(self) -> UnitOfWork:
        if self._depth:
            self._depth += 1
            return self
        engine = self.db.read_engine if self.readonly else self.db.engine
        self.session = Session(engine, expire_on_commit=False, autoflush=False)
        s = self.session
        if self.readonly and engine.dialect.name == "postgresql":
            # One snapshot for the whole read, as a SQLite read transaction has: READ
            # COMMITTED gives each statement its own, so a screen or `db check` could read
            # the ledger before a finish committed and the case's status after it.
            s.connection(
                execution_options={
                    "isolation_level": "REPEATABLE READ",
                    "postgresql_readonly": True,
                }
            )
        self.users = UserRepository(s)
        self.areas = AreaRepository(s)
        self.clients = ClientRepository(s)
        self.contracts = ContractRepository(s)
        self.cases = CaseRepository(s)
        self.log = LogRepository(s)
        self.time = TimeRepository(s)
        self.calendar = CalendarRepository(s)
        self.files = FileRepository(s)
        self.comments = CommentRepository(s)
        self.surveys = SurveyRepository(s)
        self.survey_templates = SurveyTemplateRepository(s)
        self.notifications = NotificationRepository(s)
        self.settings = SettingsRepository(s)
        self.saved_views = SavedViewRepository(s)
        self.timers = TimerRepository(s)
        self.presence = PresenceRepository(s)
        self.preferences = PreferenceRepository(s)
        self.records = RecordRepository(s)
        self.mail = MailRepository(s)
        self.mail_intake = MailIntakeRepository(s)
        if self.cancel is not None:
            if self.cancel.cancelled:
                raise Cancelled
            self.cancel.attach(s.connection().connection.driver_connection)
        self._depth = 1
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._depth > 1:  # a nested block: the outermost one decides (and translates)
            self._depth -= 1
            return
        self._depth = 0
        if self.cancel is not None:
            self.cancel.attach(None)
        self.session.rollback()
        self.session.close()
        if self.cancel is not None and self.cancel.cancelled and exc is not None:
            raise Cancelled from exc  # "interrupted" is no failure: nobody waits for it
        if isinstance(exc, DBAPIError) and _sqlstate(exc) in CROSSED:
            raise Crossed(
                "store.crossed",
                "Another operator's change crossed this one at the same moment ({detail}); "
                "nothing was changed: try again",
                detail=_first_line(exc),
            ) from exc
        if isinstance(exc, DBAPIError) and _sqlstate(exc) == LOCK_TIMEOUT:
            raise StoreUnavailable(
                "store.held",
                "Another operator's change has held this record for more than {seconds} s; "
                "nothing was changed: try again in a moment",
                seconds=BUSY_TIMEOUT_MS // 1000,
            ) from exc
        if isinstance(exc, StaleDataError):
            raise Conflict(
                "store.stale",
                "Someone changed or removed this record after you opened it; nothing was "
                "changed: reload it to see theirs",
            ) from exc
        if isinstance(exc, (DBAPIError, DamagedValue)):
            fault = fault_of(exc, self.db.url)  # a damaged file, a full disk, a read-only -shm
            if fault is not None:
                raise fault from exc
        if isinstance(exc, OperationalError):
            raise StoreUnavailable(
                "store.unavailable",
                "The desk database is unavailable or busy ({detail}); nothing was changed",
                detail=str(exc.orig).splitlines()[0] if exc.orig else "unknown error",
            ) from exc
        if isinstance(exc, IntegrityError):
            raise _integrity_conflict(exc) from exc

    @property
    def nested(self) -> bool:
        """Inside a block of a block: a commit here is the outermost block's to make."""
        return self._depth > 1

    def commit(self) -> None:
        if self.nested:
            self.session.flush()
            return
        try:
            self.session.commit()
        except IntegrityError as error:
            self.session.rollback()
            raise _integrity_conflict(error) from error


LOCK_TIMEOUT = "55P03"
"""PostgreSQL's lock_not_available: a row stayed held past ``lock_timeout``."""
CROSSED = {"40001", "40P01"}
"""PostgreSQL's serialization failure and deadlock: the transaction was rolled back because
another one ran into it, and the same work tried again would go through."""


class Crossed(Conflict):
    """Two transactions ran into each other and the database undid this one; nothing was
    changed, and trying again is safe."""


def _sqlstate(error: DBAPIError) -> str | None:
    return getattr(error.orig, "sqlstate", None)


def _first_line(error: DBAPIError) -> str:
    return str(error.orig).splitlines()[0] if error.orig else "unknown error"


def _integrity_conflict(error: IntegrityError) -> Conflict:
    return Conflict(
        "store.integrity",
        "The change clashes with data saved meanwhile ({detail}); nothing was changed",
        detail=str(error.orig).splitlines()[0] if error.orig else "constraint",
    )
