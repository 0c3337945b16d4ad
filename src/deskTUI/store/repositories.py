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

# builtins.list in the annotations of repositories that have a list() method:
# inside their class body, a bare list[...] names the method, not the type.
import builtins
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from itertools import groupby
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import func, literal_column
from sqlalchemy import select as sa_select
from sqlalchemy import text as sql_text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, SQLModel, col, select

from ..domain.calendar import CalendarTask, Event
from ..domain.case import Case
from ..domain.comments import Comment
from ..domain.contracts import Contract, LedgerEntry
from ..domain.enums import LogKind, Role, Status
from ..domain.errors import Conflict, NotFound, ValidationError, no_such
from ..domain.files import Attachment
from ..domain.log import LogEntry
from ..domain.people import Area, Category, Client, Contact, User
from ..domain.permissions import Scope
from ..domain.query import CaseQuery
from ..domain.surveys import Survey
from ..domain.timekeeping import TimeEntry
from ..domain.timers import RunningTimer
from ..domain.values import INT_MAX, case_number
from . import converters as conv
from . import list_sql
from .dialect import next_numbers, numbering_after
from .schema_names import OPEN_SQL
from .tables import (
    AreaRow,
    AttachmentRow,
    CaseRow,
    CategoryRow,
    ClientRow,
    CommentRow,
    ContactRow,
    ContractRow,
    EventRow,
    LedgerRow,
    LogRow,
    NotificationRow,
    PresenceRow,
    SavedViewRow,
    SettingRow,
    SurveyRow,
    TaskRow,
    TimeEntryRow,
    TimerRow,
    UserAreaRow,
    UserRow,
)

RowT = TypeVar("RowT", bound=SQLModel)


def _past_every_id(row_id: int) -> bool:
    """An id no row can have: past the largest integer every engine stores (PostgreSQL
    refuses even to compare its integer column with one, a driver error, not "no such")."""
    return not -INT_MAX <= row_id <= INT_MAX


def _unstorable(name: str) -> bool:
    """A name no row can have: every write refuses a NUL, and PostgreSQL refuses one even
    in a comparison (a driver error, not "no such"). Such a lookup finds nothing."""
    return "\x00" in name


HOLD: dict[str, Any] = {"key_share": True}
"""``with_for_update`` arguments for a held row: ``FOR NO KEY UPDATE`` on PostgreSQL."""


class _Repository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _row(self, table: type[RowT], row_id: int | None, what: str, lock: bool = False) -> RowT:
        row = None
        if row_id is not None and not _past_every_id(row_id):
            row = self.session.get(
                table, row_id, with_for_update=HOLD if lock else None, populate_existing=lock
            )
        if row is None:
            raise no_such(what, row_id)
        return row

    def _insert(self, row: RowT) -> RowT:
        self.session.add(row)
        self.session.flush()
        return row

    def _update(
        self, table: type[SQLModel], row_id: int | None, values: dict[str, Any], what: str
    ) -> None:
        row = self._row(table, row_id, what)
        for name, value in values.items():
            setattr(row, name, value)
        self.session.flush()


class UserRepository(_Repository):
    def _areas(self, user_id: int | None) -> frozenset[int]:
        rows = self.session.exec(select(UserAreaRow.area_id).where(UserAreaRow.user_id == user_id))
        return frozenset(rows)

    def add(self, user: User) -> User:
        row = self._insert(UserRow(**conv.user_to_row_values(user)))
        user.id = row.id
        self.set_areas(user)
        return user

    def save(self, user: User) -> None:
        self._update(UserRow, user.id, conv.user_to_row_values(user), "user")
        self.set_areas(user)

    def set_areas(self, user: User) -> None:
        current = self._areas(user.id)
        for area_id in current - user.area_ids:
            row = self.session.get(UserAreaRow, (user.id, area_id))
            self.session.delete(row)
        for area_id in user.area_ids - current:
            self.session.add(UserAreaRow(user_id=user.id, area_id=area_id))  # type: ignore[arg-type]
        self.session.flush()

    def get(self, user_id: int | None, *, lock: bool = False) -> User:
        row = self._row(UserRow, user_id, "user", lock)
        return conv.user_from_row(row, self._areas(row.id))

    def hold(self, user_id: int | None) -> None:
        """Hold the person's row until commit: what guards their timer and that their
        time entries never overlap (whoever logs it, on whichever case)."""
        self.session.execute(
            sa_select(UserRow.id).where(UserRow.id == user_id).with_for_update(**HOLD)
        )

    def hold_admins(self) -> None:
        """Hold every active admin's row until commit (by id): the desk keeps one, so two
        admins cannot each remove the other. A row changed meanwhile is read anew."""
        self.session.execute(
            sa_select(UserRow.id)
            .where(UserRow.role == Role.ADMIN.value, col(UserRow.active))
            .order_by(UserRow.id)
            .with_for_update(**HOLD)
        )

    def find(self, login: str, *, lock: bool = False) -> User | None:
        if _unstorable(login):
            return None
        query = select(UserRow).where(UserRow.login == login)
        if lock:
            query = query.with_for_update(**HOLD).execution_options(populate_existing=True)
        row = self.session.exec(query).first()
        return conv.user_from_row(row, self._areas(row.id)) if row else None

    def by_login(self, login: str, *, lock: bool = False) -> User:
        user = self.find(login, lock=lock)
        if user is None:
            raise NotFound("user.not_found", "There is no user {login!r} on this desk", login=login)
        return user

    def logins(self, ids: Iterable[int | None]) -> dict[int, str]:
        wanted = {i for i in ids if i is not None}
        if not wanted:
            return {}
        rows = self.session.exec(
            select(UserRow.id, UserRow.login).where(col(UserRow.id).in_(wanted))
        )
        return {row_id: login for row_id, login in rows if row_id is not None}

    def list(self, role: Role | None = None) -> builtins.list[User]:
        query = select(UserRow).order_by(UserRow.login)
        if role is not None:
            query = query.where(UserRow.role == role.value)
        return [conv.user_from_row(r, self._areas(r.id)) for r in self.session.exec(query)]

    def count_admins(self) -> int:
        query = select(func.count()).select_from(UserRow).where(UserRow.role == Role.ADMIN.value)
        return self.session.exec(query.where(col(UserRow.active))).one()

    def of_client(self, client_id: int) -> builtins.list[User]:
        query = select(UserRow).where(UserRow.client_id == client_id).where(col(UserRow.active))
        return [
            conv.user_from_row(r, frozenset())
            for r in self.session.exec(query.order_by(UserRow.login))
        ]

    def supervisors_of(self, area_id: int) -> builtins.list[User]:
        query = (
            select(UserRow)
            .join(UserAreaRow, col(UserAreaRow.user_id) == col(UserRow.id))
            .where(UserAreaRow.area_id == area_id, UserRow.role == Role.SUPERVISOR.value)
            .where(col(UserRow.active))
            .order_by(UserRow.id)  # the same order on both engines, whatever the plan
        )
        return [conv.user_from_row(r, self._areas(r.id)) for r in self.session.exec(query)]


