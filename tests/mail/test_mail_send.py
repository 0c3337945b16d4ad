"""The outbox's sender (issue 22, ``services.mail_send``): notices queued with the
repository, sent to the real SMTP server on loopback (aiosmtpd, STARTTLS and a login),
on both engines: each sent once and recorded, a 4xx put off and sent later, a 5xx failed
for good and the address marked failing, two senders at once sending each notice once."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import replace
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import default

import pytest
from sqlalchemy import text

from deskTUI.cli.arguments.mail import SEND_LIMIT as PARSER_LIMIT
from deskTUI.domain.errors import PermissionDenied, ValidationError
from deskTUI.domain.mail_settings import Direction, Outcome, Server, Tls
from deskTUI.domain.permissions import Scope
from deskTUI.services import admin
from deskTUI.services.identity import os_login
from deskTUI.services.mail_send import BACKOFF, MAX_ATTEMPTS, SEND_LIMIT, STALE_AFTER, send_due

from ..mail_servers import free_port

EVERYTHING = Scope(everything=True)


@pytest.fixture
def mail_desk(desk, smtp_server, mail_certificates, password_file, monkeypatch):
    """The desk with its SMTP settings on the run's server (STARTTLS, a login from a
    file), whose certificate it trusts as a self-signed server's is: SSL_CERT_FILE."""
    monkeypatch.setenv("SSL_CERT_FILE", str(mail_certificates.ca_file))
    secret = password_file(smtp_server.password)
    server = Server("127.0.0.1", smtp_server.port, Tls.STARTTLS, "desk", password_file=secret)
    with desk.uow() as uow:
        uow.mail.save_settings(replace(uow.mail.settings(), smtp=server))
        uow.commit()
    return desk


def queue(desk, *recipients: str) -> dict[str, int]:
    """One notice to each recipient, due now: {recipient: its record's id}."""
    ids = {}
    with desk.uow() as uow:
        for n, recipient in enumerate(recipients):
            notice = EmailMessage(policy=default)
            notice["From"] = "Mesa de ayuda <soporte@mesa.example>"
            notice["To"] = recipient
            notice["Subject"] = f"[CS-00000{n}] Caso abierto: la impresora"
            notice["Message-ID"] = f"<{uuid.uuid4().hex}@mesa.example>"
            notice["Auto-Submitted"] = "auto-generated"
            notice.set_content("Su caso fue abierto. ¡Gracias!")
            mail_id = uow.mail.record(
                Direction.OUT, notice["Message-ID"], recipient, uow.now(), Outcome.QUEUED
            )
            uow.mail.queue(mail_id, recipient, "es", notice.as_string(), uow.now())
            ids[recipient] = mail_id
        uow.commit()
    return ids


def outcome(desk, mail_id: int):
    with desk.uow() as uow:
        record = next(r for r in uow.mail.messages(EVERYTHING, limit=100) if r.id == mail_id)
        row = uow.mail.outbox(mail_id)
        return record, (row.attempts, row.next_attempt_at, row.done_at, row.claimed_by)


def test_each_notice_is_sent_once_and_recorded_sent(mail_desk, smtp_server):
    ids = queue(mail_desk, "maria@acme.example", "ana@globex.example")

    done = send_due(mail_desk.uow(), mail_desk.admin)

    assert (done.sent, done.failed_temporary, done.failed_permanent, done.skipped) == (2, 0, 0, 0)
    assert sorted(r.rcpt_tos for r in smtp_server.received) == [
        ("ana@globex.example",), ("maria@acme.example",),
    ]  # fmt: skip
    received = smtp_server.received[0]
    assert received.tls and received.login == "desk"
    assert b"Auto-Submitted: auto-generated" in received.data
    record, (attempts, _, done_at, claimed_by) = outcome(mail_desk, ids["maria@acme.example"])
    assert record.outcome is Outcome.SENT and record.sent_at == mail_desk.clock()
    assert (attempts, done_at, claimed_by) == (1, mail_desk.clock(), "")
    again = send_due(mail_desk.uow(), None)
    assert again.sent == 0 and len(smtp_server.received) == 2  # nothing sent twice


