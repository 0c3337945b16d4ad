"""``desktui mail ingest --maildir DIR`` and ``desktui mail fetch`` (issue 22): every new
message of a Maildir or of the desk's IMAP mailbox taken by ``mail_ingest``.

A message leaves ``new/`` (or becomes seen on the server) only once its unit of work has
committed: a crash or a kill before leaves it for the next run, and one after the commit
but before the move hands it over twice, which the Message-ID absorbs. A held message (a
sender past the desk's pace) and one the database could not take (busy, a full disk) stay
where they are for the next run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..domain.errors import DomainError, ValidationError
from ..domain.people import User
from ..domain.permissions import Action, require
from ..mail.account import Account
from ..mail.imap_client import ImapMessage, fetch_new
from ..mail.maildir import MaildirMessage, take_new
from ..store.uow import UnitOfWork
from .common import acting
from .mail_ingest import Ingested, ingest_message, prepare


@dataclass
class Batch:
    """What one run did: each message taken, those held for later, those left with why."""

    taken: list[Ingested] = field(default_factory=list)
    held: list[str] = field(default_factory=list)
    failed: list[tuple[str, DomainError]] = field(default_factory=list)
    problem: DomainError | None = None
    """What stopped the run (not a Maildir, the server unreachable…)."""


class _Kept(Exception):
    """Tells the reader to keep a message where it is (held): no failure of its own."""


def ingest_maildir(uow: UnitOfWork, folder: str | os.PathLike[str]) -> Batch:
    """Take every message of ``folder/new``, oldest first."""
    desk = prepare(uow)
    batch = Batch()

    def take(message: MaildirMessage) -> None:
        done = ingest_message(uow, message.data, desk)
        if done.held:
            batch.held.append(message.name)
            raise _Kept
        batch.taken.append(done)

    result = take_new(folder, take)
    batch.failed = [(name, why) for name, why in result.failed if name not in batch.held]
    batch.problem = result.problem
    return batch


def fetch_mailbox(uow: UnitOfWork, actor: User | None = None) -> Batch:
    """Take every unseen message of the desk's IMAP mailbox (``mail set --imap``)."""
    with uow:
        if actor is not None:
            require(acting(uow, actor), Action.VIEW_MAIL)
        settings = uow.mail.settings()
    if not settings.imap.host:
        raise ValidationError(
            "mail.no_imap",
            "No IMAP server is set up, so there is no mailbox to read: give one with "
            "desktui mail set --imap HOST[:PORT]",
        )
    account = Account.of(settings.imap, "imap")
    desk = prepare(uow)
    batch = Batch()

    def take(message: ImapMessage) -> None:
        done = ingest_message(uow, message.data, desk)
        if done.held:
            batch.held.append(str(message.uid))
            raise _Kept
        batch.taken.append(done)

    result = fetch_new(account, take, mailbox=settings.imap_mailbox)
    held = set(batch.held)
    batch.failed = [(str(uid), why) for uid, why in result.failed if str(uid) not in held]
    batch.problem = result.problem
    return batch
