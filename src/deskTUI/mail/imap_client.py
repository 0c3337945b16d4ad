"""Read the new messages of an IMAP mailbox (imaplib): IMAPS, or STARTTLS, and plain only
on loopback.

Each unseen message is fetched without marking it (``BODY.PEEK``), handed to the caller's
handler, and marked seen (or moved to another folder) only once the handler has returned:
a crash, a kill or a handler that raises before leaves it unseen, to be read again by the
next fetch. A crash after the handler and before the mark reads it twice: the desk's
ingest is idempotent by Message-ID, so the second reading changes nothing.

Messages are named by UID within the mailbox's UIDVALIDITY (RFC 3501): the pair is
handed along so the caller can tell a mailbox that was emptied and rebuilt.
"""

from __future__ import annotations

import contextlib
import imaplib
import re
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field

from ..domain.errors import DomainError
from ..domain.mail_settings import Tls
from .account import (
    Account,
    connection_problem,
    login_characters,
    login_refused,
    no_starttls,
    server_text,
)

MAILBOX_NAME_MAX = 200


@dataclass(frozen=True)
class ImapMessage:
    uid: int
    uidvalidity: int
    mailbox: str
    data: bytes
    """The message as the server holds it (RFC 5322 bytes)."""


@dataclass
class FetchResult:
    uidvalidity: int | None = None
    handled: list[int] = field(default_factory=list)
    """UIDs handed to the handler that returned, and marked seen or moved."""
    failed: list[tuple[int, DomainError]] = field(default_factory=list)
    """UIDs left unseen, each with why (the handler raised, the server would not give it)."""
    problem: DomainError | None = None
    """What stopped the fetch (no connection, a login refused, the mailbox missing…)."""


Handler = Callable[[ImapMessage], object]


def fetch_new(
    account: Account,
    handler: Handler,
    *,
    mailbox: str = "INBOX",
    move_to: str | None = None,
    limit: int | None = None,
) -> FetchResult:
    """Hand every unseen message of ``mailbox`` to ``handler``, oldest first, then mark it
    seen, or move it to ``move_to``. At most ``limit`` messages (None: all)."""
    result = FetchResult()
    try:
        account.check()
        for name in (mailbox, move_to or "INBOX"):
            _quoted(name)  # refused now, before connecting, rather than half-way
        password = account.password()
        context = account.tls_context() if account.tls is not Tls.NONE else None
    except DomainError as problem:
        result.problem = problem
        return result
    try:
        with _connect(account, context) as imap:
            try:
                imap.login(account.user, password)
            except imaplib.IMAP4.abort:
                raise
            except imaplib.IMAP4.error as error:
                result.problem = login_refused(account, server_text(str(error)))
                return result
            _read(imap, account, handler, mailbox, move_to, limit, result)
    except imaplib.IMAP4.abort as error:  # the connection broke, before or during
        result.problem = connection_problem(ConnectionError(str(error)), account)
    except imaplib.IMAP4.error as error:
        result.problem = _refused(error, account, result)
    except UnicodeError:
        result.problem = login_characters(account)
    except (OSError, ValueError) as error:
        result.problem = connection_problem(error, account)
    return result


def _connect(account: Account, context: ssl.SSLContext | None) -> imaplib.IMAP4:
    if account.tls is Tls.TLS:
        return imaplib.IMAP4_SSL(
            account.host,
            account.port,
            ssl_context=context,
            timeout=account.timeout,
        )
    imap = imaplib.IMAP4(account.host, account.port, timeout=account.timeout)
    if account.tls is Tls.STARTTLS:
        try:
            # imaplib refuses (IMAP4.error) when the server does not offer STARTTLS: the
            # password is then never sent in clear text.
            imap.starttls(context)
        except BaseException:
            with contextlib.suppress(OSError):  # a failed handshake may have taken the socket
                imap.shutdown()
            raise
    return imap