def test_a_4xx_is_put_off_and_sent_later_a_5xx_fails_for_good_and_marks_the_address(
    mail_desk, smtp_server
):
    smtp_server.fail("ocupado@acme.example", "450 4.2.1 Mailbox busy, try later")
    smtp_server.fail("nadie@acme.example", "550 5.1.1 No such user here")
    ids = queue(mail_desk, "ocupado@acme.example", "nadie@acme.example")
    [again] = queue(mail_desk, "nadie@acme.example").values()  # queued before it bounced
    start = mail_desk.clock()

    done = send_due(mail_desk.uow(), None)

    assert (done.sent, done.failed_temporary, done.failed_permanent) == (0, 1, 2)
    not_tried = outcome(mail_desk, again)[0]
    assert (not_tried.outcome, not_tried.reason_code) == (
        Outcome.FAILED_PERMANENT, "mail.address_failing",
    )  # fmt: skip
    busy, (attempts, next_at, done_at, _) = outcome(mail_desk, ids["ocupado@acme.example"])
    assert busy.outcome is Outcome.FAILED_TEMPORARY and busy.reason_code == "mail.recipient_refused"
    assert (attempts, next_at, done_at) == (1, start + BACKOFF[0], None)
    gone, (_, _, gone_at, _) = outcome(mail_desk, ids["nadie@acme.example"])
    assert gone.outcome is Outcome.FAILED_PERMANENT and gone_at == start
    with mail_desk.uow() as uow:
        assert uow.mail.failing("nadie@acme.example") == (start, "550 5.1.1 No such user here")
    # Not due yet: nothing tried. Once due, the server takes it.
    assert send_due(mail_desk.uow(), None).failed_temporary == 0
    smtp_server.failures.clear()
    later = send_due(mail_desk.uow(), None, now=start + BACKOFF[0])
    assert (later.sent, later.failed_permanent) == (1, 0)
    assert [r.rcpt_tos for r in smtp_server.received] == [("ocupado@acme.example",)]
    assert outcome(mail_desk, ids["ocupado@acme.example"])[0].outcome is Outcome.SENT