class AreaRepository(_Repository):
    def add(self, area: Area) -> Area:
        if self.find(area.name) is not None:
            raise ValidationError(
                "area.exists", "There is already an area named {name!r}", name=area.name
            )
        area.id = self._insert(AreaRow(name=area.name)).id
        return area

    def get(self, area_id: int | None) -> Area:
        return conv.from_row(Area, self._row(AreaRow, area_id, "area"))

    def find(self, name: str) -> Area | None:
        if _unstorable(name):
            return None
        row = self.session.exec(
            select(AreaRow).where(func.lower(AreaRow.name) == name.lower())
        ).first()
        return conv.from_row(Area, row) if row else None

    def by_name(self, name: str) -> Area:
        area = self.find(name)
        if area is None:
            raise NotFound("area.not_found", "There is no area {name!r}", name=name)
        return area

    def list(self) -> builtins.list[Area]:
        return [
            conv.from_row(Area, r)
            for r in self.session.exec(select(AreaRow).order_by(AreaRow.name))
        ]

    def add_category(self, category: Category) -> Category:
        if self.find_category(category.name, category.area_id) is not None:
            raise ValidationError(
                "category.exists", "The area already has a category {name!r}", name=category.name
            )
        category.id = self._insert(CategoryRow(name=category.name, area_id=category.area_id)).id
        return category

    def category(self, category_id: int | None) -> Category:
        return conv.from_row(Category, self._row(CategoryRow, category_id, "category"))

    def find_category(self, name: str, area_id: int | None = None) -> Category | None:
        if _unstorable(name):
            return None
        query = select(CategoryRow).where(func.lower(CategoryRow.name) == name.lower())
        if area_id is not None:
            query = query.where(CategoryRow.area_id == area_id)
        rows = list(self.session.exec(query))
        if len(rows) > 1:
            areas = ", ".join(sorted(self.get(r.area_id).name for r in rows))
            raise ValidationError(
                "category.ambiguous",
                "Several areas have a category {name!r} ({areas}): name the area too",
                name=name,
                areas=areas,
            )
        return conv.from_row(Category, rows[0]) if rows else None

    def category_by_name(self, name: str, area_id: int | None = None) -> Category:
        category = self.find_category(name, area_id)
        if category is None:
            raise NotFound("category.not_found", "There is no category {name!r}", name=name)
        return category

    def any_category(self) -> bool:
        """Whether some area has a category (a case is filed under one)."""
        return self.session.exec(select(CategoryRow.id).limit(1)).first() is not None

    def categories(self, area_id: int | None = None) -> builtins.list[Category]:
        query = select(CategoryRow).order_by(CategoryRow.name)
        if area_id is not None:
            query = query.where(CategoryRow.area_id == area_id)
        return [conv.from_row(Category, r) for r in self.session.exec(query)]


