"""The e-mail channel's records (issue 22): the desk's mail settings (one row, made here),
the routing of desk addresses to areas, every message in and out, the outbox of notices to
send, and the addresses that bounced. Owner: MAILSTORE.

No password is ever stored: the settings name the environment variable or the file that
holds one. Why two tables for the messages: store/mail_tables.py.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 19:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from deskTUI.store import change_watch
from deskTUI.store.types import UtcDateTime

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

TABLES = ("mail_settings", "mail_route", "mail_message", "mail_outbox", "mail_failing")
OUTBOX_DUE = "done_at IS NULL"


def _server(protocol: str) -> list[sa.Column[object]]:
    return [
        sa.Column(f"{protocol}_host", sa.String(length=253), nullable=False),
        sa.Column(f"{protocol}_port", sa.Integer(), nullable=True),
        sa.Column(f"{protocol}_tls", sa.String(length=16), nullable=False),
        sa.Column(f"{protocol}_user", sa.String(length=254), nullable=False),
        sa.Column(f"{protocol}_password_env", sa.String(length=120), nullable=False),
        sa.Column(f"{protocol}_password_file", sa.Text(), nullable=False),
    ]


def upgrade() -> None:
    settings = op.create_table(
        "mail_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("addresses", sa.Text(), nullable=False),
        *_server("smtp"),
        *_server("imap"),
        sa.Column("imap_mailbox", sa.String(length=254), nullable=False),
        sa.Column("unknown_senders", sa.String(length=16), nullable=False),
        sa.Column("unknown_client_id", sa.Integer(), nullable=True),
        sa.Column("default_area_id", sa.Integer(), nullable=True),
        sa.Column("default_category_id", sa.Integer(), nullable=True),
        sa.Column("rate_per_minute", sa.Integer(), nullable=False),
        sa.Column("secret", sa.String(length=128), nullable=False),
        sa.ForeignKeyConstraint(["unknown_client_id"], ["client.id"]),
        sa.ForeignKeyConstraint(["default_area_id"], ["area.id"]),
        sa.ForeignKeyConstraint(["default_category_id"], ["category.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    # The desk's one row, so every later write is an UPDATE (two first writers cannot
    # both insert it); the secret stays empty until first used.
    assert settings is not None
    op.bulk_insert(
        settings,
        [
            {
                "id": 1, "addresses": "", "smtp_host": "", "smtp_port": None,
                "smtp_tls": "starttls", "smtp_user": "", "smtp_password_env": "",
                "smtp_password_file": "", "imap_host": "", "imap_port": None, "imap_tls": "tls",
                "imap_user": "", "imap_password_env": "", "imap_password_file": "",
                "imap_mailbox": "INBOX", "unknown_senders": "refuse", "unknown_client_id": None,
                "default_area_id": None, "default_category_id": None, "rate_per_minute": 20,
                "secret": "",
            }
        ],
    )  # fmt: skip
    op.create_table(
        "mail_route",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("address", sa.String(length=254), nullable=False),
        sa.Column("area_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["area_id"], ["area.id"]),
        sa.ForeignKeyConstraint(["category_id"], ["category.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("address"),
    )
    op.create_index("ix_mail_route_area_id", "mail_route", ["area_id"])
    op.create_table(
        "mail_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=3), nullable=False),
        sa.Column("message_id", sa.String(length=998), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("comment_id", sa.Integer(), nullable=True),
        sa.Column("area_id", sa.Integer(), nullable=True),
        sa.Column("address", sa.String(length=254), nullable=False),
        sa.Column("desk_address", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("at", UtcDateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.String(length=24), nullable=False),
        sa.Column("reason_code", sa.String(length=60), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("sent_at", UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["support_case.id"]),
        sa.ForeignKeyConstraint(["comment_id"], ["case_comment.id"]),
        sa.ForeignKeyConstraint(["area_id"], ["area.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("direction", "message_id", name="uq_mail_message_id"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_mail_message_case_id", "mail_message", ["case_id"])
    op.create_index("ix_mail_message_at", "mail_message", ["at"])
    op.create_index("ix_mail_message_address_at", "mail_message", ["address", "at"])
    op.create_table(
        "mail_outbox",
        sa.Column("mail_id", sa.Integer(), nullable=False),
        sa.Column("recipient", sa.String(length=254), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UtcDateTime(timezone=True), nullable=False),
        sa.Column("claimed_by", sa.String(length=120), nullable=False),
        sa.Column("claimed_at", UtcDateTime(timezone=True), nullable=True),
        sa.Column("done_at", UtcDateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["mail_id"], ["mail_message.id"]),
        sa.PrimaryKeyConstraint("mail_id"),
    )
    op.create_index(
        "ix_mail_outbox_due",
        "mail_outbox",
        ["next_attempt_at"],
        sqlite_where=sa.text(OUTBOX_DUE),
        postgresql_where=sa.text(OUTBOX_DUE),
    )
    op.create_table(
        "mail_failing",
        sa.Column("address", sa.String(length=254), nullable=False),
        sa.Column("since", UtcDateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("bounce_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["bounce_id"], ["mail_message.id"]),
        sa.PrimaryKeyConstraint("address"),
    )
    # The live refresh hears writes to every table of a server desk (change_watch.py).
    if op.get_bind().dialect.name == "postgresql":
        for table in TABLES:
            op.execute(change_watch.notify_table_sql(table))


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(table)
