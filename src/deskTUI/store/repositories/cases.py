"""Cases and their history: add, read, save with the version check, find by the
list's query, and the SLA facts an escalation sweep reads."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from itertools import groupby
from typing import Any, NamedTuple

from sqlalchemy import literal_column
from sqlalchemy import select as sa_select
from sqlalchemy import text as sql_text
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import col, select

from ... import formats
from ...domain.case import Case
from ...domain.enums import LogKind, Status
from ...domain.errors import Conflict, NotFound, ValidationError
from ...domain.log import LogEntry
from ...domain.values import INT_MAX, case_number
from .. import converters as conv
from .. import sla_sql
from ..dialect import next_numbers, numbering_after
from ..schema_names import OPEN_SQL
from ..tables import CaseRow, LogRow, table_of
from .base import HOLD, _past_every_id, _Repository
from .people import UserRepository


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
        table = table_of(CaseRow)
        for numbered, run in groupby(cases, key=lambda case: case.id is not None):
            batch = list(run)
            for case in batch:
                self.check_new(case)
            numbers: Sequence[int | None]
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
        log = table_of(LogRow)
        entries: list[dict[str, Any]] = []
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
            query = select(col(CaseRow.id)).where(col(CaseRow.id).in_(chunk))
            found.update(i for i in self.session.exec(query) if i is not None)  # a key, never None
        return found

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
                sa_select(col(CaseRow.id))
                .where(col(CaseRow.id).in_(wanted))
                .order_by(col(CaseRow.id))
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
            # A sentence a person reads, in their locale's form; the store knows no zone.
            when = f"{formats.day_time(last.at.astimezone(UTC))} UTC"
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
        c = table_of(CaseRow).c
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
                        sla_sql.plus_minutes(
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
        c = table_of(CaseRow).c
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
        table = table_of(CaseRow)
        statement = (
            table.update()
            .where(table.c.id == case_id, table.c[column].is_(None))
            .values({column: at, "version": table.c.version + 1})
        )
        # On the session's connection, whose ``execute`` is typed to give the cursor's
        # result (the session's own says only ``Result``, which has no ``rowcount``); a
        # Core statement runs there anyway, in the session's transaction.
        return self.session.connection().execute(statement).rowcount == 1


class LogRepository(_Repository):
    def for_case(self, case_id: int) -> list[LogEntry]:
        query = select(LogRow).where(LogRow.case_id == case_id).order_by(col(LogRow.id))
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
