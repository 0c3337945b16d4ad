"""Send one message over SMTP (smtplib): submission with STARTTLS or TLS and a login.

``send`` never raises for anything the network, the server or the settings can do: it
answers, for each recipient, whether the message was sent, failed for now (4xx, no
connection, a login refused: try again later) or failed for good (5xx: a bounce), with the
server's answer or a sentence saying what went wrong.
"""

from __future__ import annotations

import contextlib
import copy
import email.generator
import email.utils
import io
import re
import smtplib
import socket
import ssl
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from email.message import Message
from email.policy import SMTPUTF8, EmailPolicy
from enum import StrEnum

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


class Delivery(StrEnum):
    """What became of the message for one recipient (the outcome codes of the desk's mail
    record: ``domain.mail_settings.Outcome``)."""

    SENT = "sent"
    FAILED_TEMPORARY = "failed_temporary"
    """Try again later: a 4xx answer, no connection, a login or certificate refused."""
    FAILED_PERMANENT = "failed_permanent"
    """Never try again: a 5xx answer, or a message no server could take."""


@dataclass(frozen=True)
class RecipientResult:
    address: str
    delivery: Delivery
    answer: str = ""
    """The server's answer for this recipient ("250 2.0.0 Message accepted", "550 5.1.1
    No such user"); empty when the conversation never got that far."""
    problem: DomainError | None = None
    """Why it failed, as a sentence (``i18n.error_text``); None when sent."""


@dataclass(frozen=True)
class SendResult:
    recipients: tuple[RecipientResult, ...]
    problem: DomainError | None = None
    """What went wrong for the whole message (the connection, the login, the data)."""

    @property
    def sent(self) -> tuple[str, ...]:
        return tuple(r.address for r in self.recipients if r.delivery is Delivery.SENT)

    def of(self, address: str) -> RecipientResult:
        wanted = address.casefold()
        return next(r for r in self.recipients if r.address.casefold() == wanted)


_BARE_NEWLINE = re.compile(r"(?:\r\n|\r(?!\n)|(?<!\r)\n)(?![ \t])")
"""A line break not followed by folding white space: it would start a header of its own."""


def send(
    account: Account,
    message: Message,
    *,
    sender: str | None = None,
    recipients: Sequence[str] | None = None,
    helo: str | None = None,
) -> SendResult:
    """Send ``message`` to ``recipients`` (default: its To, Cc and Bcc; Bcc is not written
    into what is sent) from ``sender`` (default: its From; "" is the null reverse-path a
    bounce or an automatic answer to a stranger is sent with, so nothing answers it)."""
    try:
        if recipients is None:
            recipients = _addresses(message, "To", "Cc", "Bcc")
        if sender is None:
            sender = next(iter(_addresses(message, "From")), "")
        if not recipients:
            problem = DomainError(
                "mail.no_recipients", "The message has no recipient: it is not sent"
            )
            return SendResult((), problem)
        refusal = _refusal(message, sender, recipients)
    except Exception as error:
        # Python's header parser fails in many ways on a malformed header (``Message-ID: <``
        # raised IndexError as its value was read): each is this message's, for good.
        unreadable = DomainError(
            "mail.unreadable_headers",
            "The message's headers cannot be read for sending: {reason}",
            reason=server_text(f"{type(error).__name__}: {error}"),
        )
        return _all(recipients or (), Delivery.FAILED_PERMANENT, unreadable)
    if refusal is not None:
        return _all(recipients, Delivery.FAILED_PERMANENT, refusal)
    try:
        account.check()
        password = account.password() if account.user else ""
        context = account.tls_context() if account.tls is not Tls.NONE else None
    except DomainError as problem:
        return _all(recipients, Delivery.FAILED_TEMPORARY, problem)
    try:
        with _connect(account, context, helo) as smtp:
            if account.user:
                _login(smtp, account, password)
            result = _transaction(smtp, message, sender, recipients, account)
            with contextlib.suppress(smtplib.SMTPException, OSError):
                smtp.quit()  # the message is in; a lost goodbye changes nothing
            return result
    except _Unsendable as unsendable:
        return _all(recipients, Delivery.FAILED_PERMANENT, unsendable.problem)
    except DomainError as problem:
        return _all(recipients, Delivery.FAILED_TEMPORARY, problem)
    except smtplib.SMTPResponseException as error:
        return _answered(recipients, error.smtp_code, error.smtp_error, account)
    except smtplib.SMTPNotSupportedError as error:
        return _unsupported(recipients, error, account)
    except (OSError, smtplib.SMTPException, ValueError) as error:
        return _all(recipients, Delivery.FAILED_TEMPORARY, _problem(error, account))


