"""Reading a mailbox over IMAP against a real Dovecot on loopback (tests/mail_servers.py):
IMAPS and STARTTLS, a message marked seen (or moved) only after its handler returned, and
the failures told in sentences."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

from deskTUI import i18n
from deskTUI.domain.mail_settings import Tls
from deskTUI.mail.imap_client import ImapMessage, fetch_new

from ..mail_servers import free_port
from .conftest import imap_account


def mail(number: int) -> bytes:
    return (
        f"From: Ana <ana@cliente.com>\r\nTo: soporte@example.com\r\n"
        f"Subject: Pedido {number}\r\nMessage-ID: <m{number}@cliente.com>\r\n\r\n"
        f"La impresora del piso {number} no imprime.\r\n"
    ).encode()


@pytest.fixture
def account(dovecot, imap_user, password_file):
    def make(tls: Tls = Tls.TLS, **changes: object):
        return imap_account(dovecot, imap_user, tls, password_file(imap_user.password), **changes)

    return make


@pytest.mark.parametrize("tls", [Tls.TLS, Tls.STARTTLS, Tls.NONE])
def test_new_messages_are_handed_over_oldest_first_and_marked_seen(
    dovecot, imap_user, account, tls
):
    for number in (1, 2):
        dovecot.append(imap_user, mail(number))
    dovecot.append(imap_user, mail(3), flags="(\\Seen)")  # read before: not new
    taken: list[ImapMessage] = []

    result = fetch_new(account(tls), taken.append)

    assert result.problem is None
    assert [m.data for m in taken] == [mail(1), mail(2)]
    assert [m.uid for m in taken] == result.handled == [1, 2]
    assert {m.uidvalidity for m in taken} == {result.uidvalidity}
    assert result.uidvalidity
    assert all("\\Seen" in flags for flags in dovecot.flags(imap_user).values())
    assert fetch_new(account(tls), taken.append).handled == []


def test_a_handler_that_raises_leaves_its_message_unseen_for_the_next_fetch(
    dovecot, imap_user, account
):
    for number in (1, 2, 3):
        dovecot.append(imap_user, mail(number))

    def crashes_on_the_second(message: ImapMessage) -> None:
        if b"Pedido 2" in message.data:
            raise RuntimeError("the desk's database is away")

    result = fetch_new(account(), crashes_on_the_second)

    assert result.handled == [1, 3]
    [(uid, problem)] = result.failed
    assert uid == 2 and problem.code == "mail.handler_failed"
    assert i18n.error_text(problem) == (
        "Message 2 was left unread for the next fetch: RuntimeError: the desk's database is away"
    )
    assert "\\Seen" not in dovecot.flags(imap_user)[2]

    again: list[ImapMessage] = []
    assert fetch_new(account(), again.append).handled == [2]
    assert [m.data for m in again] == [mail(2)]


def test_a_handled_message_can_be_moved_to_another_folder_instead(dovecot, imap_user, account):
    dovecot.append(imap_user, mail(1))
    with dovecot.connect(imap_user) as connection:
        connection.create("Procesados")

    result = fetch_new(account(), lambda message: None, move_to="Procesados")

    assert result.handled == [1]
    assert dovecot.flags(imap_user) == {}
    assert list(dovecot.flags(imap_user, "Procesados")) == [1]


def test_at_most_the_limit_is_read_and_the_rest_waits(dovecot, imap_user, account):
    for number in (1, 2, 3):
        dovecot.append(imap_user, mail(number))

    assert fetch_new(account(), lambda message: None, limit=2).handled == [1, 2]
    assert fetch_new(account(), lambda message: None, limit=2).handled == [3]


def test_a_wrong_password_is_refused_with_a_sentence(dovecot, imap_user, account, password_file):
    dovecot.append(imap_user, mail(1))

    result = fetch_new(account(password_file=password_file("wrong")), lambda m: None)

    assert result.problem is not None and result.problem.code == "mail.login_refused"
    assert i18n.error_text(result.problem).startswith(
        f"The IMAP server at 127.0.0.1:{dovecot.imaps_port} refused the login of {imap_user.name}: "
    )
    assert "\\Seen" not in dovecot.flags(imap_user)[1]


@pytest.mark.parametrize("tls", [Tls.TLS, Tls.STARTTLS])
def test_a_certificate_the_desk_does_not_trust_is_refused(dovecot, account, tls):
    result = fetch_new(account(tls, ca_file=str(dovecot.certificates.other_ca_file)), print)

    assert result.problem is not None and result.problem.code == "mail.certificate"


def test_tls_none_to_another_machine_is_refused_before_connecting(account):
    result = fetch_new(account(Tls.NONE, host="192.0.2.1"), print)

    assert result.problem is not None and result.problem.code == "mail.tls_none"


def test_a_missing_mailbox_and_a_closed_port_are_told_in_sentences(dovecot, account):
    missing = fetch_new(account(), print, mailbox="No existe")
    assert missing.problem is not None and missing.problem.code == "mail.no_mailbox"
    assert "has no mailbox No existe" in i18n.error_text(missing.problem)

    closed = fetch_new(account(port=free_port()), print)
    assert closed.problem is not None and closed.problem.code == "mail.connection_refused"

    strange = fetch_new(account(), print, mailbox="Buzón\r\nA1 LOGOUT")
    assert strange.problem is not None and strange.problem.code == "mail.mailbox_name"


def test_a_move_folder_that_does_not_exist_is_told_before_any_message_is_handled(
    dovecot, imap_user, account
):
    dovecot.append(imap_user, mail(1))
    taken: list[ImapMessage] = []

    result = fetch_new(account(), taken.append, move_to="Procesados")

    assert result.problem is not None and result.problem.code == "mail.no_mailbox"
    assert "has no mailbox Procesados" in i18n.error_text(result.problem)
    assert taken == [] and "\\Seen" not in dovecot.flags(imap_user)[1]


def test_a_server_that_stays_silent_is_a_timeout(dovecot, account):
    # STARTTLS spoken to the IMAPS port: each side waits for the other to begin.
    result = fetch_new(account(Tls.STARTTLS, port=dovecot.imaps_port, timeout=0.3), print)

    assert result.problem is not None and result.problem.code == "mail.timeout"
    assert i18n.error_text(result.problem) == (
        f"The IMAP server at 127.0.0.1:{dovecot.imaps_port} did not answer within 0.3 seconds"
    )


def test_a_server_that_hangs_after_its_greeting_is_a_timeout_too(account):
    """A hung server (not a mail server at all: it greets, then never answers), for the
    timeout imaplib reports as an aborted command."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        port = listener.getsockname()[1]

        def greet_then_hang() -> None:
            connection, _ = listener.accept()
            with connection:
                connection.sendall(b"* OK IMAP4rev1 ready\r\n")
                connection.recv(1024)  # the CAPABILITY it never answers
                time.sleep(1)

        threading.Thread(target=greet_then_hang, daemon=True).start()
        result = fetch_new(account(Tls.NONE, port=port, timeout=0.3), print)

    assert result.problem is not None and result.problem.code == "mail.timeout"


