"""Table rows ↔ domain objects. The only place that knows both shapes."""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal
from typing import Any

from ..domain.calendar import CalendarTask, Event
from ..domain.case import Case
from ..domain.comments import Comment
from ..domain.contracts import Contract, LedgerEntry, LedgerKind
from ..domain.enums import LogKind, PaymentStatus, QuoteStatus, Role, Status
from ..domain.files import Attachment
from ..domain.log import LogEntry
from ..domain.people import Area, Category, Client, Contact, User
from ..domain.quotes import Quote
from ..domain.surveys import Survey
from ..domain.timekeeping import TimeEntry
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
    SurveyRow,
    TaskRow,
    TimeEntryRow,
    UserRow,
)

E4 = Decimal(10_000)

# Case fields whose column has another name, and fields that are not columns.
_CASE_RENAMED = {"group": "group_name"}
_CASE_NOT_COLUMNS = {"quote", "pending_log"}
CASE_COLUMNS: dict[str, str] = {
    f.name: _CASE_RENAMED.get(f.name, f.name)
    for f in fields(Case)
    if f.name not in _CASE_NOT_COLUMNS
}


def _value(value: Any) -> Any:
    """Enums are stored as their codes."""
    return getattr(value, "value", value)


def case_to_row_values(case: Case) -> dict[str, Any]:
    values = {column: _value(getattr(case, name)) for name, column in CASE_COLUMNS.items()}
    quote = case.quote
    values.update(
        quote_status=quote.status.value,
        quote_price=quote.price,
        quote_currency=quote.currency,
        quote_minutes=quote.minutes,
        quote_message=quote.message,
        payment_status=quote.payment.value,
        quote_decided_by=quote.decided_by,
        quote_decided_at=quote.decided_at,
    )
    return values


def case_from_row(row: CaseRow) -> Case:
    kwargs = {name: getattr(row, column) for name, column in CASE_COLUMNS.items()}
    kwargs["quote"] = Quote(
        status=QuoteStatus(row.quote_status),
        price=row.quote_price,
        currency=row.quote_currency,
        minutes=row.quote_minutes,
        message=row.quote_message,
        payment=PaymentStatus(row.payment_status),
        decided_by=row.quote_decided_by,
        decided_at=row.quote_decided_at,
    )
    return Case(**kwargs)


def user_from_row(row: UserRow, area_ids: frozenset[int]) -> User:
    return User(
        id=row.id,
        login=row.login,
        name=row.name,
        role=Role(row.role),
        area_ids=area_ids,
        client_id=row.client_id,
        active=row.active,
    )


def user_to_row_values(user: User) -> dict[str, Any]:
    return {
        "login": user.login,
        "name": user.name,
        "role": user.role.value,
        "client_id": user.client_id,
        "active": user.active,
    }


def area_from_row(row: AreaRow) -> Area:
    return Area(id=row.id, name=row.name)


def category_from_row(row: CategoryRow) -> Category:
    return Category(id=row.id, name=row.name, area_id=row.area_id)


def client_from_row(row: ClientRow) -> Client:
    return Client(id=row.id, name=row.name)


def contact_from_row(row: ContactRow) -> Contact:
    return Contact(
        id=row.id, client_id=row.client_id, name=row.name, email=row.email, phone=row.phone
    )


def contract_from_row(row: ContractRow) -> Contract:
    return Contract(
        id=row.id,
        client_id=row.client_id,
        name=row.name,
        unit=row.unit,  # type: ignore[arg-type]
        total_units=row.total_units,
        start=row.start,
        end=row.end,
        status=row.status,  # type: ignore[arg-type]
    )


def contract_to_row_values(contract: Contract) -> dict[str, Any]:
    return {
        "client_id": contract.client_id,
        "name": contract.name,
        "unit": contract.unit.value,
        "total_units": contract.total_units,
        "start": contract.start,
        "end": contract.end,
        "status": contract.status.value,
    }


def ledger_from_row(row: LedgerRow) -> LedgerEntry:
    return LedgerEntry(
        id=row.id,
        contract_id=row.contract_id,
        case_id=row.case_id,
        units=Decimal(row.units_e4) / E4,
        kind=LedgerKind(row.kind),
        at=row.at,
        actor_id=row.actor_id,
        minutes=row.minutes,
        reverses_id=row.reverses_id,
    )