class ClientRepository(_Repository):
    def add(self, client: Client) -> Client:
        if self.find(client.name) is not None:
            raise ValidationError(
                "client.exists", "There is already a client named {name!r}", name=client.name
            )
        client.id = self._insert(ClientRow(name=client.name)).id
        return client

    def get(self, client_id: int | None) -> Client:
        return conv.from_row(Client, self._row(ClientRow, client_id, "client"), contact_ids=[])

    def find(self, name: str) -> Client | None:
        if _unstorable(name):
            return None
        row = self.session.exec(
            select(ClientRow).where(func.lower(ClientRow.name) == name.lower())
        ).first()
        return conv.from_row(Client, row, contact_ids=[]) if row else None

    def by_name(self, name: str) -> Client:
        client = self.find(name)
        if client is None:
            raise NotFound("client.not_found", "There is no client {name!r}", name=name)
        return client

    def list(self) -> builtins.list[Client]:
        return [
            conv.from_row(Client, r, contact_ids=[])
            for r in self.session.exec(select(ClientRow).order_by(ClientRow.name))
        ]

    def has_any(self) -> bool:
        """Whether the desk has a client at all (one row read, whatever the desk's size)."""
        return self.session.exec(select(ClientRow.id).limit(1)).first() is not None

    def add_contact(self, contact: Contact) -> Contact:
        contact.id = self._insert(ContactRow(**conv.to_values(contact))).id
        return contact

    def contact(self, contact_id: int | None) -> Contact:
        return conv.from_row(Contact, self._row(ContactRow, contact_id, "contact"))

    def contact_by_name(self, client_id: int, name: str) -> Contact:
        query = select(ContactRow).where(
            ContactRow.client_id == client_id, func.lower(ContactRow.name) == name.lower()
        )
        row = None if _unstorable(name) else self.session.exec(query).first()
        if row is None:
            raise NotFound(
                "contact.not_found", "The client has no contact named {name!r}", name=name
            )
        return conv.from_row(Contact, row)

    def contacts(self, client_id: int) -> builtins.list[Contact]:
        query = (
            select(ContactRow).where(ContactRow.client_id == client_id).order_by(ContactRow.name)
        )
        return [conv.from_row(Contact, r) for r in self.session.exec(query)]


class ContractRepository(_Repository):
    def add(self, contract: Contract) -> Contract:
        contract.id = self._insert(ContractRow(**conv.to_values(contract))).id
        return contract

    def get(self, contract_id: int | None) -> Contract:
        return conv.from_row(Contract, self._row(ContractRow, contract_id, "contract"))

    def save(self, contract: Contract) -> None:
        self._update(ContractRow, contract.id, conv.to_values(contract), "contract")

    def list(self, client_id: int | None = None) -> builtins.list[Contract]:
        query = select(ContractRow).order_by(ContractRow.id)
        if client_id is not None:
            query = query.where(ContractRow.client_id == client_id)
        return [conv.from_row(Contract, r) for r in self.session.exec(query)]

    def post(self, entry: LedgerEntry) -> LedgerEntry:
        row = self._insert(conv.ledger_to_row(entry))
        return conv.ledger_from_row(row)

    def ledger(self, contract_id: int) -> builtins.list[LedgerEntry]:
        """The contract's ledger in date order (then id): the order people read it in, also
        when entries were written out of it (an import, the demo's back-dated history)."""
        query = (
            select(LedgerRow)
            .where(LedgerRow.contract_id == contract_id)
            .order_by(col(LedgerRow.at), col(LedgerRow.id))
        )
        return [conv.ledger_from_row(r) for r in self.session.exec(query)]

    def ledger_for_case(self, case_id: int) -> builtins.list[LedgerEntry]:
        query = select(LedgerRow).where(LedgerRow.case_id == case_id).order_by(LedgerRow.id)
        return [conv.ledger_from_row(r) for r in self.session.exec(query)]

    def used(self, contract_id: int) -> Decimal:
        """Used units: the SUM of the ledger, exact because units are integers of 1/10,000."""
        query = select(func.coalesce(func.sum(LedgerRow.units_e4), 0)).where(
            LedgerRow.contract_id == contract_id
        )
        return Decimal(self.session.exec(query).one()) / conv.E4


class SlaFacts(NamedTuple):
    """One case's SLA clocks' inputs, and what an escalation message names."""

    id: int
    title: str
    priority: str
    status: str
    area_id: int
    created_at: datetime
    updated_at: datetime
    first_response_at: datetime | None
    resolved_at: datetime | None
    closed_minutes: int
    escalated_response_at: datetime | None
    escalated_resolution_at: datetime | None


