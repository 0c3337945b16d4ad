"""The SQLModel tables. Converters (``converters.py``) map them to domain objects.

Tables are not domain classes: the domain stays free of the ORM, and the
schema can change (through migrations) without touching the rules.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import (
    BigInteger,
    Column,
    Computed,
    Index,
    Integer,
    Table,
    Text,
    UniqueConstraint,
    inspect,
    text,
)
from sqlmodel import Field, SQLModel

# The e-mail channel's tables (issue 22, 0019) and the surveys' (0014): modules of their
# own, registered here.
from . import mail_tables as mail_tables
from .name_keys import keep_name_keys, name_key_field
from .schema_names import (
    BOARD_INDEX,
    LINKS_INDEX,
    OPEN_SQL,
    SLA_WATCH_INDEXES,
    URGENCY_SQL,
    WAITING_INDEX,
)
from .survey_tables import SurveyTemplateRow as SurveyTemplateRow
from .types import DecimalType, UtcDateTime


def table_of(row: type[SQLModel]) -> Table:
    """The Core table behind a row class. SQLModel sets ``__table__`` on each table class
    without declaring it, so a type checker cannot see it there; the class's mapper names
    the same table, typed."""
    table = inspect(row).local_table
    assert isinstance(table, Table)  # a table class maps one table, never a join
    return table


def _utc(nullable: bool = True, index: bool = False) -> Any:
    return Field(default=None, sa_type=UtcDateTime, nullable=nullable, index=index)


def _money(default: Decimal | None = None, nullable: bool = True) -> Any:
    return Field(default=default, sa_type=DecimalType, nullable=nullable)


def _text(default: str = "") -> Any:
    return Field(default=default, sa_type=Text, nullable=False)


def _fk(target: str, *, nullable: bool = True, index: bool = True) -> Any:
    return Field(default=None, foreign_key=target, nullable=nullable, index=index)


class AreaRow(SQLModel, table=True):
    __tablename__: ClassVar[str] = "area"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=120)
    name_key: str = name_key_field()  # the name as compared, unique (0022, name_keys.py)
    active: bool = True  # a deactivated area is offered for no new case (0013)


class CategoryRow(SQLModel, table=True):
    __tablename__: ClassVar[str] = "category"
    __table_args__ = (
        UniqueConstraint("area_id", "name", name="uq_category_area_name"),
        Index("ix_category_area_name_key", "area_id", "name_key", unique=True),  # 0022
    )
    id: int | None = Field(default=None, primary_key=True)
    area_id: int = Field(foreign_key="area.id", index=True)
    name: str = Field(max_length=120)
    name_key: str = name_key_field(unique=False)
    active: bool = True


class ClientRow(SQLModel, table=True):
    __tablename__: ClassVar[str] = "client"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=120)
    name_key: str = name_key_field()
    active: bool = True


class ProjectRow(SQLModel, table=True):
    """Proyectos (0013): a case links to one; the free text of before migrated into them."""

    __tablename__: ClassVar[str] = "project"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=120)
    name_key: str = name_key_field()
    active: bool = True


class ServiceRow(SQLModel, table=True):
    """No inventariables (0013), as ``project``."""

    __tablename__: ClassVar[str] = "service"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=120)
    name_key: str = name_key_field()
    active: bool = True


class ContactRow(SQLModel, table=True):
    __tablename__: ClassVar[str] = "contact"
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", index=True)
    name: str = Field(max_length=120)
    name_key: str = name_key_field(unique=False)  # found by it; a client may have two (0022)
    email: str = Field(default="", max_length=120)
    phone: str = Field(default="", max_length=40)


class UserRow(SQLModel, table=True):
    __tablename__: ClassVar[str] = "desk_user"
    id: int | None = Field(default=None, primary_key=True)
    login: str = Field(unique=True, max_length=32)
    name: str = Field(default="", max_length=120)
    role: str = Field(max_length=16)
    client_id: int | None = _fk("client.id")
    active: bool = True
    language: str | None = Field(default=None, max_length=8)  # None: the session's locale


class OperatorPreferenceRow(SQLModel, table=True):
    """One operator's arrangement of the case view's tabs and the case list's columns
    (0016): comma lists of codes in order, a hidden one written ``-code``; NULL: the
    desk's default. Codes the desk no longer knows are ignored when read."""

    __tablename__: ClassVar[str] = "operator_preference"
    user_id: int = Field(foreign_key="desk_user.id", primary_key=True)
    case_tabs: str | None = Field(default=None, max_length=400)
    list_columns: str | None = Field(default=None, max_length=400)