FETCHER = """
import os, sys, time
from deskTUI.domain.mail_settings import Tls
from deskTUI.i18n import N_
from deskTUI.mail.account import Account
from deskTUI.mail.imap_client import fetch_new

port, user, ca_file, log_path = sys.argv[1:]
account = Account("127.0.0.1", int(port), Tls.TLS, user, password_env="IMAP_PASSWORD",
                  ca_file=ca_file, what=N_("IMAP server"))
log = open(log_path, "a", buffering=1)

def handler(message):
    log.write(f"start {message.uid}\\n")
    time.sleep(0.05)  # a commit's worth of work: the kill lands inside a handler
    log.write(f"{message.uid}\\n")

fetch_new(account, handler)
"""


@pytest.mark.slow
def test_a_fetch_killed_mid_run_loses_no_message_and_the_next_fetch_takes_the_rest(
    dovecot, imap_user, tmp_path, password_file
):
    with dovecot.connect(imap_user) as connection:
        for number in range(1, 61):
            connection.append("INBOX", None, None, mail(number))
    log = tmp_path / "handled.log"
    log.touch()
    fetcher = subprocess.Popen(
        [sys.executable, "-c", FETCHER, str(dovecot.imaps_port), imap_user.name,
         str(dovecot.certificates.ca_file), str(log)],
        env={**os.environ, "IMAP_PASSWORD": imap_user.password},
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        lines = log.read_text().splitlines()
        if len(lines) >= 20 and lines[-1].startswith("start"):
            break  # ten handled, the eleventh in its handler
        time.sleep(0.005)
    os.kill(fetcher.pid, signal.SIGKILL)
    fetcher.wait()

    before = {int(line) for line in log.read_text().splitlines() if line.isdigit()}
    seen = {uid for uid, flags in dovecot.flags(imap_user).items() if "\\Seen" in flags}
    assert 10 <= len(before) < 60  # killed mid-run, not after
    assert seen <= before  # nothing marked seen before its handler returned
    assert len(before - seen) <= 1  # at most the one between handler and mark

    again = imap_account(dovecot, imap_user, Tls.TLS, password_file(imap_user.password))
    after = set(fetch_new(again, lambda message: None).handled)
    assert before | after == set(range(1, 61))  # nothing lost
    assert len(before & after) <= 1  # that one, handed over twice: ingest absorbs it


def test_a_mailbox_made_again_has_a_new_uidvalidity_so_old_uids_are_not_trusted(
    dovecot, imap_user, account
):
    dovecot.append(imap_user, mail(1), mailbox="Casos")  # made by the append
    first = fetch_new(account(), lambda message: None, mailbox="Casos")
    with dovecot.connect(imap_user) as connection:
        connection.delete("Casos")
    dovecot.append(imap_user, mail(2), mailbox="Casos")  # made again

    taken: list[ImapMessage] = []
    second = fetch_new(account(), taken.append, mailbox="Casos")

    assert first.handled == second.handled == [1]  # the same UID, another message
    assert first.uidvalidity != second.uidvalidity
    assert [(m.uid, m.uidvalidity, m.data) for m in taken] == [(1, second.uidvalidity, mail(2))]