class CaseRepository(_Repository):
    def check_new(self, case: Case) -> None:
        """Refuse a new case no desk can store, before anything is written."""
        if case.id is not None and _past_every_id(case.id):
            raise ValidationError(
                "case.number_range",
                "{number} is past the last case number a desk can hold, {last}",
                number=case.number,
                last=case_number(INT_MAX),
            )

    def add(self, case: Case) -> Case:
        self.check_new(case)
        values = conv.case_to_row_values(case)
        if values["id"] is None:
            values.pop("id")  # the database numbers it; an import may bring its own number
        values.pop("version")
        row = self._insert(CaseRow(**values))
        if case.id is not None:
            numbering_after(self.session.connection(), CaseRow.__tablename__, "id", case.id)
        case.id = row.id
        case.version = row.version
        self._flush_log(case)
        return case

    def add_many(self, cases: Sequence[Case]) -> None:
        """``add`` for many new cases (an import) in two statements: the cases, then their
        histories, each one INSERT executed for every row. A case without a number takes
        the one ``add`` after ``add`` in this order would have given it (numbers are
        taken per run of unnumbered cases, after the numbered ones before them). Row by
        row through the ORM, 20,000 cases held the write lock for about 30 s."""
        connection = self.session.connection()
        table = CaseRow.__table__  # type: ignore[attr-defined]
        for numbered, run in groupby(cases, key=lambda case: case.id is not None):
            batch = list(run)
            for case in batch:
                self.check_new(case)
            if numbered:
                numbers = [case.id for case in batch]
            else:
                numbers = next_numbers(connection, table.name, "id", len(batch))
            rows = []
            for case, number in zip(batch, numbers, strict=True):
                case.id, case.version = number, 1
                rows.append(conv.case_to_row_values(case))
            connection.execute(table.insert(), rows)
            if numbered:
                top = max(case.id for case in batch if case.id is not None)
                numbering_after(connection, table.name, "id", top)
        log = LogRow.__table__  # type: ignore[attr-defined]
        entries = []
        for case in cases:
            entries.extend(conv.log_to_values(entry, case.id) for entry in case.pending_log)
            case.pending_log.clear()
        if entries:
            connection.execute(log.insert(), entries)

    def existing(self, case_ids: Iterable[int]) -> set[int]:
        """Which of ``case_ids`` are cases (read in slices: a statement binds a few
        thousand values at most)."""
        wanted = sorted({i for i in case_ids if not _past_every_id(i)})
        found: set[int] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            found.update(self.session.exec(select(CaseRow.id).where(col(CaseRow.id).in_(chunk))))
        return found  # type: ignore[return-value]

    def get(self, case_id: int, *, lock: bool = False) -> Case:
        """The case; with ``lock``, as last committed and held until commit (whoever else
        changes it, or adds time, files or a survey to it, waits)."""
        row = None
        if not _past_every_id(case_id):
            row = self.session.get(
                CaseRow, case_id, with_for_update=HOLD if lock else None, populate_existing=lock
            )
        if row is None:
            raise NotFound("case.not_found", "There is no case {case}", case=case_number(case_id))
        return conv.case_from_row(row)

    def hold(self, *case_ids: int | None) -> None:
        """Hold several cases at once, in ascending order (a transaction that needs two
        cases takes them so, and two such transactions never wait for each other in turn)."""
        wanted = sorted({i for i in case_ids if i is not None})
        if wanted:
            self.session.execute(
                sa_select(CaseRow.id)
                .where(col(CaseRow.id).in_(wanted))
                .order_by(CaseRow.id)
                .with_for_update(**HOLD)
            )

    def save(self, case: Case) -> None:
        """Write a changed case; refuse when someone saved it since it was read."""
        row = self.session.get(CaseRow, case.id)
        if row is None:
            raise NotFound("case.not_found", "There is no case {case}", case=case.number)
        if row.version != case.version:
            raise self._conflict(case)
        values = conv.case_to_row_values(case)
        values.pop("version")
        for name, value in values.items():
            setattr(row, name, value)
        try:
            self.session.flush()
        except StaleDataError:
            self.session.rollback()  # the failed flush ended the transaction; read who won anew
            raise self._conflict(case) from None
        case.version = row.version
        self._flush_log(case)

    def _conflict(self, case: Case) -> Conflict:
        last = self.session.exec(
            select(LogRow).where(LogRow.case_id == case.id).order_by(col(LogRow.id).desc())
        ).first()
        who = "someone"
        when = "just now"
        if last is not None:
            who = UserRepository(self.session).logins([last.actor_id]).get(last.actor_id or 0, who)
            when = last.at.strftime("%Y-%m-%d %H:%M UTC")
        return Conflict(
            "case.conflict",
            "{case} was changed by {who} at {when} after you opened it; reload it to see their change",
            case=case.number,
            who=who,
            when=when,
        )

    def _flush_log(self, case: Case) -> None:
        for entry in case.pending_log:
            self.session.add(conv.log_to_row(entry, case.id))
        case.pending_log.clear()
        self.session.flush()

    def ids(
        self,
        *,
        statuses: Sequence[Status] = (),
        assignee_id: int | None = None,
        unassigned: bool = False,
        client_id: int | None = None,
        area_ids: Sequence[int] | None = None,
        priority: str | None = None,
        limit: int = 200,
        offset: int = 0,
    ) -> list[int]:
        """Case ids for a plain filter, newest change first (the list screen has its own queries)."""
        query = select(CaseRow.id).order_by(col(CaseRow.updated_at).desc(), col(CaseRow.id).desc())
        if statuses:
            query = query.where(col(CaseRow.status).in_([s.value for s in statuses]))
        if assignee_id is not None:
            query = query.where(CaseRow.assignee_id == assignee_id)
        if unassigned:
            query = query.where(col(CaseRow.assignee_id).is_(None))
        if client_id is not None:
            query = query.where(CaseRow.client_id == client_id)
        if area_ids is not None:
            query = query.where(col(CaseRow.area_id).in_(list(area_ids)))
        if priority is not None:
            query = query.where(CaseRow.priority == priority)
        return [i for i in self.session.exec(query.limit(limit).offset(offset)) if i is not None]

    def _execute(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        connection = self.session.connection()
        if connection.dialect.name != "sqlite":
            sql = sql.replace("?", "%s")  # the list SQL is written with qmarks; psycopg wants %s
            params = list_sql.server_params(params)
        return [tuple(row) for row in connection.exec_driver_sql(sql, tuple(params))]

    def _plan(
        self,
        query: CaseQuery,
        scope: Scope,
        me: int | None,
        deadlines: list_sql.Deadlines | None,
        now: datetime | None,
    ) -> list_sql.ListQuery:
        dialect = self.session.connection().dialect.name
        return list_sql.list_query(self._execute, query, scope, me, deadlines, dialect, now)

    def search(
        self,
        query: CaseQuery,
        scope: Scope,
        me: int | None,
        *,
        sort: str = "updated",
        limit: int = 100,
        offset: int = 0,
        deadlines: list_sql.Deadlines | None = None,
        now: datetime | None = None,
    ) -> list[int]:
        """Ids of the visible cases matching the query, one page at a time; ``now``: the
        desk's clock, which ``age:`` and ``sla:soon`` count from (the deadlines' own)."""
        plan = self._plan(query, scope, me, deadlines, now)
        return list_sql.page_ids(self._execute, plan, sort, offset, limit)

    def count(
        self,
        query: CaseQuery,
        scope: Scope,
        me: int | None,
        deadlines: list_sql.Deadlines | None = None,
        *,
        cap: int | None = None,
        now: datetime | None = None,
    ) -> int:
        """How many visible cases match; with ``cap``, at most ``cap + 1``."""
        plan = self._plan(query, scope, me, deadlines, now)
        return list_sql.count_cases(self._execute, plan, cap)

    def exists(self, case_id: int) -> bool:
        return not _past_every_id(case_id) and self.session.get(CaseRow, case_id) is not None

    def escalation_candidates(
        self, late: dict[str, tuple[datetime, datetime]], response_minutes: dict[str, int]
    ) -> list[int]:
        """Open cases that may have breached a target not escalated yet, in number order:
        per priority, those created before its deadlines counted back from now (``late``,
        as ``domain.sla.late_before`` gives them) and, for the first response, still
        unanswered or answered more than ``response_minutes`` after they were opened.

        Read through two partial indexes of the cases still watched (migration 0007):
        19 s at 100k cases when each open case was loaded instead. A superset on purpose
        (a reopened case's time spent finished, a second's rounding): ``sla_state``
        decides.
        """
        c = CaseRow.__table__.c  # type: ignore[attr-defined]
        found: set[int] = set()
        # The index's own WHERE, written as it is: SQLite uses a partial index only when
        # the query repeats its condition, and a bound IN list would not.
        still_open = sql_text(OPEN_SQL)
        dialect = self.session.connection().dialect.name
        for priority, (answer_before, resolve_before) in late.items():
            unanswered = sa_select(c.id).where(
                still_open,
                c.escalated_response_at.is_(None),
                c.priority == priority,
                c.created_at < answer_before,
                c.first_response_at.is_(None)
                | (
                    c.first_response_at
                    > literal_column(
                        list_sql.plus_minutes(
                            "support_case.created_at", str(int(response_minutes[priority])), dialect
                        )
                    )
                ),
            )
            unresolved = sa_select(c.id).where(
                still_open,
                c.escalated_resolution_at.is_(None),
                c.priority == priority,
                c.created_at < resolve_before,
            )
            for statement in (unanswered, unresolved):
                found.update(self.session.execute(statement).scalars())
        return sorted(found)

    def sla_facts(self, ids: Sequence[int]) -> list[SlaFacts]:
        """What the SLA clocks and an escalation need of these cases, without loading them."""
        if not ids:
            return []
        c = CaseRow.__table__.c  # type: ignore[attr-defined]
        statement = (
            sa_select(*(c[name] for name in SlaFacts._fields))
            .where(c.id.in_(list(ids)))
            .order_by(c.id)
        )
        return [SlaFacts(*row) for row in self.session.execute(statement)]

    def mark_escalated(self, case_id: int, column: str, at: datetime) -> bool:
        """Set one escalation timestamp if still unset; True only for the one caller that set it.

        A single conditional UPDATE: two operators sweeping at once cannot
        both escalate the same breach.
        """
        table = CaseRow.__table__
        statement = (
            table.update()  # type: ignore[attr-defined]
            .where(table.c.id == case_id, table.c[column].is_(None))
            .values({column: at, "version": table.c.version + 1})
        )
        return self.session.execute(statement).rowcount == 1


class LogRepository(_Repository):
    def for_case(self, case_id: int) -> list[LogEntry]:
        query = select(LogRow).where(LogRow.case_id == case_id).order_by(LogRow.id)
        return [conv.log_from_row(r) for r in self.session.exec(query)]

    def record(
        self, case_id: int | None, at: datetime, actor_id: int | None, kind: LogKind, **details: Any
    ) -> None:
        """Append one line for a record that is not the case itself (a time entry, a file…)."""
        self.append([LogEntry(case_id=case_id, at=at, actor_id=actor_id, kind=kind, **details)])

    def append(self, entries: Iterable[LogEntry]) -> None:
        for entry in entries:
            self.session.add(conv.log_to_row(entry, entry.case_id))
        self.session.flush()


class TimeRepository(_Repository):
    def add(self, entry: TimeEntry) -> TimeEntry:
        entry.id = self._insert(TimeEntryRow(**conv.to_values(entry, conv.TIMED))).id
        return entry

    def get(self, entry_id: int, *, lock: bool = False) -> TimeEntry:
        row = self._row(TimeEntryRow, entry_id, "time entry", lock)
        return conv.from_row(TimeEntry, row, conv.TIMED)

    def save(self, entry: TimeEntry) -> None:
        self._update(TimeEntryRow, entry.id, conv.to_values(entry, conv.TIMED), "time entry")

    def delete(self, entry_id: int) -> None:
        self.session.delete(self._row(TimeEntryRow, entry_id, "time entry"))
        self.session.flush()

    def for_case(self, case_id: int) -> list[TimeEntry]:
        query = (
            select(TimeEntryRow)
            .where(TimeEntryRow.case_id == case_id)
            .order_by(TimeEntryRow.work_date, TimeEntryRow.start_at, TimeEntryRow.id)
        )
        return [conv.from_row(TimeEntry, r, conv.TIMED) for r in self.session.exec(query)]

    def for_executor(self, executor_id: int, first: date, last: date) -> list[TimeEntry]:
        """One person's entries whose work date lies in [first, last], in time order."""
        query = (
            select(TimeEntryRow)
            .where(
                TimeEntryRow.executor_id == executor_id,
                col(TimeEntryRow.work_date) >= first,
                col(TimeEntryRow.work_date) <= last,
            )
            .order_by(TimeEntryRow.work_date, TimeEntryRow.start_at, TimeEntryRow.id)
        )
        return [conv.from_row(TimeEntry, r, conv.TIMED) for r in self.session.exec(query)]

    def overlapping(self, executor_id: int, start: datetime, end: datetime) -> list[TimeEntry]:
        """The executor's timed entries that overlap [start, end), on any case."""
        query = (
            select(TimeEntryRow)
            .where(
                TimeEntryRow.executor_id == executor_id,
                col(TimeEntryRow.start_at) < end,
                col(TimeEntryRow.end_at) > start,
            )
            .order_by(TimeEntryRow.start_at, TimeEntryRow.id)
        )
        return [conv.from_row(TimeEntry, r, conv.TIMED) for r in self.session.exec(query)]


class CalendarRepository(_Repository):
    def add_event(self, event: Event) -> Event:
        event.id = self._insert(EventRow(**conv.to_values(event, conv.TIMED))).id
        return event

    def event(self, event_id: int, *, lock: bool = False) -> Event:
        return conv.from_row(Event, self._row(EventRow, event_id, "event", lock), conv.TIMED)

    def save_event(self, event: Event) -> None:
        self._update(EventRow, event.id, conv.to_values(event, conv.TIMED), "event")

    def events_for_case(self, case_id: int) -> list[Event]:
        query = (
            select(EventRow)
            .where(EventRow.case_id == case_id)
            .order_by(EventRow.start_at, EventRow.id)  # ties in the order they were made
        )
        return [conv.from_row(Event, r, conv.TIMED) for r in self.session.exec(query)]

    def events_between(
        self, owner_ids: Sequence[int], start: datetime, end: datetime
    ) -> list[Event]:
        query = (
            select(EventRow)
            .where(col(EventRow.owner_id).in_(list(owner_ids)))
            .where(col(EventRow.start_at) < end, col(EventRow.end_at) > start)
            .order_by(EventRow.start_at, EventRow.id)
        )
        return [conv.from_row(Event, r, conv.TIMED) for r in self.session.exec(query)]

    def add_task(self, task: CalendarTask) -> CalendarTask:
        task.id = self._insert(TaskRow(**conv.to_values(task))).id
        return task

    def task(self, task_id: int, *, lock: bool = False) -> CalendarTask:
        return conv.from_row(CalendarTask, self._row(TaskRow, task_id, "task", lock))

    def save_task(self, task: CalendarTask) -> None:
        self._update(TaskRow, task.id, conv.to_values(task), "task")

    def tasks_for_case(self, case_id: int) -> list[CalendarTask]:
        query = select(TaskRow).where(TaskRow.case_id == case_id).order_by(TaskRow.due, TaskRow.id)
        return [conv.from_row(CalendarTask, r) for r in self.session.exec(query)]

    def tasks_between(
        self, owner_ids: Sequence[int], first: date, last: date
    ) -> list[CalendarTask]:
        query = (
            select(TaskRow)
            .where(col(TaskRow.owner_id).in_(list(owner_ids)))
            .where(col(TaskRow.due) >= first, col(TaskRow.due) <= last)
            .order_by(TaskRow.due, TaskRow.id)
        )
        return [conv.from_row(CalendarTask, r) for r in self.session.exec(query)]


class FileRepository(_Repository):
    def add(self, item: Attachment) -> Attachment:
        item.id = self._insert(AttachmentRow(**conv.to_values(item))).id
        return item

    def get(self, file_id: int, *, lock: bool = False) -> Attachment:
        return conv.from_row(Attachment, self._row(AttachmentRow, file_id, "file", lock))

    def save(self, item: Attachment) -> None:
        self._update(AttachmentRow, item.id, conv.to_values(item), "file")

    def for_case(self, case_id: int) -> list[Attachment]:
        query = (
            select(AttachmentRow).where(AttachmentRow.case_id == case_id).order_by(AttachmentRow.id)
        )
        return [conv.from_row(Attachment, r) for r in self.session.exec(query)]


class CommentRepository(_Repository):
    def add(self, comment: Comment) -> Comment:
        comment.id = self._insert(CommentRow(**conv.to_values(comment))).id
        return comment

    def for_case(self, case_id: int, *, public_only: bool = False) -> list[Comment]:
        query = select(CommentRow).where(CommentRow.case_id == case_id)
        if public_only:
            query = query.where(CommentRow.visibility == "public")
        return [conv.from_row(Comment, r) for r in self.session.exec(query.order_by(CommentRow.id))]


class SurveyRepository(_Repository):
    def add(self, survey: Survey) -> Survey:
        survey.id = self._insert(SurveyRow(**conv.to_values(survey))).id
        return survey

    def for_case(self, case_id: int) -> Survey | None:
        row = self.session.exec(select(SurveyRow).where(SurveyRow.case_id == case_id)).first()
        return conv.from_row(Survey, row) if row else None

    def totals_by(
        self, column: str, area_ids: frozenset[int] | None = None
    ) -> list[tuple[Any, int, int]]:
        """(key, answers, sum of scores) per key, added up by the database (GROUP BY): key
        is a case column (assignee_id, area_id, category_id) or ``month``, the answer's
        UTC year-month ``2026-03``. ``area_ids``: only those areas' cases (None: all).

        The surveys drive the query, each finding its case by primary key. Joined plainly,
        SQLite's planner walked a million cases by their area index instead, looking for
        each one's survey (1.9 s on the 1M demo desk with 126k surveys); as a correlated
        lookup 0.2 s. PostgreSQL hash-joins the plain join."""
        sqlite = self.session.get_bind().dialect.name != "postgresql"

        def of_case(name: str) -> Any:
            if sqlite:
                return (
                    sa_select(getattr(CaseRow, name))
                    .where(col(CaseRow.id) == col(SurveyRow.case_id))
                    .scalar_subquery()
                )
            return getattr(CaseRow, name)

        if column == "month":
            if sqlite:  # stored as UTC text, "2026-03-02 12:00:00.000000"
                key: Any = func.substr(col(SurveyRow.answered_at), 1, 7)
            else:
                at_utc = func.timezone("UTC", col(SurveyRow.answered_at))
                key = func.to_char(at_utc, "YYYY-MM")
        else:
            key = of_case(column)
        query = sa_select(key, func.count(), func.sum(col(SurveyRow.score))).select_from(SurveyRow)
        if not sqlite:
            query = query.join(CaseRow, col(CaseRow.id) == col(SurveyRow.case_id))
        if area_ids is not None:
            query = query.where(of_case("area_id").in_(sorted(area_ids)))
        query = query.group_by(key)
        return [(k, int(n), int(total)) for k, n, total in self.session.execute(query)]


def _about_what_they_see(sees: Scope | None) -> Any:
    """Notifications about no case, or about a case ``sees`` covers (None: any case).

    The case list's own visibility clause (``list_sql.scope_clause``), so the inbox and
    the list cannot disagree. ``IN (SELECT ...)``, read once, rather than one EXISTS probe
    per notification: a client's unread count over 200,000 notifications (20,000 cases)
    took 725 ms with the probes, 120 ms so (13 ms uncut)."""
    if sees is None or sees.everything:
        return sql_text("1 = 1")
    clause = list_sql.scope_clause(sees)
    names = [f"sees_{i}" for i in range(len(clause.params))]
    text = clause.text
    for name in names:
        text = text.replace("?", f":{name}", 1)
    visible = sql_text(
        f"notification.case_id IN (SELECT c.id FROM support_case c WHERE {text})"
    ).bindparams(**dict(zip(names, clause.params, strict=True)))
    return col(NotificationRow.case_id).is_(None) | visible


class NotificationRepository(_Repository):
    def add(self, user_id: int, case_id: int | None, kind: str, message: str, at: datetime) -> None:
        self._insert(
            NotificationRow(
                user_id=user_id, case_id=case_id, kind=kind, message=message, created_at=at
            )
        )

    def for_user(
        self,
        user_id: int,
        *,
        unread_only: bool = False,
        kind: str | None = None,
        limit: int | None = None,
        sees: Scope | None = None,
    ) -> list[NotificationRow]:
        """Newest first; with ``sees``, only those about no case or a case it covers."""
        query = select(NotificationRow).where(
            NotificationRow.user_id == user_id, _about_what_they_see(sees)
        )
        if unread_only:
            query = query.where(col(NotificationRow.read_at).is_(None))
        if kind is not None:
            query = query.where(NotificationRow.kind == kind)
        query = query.order_by(col(NotificationRow.id).desc())
        if limit is not None:
            query = query.limit(limit)
        return list(self.session.exec(query))

    def unread_count(self, user_id: int, sees: Scope | None = None) -> int:
        """One COUNT over ix_notification_user_read (user_id, read_at IS NULL)."""
        query = (
            sa_select(func.count())
            .select_from(NotificationRow)
            .where(
                NotificationRow.user_id == user_id,
                col(NotificationRow.read_at).is_(None),
                _about_what_they_see(sees),
            )
        )
        return int(self.session.execute(query).scalar_one())

    def owned(self, user_id: int, ids: Iterable[int], sees: Scope | None = None) -> set[int]:
        """Which of ``ids`` are notifications of ``user_id`` (in their inbox, with ``sees``)."""
        wanted = sorted({i for i in ids if not _past_every_id(i)})
        if not wanted:
            return set()
        query = sa_select(NotificationRow.id).where(
            NotificationRow.user_id == user_id,
            col(NotificationRow.id).in_(wanted),
            _about_what_they_see(sees),
        )
        return {row_id for (row_id,) in self.session.execute(query)}

    def exists(self, user_id: int, case_id: int, kind: str) -> bool:
        """Whether ``user_id`` was ever told ``kind`` about ``case_id`` (read or not)."""
        query = (
            sa_select(NotificationRow.id)
            .where(
                NotificationRow.user_id == user_id,
                NotificationRow.case_id == case_id,
                NotificationRow.kind == kind,
            )
            .limit(1)
        )
        return self.session.execute(query).first() is not None

    def mark_read(
        self,
        user_id: int,
        at: datetime,
        ids: Iterable[int] | None = None,
        *,
        case_id: int | None = None,
        kind: str | None = None,
    ) -> int:
        """Mark the user's unread notifications read (only those ``ids``, or of that case
        and kind, when given); how many were."""
        table = NotificationRow.__table__
        statement = (
            table.update()  # type: ignore[attr-defined]
            .where(table.c.user_id == user_id, table.c.read_at.is_(None))
            .values(read_at=at)
        )
        if ids is not None:
            wanted = sorted({i for i in ids if not _past_every_id(i)})
            if not wanted:
                return 0
            statement = statement.where(table.c.id.in_(wanted))
        if case_id is not None:
            statement = statement.where(table.c.case_id == case_id)
        if kind is not None:
            statement = statement.where(table.c.kind == kind)
        return self.session.execute(statement).rowcount


class SavedViewRepository(_Repository):
    def for_user(self, user_id: int) -> list[tuple[str, str]]:
        query = (
            select(SavedViewRow).where(SavedViewRow.user_id == user_id).order_by(SavedViewRow.name)
        )
        return [(r.name, r.query) for r in self.session.exec(query)]

    def put(self, user_id: int, name: str, text: str) -> None:
        """Save or replace the user's view of that name."""
        found = self.session.exec(
            select(SavedViewRow).where(SavedViewRow.user_id == user_id, SavedViewRow.name == name)
        ).first()
        if found is None:
            self.session.add(SavedViewRow(user_id=user_id, name=name, query=text))
        else:
            found.query = text
        self.session.flush()

    def delete(self, user_id: int, name: str) -> bool:
        found = self.session.exec(
            select(SavedViewRow).where(SavedViewRow.user_id == user_id, SavedViewRow.name == name)
        ).first()
        if found is None:
            return False
        self.session.delete(found)
        self.session.flush()
        return True


class TimerRepository(_Repository):
    """Running timers, one per operator (the user id is the table's key)."""

    def get(self, user_id: int) -> RunningTimer | None:
        row = self.session.get(TimerRow, user_id)
        return conv.from_row(RunningTimer, row) if row else None

    def put(self, timer: RunningTimer) -> None:
        row = self.session.get(TimerRow, timer.user_id)
        if row is None:
            self.session.add(TimerRow(**conv.to_values(timer)))
        else:
            row.case_id, row.started_at = timer.case_id, timer.started_at
            row.description = timer.description
        self.session.flush()

    def delete(self, user_id: int) -> None:
        row = self.session.get(TimerRow, user_id)
        if row is not None:
            self.session.delete(row)
            self.session.flush()


class PresenceRepository(_Repository):
    """Who has which case's edit form open: heartbeats, one row per editor and case."""

    def beat(self, case_id: int, user_id: int, now: datetime) -> None:
        """One statement (an upsert): two terminals of one editor beating at the same
        moment cannot both insert the row."""
        dialect = self.session.get_bind().dialect.name
        insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
        statement = (
            insert(PresenceRow.__table__)  # type: ignore[arg-type]
            .values(case_id=case_id, user_id=user_id, since=now, seen_at=now)
            .on_conflict_do_update(index_elements=["case_id", "user_id"], set_={"seen_at": now})
        )
        self.session.execute(statement)

    def leave(self, case_id: int, user_id: int) -> None:
        row = self.session.get(PresenceRow, (case_id, user_id))
        if row is not None:
            self.session.delete(row)
            self.session.flush()

    def seen_since(self, case_id: int, moment: datetime) -> list[tuple[int, datetime]]:
        """(user id, since) of everyone who beat on ``case_id`` at or after ``moment``."""
        rows = self.session.exec(
            select(PresenceRow)
            .where(PresenceRow.case_id == case_id, PresenceRow.seen_at >= moment)
            .order_by(PresenceRow.since, PresenceRow.user_id)  # type: ignore[arg-type]
        ).all()
        return [(row.user_id, row.since) for row in rows]


class SettingsRepository(_Repository):
    def get(self, key: str) -> str | None:
        row = self.session.get(SettingRow, key)
        return row.value if row else None

    def set(self, key: str, value: str) -> None:
        row = self.session.get(SettingRow, key)
        if row is None:
            self.session.add(SettingRow(key=key, value=value))
        else:
            row.value = value
        self.session.flush()

    def all(self) -> dict[str, str]:
        return {r.key: r.value for r in self.session.exec(select(SettingRow))}


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
    "SavedViewRepository",
    "SettingsRepository",
    "SurveyRepository",
    "TimeRepository",
    "UserRepository",
]
