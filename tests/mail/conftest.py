"""The real mail servers of the mail suite (tests/mail_servers.py): Dovecot for IMAP and
aiosmtpd for SMTP, on loopback, started once per test process when a test first asks.

Where Dovecot is not installed or does not start, the IMAP tests are skipped with the
reason, unless ``DESKTUI_REQUIRE_MAIL=1`` (CI, .ci/run): then they fail, as
``DESKTUI_REQUIRE_PG=1`` makes a missing PostgreSQL fail the run.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from deskTUI.domain.mail_settings import Tls
from deskTUI.i18n import N_
from deskTUI.mail.account import Account

from ..mail_servers import (
    Certificates,
    Dovecot,
    ImapUser,
    ServerUnavailable,
    SmtpServer,
    make_certificates,
)


def _unavailable(reason: str) -> None:
    if os.environ.get("DESKTUI_REQUIRE_MAIL") == "1":
        pytest.fail(f"DESKTUI_REQUIRE_MAIL=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def mail_certificates(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    try:
        return make_certificates(tmp_path_factory.mktemp("mail-certificates"))
    except ServerUnavailable as problem:
        _unavailable(str(problem))
        raise


@pytest.fixture(scope="session")
def dovecot(mail_certificates: Certificates) -> Iterator[Dovecot]:
    server = Dovecot(mail_certificates)
    try:
        server.start()
    except ServerUnavailable as problem:
        _unavailable(str(problem))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def smtp_session(mail_certificates: Certificates) -> Iterator[SmtpServer]:
    server = SmtpServer(mail_certificates)
    try:
        server.start()
    except ServerUnavailable as problem:
        _unavailable(str(problem))
    yield server
    server.stop()


@pytest.fixture
def smtp_server(smtp_session: SmtpServer) -> Iterator[SmtpServer]:
    """The run's SMTP server with nothing received and no recipient refused."""
    smtp_session.clear()
    yield smtp_session
    smtp_session.clear()


@pytest.fixture
def imap_user(dovecot: Dovecot) -> ImapUser:
    """A user of its own with an empty mailbox, for this test alone."""
    return dovecot.add_user()


@pytest.fixture
def password_file(tmp_path: Path):
    """Writes a password into a file of the test's own and gives its path."""

    written = itertools.count(1)

    def write(password: str) -> str:
        path = tmp_path / f"mail-password-{next(written)}"
        path.write_text(password + "\n")
        return str(path)

    return write


def smtp_account(
    server: SmtpServer, certificates: Certificates, tls: Tls, secret_file: str, **changes: object
) -> Account:
    """An account on the run's SMTP server: its STARTTLS port, or its TLS port for ``tls``."""
    fields: dict[str, object] = {
        "host": "127.0.0.1",
        "port": server.tls_port if tls is Tls.TLS else server.port,
        "tls": tls,
        "user": server.login,
        "what": N_("SMTP server"),
        "password_file": secret_file,
        "ca_file": str(certificates.ca_file),
        "timeout": 10.0,
        **changes,
    }
    return Account(**fields)  # type: ignore[arg-type]


def imap_account(
    server: Dovecot, user: ImapUser, tls: Tls, secret_file: str, **changes: object
) -> Account:
    """An account on the run's Dovecot: IMAPS for ``tls``, else the plain port."""
    fields: dict[str, object] = {
        "host": "127.0.0.1",
        "port": server.imaps_port if tls is Tls.TLS else server.imap_port,
        "tls": tls,
        "user": user.name,
        "what": N_("IMAP server"),
        "password_file": secret_file,
        "ca_file": str(server.certificates.ca_file),
        "timeout": 10.0,
        **changes,
    }
    return Account(**fields)  # type: ignore[arg-type]
