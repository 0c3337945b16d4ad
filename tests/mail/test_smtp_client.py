"""Sending over SMTP against a real server on loopback (aiosmtpd, tests/mail_servers.py):
each TLS mode with a login, per-recipient 4xx/5xx answers, and every way the connection
can go wrong answered with an outcome code and a sentence, never a traceback."""

from __future__ import annotations

import email
import time
from dataclasses import replace
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.policy import default

import pytest

from deskTUI import i18n
from deskTUI.domain.mail_settings import Server, Tls
from deskTUI.mail.account import Account
from deskTUI.mail.smtp_client import Delivery, send

from ..mail_servers import free_port
from .conftest import smtp_account


def notice(*to: str, subject: str = "Caso CS-000123 abierto") -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Mesa de ayuda <soporte@example.com>"
    message["To"] = ", ".join(to)
    message["Subject"] = subject
    message["Message-ID"] = "<notice-1@example.com>"
    message["Auto-Submitted"] = "auto-generated"
    message.set_content("Recibimos su solicitud. Número de caso: CS-000123.\n")
    return message


@pytest.fixture
def account(smtp_server, mail_certificates, password_file):
    def make(tls: Tls = Tls.STARTTLS, **changes: object) -> Account:
        secret = password_file(smtp_server.password)
        return smtp_account(smtp_server, mail_certificates, tls, secret, **changes)

    return make


@pytest.mark.parametrize("tls", [Tls.STARTTLS, Tls.TLS])
def test_a_message_is_sent_with_each_tls_mode_and_a_login(smtp_server, account, tls):
    result = send(account(tls), notice("ana@cliente.com"))

    assert result.problem is None
    assert result.of("ana@cliente.com").delivery is Delivery.SENT
    assert result.of("ana@cliente.com").answer.startswith("250 ")
    [received] = smtp_server.received
    assert (received.login, received.tls) == ("desk", True)
    assert received.mail_from == "soporte@example.com"
    assert received.rcpt_tos == ("ana@cliente.com",)
    sent = BytesParser(policy=default).parsebytes(received.data)
    assert sent["Subject"] == "Caso CS-000123 abierto"
    assert (
        sent.get_content().replace("\r\n", "\n")
        == "Recibimos su solicitud. Número de caso: CS-000123.\n"
    )


def test_plain_smtp_is_allowed_to_a_server_on_this_machine(smtp_server, account):
    result = send(account(Tls.NONE, user="", password_file=""), notice("ana@cliente.com"))

    assert result.of("ana@cliente.com").delivery is Delivery.SENT
    [received] = smtp_server.received
    assert (received.login, received.tls) == (None, False)


def test_the_password_is_read_from_the_environment_variable_the_account_names(
    smtp_server, account, monkeypatch
):
    monkeypatch.setenv("DESK_SMTP_PASSWORD", smtp_server.password)
    result = send(
        account(password_file="", password_env="DESK_SMTP_PASSWORD"), notice("ana@cliente.com")
    )
    assert result.sent == ("ana@cliente.com",)

    monkeypatch.delenv("DESK_SMTP_PASSWORD")
    result = send(
        account(password_file="", password_env="DESK_SMTP_PASSWORD"), notice("ana@cliente.com")
    )
    assert result.problem is not None and result.problem.code == "mail.password_env_unset"
    assert result.of("ana@cliente.com").delivery is Delivery.FAILED_TEMPORARY
    assert len(smtp_server.received) == 1


def test_bcc_recipients_get_the_message_without_the_bcc_header(smtp_server, account):
    message = notice("ana@cliente.com")
    message["Bcc"] = "auditoria@example.com"

    result = send(account(), message)

    assert result.sent == ("ana@cliente.com", "auditoria@example.com")
    [received] = smtp_server.received
    assert received.rcpt_tos == ("ana@cliente.com", "auditoria@example.com")
    assert b"auditoria" not in received.data


def test_a_4xx_answer_is_a_temporary_failure_and_a_5xx_a_permanent_one(smtp_server, account):
    smtp_server.fail("ocupado@cliente.com", "450 4.2.1 Mailbox busy, try later")
    smtp_server.fail("nadie@cliente.com", "550 5.1.1 No such user here")

    result = send(account(), notice("ana@cliente.com", "ocupado@cliente.com", "nadie@cliente.com"))

    assert [(r.address, r.delivery, r.answer) for r in result.recipients] == [
        ("ana@cliente.com", Delivery.SENT, "250 2.0.0 Message accepted"),
        ("ocupado@cliente.com", Delivery.FAILED_TEMPORARY, "450 4.2.1 Mailbox busy, try later"),
        ("nadie@cliente.com", Delivery.FAILED_PERMANENT, "550 5.1.1 No such user here"),
    ]
    refused = result.of("nadie@cliente.com").problem
    assert refused is not None
    assert i18n.error_text(refused) == (
        "The server refused the message for nadie@cliente.com: 550 5.1.1 No such user here"
    )
    [received] = smtp_server.received
    assert received.rcpt_tos == ("ana@cliente.com",)