def ledger_to_row(entry: LedgerEntry) -> LedgerRow:
    scaled = entry.units * E4
    if scaled != scaled.to_integral_value():
        raise ValueError(f"ledger units {entry.units} finer than 1/10,000")
    return LedgerRow(
        contract_id=entry.contract_id,
        case_id=entry.case_id,
        units_e4=int(scaled),
        minutes=entry.minutes,
        kind=entry.kind.value,
        at=entry.at,
        actor_id=entry.actor_id,
        reverses_id=entry.reverses_id,
    )


def time_from_row(row: TimeEntryRow) -> TimeEntry:
    return TimeEntry(
        id=row.id,
        case_id=row.case_id,
        executor_id=row.executor_id,
        work_date=row.work_date,
        minutes=row.minutes,
        description=row.description,
        billable=row.billable,
        start=row.start_at,
        end=row.end_at,
        article=row.article,
        created_by=row.created_by,
    )


def time_to_row_values(entry: TimeEntry) -> dict[str, Any]:
    return {
        "case_id": entry.case_id,
        "executor_id": entry.executor_id,
        "work_date": entry.work_date,
        "minutes": entry.minutes,
        "description": entry.description,
        "billable": entry.billable,
        "start_at": entry.start,
        "end_at": entry.end,
        "article": entry.article,
        "created_by": entry.created_by,
    }


def event_from_row(row: EventRow) -> Event:
    return Event(
        id=row.id,
        case_id=row.case_id,
        title=row.title,
        kind=row.kind,  # type: ignore[arg-type]
        start=row.start_at,
        end=row.end_at,
        owner_id=row.owner_id,
        status=row.status,  # type: ignore[arg-type]
    )


def event_to_row_values(event: Event) -> dict[str, Any]:
    return {
        "case_id": event.case_id,
        "title": event.title,
        "kind": event.kind.value,
        "start_at": event.start,
        "end_at": event.end,
        "owner_id": event.owner_id,
        "status": event.status.value,
    }


def task_from_row(row: TaskRow) -> CalendarTask:
    return CalendarTask(
        id=row.id,
        case_id=row.case_id,
        title=row.title,
        due=row.due,
        owner_id=row.owner_id,
        status=row.status,  # type: ignore[arg-type]
    )


def task_to_row_values(task: CalendarTask) -> dict[str, Any]:
    return {
        "case_id": task.case_id,
        "title": task.title,
        "due": task.due,
        "owner_id": task.owner_id,
        "status": task.status.value,
    }


def attachment_from_row(row: AttachmentRow) -> Attachment:
    return Attachment(
        id=row.id,
        case_id=row.case_id,
        name=row.name,
        size=row.size,
        media_type=row.media_type,
        sha256=row.sha256,
        uploader_id=row.uploader_id,
        uploaded_at=row.uploaded_at,
        review=row.review,  # type: ignore[arg-type]
        reviewed_by=row.reviewed_by,
    )


def attachment_to_row_values(item: Attachment) -> dict[str, Any]:
    return {
        "case_id": item.case_id,
        "name": item.name,
        "size": item.size,
        "media_type": item.media_type,
        "sha256": item.sha256,
        "uploader_id": item.uploader_id,
        "uploaded_at": item.uploaded_at,
        "review": item.review.value,
        "reviewed_by": item.reviewed_by,
    }


def comment_from_row(row: CommentRow) -> Comment:
    return Comment(
        id=row.id,
        case_id=row.case_id,
        author_id=row.author_id,
        body=row.body,
        visibility=row.visibility,  # type: ignore[arg-type]
        created_at=row.created_at,
    )


def log_from_row(row: LogRow) -> LogEntry:
    return LogEntry(
        id=row.id,
        case_id=row.case_id,
        at=row.at,
        actor_id=row.actor_id,
        kind=LogKind(row.kind),
        field=row.field,
        old=row.old,
        new=row.new,
        from_status=Status(row.from_status) if row.from_status else None,
        to_status=Status(row.to_status) if row.to_status else None,
        note=row.note,
    )


def log_to_row(entry: LogEntry, case_id: int | None) -> LogRow:
    return LogRow(
        case_id=case_id,
        at=entry.at,
        actor_id=entry.actor_id,
        kind=entry.kind.value,
        field=entry.field,
        old=entry.old,
        new=entry.new,
        from_status=entry.from_status.value if entry.from_status else None,
        to_status=entry.to_status.value if entry.to_status else None,
        note=entry.note,
    )


def survey_from_row(row: SurveyRow) -> Survey:
    return Survey(
        id=row.id,
        case_id=row.case_id,
        respondent_id=row.respondent_id,
        score=row.score,
        comment=row.comment,
        answered_at=row.answered_at,
    )
