"""Repositories: load and save domain objects, one short query at a time.

Each takes the unit of work's session; none commits. Lookups by id or name
raise ``NotFound`` with a sentence a person understands.

Holding rows. On SQLite a write transaction holds the whole database from its
BEGIN, so whatever it checked stays true until it commits. On PostgreSQL two
transactions interleave, so a rule checked on a read (the case is open, the
person logged nothing at that hour, one timer each, the last admin) holds only
if the row that guards it is held: ``lock=True`` / ``hold()`` read it with
``SELECT ... FOR NO KEY UPDATE`` (SQLite compiles that to a plain SELECT).
The row comes back as last committed, and every other writer that holds it
waits until this transaction ends. ``NO KEY`` lets rows that only refer to it
(a log line, a comment) be added meanwhile. Order, to never wait in a circle:
people first, then cases by ascending number, then what hangs from a case.
"""

from __future__ import annotations

from .case_records import CommentRepository, FileRepository, SurveyRepository
from .cases import CaseRepository, LogRepository, SlaFacts
from .contracts import ContractRepository
from .desk_state import PresenceRepository, SavedViewRepository, SettingsRepository
from .notifications import NotificationRepository
from .people import AreaRepository, ClientRepository, UserRepository
from .records import RecordRepository
from .work import CalendarRepository, TimeRepository, TimerRepository

__all__ = [
    "AreaRepository",
    "CalendarRepository",
    "CaseRepository",
    "ClientRepository",
    "CommentRepository",
    "ContractRepository",
    "FileRepository",
    "LogRepository",
    "NotificationRepository",
    "PresenceRepository",
    "RecordRepository",
    "SavedViewRepository",
    "SettingsRepository",
    "SlaFacts",
    "SurveyRepository",
    "TimeRepository",
    "TimerRepository",
    "UserRepository",
]
