"""The e-mail channel's tables (issue 22, migration 0019), beside ``tables.py`` (which
imports them, so the desk's metadata holds them).

Two tables for the messages, not one. ``mail_message`` is the record of every message in
and out: what ``mail status`` and the case view read, append-mostly, one small row per
message; its Message-IDs are the idempotency key of intake (the same message twice is one
row) and the memory of what the desk sent (a reply's In-Reply-To finds its case).
``mail_outbox`` is the sending queue: one row per notice to send, beside its record, with
the rendered message (the large part), the attempts, the next attempt's time and the
claim; only the sender reads and updates it, and it claims a row by a conditional UPDATE
(``MailRepository.claim``) as the escalation sweep does. Kept apart, the status listing
never reads the rendered messages, and the queue's index holds only what is still due.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import Index, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from .types import UtcDateTime

OUTBOX_DUE = "done_at IS NULL"
"""The notices still to send: the queue's partial index holds only these."""


def _utc(nullable: bool = True) -> Any:
    return Field(default=None, sa_type=UtcDateTime, nullable=nullable)


def _text() -> Any:
    return Field(default="", sa_type=Text, nullable=False)


class MailSettingsRow(SQLModel, table=True):
    """The desk's one row of e-mail settings (id 1, written by the migration). No password:
    the name of the environment variable or the path of the file holding one."""

    __tablename__: ClassVar[str] = "mail_settings"
    id: int | None = Field(default=None, primary_key=True)
    addresses: str = _text()
    """The desk's own addresses, one a line."""
    smtp_host: str = Field(default="", max_length=253)
    smtp_port: int | None = None
    smtp_tls: str = Field(default="starttls", max_length=16)
    smtp_user: str = Field(default="", max_length=254)
    smtp_password_env: str = Field(default="", max_length=120)
    smtp_password_file: str = _text()
    imap_host: str = Field(default="", max_length=253)
    imap_port: int | None = None
    imap_tls: str = Field(default="tls", max_length=16)
    imap_user: str = Field(default="", max_length=254)
    imap_password_env: str = Field(default="", max_length=120)
    imap_password_file: str = _text()
    imap_mailbox: str = Field(default="INBOX", max_length=254)
    unknown_senders: str = Field(default="refuse", max_length=16)
    unknown_client_id: int | None = Field(default=None, foreign_key="client.id")
    default_area_id: int | None = Field(default=None, foreign_key="area.id")
    default_category_id: int | None = Field(default=None, foreign_key="category.id")
    rate_per_minute: int = 20
    secret: str = Field(default="", max_length=128)
    """The key that signs reply tokens, hex; made once on first use, never shown."""


class MailRouteRow(SQLModel, table=True):
    """A desk address whose new cases go to an area (and a category): ``address`` kept
    case-folded, so one address has one route whatever its letter case."""

    __tablename__: ClassVar[str] = "mail_route"
    id: int | None = Field(default=None, primary_key=True)
    address: str = Field(max_length=254, unique=True)
    area_id: int = Field(foreign_key="area.id", index=True)
    category_id: int | None = Field(default=None, foreign_key="category.id")


class MailMessageRow(SQLModel, table=True):
    """One message in or out and what became of it (``outcome``, a stable code)."""

    __tablename__: ClassVar[str] = "mail_message"
    __table_args__ = (
        # Intake's idempotency (the same message twice is one row) and the desk's memory
        # of the Message-IDs it sent, each looked up by direction and Message-ID.
        UniqueConstraint("direction", "message_id", name="uq_mail_message_id"),
        # ``mail status``, newest first; a sender's last minute (the rate limit).
        Index("ix_mail_message_at", "at"),
        Index("ix_mail_message_address_at", "address", "at"),
        {"sqlite_autoincrement": True},
    )
    id: int | None = Field(default=None, primary_key=True)
    direction: str = Field(max_length=3)
    message_id: str = Field(max_length=998)
    case_id: int | None = Field(default=None, foreign_key="support_case.id", index=True)
    comment_id: int | None = Field(default=None, foreign_key="case_comment.id")
    area_id: int | None = Field(default=None, foreign_key="area.id")
    """The area the desk address routes to: who may read a message that made no case."""
    address: str = Field(max_length=254)
    """The other side, case-folded: the sender of a message in, the recipient of one out."""
    desk_address: str = Field(default="", max_length=254)
    subject: str = _text()
    at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    outcome: str = Field(max_length=24)
    reason_code: str = Field(default="", max_length=60)
    reason: str = _text()
    """Why, as the refusal's template and parameters (domain.mail_settings)."""
    sent_at: datetime | None = _utc()


class MailOutboxRow(SQLModel, table=True):
    """A notice waiting to be sent (or sent: ``done_at``), claimed by one sender at a time."""

    __tablename__: ClassVar[str] = "mail_outbox"
    __table_args__ = (
        Index(
            "ix_mail_outbox_due",
            "next_attempt_at",
            sqlite_where=text(OUTBOX_DUE),
            postgresql_where=text(OUTBOX_DUE),
        ),
    )
    mail_id: int = Field(foreign_key="mail_message.id", primary_key=True)
    recipient: str = Field(max_length=254)
    language: str = Field(default="en", max_length=8)
    message: str = _text()
    """The rendered RFC 5322 message, headers and body, as it goes out."""
    attempts: int = 0
    next_attempt_at: datetime = Field(sa_type=UtcDateTime, nullable=False)
    claimed_by: str = Field(default="", max_length=120)
    claimed_at: datetime | None = _utc()
    done_at: datetime | None = _utc()
    last_error: str = _text()


class MailFailingRow(SQLModel, table=True):
    """An address the desk stopped writing to after a bounce of one of its notices (kept
    by address, case-folded: contacts of several clients may share one)."""

    __tablename__: ClassVar[str] = "mail_failing"
    address: str = Field(max_length=254, primary_key=True)
    since: datetime = Field(sa_type=UtcDateTime, nullable=False)
    reason: str = _text()
    bounce_id: int | None = Field(default=None, foreign_key="mail_message.id")


class MailIdentityRow(SQLModel, table=True):
    """The client user a contact acts as when they write by e-mail (0021): made on their
    first message, so their comments and their replies' steps (APROBAR, a survey's score)
    are theirs, through the same services and checks as a client at a terminal."""

    __tablename__: ClassVar[str] = "mail_identity"
    __table_args__ = (UniqueConstraint("user_id", name="uq_mail_identity_user"),)
    contact_id: int = Field(foreign_key="contact.id", primary_key=True)
    user_id: int = Field(foreign_key="desk_user.id")


class MailPersonRow(SQLModel, table=True):
    """A staff member's e-mail address and the notices they want by e-mail (0021):
    ``notices`` a comma list of kinds (``assignment,escalation,mention``), empty: none."""

    __tablename__: ClassVar[str] = "mail_person"
    user_id: int = Field(foreign_key="desk_user.id", primary_key=True)
    address: str = Field(max_length=254)
    notices: str = Field(default="", max_length=120)


MAIL_TABLES = (
    "mail_settings",
    "mail_route",
    "mail_message",
    "mail_outbox",
    "mail_failing",
    "mail_identity",
    "mail_person",
)