def test_every_recipient_refused_sends_nothing_and_keeps_each_answer(smtp_server, account):
    smtp_server.fail("nadie@cliente.com", "550 5.1.1 No such user here")
    smtp_server.fail("ocupado@cliente.com", "451 4.3.0 Try again")

    result = send(account(), notice("nadie@cliente.com", "ocupado@cliente.com"))

    assert [r.delivery for r in result.recipients] == [
        Delivery.FAILED_PERMANENT,
        Delivery.FAILED_TEMPORARY,
    ]
    assert smtp_server.received == []


@pytest.mark.parametrize(
    ("answer", "delivery"),
    [
        ("451 4.3.0 Queue full", Delivery.FAILED_TEMPORARY),
        ("554 5.6.0 Refused", Delivery.FAILED_PERMANENT),
    ],
)
def test_the_data_refused_fails_every_accepted_recipient_by_the_answers_class(
    smtp_server, account, answer, delivery
):
    smtp_server.data_answer = answer

    result = send(account(), notice("ana@cliente.com"))

    assert result.of("ana@cliente.com").delivery is delivery
    assert result.of("ana@cliente.com").answer == answer
    assert result.problem is not None and result.problem.code == "mail.message_refused"


def test_a_wrong_password_is_refused_with_a_sentence_and_the_notice_waits(
    smtp_server, account, password_file
):
    result = send(account(password_file=password_file("not-the-password")), notice("a@b.com"))

    assert result.problem is not None and result.problem.code == "mail.login_refused"
    assert result.of("a@b.com").delivery is Delivery.FAILED_TEMPORARY
    assert i18n.error_text(result.problem).startswith(
        f"The SMTP server at 127.0.0.1:{smtp_server.port} refused the login of desk: 535 "
    )
    i18n.use("es")
    assert i18n.error_text(result.problem).startswith(
        f"El servidor SMTP en 127.0.0.1:{smtp_server.port} rechazó el inicio de sesión de desk"
    )
    assert smtp_server.received == []


@pytest.mark.parametrize("trusted", ["other", "system"])
def test_a_certificate_the_desk_does_not_trust_is_refused(
    smtp_server, mail_certificates, account, trusted
):
    ca_file = str(mail_certificates.other_ca_file) if trusted == "other" else ""

    for tls in (Tls.STARTTLS, Tls.TLS):
        result = send(account(tls, ca_file=ca_file), notice("a@b.com"))

        assert result.problem is not None and result.problem.code == "mail.certificate"
        assert "certificate this desk does not trust" in i18n.error_text(result.problem)
        assert result.of("a@b.com").delivery is Delivery.FAILED_TEMPORARY
    assert smtp_server.received == []


def test_tls_none_to_another_machine_is_refused_before_connecting(account):
    started = time.monotonic()
    # 192.0.2.1 is TEST-NET-1: were a connection tried, it would hang until the timeout.
    result = send(account(Tls.NONE, host="192.0.2.1", timeout=5.0), notice("a@b.com"))

    assert time.monotonic() - started < 1
    assert result.problem is not None and result.problem.code == "mail.tls_none"
    assert i18n.error_text(result.problem) == (
        "The SMTP server at 192.0.2.1 would be reached without TLS, passwords and mail in "
        "clear text: that is allowed only for a server on this machine (localhost, "
        "127.0.0.1, ::1)"
    )


def test_no_server_on_the_port_is_a_refused_connection_to_retry(account):
    port = free_port()
    result = send(account(Tls.STARTTLS, port=port), notice("a@b.com"))

    assert result.problem is not None and result.problem.code == "mail.connection_refused"
    assert f"127.0.0.1:{port} refused the connection" in i18n.error_text(result.problem)
    assert result.of("a@b.com").delivery is Delivery.FAILED_TEMPORARY


def test_a_server_that_stays_silent_is_a_timeout(smtp_server, account):
    # STARTTLS spoken to the implicit-TLS port: each side waits for the other to begin.
    result = send(account(Tls.STARTTLS, port=smtp_server.tls_port, timeout=0.3), notice("a@b.com"))

    assert result.problem is not None and result.problem.code == "mail.timeout"
    assert result.of("a@b.com").delivery is Delivery.FAILED_TEMPORARY