def _transaction(
    smtp: smtplib.SMTP, message: Message, sender: str, recipients: Sequence[str], account: Account
) -> SendResult:
    """MAIL, one RCPT per recipient, DATA: each recipient keeps the server's own answer
    (smtplib's ``sendmail`` keeps only the refusals, and not the answer to the data)."""
    data, options = _flattened(smtp, message, sender, recipients)
    code, answer = smtp.mail(sender, options)
    if code != 250:
        smtp.rset()
        raise smtplib.SMTPResponseException(code, answer)
    answers = {address: smtp.rcpt(address) for address in recipients}
    accepted = [a for a, (code, _) in answers.items() if code in (250, 251)]
    if not accepted:
        smtp.rset()
        return SendResult(tuple(_refused(a, *answers[a]) for a in recipients))
    code, answer = smtp.data(data)
    if code != 250:
        result = _answered(accepted, code, answer, account)
        outcome = {r.address: r for r in result.recipients}
        return SendResult(
            tuple(outcome[a] if a in outcome else _refused(a, *answers[a]) for a in recipients),
            result.problem,
        )
    text = f"{code} {server_text(answer)}"
    return SendResult(
        tuple(
            RecipientResult(a, Delivery.SENT, text) if a in accepted else _refused(a, *answers[a])
            for a in recipients
        )
    )


def _flattened(
    smtp: smtplib.SMTP, message: Message, sender: str, recipients: Sequence[str]
) -> tuple[bytes, list[str]]:
    """The message's bytes as sent (no Bcc header) and the MAIL options it needs: as
    smtplib's ``send_message`` writes them."""
    copied = copy.copy(message)
    del copied["Bcc"]
    del copied["Resent-Bcc"]
    options: list[str] = []
    policy = message.policy
    if not all(address.isascii() for address in (sender, *recipients)):
        if not smtp.has_extn("smtputf8"):
            raise smtplib.SMTPNotSupportedError("SMTPUTF8")
        policy = policy.clone(utf8=True) if isinstance(policy, EmailPolicy) else SMTPUTF8
        options = ["SMTPUTF8", "BODY=8BITMIME"]
    try:
        with io.BytesIO() as out:
            email.generator.BytesGenerator(out, policy=policy).flatten(copied, linesep="\r\n")
            data = out.getvalue()
    except Exception as error:
        # The generator fails in many ways on a malformed message (a payload of the wrong
        # type: AttributeError; an unknown charset: LookupError…): each is this message's.
        raise _Unsendable(
            DomainError(
                "mail.unwritable",
                "The message cannot be written for sending: {reason}",
                reason=server_text(f"{type(error).__name__}: {error}"),
            )
        ) from None
    # Python writes a Spanish text part as 8bit; a server that offers 8BITMIME is told so.
    if not data.isascii() and smtp.has_extn("8bitmime") and "BODY=8BITMIME" not in options:
        options.append("BODY=8BITMIME")
    return data, options


def _connect(account: Account, context: ssl.SSLContext | None, helo: str | None) -> smtplib.SMTP:
    # The greeting names this machine; smtplib's default asks the DNS (socket.getfqdn),
    # which can take seconds on a host without a resolver.
    local = helo or socket.gethostname() or "localhost"
    if account.tls is Tls.TLS:
        return smtplib.SMTP_SSL(
            account.host, account.port, local_hostname=local, timeout=account.timeout,
            context=context,
        )  # fmt: skip
    smtp = smtplib.SMTP(account.host, account.port, local_hostname=local, timeout=account.timeout)
    try:
        smtp.ehlo()
        if account.tls is Tls.STARTTLS:
            # smtplib raises SMTPNotSupportedError when the server does not offer it: the
            # message is then never sent in clear text.
            smtp.starttls(context=context)
            smtp.ehlo()
    except BaseException:
        smtp.close()
        raise
    return smtp


def _login(smtp: smtplib.SMTP, account: Account, password: str) -> None:
    smtp.ehlo_or_helo_if_needed()  # SMTP_SSL has not greeted yet: no extensions known
    if not smtp.has_extn("auth"):
        raise smtplib.SMTPNotSupportedError("AUTH")
    try:
        smtp.login(account.user, password)
    except UnicodeError:
        raise login_characters(account) from None


