"""``desktui mail send`` (issue 22): send the notices the outbox holds, each once.

A notice is written into the outbox in the transaction of the change that caused it; this
sender takes the due ones, one at a time:

1. claim it with one conditional UPDATE (``uow.mail.claim``) and commit: of several senders
   at once (cron, open apps) only one gets it. A claim older than ``STALE_AFTER`` is a
   sender that died mid-send: another takes it over.
2. send it over SMTP OUTSIDE any transaction (a slow server holds no lock of the desk);
3. record what became of it in a new transaction: sent; put off with a back-off (a 4xx
   answer, no connection); or failed for good (a 5xx answer: the address is marked failing,
   the desk stops writing to it).

A crash between 2 and 3 leaves the claim behind: after ``STALE_AFTER`` the notice is sent
again. So a notice may reach its recipient twice at most (the server took it, the record
did not follow), never zero times: lost mail is worse than a doubled notice.
"""

from __future__ import annotations

import email
import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.policy import default as email_policy

from ..domain.errors import DomainError, ValidationError
from ..domain.mail_settings import Outcome
from ..domain.people import User
from ..domain.permissions import Action, require
from ..mail.account import Account
from ..mail.smtp_client import Delivery, RecipientResult, SendResult, send
from ..store.uow import UnitOfWork
from .common import acting

SEND_LIMIT = 200
"""Notices one run sends at most (cron runs again within minutes)."""

STALE_AFTER = timedelta(minutes=10)
"""A claim older than this is a sender that died: the notice is taken over. Far above one
send's worst case (a connection, a login and the data, each up to the 30 s timeout)."""

BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=15),
    timedelta(hours=1),
)
"""The wait after the 1st, 2nd, 3rd, 4th failed attempt; hourly after that."""

MAX_ATTEMPTS = 50
"""Attempts before a notice is given up: the back-off's 81 minutes, then 46 hours, about
two days of a server refusing "for now". Counted in attempts, not days: a desk whose cron
stood still for a weekend does not give up its notices unsent."""


@dataclass(frozen=True)
class SendSummary:
    sent: int = 0
    failed_temporary: int = 0
    """Put off: tried again later (``next_attempt_at``)."""
    failed_permanent: int = 0
    """Failed for good: a 5xx answer, a message no server takes, or given up."""
    skipped: int = 0
    """Due, but another sender claimed it first."""
    stopped: DomainError | None = None
    """Why the run stopped before the end: the server cannot be reached or refused the
    login (the rest stay due, no attempt spent on them)."""


def smtp_account(uow: UnitOfWork) -> Account:
    """The desk's SMTP account, checked and its password readable: refused in a sentence
    before any notice is claimed (a claim would spend an attempt of each)."""
    server = uow.mail.settings().smtp
    if not server.host:
        raise ValidationError(
            "mail.no_smtp",
            "No SMTP server is set up, so no notice can be sent: give one with "
            "desktui mail set --smtp HOST[:PORT]",
        )
    account = Account.of(server, "smtp")
    account.check()
    if account.user:
        account.password()  # raises the sentence: a variable unset, a file unreadable
    return account


def sender_name() -> str:
    """Who claims the notices: this machine and process (read in ``claimed_by``)."""
    return f"{socket.gethostname()}:{os.getpid()}"[:120]


def send_due(
    uow: UnitOfWork,
    actor: User | None = None,
    *,
    now: datetime | None = None,
    who: str | None = None,
    limit: int = SEND_LIMIT,
) -> SendSummary:
    """Send the notices due at ``now`` (default: the clock's), at most ``limit``.

    ``actor`` None: the desk itself (an app's background worker). A person must be one
    who reads the desk's e-mail (admins, supervisors): the run reports what became of the
    messages it sent."""
    with uow:
        if actor is not None:
            require(acting(uow, actor), Action.VIEW_MAIL)
        account = smtp_account(uow)
        moment = now or uow.now()
        due = uow.mail.due(moment, limit=limit)
    claimant = who or sender_name()
    counts = {"sent": 0, "failed_temporary": 0, "failed_permanent": 0, "skipped": 0}
    for mail_id in due:
        with uow:
            # The claim's time is the clock's now, not the run's start: a long run's last
            # claims would otherwise look stale to another sender the moment they are made.
            at = now or uow.now()
            if not uow.mail.claim(mail_id, claimant, at, at - STALE_AFTER):
                counts["skipped"] += 1  # another sender has it
                continue
            row = uow.mail.outbox(mail_id)
            recipient, text, attempts = row.recipient, row.message, row.attempts
            failing = uow.mail.failing(recipient)
            uow.commit()
        if failing is None:
            result = _send(account, recipient, text)
        else:  # a notice before it bounced: the desk writes no more to that address
            result = _not_sent(recipient, DomainError(
                "mail.address_failing",
                "The desk no longer writes to {address}: a message to it failed for good "
                "({reason})",
                address=recipient,
                reason=failing[1],
            ))  # fmt: skip
        outcome = result.of(recipient) if result.recipients else None
        with uow:
            delivery = _record(uow, mail_id, recipient, outcome, result.problem, attempts)
            uow.commit()
        counts[delivery.value] += 1
        if delivery is Delivery.FAILED_TEMPORARY and _whole_run(result.problem, outcome):
            return _summary(counts, result.problem)
    return _summary(counts, None)