class UserGrantRow(SQLModel, table=True):
    """A right an admin granted or revoked one person on top of their role (0012):
    ``effect`` ``grant`` or ``revoke``; ``area_id`` NULL reaches every case."""

    __tablename__: ClassVar[str] = "user_grant"
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="desk_user.id", index=True)
    action: str = Field(max_length=40)
    area_id: int | None = _fk("area.id", index=False)
    effect: str = Field(max_length=8)


class UserAreaRow(SQLModel, table=True):
    __tablename__: ClassVar[str] = "user_area"
    user_id: int = Field(foreign_key="desk_user.id", primary_key=True)
    area_id: int = Field(foreign_key="area.id", primary_key=True, index=True)


class ContractRow(SQLModel, table=True):
    __tablename__: ClassVar[str] = "contract"
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", index=True)
    name: str = Field(default="", max_length=120)
    name_key: str = name_key_field(unique=False)  # found by it, not unique (0022)
    unit: str = Field(max_length=16)
    total_units: Decimal = _money(nullable=False)
    start: date
    end: date
    status: str = Field(default="active", max_length=16)


def _queue_order() -> tuple[Any, ...]:
    return (
        text("urgency DESC"),
        text("level DESC"),
        text("(planned_close IS NULL)"),
        "planned_close",
        "created_at",
    )


_case_version = Column("version", Integer, nullable=False, default=1)


class CaseRow(SQLModel, table=True):
    """A case. ``id`` is the case number: AUTOINCREMENT so a number is never reused."""

    __tablename__: ClassVar[str] = "support_case"
    __table_args__ = (
        # One index per order the list offers, and per filter that narrows it to
        # one value, so every page is read in index order and never sorted
        # (store/list_sql.py picks among them; a test checks the plans).
        # Nothing may follow updated_at: the case number (the rowid every index
        # entry ends with) must come right after it, as the list's tie-break.
        Index("ix_case_updated", "updated_at"),
        Index("ix_case_status_updated", "status", "updated_at"),
        Index("ix_case_assignee_updated", "assignee_id", "updated_at"),
        Index("ix_case_reporter_updated", "reporter_id", "updated_at"),  # reporter: (0012)
        Index("ix_case_area_updated", "area_id", "updated_at"),
        Index("ix_case_client_updated", "client_id", "updated_at"),
        Index("ix_case_urgency_updated", "urgency", "updated_at"),
        Index("ix_case_project_updated", "project_id", "updated_at"),  # project: (0013)
        Index("ix_case_service_updated", "service_id", "updated_at"),  # service: (0013)
        Index("ix_case_contract_updated", "contract_id", "updated_at"),  # contract: (0016)
        Index("ix_case_contact_updated", "contact_id", "updated_at"),  # contact: (0016)
        Index("ix_case_queue", *_queue_order()),  # DOMAIN.md's "next to execute", after the breach
        Index("ix_case_assignee_queue", "assignee_id", *_queue_order()),  # an agent's own queue
        Index(  # the breached run of the queue: only open cases can be breached work
            "ix_case_open_queue",
            *_queue_order(),
            sqlite_where=text(OPEN_SQL),
            postgresql_where=text(OPEN_SQL),
        ),
        *(
            Index(name, *columns, sqlite_where=text(where), postgresql_where=text(where))
            for name, (columns, where) in SLA_WATCH_INDEXES.items()
        ),
        *(
            Index(name, *columns, sqlite_where=text(where), postgresql_where=text(where))
            for name, columns, where in (BOARD_INDEX, WAITING_INDEX, LINKS_INDEX)
        ),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column=_case_version)
    title: str = Field(max_length=200)
    client_id: int = Field(foreign_key="client.id")
    contact_id: int | None = _fk("contact.id")
    coordinator_id: int | None = _fk("desk_user.id", index=False)
    assignee_id: int | None = _fk("desk_user.id", index=False)
    reporter_id: int | None = _fk("desk_user.id")
    area_id: int = Field(foreign_key="area.id")
    category_id: int = Field(foreign_key="category.id", index=True)
    group_name: str = Field(default="", max_length=120)
    # Indexed (0017): the articles' look-up reads the distinct products of the desk.
    product: str = Field(default="", max_length=120, index=True)
    case_class: str = Field(default="", max_length=120)
    service_id: int | None = _fk("service.id", index=False)  # ix_case_service_updated
    support_type: str = Field(default="", max_length=120)
    priority: str = Field(default="medium", max_length=16)
    urgency: int | None = Field(
        default=None,
        sa_column=Column("urgency", Integer, Computed(URGENCY_SQL), nullable=True),
    )
    """The priority as a number to sort by (critical 3 … low 0), computed by the database."""
    importance: str = Field(default="medium", max_length=16)
    status: str = Field(default="new", max_length=16)
    stage: str = Field(default="", max_length=16)
    progress: int = 0
    internal: bool = False
    origin: str = Field(default="", max_length=16)
    planned_start: date | None = None
    planned_close: date | None = None
    description: str = _text()
    solution: str = _text()
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False, index=True)
    updated_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    estimate_minutes: int | None = None
    complexity: str = Field(default="medium", max_length=16)
    level: int = 0
    billable: bool = False
    cost_per_hour: Decimal = _money(Decimal(0), nullable=False)
    owner_id: int | None = _fk("desk_user.id", index=False)
    reviewer_id: int | None = _fk("desk_user.id", index=False)
    contract_id: int | None = _fk("contract.id")
    project_id: int | None = _fk("project.id", index=False)  # ix_case_project_updated
    sale_order: str = Field(default="", max_length=120)
    chat_channel: str = Field(default="", max_length=200)
    quote_status: str = Field(default="pending", max_length=16)
    quote_price: Decimal | None = _money()
    quote_currency: str | None = Field(default=None, max_length=3)
    quote_minutes: int | None = None
    quote_message: str = _text()
    payment_status: str = Field(default="unpaid", max_length=16)
    quote_decided_by: int | None = _fk("desk_user.id", index=False)
    quote_decided_at: datetime | None = _utc()
    first_response_at: datetime | None = _utc()
    resolved_at: datetime | None = _utc()
    closed_minutes: int = 0
    escalated_response_at: datetime | None = _utc()
    escalated_resolution_at: datetime | None = _utc()

    # Optimistic locking: every UPDATE says WHERE version = <the version read>,
    # so two saves of the same version cannot both win (ARCHITECTURE.md).
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _case_version}


