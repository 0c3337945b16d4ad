"""One account on a mail server, as the protocol clients use it (SMTP out, IMAP in).

The password is never a field: only where it is kept (an environment variable's name or
a file's path), read at the moment of logging in and forgotten after, so no settings row,
log line, ``repr`` or desk copy ever holds it.
"""

from __future__ import annotations

import os
import ssl
from dataclasses import dataclass

from ..domain.errors import DomainError, ValidationError
from ..domain.mail_settings import Server, Tls, is_loopback
from ..i18n import N_

PASSWORD_FILE_MAX = 4096
"""Bytes read from a password file: a password is one short line, not a whole file."""

DEFAULT_TIMEOUT = 30.0
"""Seconds a server may stay silent before the attempt counts as failed (and is retried)."""


@dataclass(frozen=True)
class Account:
    """Where a mail server is, how the connection is protected and who logs in."""

    host: str
    port: int
    tls: Tls = Tls.TLS
    """``tls``: TLS from the first byte (IMAPS 993, SMTPS 465); ``starttls``: plain then
    upgraded, refused if the server does not offer it; ``none``: only on loopback."""
    user: str = ""
    """Empty: no login (a relay on this machine that needs none)."""
    password_env: str = ""
    password_file: str = ""
    ca_file: str = ""
    """The authority (PEM) that signed a self-signed server's certificate; empty: the
    system's trusted authorities."""
    timeout: float = DEFAULT_TIMEOUT
    what: str = N_("mail server")
    """What the server is to the reader of a refusal ("SMTP server", "IMAP server")."""

    @classmethod
    def of(cls, server: Server, protocol: str, *, ca_file: str = "") -> Account:
        """The account the desk's settings name for ``protocol`` ("smtp" or "imap")."""
        what = N_("SMTP server") if protocol == "smtp" else N_("IMAP server")
        return cls(
            host=server.host, port=server.effective_port(protocol), tls=server.tls,
            user=server.user, password_env=server.password_env,
            password_file=server.password_file, ca_file=ca_file, what=what,
        )  # fmt: skip

    def check(self) -> None:
        """Refuse, in a sentence, what must never be tried: mail and a password in clear
        text to another machine, or a user name that would write its own protocol line."""
        if not self.host.strip() or not 1 <= self.port <= 65535:
            raise ValidationError(
                "mail.no_server",
                "The {what} is not set up: it needs a host and a port from 1 to 65535",
                what=self.what,
            )
        if self.tls is Tls.NONE and not is_loopback(self.host):
            raise ValidationError(
                "mail.tls_none",
                "The {what} at {host} would be reached without TLS, passwords and mail in "
                "clear text: that is allowed only for a server on this machine (localhost, "
                "127.0.0.1, ::1)",
                what=self.what,
                host=self.host,
            )
        if any(ord(c) < 32 or ord(c) == 127 for c in self.user + self.host):
            raise ValidationError(
                "mail.control_characters",
                "The {what}'s host and user may not hold control characters or line breaks",
                what=self.what,
            )

    def password(self) -> str:
        """The password, read now from where the settings say it is kept."""
        if self.password_env:
            value = os.environ.get(self.password_env, "")
            if not value:
                raise ValidationError(
                    "mail.password_env_unset",
                    "The environment variable {name} that holds the {what}'s password is not set",
                    name=self.password_env,
                    what=self.what,
                )
            return value
        if self.password_file:
            try:
                with open(self.password_file, "rb") as source:
                    raw = source.read(PASSWORD_FILE_MAX)
                value = raw.decode("utf-8-sig").splitlines()[0] if raw.strip() else ""
            except (OSError, UnicodeDecodeError) as problem:
                raise ValidationError(
                    "mail.password_file_unreadable",
                    "The {what}'s password file {path} cannot be read: {reason}",
                    what=self.what,
                    path=self.password_file,
                    reason=getattr(problem, "strerror", None) or str(problem),
                ) from None
            if not value:
                raise ValidationError(
                    "mail.password_file_empty",
                    "The {what}'s password file {path} is empty",
                    what=self.what,
                    path=self.password_file,
                )
            return value
        raise ValidationError(
            "mail.password_missing",
            "The {what} needs a password for {user}: give the environment variable or the "
            "file that holds it",
            what=self.what,
            user=self.user,
        )

    def tls_context(self) -> ssl.SSLContext:
        """Certificates checked, host name included, TLS 1.2 at least."""
        try:
            context = ssl.create_default_context(cafile=self.ca_file or None)
        except (OSError, ssl.SSLError) as problem:
            raise ValidationError(
                "mail.ca_file",
                "The certificate authority file {path} for the {what} cannot be read: {reason}",
                path=self.ca_file,
                what=self.what,
                reason=getattr(problem, "strerror", None) or str(problem),
            ) from None
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        return context