def _read(
    imap: imaplib.IMAP4,
    account: Account,
    handler: Handler,
    mailbox: str,
    move_to: str | None,
    limit: int | None,
    result: FetchResult,
) -> None:
    folder, target = _quoted(mailbox), _quoted(move_to) if move_to else None
    # The folder handled messages move to must exist before any is handled: otherwise the
    # first would be handed over, fail to move, and be handed over again at every fetch.
    if target is not None:
        status, answer = imap.status(target, "(MESSAGES)")
        if status != "OK":
            result.problem = _no_mailbox(account, move_to or "", answer)
            return
    status, answer = imap.select(folder)
    if status != "OK":
        result.problem = _no_mailbox(account, mailbox, answer)
        return
    _, validity = imap.response("UIDVALIDITY")
    result.uidvalidity = int(validity[0]) if validity and validity[0] else None
    _, found = imap.uid("SEARCH", "UNSEEN")
    uids = sorted(int(uid) for uid in (found[0] or b"").split())
    for uid in uids[:limit] if limit is not None else uids:
        data = _body(imap, uid)
        if data is None:  # expunged by another reader since the search: nothing to do
            continue
        try:
            handler(ImapMessage(uid, result.uidvalidity or 0, mailbox, data))
        except Exception as error:  # the handler's failure is this message's, not the run's
            result.failed.append((uid, _handler_problem(uid, error)))
            continue
        _done(imap, uid, target)
        result.handled.append(uid)


def _no_mailbox(account: Account, mailbox: str, answer: list[bytes | None]) -> DomainError:
    return DomainError(
        "mail.no_mailbox",
        "The {what} has no mailbox {mailbox}: {answer}",
        what=account.what,
        mailbox=mailbox,
        answer=server_text(answer[0] or b"" if answer else b""),
    )


def _body(imap: imaplib.IMAP4, uid: int) -> bytes | None:
    """The whole message, read without setting \\Seen (BODY.PEEK)."""
    status, answer = imap.uid("FETCH", str(uid), "(BODY.PEEK[])")
    if status != "OK":
        raise imaplib.IMAP4.error(f"FETCH {uid}: {server_text(answer[0] or b'')}")
    for part in answer:
        if isinstance(part, tuple) and b"BODY[]" in part[0]:
            return part[1]
    return None


def _done(imap: imaplib.IMAP4, uid: int, target: str | None) -> None:
    """Mark the handled message: seen, or moved (MOVE, RFC 6851; else COPY and expunge)."""
    if target is None:
        status, answer = imap.uid("STORE", str(uid), "+FLAGS.SILENT", "(\\Seen)")
    elif b"MOVE" in _capabilities(imap):
        status, answer = imap.uid("MOVE", str(uid), target)
    else:
        status, answer = imap.uid("COPY", str(uid), target)
        if status == "OK":
            imap.uid("STORE", str(uid), "+FLAGS.SILENT", "(\\Seen \\Deleted)")
            status, answer = imap.uid("EXPUNGE", str(uid))
    if status != "OK":
        raise imaplib.IMAP4.error(f"{uid}: {server_text(answer[0] or b'')}")


def _capabilities(imap: imaplib.IMAP4) -> set[bytes]:
    return {c.encode().upper() for c in imap.capabilities}


_MAILBOX_NAME = re.compile(r"^[\x20-\x7e]+$")


def _quoted(mailbox: str) -> str:
    """A mailbox name as an IMAP quoted string. Names beyond printable ASCII would need
    IMAP's modified UTF-7; they are refused rather than sent wrong."""
    if not _MAILBOX_NAME.match(mailbox) or len(mailbox) > MAILBOX_NAME_MAX:
        raise DomainError(
            "mail.mailbox_name",
            "{mailbox!r} is not a mailbox name the desk can use: printable ASCII, at most "
            "{most} characters",
            mailbox=server_text(mailbox, MAILBOX_NAME_MAX),
            most=MAILBOX_NAME_MAX,
        )
    return '"' + mailbox.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _refused(error: imaplib.IMAP4.error, account: Account, result: FetchResult) -> DomainError:
    text = server_text(str(error))
    where = {"what": account.what, "host": account.host, "port": account.port}
    if "STARTTLS" in text.upper() and result.uidvalidity is None:
        return no_starttls(account)
    return DomainError(
        "mail.imap_refused",
        "The {what} at {host}:{port} refused a command: {answer}",
        answer=text,
        **where,
    )


def _handler_problem(uid: int, error: Exception) -> DomainError:
    if isinstance(error, DomainError):
        return error
    return DomainError(
        "mail.handler_failed",
        "Message {uid} was left unread for the next fetch: {reason}",
        uid=uid,
        reason=server_text(f"{type(error).__name__}: {error}"),
    )