class TimeEntryRow(SQLModel, table=True):
    __tablename__: ClassVar[str] = "time_entry"
    __table_args__ = (Index("ix_time_executor_start", "executor_id", "start_at"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="support_case.id", index=True)
    executor_id: int = Field(foreign_key="desk_user.id")
    work_date: date = Field(index=True)
    minutes: int
    description: str = _text()
    billable: bool = False
    start_at: datetime | None = _utc()
    end_at: datetime | None = _utc()
    article: str = Field(default="", max_length=120, index=True)
    created_by: int | None = _fk("desk_user.id", index=False)


class LedgerRow(SQLModel, table=True):
    """Contract consumption. Units are kept in ten-thousandths so SUM() is exact everywhere."""

    __tablename__: ClassVar[str] = "ledger_entry"
    id: int | None = Field(default=None, primary_key=True)
    contract_id: int = Field(foreign_key="contract.id", index=True)
    case_id: int = Field(foreign_key="support_case.id", index=True)
    units_e4: int = Field(sa_type=BigInteger)
    minutes: int = 0
    kind: str = Field(max_length=16)
    at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    actor_id: int | None = _fk("desk_user.id", index=False)
    reverses_id: int | None = Field(default=None, foreign_key="ledger_entry.id", unique=True)


class EventRow(SQLModel, table=True):
    __tablename__: ClassVar[str] = "calendar_event"
    __table_args__ = (Index("ix_event_owner_start", "owner_id", "start_at"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = _fk("support_case.id")
    title: str = Field(max_length=200)
    kind: str = Field(max_length=16)
    start_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    end_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    owner_id: int = Field(foreign_key="desk_user.id")
    status: str = Field(default="planned", max_length=16)


class TaskRow(SQLModel, table=True):
    __tablename__: ClassVar[str] = "calendar_task"
    __table_args__ = (Index("ix_task_owner_due", "owner_id", "due"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = _fk("support_case.id")
    title: str = Field(max_length=200)
    due: date
    owner_id: int = Field(foreign_key="desk_user.id")
    status: str = Field(default="not_started", max_length=16)


class AttachmentRow(SQLModel, table=True):
    __tablename__: ClassVar[str] = "attachment"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="support_case.id", index=True)
    name: str = Field(max_length=255)
    size: int = Field(sa_type=BigInteger)
    media_type: str = Field(max_length=120)
    sha256: str = Field(max_length=64, index=True)
    uploader_id: int = Field(foreign_key="desk_user.id")
    uploaded_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    review: str = Field(default="pending", max_length=16)
    reviewed_by: int | None = _fk("desk_user.id", index=False)
    review_reason: str = _text()  # issue 21 (migration 0018): why it was rejected


class CommentRow(SQLModel, table=True):
    __tablename__: ClassVar[str] = "case_comment"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="support_case.id", index=True)
    author_id: int = Field(foreign_key="desk_user.id")
    body: str = _text()
    visibility: str = Field(max_length=16)
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class LogRow(SQLModel, table=True):
    """The append-only log: database triggers refuse UPDATE and DELETE."""

    __tablename__: ClassVar[str] = "case_log"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = _fk("support_case.id")
    at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    actor_id: int | None = _fk("desk_user.id", index=False)
    kind: str = Field(max_length=16)
    field: str | None = Field(default=None, max_length=40)
    old: str | None = Field(default=None, sa_type=Text)
    new: str | None = Field(default=None, sa_type=Text)
    from_status: str | None = Field(default=None, max_length=16)
    to_status: str | None = Field(default=None, max_length=16)
    note: str = _text()


class SurveyRow(SQLModel, table=True):
    __tablename__: ClassVar[str] = "survey"
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="support_case.id", unique=True)
    respondent_id: int = Field(foreign_key="desk_user.id")
    # The satisfaction score and comment: the first scale and free-text answers of the
    # template (migration 0014); NULL score for a template without a scale answered.
    score: int | None = Field(default=None, nullable=True)
    comment: str = _text()
    answered_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    # NULL only between a bulk load and its backfill (store/survey_backfill.py, the demo).
    template_id: int | None = Field(default=None, foreign_key="survey_template.id", index=True)


class NotificationRow(SQLModel, table=True):
    __tablename__: ClassVar[str] = "notification"
    __table_args__ = (
        Index("ix_notification_user_read", "user_id", "read_at"),
        # The inbox, newest first: read in index order, never sorted (migration 0009).
        Index("ix_notification_user_newest", "user_id", "id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="desk_user.id")
    case_id: int | None = _fk("support_case.id", index=False)
    kind: str = Field(max_length=32)
    message: str = _text()
    created_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    read_at: datetime | None = _utc()


class SettingRow(SQLModel, table=True):
    __tablename__: ClassVar[str] = "setting"
    key: str = Field(primary_key=True, max_length=64)
    value: str = _text()


class SavedViewRow(SQLModel, table=True):
    """A query an operator named and kept for their side panel."""

    __tablename__: ClassVar[str] = "saved_view"
    __table_args__ = (UniqueConstraint("user_id", "name", name="uq_saved_view_user_name"),)
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="desk_user.id", index=True)
    name: str = Field(max_length=60)
    query: str = _text()


class TimerRow(SQLModel, table=True):
    """An operator's running timer. The user is the key: one timer per operator, enforced
    by the database, so two terminals of the same person cannot start two."""

    __tablename__: ClassVar[str] = "running_timer"
    user_id: int = Field(foreign_key="desk_user.id", primary_key=True)
    case_id: int = Field(foreign_key="support_case.id", index=True)
    started_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    description: str = _text()


class PresenceRow(SQLModel, table=True):
    """Who has a case's edit form open, kept by a heartbeat: a row per editor and case.
    A row not seen for a minute is someone whose terminal went away."""

    __tablename__: ClassVar[str] = "case_presence"
    case_id: int = Field(foreign_key="support_case.id", primary_key=True)
    user_id: int = Field(foreign_key="desk_user.id", primary_key=True)
    since: datetime = Field(sa_type=UtcDateTime, nullable=False)
    seen_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


keep_name_keys(
    AreaRow, CategoryRow, ClientRow, ProjectRow, ServiceRow, SurveyTemplateRow, ContactRow,
    ContractRow,
)  # fmt: skip