def connection_problem(error: BaseException, account: Account) -> DomainError:
    """What went wrong reaching or talking to a server, in a sentence (never a traceback).

    Every one of these is worth trying again later: the server may come back, the admin may
    fix the settings; the message stays where it was."""
    where = {"what": account.what, "host": account.host, "port": account.port}
    if isinstance(error, DomainError):
        return error
    if isinstance(error, ssl.SSLCertVerificationError):
        return DomainError(
            "mail.certificate",
            "The {what} at {host}:{port} showed a certificate this desk does not trust "
            "({reason}); for a self-signed server give the file of its authority",
            reason=error.verify_message or str(error),
            **where,
        )
    if isinstance(error, ssl.SSLError):
        return DomainError(
            "mail.tls_failed",
            "The TLS handshake with the {what} at {host}:{port} failed: {reason}",
            reason=error.reason or str(error),
            **where,
        )
    if isinstance(error, TimeoutError):
        return DomainError(
            "mail.timeout",
            "The {what} at {host}:{port} did not answer within {seconds:g} seconds",
            seconds=account.timeout,
            **where,
        )
    if isinstance(error, ConnectionRefusedError):
        return DomainError(
            "mail.connection_refused",
            "The {what} at {host}:{port} refused the connection: is it running, and is the "
            "port right?",
            **where,
        )
    if isinstance(error, OSError) and not isinstance(error, ConnectionError):
        return DomainError(
            "mail.unreachable",
            "The {what} at {host}:{port} cannot be reached: {reason}",
            reason=error.strerror or str(error) or type(error).__name__,
            **where,
        )
    return DomainError(
        "mail.disconnected",
        "The {what} at {host}:{port} ended the conversation: {reason}",
        reason=_reason(error),
        **where,
    )


def login_refused(account: Account, answer: str) -> DomainError:
    """The server said no to the user and password (SMTP 535, IMAP NO to LOGIN)."""
    return DomainError(
        "mail.login_refused",
        "The {what} at {host}:{port} refused the login of {user}: {answer}",
        what=account.what,
        host=account.host,
        port=account.port,
        user=account.user,
        answer=answer,
    )


def no_starttls(account: Account) -> DomainError:
    return DomainError(
        "mail.no_starttls",
        "The {what} at {host}:{port} does not offer STARTTLS: nothing is sent to it in clear text",
        what=account.what,
        host=account.host,
        port=account.port,
    )


def login_characters(account: Account) -> DomainError:
    """smtplib and imaplib write the login in ASCII."""
    return DomainError(
        "mail.login_characters",
        "The {what} takes a user and password in plain ASCII only: this one has other characters",
        what=account.what,
    )


def _reason(error: BaseException) -> str:
    return server_text(str(error) or type(error).__name__)


def server_text(text: str | bytes, limit: int = 300) -> str:
    """What a server said, as one line of at most ``limit`` characters: its answer is
    another machine's text (hostile input), shown to people and stored in the record."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    line = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return line if len(line) <= limit else line[:limit] + "…"