def test_a_header_with_a_line_break_of_its_own_is_never_sent(smtp_server, account):
    # The legacy Message class takes any header text; an injected Bcc must not get through.
    message = Message()
    message["From"] = "soporte@example.com"
    message["To"] = "ana@cliente.com"
    message["Subject"] = "Hola\r\nBcc: victima@example.org"
    message.set_payload("hola")

    result = send(account(), message)

    assert result.problem is not None and result.problem.code == "mail.header_injection"
    assert result.of("ana@cliente.com").delivery is Delivery.FAILED_PERMANENT
    assert smtp_server.received == []


def test_an_envelope_address_with_a_line_break_is_refused(smtp_server, account):
    result = send(account(), notice("ana@cliente.com"), recipients=["ana@cliente.com\r\nDATA"])

    assert result.problem is not None and result.problem.code == "mail.envelope"
    assert smtp_server.received == []


def test_an_address_beyond_ascii_is_sent_with_smtputf8(smtp_server, account):
    result = send(account(), notice("josé@cliente.com"))

    assert result.of("josé@cliente.com").delivery is Delivery.SENT
    [received] = smtp_server.received
    assert received.rcpt_tos == ("josé@cliente.com",)
    assert "To: josé@cliente.com" in received.data.decode()


def test_odd_settings_and_messages_are_refused_in_sentences_not_tracebacks(
    smtp_server, account, password_file
):
    cases = {
        "mail.login_characters": send(
            account(password_file=password_file("contraseña")), notice("a@b.com")
        ),
        "mail.no_server": send(account(port=70000), notice("a@b.com")),
        "mail.password_file_empty": send(
            account(password_file=password_file("")), notice("a@b.com")
        ),
        "mail.no_recipients": send(account(), notice(), recipients=[]),
        "mail.ca_file": send(account(ca_file="/nonexistent/ca.pem"), notice("a@b.com")),
        "mail.control_characters": send(account(user="desk\r\nRSET"), notice("a@b.com")),
    }

    for code, result in cases.items():
        assert result.problem is not None and result.problem.code == code
        assert i18n.error_text(result.problem)
    assert smtp_server.received == []


def test_a_bounce_goes_with_the_null_sender_so_nothing_answers_it(smtp_server, account):
    result = send(account(), notice("extrano@otro.com"), sender="")

    assert result.sent == ("extrano@otro.com",)
    [received] = smtp_server.received
    assert received.mail_from == "<>", received.mail_from


def test_a_message_python_cannot_write_fails_for_good_not_with_a_traceback(smtp_server, account):
    message = Message()
    message["From"] = "soporte@example.com"
    message["To"] = "ana@cliente.com"
    message.set_payload(12345)  # the legacy class takes it; the generator does not

    result = send(account(), message)

    assert result.problem is not None and result.problem.code == "mail.unwritable"
    assert i18n.error_text(result.problem).startswith(
        "The message cannot be written for sending: AttributeError: "
    )
    assert result.of("ana@cliente.com").delivery is Delivery.FAILED_PERMANENT
    assert smtp_server.received == []


def test_the_desks_settings_make_the_account_with_the_usual_port_for_the_tls_mode(
    smtp_server, mail_certificates, tmp_path
):
    secret = tmp_path / "smtp-password"
    secret.write_bytes(b"\xef\xbb\xbf" + smtp_server.password.encode() + b"\r\n")  # Notepad's
    server = Server(host="127.0.0.1", tls=Tls.STARTTLS, user="desk", password_file=str(secret))

    assert Account.of(server, "smtp").port == 587
    assert Account.of(Server(host="mx", tls=Tls.TLS), "imap").port == 993
    account = replace(
        Account.of(server, "smtp", ca_file=str(mail_certificates.ca_file)), port=smtp_server.port
    )
    assert account.what == "SMTP server" and account.password() == smtp_server.password
    assert send(account, notice("ana@cliente.com")).sent == ("ana@cliente.com",)


def test_a_header_python_cannot_read_fails_for_good_not_with_a_traceback(smtp_server, account):
    raw = "From: soporte@example.com\nTo: ana@cliente.com\nMessage-ID: <\nSubject: x\n\nhola\n"
    message = email.message_from_string(raw, policy=default)  # as the outbox stores a notice

    result = send(account(), message, recipients=["ana@cliente.com"])

    assert result.problem is not None and result.problem.code == "mail.unreadable_headers"
    assert i18n.error_text(result.problem).startswith(
        "The message's headers cannot be read for sending: IndexError"
    )
    assert result.of("ana@cliente.com").delivery is Delivery.FAILED_PERMANENT
    assert smtp_server.received == []