class _Unsendable(Exception):
    """The message itself cannot go, to any server: a permanent failure."""

    def __init__(self, problem: DomainError) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _refusal(message: Message, sender: str, recipients: Iterable[str]) -> DomainError | None:
    """What no server may be given: a header with a line break of its own (it would add a
    header, a Bcc, a second message) or an envelope address that is not one."""
    for name, value in message.items():
        if _BARE_NEWLINE.search(str(value)) or _BARE_NEWLINE.search(name):
            return DomainError(
                "mail.header_injection",
                "The message's {header} header holds a line break that would start a header "
                "of its own: it is not sent",
                header=server_text(name, 80),
            )
    for address in (sender, *recipients):
        if address is sender and not sender:
            continue  # the null reverse-path, MAIL FROM:<>: what a bounce is sent with
        if not address or any(c in address for c in "\r\n<>\0"):
            return DomainError(
                "mail.envelope",
                "{address!r} cannot be the sender or a recipient of a message",
                address=server_text(address, 254),
            )
    return None


def _addresses(message: Message, *fields: str) -> list[str]:
    values = [str(v) for name in fields for v in message.get_all(name, [])]
    return [address for _, address in email.utils.getaddresses(values) if address]


def _all(recipients: Iterable[str], delivery: Delivery, problem: DomainError) -> SendResult:
    return SendResult(
        tuple(RecipientResult(a, delivery, "", problem) for a in recipients), problem=problem
    )


def _refused(address: str, code: int, answer: bytes | str) -> RecipientResult:
    text = f"{code} {server_text(answer)}"
    temporary = 400 <= code < 500
    return RecipientResult(
        address,
        Delivery.FAILED_TEMPORARY if temporary else Delivery.FAILED_PERMANENT,
        text,
        DomainError(
            "mail.recipient_refused",
            "The server refused the message for {address}: {answer}",
            address=address,
            answer=text,
        ),
    )


def _answered(
    recipients: Sequence[str], code: int, answer: bytes | str, account: Account
) -> SendResult:
    """The server answered the whole message with an error (the sender, the data, the
    login): 4xx is worth a retry, 5xx is not, except a refused login, which the admin
    mends in the settings (the message waits for it)."""
    text = f"{code} {server_text(answer)}"
    where = {"what": account.what, "host": account.host, "port": account.port}
    if code in (530, 534, 535, 538):
        return _all(recipients, Delivery.FAILED_TEMPORARY, login_refused(account, text))
    problem = DomainError(
        "mail.message_refused",
        "The {what} at {host}:{port} refused the message: {answer}",
        answer=text,
        **where,
    )
    delivery = Delivery.FAILED_TEMPORARY if 400 <= code < 500 else Delivery.FAILED_PERMANENT
    result = _all(recipients, delivery, problem)
    return SendResult(tuple(_with_answer(r, text) for r in result.recipients), problem)


def _with_answer(result: RecipientResult, answer: str) -> RecipientResult:
    return RecipientResult(result.address, result.delivery, answer, result.problem)


def _unsupported(
    recipients: Sequence[str], error: smtplib.SMTPNotSupportedError, account: Account
) -> SendResult:
    """STARTTLS or a login not offered (the settings or the server to mend: the message
    waits), or an address only SMTPUTF8 carries, which this server never will."""
    where = {"what": account.what, "host": account.host, "port": account.port}
    if str(error) == "SMTPUTF8":
        problem = DomainError(
            "mail.smtputf8",
            "The {what} at {host}:{port} cannot carry an address written with letters beyond ASCII",
            **where,
        )
        return _all(recipients, Delivery.FAILED_PERMANENT, problem)
    if str(error) == "AUTH":
        problem = DomainError(
            "mail.no_login",
            "The {what} at {host}:{port} offers no login on this connection",
            **where,
        )
    else:
        problem = no_starttls(account)
    return _all(recipients, Delivery.FAILED_TEMPORARY, problem)


def _problem(error: BaseException, account: Account) -> DomainError:
    if isinstance(error, smtplib.SMTPException) and not isinstance(
        error.__context__, TimeoutError | ssl.SSLError
    ):
        return connection_problem(ConnectionError(str(error)), account)
    # smtplib reports a timeout while reading as "Connection unexpectedly closed": the
    # timeout it caught says better what happened.
    return connection_problem(error.__context__ or error, account)