def _send(account: Account, recipient: str, text: str) -> SendResult:
    """Send one stored notice. Whatever the stored text makes the standard library raise
    (``Message-ID: <`` raises IndexError in Python 3.11's header parser) fails this notice
    for good: one unreadable notice must not stop the queue nor come back every run."""
    try:
        message = email.message_from_string(text, policy=email_policy)
        return send(account, message, recipients=[recipient])
    except Exception as error:
        problem = DomainError(
            "mail.unreadable_notice",
            "The stored notice cannot be read for sending: {reason}",
            reason=f"{type(error).__name__}: {error}"[:300],
        )
        return _not_sent(recipient, problem)


def _not_sent(recipient: str, problem: DomainError) -> SendResult:
    return SendResult((RecipientResult(recipient, Delivery.FAILED_PERMANENT, "", problem),))


def _summary(counts: dict[str, int], stopped: DomainError | None) -> SendSummary:
    return SendSummary(
        sent=counts["sent"],
        failed_temporary=counts["failed_temporary"],
        failed_permanent=counts["failed_permanent"],
        skipped=counts["skipped"],
        stopped=stopped,
    )


def _whole_run(problem: DomainError | None, outcome: RecipientResult | None) -> bool:
    """Whether the failure is the server's or the settings', not this notice's: every
    other notice would fail the same way, each after a timeout."""
    return problem is not None and (outcome is None or outcome.answer == "")


def _record(
    uow: UnitOfWork,
    mail_id: int,
    recipient: str,
    outcome: RecipientResult | None,
    problem: DomainError | None,
    attempts: int,
) -> Delivery:
    """Write what became of one attempt; the delivery counted."""
    now = uow.now()
    delivery = outcome.delivery if outcome is not None else Delivery.FAILED_PERMANENT
    why = (outcome.problem if outcome is not None else None) or problem
    if delivery is Delivery.SENT:
        uow.mail.release(mail_id, done_at=now, next_attempt_at=None)
        uow.mail.set_outcome(mail_id, Outcome.SENT, sent_at=now)
        return delivery
    error = str(why) if why is not None else ""
    if delivery is Delivery.FAILED_TEMPORARY and attempts < MAX_ATTEMPTS:
        wait = BACKOFF[attempts - 1] if 0 < attempts <= len(BACKOFF) else BACKOFF[-1]
        uow.mail.release(mail_id, done_at=None, next_attempt_at=now + wait, error=error)
        uow.mail.set_outcome(mail_id, Outcome.FAILED_TEMPORARY, reason=why)
        return delivery
    if delivery is Delivery.FAILED_TEMPORARY:
        why = ValidationError(
            "mail.gave_up",
            "Not sent after {attempts} attempts, the desk gave up: {reason}",
            attempts=attempts,
            reason=error,
        )
    uow.mail.release(mail_id, done_at=now, next_attempt_at=None, error=str(why or ""))
    uow.mail.set_outcome(mail_id, Outcome.FAILED_PERMANENT, reason=why)
    if outcome is not None and why is not None and why.code == "mail.recipient_refused":
        uow.mail.mark_failing(recipient, now, outcome.answer)
    return Delivery.FAILED_PERMANENT


def send_in_background(uow: UnitOfWork) -> SendSummary | None:
    """The open TUIs' sender (issue 22: "cron, or the open TUIs' background worker", as
    the SLA sweep): the due notices sent as the desk itself; None, and not a refusal every
    minute in the app's log, while the desk has no SMTP server set up."""
    with uow:
        if not uow.mail.settings().smtp.host:
            return None
    return send_due(uow, None)
