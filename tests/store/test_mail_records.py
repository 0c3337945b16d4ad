"""The e-mail channel's records on both engines (issue 22, migration 0019): a Message-ID
recorded once per direction, the outbox a sender claims a notice from by one conditional
UPDATE, the desk's secret made once, the addresses that bounced."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import text

from deskTUI.domain.errors import Conflict, ValidationError
from deskTUI.domain.mail_settings import Direction, Outcome, reason_error
from deskTUI.domain.permissions import Scope
from deskTUI.store.uow import UnitOfWork

MINUTE = timedelta(minutes=1)


def record(uow: UnitOfWork, message_id: str, direction: Direction = Direction.IN) -> int:
    with uow:
        mail_id = uow.mail.record(
            direction, message_id, "Maria@Acme.example", uow.now(), Outcome.OPENED,
            subject="La impresora", desk_address="Soporte@Desk.example",
        )  # fmt: skip
        uow.commit()
        return mail_id


def queued(uow: UnitOfWork, message_id: str) -> int:
    with uow:
        mail_id = uow.mail.record(
            Direction.OUT, message_id, "maria@acme.example", uow.now(), Outcome.QUEUED
        )
        uow.mail.queue(mail_id, "maria@acme.example", "es", "Subject: x\r\n\r\nhola\r\n", uow.now())
        uow.commit()
        return mail_id


def rows(db, table: str) -> int:
    with db.read_engine.connect() as connection:
        return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def test_a_message_is_recorded_once_per_direction_and_found_by_its_message_id(db, new_uow):
    first = record(new_uow(), "<1@acme.example>")
    with pytest.raises(Conflict):  # a second intake of the same message racing the first
        record(new_uow(), "<1@acme.example>")
    sent = record(new_uow(), "<1@acme.example>", Direction.OUT)  # the other direction: its own
    with new_uow() as uow:
        found = uow.mail.find(Direction.IN, "<1@acme.example>")
        assert found is not None and found.id == first != sent
        assert (found.address, found.desk_address) == ("maria@acme.example", "soporte@desk.example")
        assert found.outcome is Outcome.OPENED and found.subject == "La impresora"
        assert uow.mail.find(Direction.IN, "<2@acme.example>") is None
        assert uow.mail.received_since("MARIA@acme.example", uow.now() - MINUTE) == 1
    assert rows(db, "mail_message") == 2


def test_an_outcome_keeps_its_reason_to_be_said_again_in_the_readers_words(db, new_uow):
    mail_id = record(new_uow(), "<r@acme.example>")
    why = ValidationError("mail.forged", "The token of {address} is forged", address="x@y.z")
    with new_uow() as uow:
        uow.mail.set_outcome(mail_id, Outcome.REFUSED, reason=why, sent_at=uow.now())
        uow.commit()
    with new_uow() as uow:
        found = uow.mail.find(Direction.IN, "<r@acme.example>")
    assert found is not None and found.outcome is Outcome.REFUSED
    again = reason_error(found.reason_code, found.reason)
    assert again is not None and again.code == "mail.forged"
    assert str(again) == "The token of x@y.z is forged"
    assert found.sent_at is not None


def test_only_one_of_two_senders_claims_a_notice_and_a_dead_senders_claim_is_taken_over(
    db, new_uow, clock
):
    mail_id = queued(new_uow(), "<n1@desk.example>")
    with new_uow() as uow:
        assert uow.mail.due(uow.now(), limit=10) == [mail_id]
    claims = []
    for sender in ("host-a:1", "host-b:2"):  # each in its own transaction, one after the other
        with new_uow() as uow:
            claims.append(uow.mail.claim(mail_id, sender, uow.now(), uow.now() - 5 * MINUTE))
            uow.commit()
    assert claims == [True, False]
    clock.advance(minutes=6)  # host-a died mid-send: its claim is stale
    with new_uow() as uow:
        assert uow.mail.claim(mail_id, "host-b:2", uow.now(), uow.now() - 5 * MINUTE)
        uow.mail.release(mail_id, done_at=uow.now(), next_attempt_at=None)
        uow.mail.set_outcome(mail_id, Outcome.SENT, sent_at=uow.now())
        uow.commit()
    with new_uow() as uow:
        row = uow.mail.outbox(mail_id)
        assert (row.attempts, row.claimed_by, row.done_at) == (2, "", uow.now())
        assert uow.mail.due(uow.now(), limit=10) == []
        assert not uow.mail.claim(mail_id, "host-c:3", uow.now(), uow.now())


def test_a_notice_put_off_is_neither_due_nor_claimed_before_its_time(db, new_uow, clock):
    mail_id = queued(new_uow(), "<n2@desk.example>")
    with new_uow() as uow:
        assert uow.mail.claim(mail_id, "a", uow.now(), uow.now() - MINUTE)
        uow.mail.release(
            mail_id, done_at=None, next_attempt_at=uow.now() + 10 * MINUTE, error="421 busy"
        )
        uow.commit()
    with new_uow() as uow:
        assert uow.mail.due(uow.now(), limit=10) == []
        assert not uow.mail.claim(mail_id, "b", uow.now(), uow.now())
    clock.advance(minutes=10)
    with new_uow() as uow:
        assert uow.mail.due(uow.now(), limit=10) == [mail_id]
        assert uow.mail.outbox(mail_id).last_error == "421 busy"


def test_the_desks_secret_is_made_once_on_first_use_and_then_kept(db, new_uow):
    with new_uow() as uow:
        assert not uow.mail.settings().has_secret
        first = uow.mail.secret()
        uow.commit()
    with new_uow() as uow:
        assert uow.mail.secret() == first and len(first) == 32
        assert uow.mail.settings().has_secret


def test_an_address_that_bounced_is_failing_until_cleared_whatever_its_letter_case(db, new_uow):
    bounce = record(new_uow(), "<bounce@mx.example>")
    with new_uow() as uow:
        uow.mail.mark_failing("Maria@Acme.example", uow.now(), "550 no such user", bounce)
        uow.mail.mark_failing("maria@acme.example", uow.now(), "550 again", bounce)
        uow.commit()
    with new_uow() as uow:
        assert uow.mail.failing("MARIA@ACME.EXAMPLE") == (uow.now(), "550 again")
        assert list(uow.mail.failing_addresses()) == ["maria@acme.example"]
        assert uow.mail.clear_failing("maria@acme.example")
        assert not uow.mail.clear_failing("maria@acme.example")
        uow.commit()
    with new_uow() as uow:
        assert uow.mail.failing("maria@acme.example") is None


def test_senders_claiming_at_the_same_moment_send_each_notice_once(db, new_uow):
    """Four senders race for the same three notices, each in its own transaction at once:
    every notice is claimed by exactly one of them (PostgreSQL re-reads the row after the
    first claim commits; SQLite lets one writer in at a time)."""
    ids = [queued(new_uow(), f"<race{n}@desk.example>") for n in range(3)]
    start = threading.Barrier(4)
    won: list[tuple[str, int]] = []
    failed: list[BaseException] = []

    def sender(name: str) -> None:
        start.wait()
        try:
            for mail_id in ids:
                with new_uow() as uow:
                    if uow.mail.claim(mail_id, name, uow.now(), uow.now() - MINUTE):
                        won.append((name, mail_id))
                    uow.commit()
        except BaseException as error:
            failed.append(error)

    threads = [threading.Thread(target=sender, args=(f"s{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failed == []
    assert sorted(mail_id for _, mail_id in won) == ids


def test_a_reply_finds_its_case_by_the_message_ids_the_desk_sent_and_no_other(desk):
    first, second = desk.open(title="Uno"), desk.open(title="Dos")
    with desk.uow() as uow:
        for message_id, case in (("<n1@desk>", first), ("<n2@desk>", second)):
            uow.mail.record(Direction.OUT, message_id, "maria@acme.example", uow.now(),
                            Outcome.SENT, case_id=case.id)  # fmt: skip
        # A message in with a Message-ID the desk also sent is no notice of the desk.
        uow.mail.record(Direction.IN, "<n3@desk>", "x@y.example", uow.now(), Outcome.OPENED,
                        case_id=first.id)  # fmt: skip
        uow.commit()
    desk.clock.advance(minutes=1)
    with desk.uow() as uow:
        uow.mail.record(Direction.OUT, "<n4@desk>", "maria@acme.example", uow.now(),
                        Outcome.SENT, case_id=first.id)  # fmt: skip
        uow.commit()
    with desk.uow() as uow:
        assert uow.mail.sent_case(["<n2@desk>"]) == second.id
        assert uow.mail.sent_case(["<n2@desk>", "<n4@desk>"]) == first.id  # the newest
        assert uow.mail.sent_case(["<n3@desk>", "<x@elsewhere>", ""]) is None
        assert uow.mail.sent_case([]) is None
        on_first = uow.mail.messages(Scope(everything=True), limit=10, case_id=first.id)
        assert [m.message_id for m in on_first] == ["<n4@desk>", "<n3@desk>", "<n1@desk>"]