def test_two_senders_at_once_send_each_notice_exactly_once(mail_desk, smtp_server):
    recipients = [f"cliente{n}@acme.example" for n in range(12)]
    queue(mail_desk, *recipients)
    results = []

    def sender(name: str) -> None:
        results.append(send_due(mail_desk.uow(), None, who=name))

    threads = [threading.Thread(target=sender, args=(f"sender-{n}",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(rcpt for r in smtp_server.received for rcpt in r.rcpt_tos) == sorted(recipients)
    assert sum(r.sent for r in results) == 12
    assert sum(r.sent + r.skipped for r in results) <= 24


def test_a_claim_left_by_a_dead_sender_is_taken_over_after_the_stale_limit(mail_desk, smtp_server):
    [mail_id] = queue(mail_desk, "maria@acme.example").values()
    now = mail_desk.clock()
    with mail_desk.uow() as uow:  # what a sender killed between claim and send leaves
        assert uow.mail.claim(mail_id, "dead:1", now, now - STALE_AFTER)
        uow.commit()

    assert send_due(mail_desk.uow(), None, now=now + STALE_AFTER / 2).skipped == 1
    assert smtp_server.received == []
    assert send_due(mail_desk.uow(), None, now=now + STALE_AFTER * 2).sent == 1
    assert len(smtp_server.received) == 1


def test_no_smtp_server_or_no_password_is_refused_before_any_claim(mail_desk, monkeypatch):
    [mail_id] = queue(mail_desk, "maria@acme.example").values()
    with mail_desk.uow() as uow:
        settings = uow.mail.settings()
        uow.mail.save_settings(
            replace(settings, smtp=replace(settings.smtp, password_file="", password_env="DESK_PW"))
        )
        uow.commit()
    monkeypatch.delenv("DESK_PW", raising=False)
    with pytest.raises(ValidationError) as refused:
        send_due(mail_desk.uow(), mail_desk.admin)
    assert str(refused.value) == (
        "The environment variable DESK_PW that holds the SMTP server's password is not set"
    )
    with mail_desk.uow() as uow:
        uow.mail.save_settings(replace(uow.mail.settings(), smtp=Server()))
        uow.commit()
    with pytest.raises(ValidationError) as refused:
        send_due(mail_desk.uow(), mail_desk.admin)
    assert refused.value.code == "mail.no_smtp"
    assert outcome(mail_desk, mail_id)[1][0] == 0  # no attempt spent
    with pytest.raises(PermissionDenied):
        send_due(mail_desk.uow(), mail_desk.ana)


def test_mail_send_says_its_counts_in_sentences_and_in_json_and_refuses_without_smtp(
    mail_desk, smtp_server, db, capsys
):
    from ..cli.conftest import call_main

    admin.add_user(mail_desk.uow(), mail_desk.admin, os_login(), role="admin")  # the terminal's

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = call_main(["--db", db.url, "mail", "send", *args])
        out, err = capsys.readouterr()
        return code, out, err

    assert run() == (0, "No notice was due.\n", "")
    assert PARSER_LIMIT == SEND_LIMIT  # the parser keeps its own copy (no mail import at start)
    smtp_server.fail("nadie@acme.example", "550 5.1.1 No such user here")
    queue(mail_desk, "maria@acme.example", "ana@globex.example", "nadie@acme.example")
    code, out, err = run("--json", "--limit", "2")
    assert (code, err) == (0, "")
    assert json.loads(out) == {
        "sent": 2, "failed_temporary": 0, "failed_permanent": 0, "skipped": 0, "stopped": None,
    }  # fmt: skip
    assert run() == (0, "1 notice failed for good.\n", "")
    port = free_port()  # nothing listens there: the run stops, and cron hears of it
    with mail_desk.uow() as uow:
        settings = uow.mail.settings()
        uow.mail.save_settings(replace(settings, smtp=replace(settings.smtp, port=port)))
        uow.commit()
    queue(mail_desk, "jorge@acme.example")
    code, out, err = run()
    assert (code, out) == (1, "1 notice put off, to be tried again later.\n")
    assert err.startswith(f"error: The SMTP server at 127.0.0.1:{port} refused the connection")
    with mail_desk.uow() as uow:
        uow.mail.save_settings(replace(uow.mail.settings(), smtp=Server()))
        uow.commit()
    code, out, err = run()
    assert (code, out) == (1, "")
    assert err == (
        "error: No SMTP server is set up, so no notice can be sent: give one with "
        "desktui mail set --smtp HOST[:PORT]\n"
    )


def test_a_server_that_cannot_be_reached_stops_the_run_and_the_rest_keep_their_attempts(
    mail_desk,
):
    ids = list(queue(mail_desk, "maria@acme.example", "ana@globex.example").values())
    with mail_desk.uow() as uow:
        settings = uow.mail.settings()
        closed = replace(settings.smtp, port=free_port())  # nothing listens there
        uow.mail.save_settings(replace(settings, smtp=closed))
        uow.commit()

    done = send_due(mail_desk.uow(), None)

    assert (done.failed_temporary, done.sent) == (1, 0)
    assert done.stopped is not None and done.stopped.code == "mail.connection_refused"
    assert [outcome(mail_desk, i)[1][0] for i in ids] == [1, 0]  # the second never tried
    first = outcome(mail_desk, ids[0])[0]
    assert (first.outcome, first.reason_code) == (
        Outcome.FAILED_TEMPORARY,
        "mail.connection_refused",
    )


def test_a_notice_put_off_for_the_last_allowed_time_is_given_up(mail_desk, smtp_server):
    [mail_id] = queue(mail_desk, "ocupado@acme.example").values()
    smtp_server.fail("ocupado@acme.example", "450 4.2.1 Mailbox busy, try later")
    with mail_desk.uow() as uow:  # 49 attempts already made
        uow.session.execute(text("UPDATE mail_outbox SET attempts = :n"), {"n": MAX_ATTEMPTS - 1})
        uow.commit()

    assert send_due(mail_desk.uow(), None).failed_permanent == 1

    record, (attempts, _, done_at, _) = outcome(mail_desk, mail_id)
    assert (attempts, done_at) == (MAX_ATTEMPTS, mail_desk.clock())
    assert (record.outcome, record.reason_code) == (Outcome.FAILED_PERMANENT, "mail.gave_up")
    with mail_desk.uow() as uow:
        assert uow.mail.failing("ocupado@acme.example") is None  # "busy" is no bad address


KILLED_SENDER = """
import sys
from deskTUI.cli import main
sys.exit(main(["--db", sys.argv[1], "mail", "send"]))
"""


def test_a_sender_killed_mid_send_leaves_its_notice_to_be_taken_over_once(
    mail_desk, smtp_server, db, tmp_path
):
    """SIGKILL while the sender waits on a server that never greets (the claim committed,
    nothing sent): the next sender after the stale limit sends it, once."""
    admin.add_user(mail_desk.uow(), mail_desk.admin, os_login(), role="admin")
    [mail_id] = queue(mail_desk, "maria@acme.example").values()
    with mail_desk.uow() as uow:
        good = uow.mail.settings()
        uow.mail.save_settings(replace(good, smtp=Server("127.0.0.1", None, Tls.NONE)))
        uow.commit()
    with socket.create_server(("127.0.0.1", 0)) as silent:  # listens, never answers
        with mail_desk.uow() as uow:
            uow.mail.save_settings(
                replace(good, smtp=Server("127.0.0.1", silent.getsockname()[1], Tls.NONE))
            )
            uow.commit()
        sender = subprocess.Popen([sys.executable, "-c", KILLED_SENDER, db.url])
        try:
            deadline = time.monotonic() + 30
            while outcome(mail_desk, mail_id)[1][3] == "" and time.monotonic() < deadline:
                time.sleep(0.05)  # until its claim is committed
        finally:
            sender.kill()
            sender.wait()
    attempts, _, done_at, claimed_by = outcome(mail_desk, mail_id)[1]
    assert (attempts, done_at, claimed_by.endswith(f":{sender.pid}")) == (1, None, True)
    with mail_desk.uow() as uow:
        uow.mail.save_settings(good)
        uow.commit()
    now = datetime.now(UTC)
    assert send_due(mail_desk.uow(), None, now=now).skipped == 1  # still claimed: left alone
    assert send_due(mail_desk.uow(), None, now=now + STALE_AFTER).sent == 1
    assert [r.rcpt_tos for r in smtp_server.received] == [("maria@acme.example",)]
    record, (attempts, _, done_at, _) = outcome(mail_desk, mail_id)
    assert (record.outcome, attempts, done_at) == (Outcome.SENT, 2, mail_desk.clock())


def test_a_stored_notice_the_standard_library_cannot_read_fails_for_good_not_the_run(
    mail_desk, smtp_server
):
    with mail_desk.uow() as uow:  # "Message-ID: <" raises IndexError in Python 3.11's parser
        broken = uow.mail.record(Direction.OUT, "<x@mesa>", "ana@acme.example", uow.now(),
                                 Outcome.QUEUED)  # fmt: skip
        uow.mail.queue(broken, "ana@acme.example", "es",
                       "From: soporte@mesa.example\nTo: ana@acme.example\nMessage-ID: <\n\nHola",
                       uow.now())  # fmt: skip
        uow.commit()
    [fine] = queue(mail_desk, "maria@acme.example").values()

    done = send_due(mail_desk.uow(), None)

    assert (done.sent, done.failed_permanent) == (1, 1)
    record, (_, _, done_at, _) = outcome(mail_desk, broken)
    # Said by the SMTP client now; the sender's own catch stays a second guard.
    assert (record.outcome, record.reason_code, done_at) == (
        Outcome.FAILED_PERMANENT, "mail.unreadable_headers", mail_desk.clock(),
    )  # fmt: skip
    assert outcome(mail_desk, fine)[0].outcome is Outcome.SENT
