"""The desk's notices by e-mail (issue 22, "Out"): each change writes its notice into the
outbox in its own transaction, on both engines; read back from mail_message and
mail_outbox as the sender will read them (RFC 5322 text, parsed by the standard library)."""

from __future__ import annotations

import email
import signal
import subprocess
import sys
from dataclasses import dataclass, replace
from decimal import Decimal
from email.message import EmailMessage
from email.policy import default

import pytest

from deskTUI import i18n
from deskTUI.domain.errors import DomainError, PermissionDenied, ValidationError
from deskTUI.domain.mail_settings import Direction, Outcome, Server, Tls
from deskTUI.domain.permissions import Scope
from deskTUI.mail.tokens import TokenState, read_token, subject_case
from deskTUI.services import admin
from deskTUI.services.case_comments import comment_case
from deskTUI.services.case_edits import open_case
from deskTUI.services.case_moves import assign_case, move_case
from deskTUI.services.case_quotes import issue_quote
from deskTUI.services.mail_notices import queue_answer
from deskTUI.services.mail_send import send_due
from deskTUI.services.mail_staff import set_mail_person
from deskTUI.services.sla import escalate_breaches
from deskTUI.store.mail_tables import MailIdentityRow

DESK = "soporte@mesa.example"
ROSA = "rosa@acme.example"
EVERYTHING = Scope(everything=True)


@dataclass
class Notice:
    mail_id: int
    recipient: str
    language: str
    case_id: int | None
    comment_id: int | None
    message_id: str
    subject: str
    message: EmailMessage

    @property
    def body(self) -> str:
        return self.message.get_content().replace("\r\n", "\n")  # stored as SMTP writes it


def notices(desk) -> list[Notice]:
    """Every notice in the outbox, oldest first, with its record and its parsed text."""
    with desk.uow() as uow:
        records = [r for r in uow.mail.messages(EVERYTHING, limit=200) if r.direction == "out"]
        found = []
        for record in sorted(records, key=lambda r: r.id):
            row = uow.mail.outbox(record.id)
            parsed = email.message_from_string(row.message, policy=default)
            assert isinstance(parsed, EmailMessage)
            found.append(Notice(
                record.id, row.recipient, row.language, record.case_id, record.comment_id,
                record.message_id, record.subject, parsed,
            ))  # fmt: skip
        return found


@pytest.fixture
def mail_desk(desk):
    """The desk with its address set up and a contact of Acme SA who has an e-mail."""
    with desk.uow() as uow:
        uow.mail.save_settings(replace(uow.mail.settings(), addresses=[DESK]))
        uow.commit()
    admin.add_contact(desk.uow(), desk.admin, "Acme SA", "Rosa Díaz", email=ROSA)
    return desk


def secret(desk) -> bytes:
    with desk.uow() as uow:
        key = uow.mail.secret()
        uow.commit()
        return key


def test_opening_a_case_for_a_contact_queues_one_notice_a_reply_finds_its_case_by(mail_desk):
    case = mail_desk.open(contact="Rosa Díaz", title="La impresora no imprime")
    mail_desk.open(contact="María Pérez")  # no address: nothing for her

    [notice] = notices(mail_desk)
    message = notice.message
    assert (notice.recipient, notice.language, notice.case_id) == (ROSA, "en", case.id)
    assert message["To"] == ROSA and message["From"].addresses[0].addr_spec == DESK
    assert message["Subject"] == f"[{case.number}] Case opened: La impresora no imprime"
    assert subject_case(message["Subject"]) == case.id
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["Message-ID"] == notice.message_id and notice.message_id.endswith(
        "@mesa.example>"
    )
    token = read_token(message["Reply-To"].addresses[0].addr_spec, secret(mail_desk))
    assert (token.state, token.case_id) == (TokenState.VALID, case.id)
    assert message["Date"] is not None and message.get_content_charset() == "utf-8"
    assert f"We registered your case {case.number}" in notice.body
    assert "reply to this message" in notice.body and "Hello Rosa Díaz" in notice.body
    with mail_desk.uow() as uow:  # a reply to it is found by its Message-ID (sent_case)
        assert uow.mail.sent_case([notice.message_id]) == case.id
        assert uow.mail.find(Direction.OUT, notice.message_id).outcome is Outcome.QUEUED


def test_a_spanish_contact_reads_spanish_while_the_process_speaks_english(mail_desk):
    """The contact acts as María's client user by e-mail (mail_identity); she chose Spanish."""
    admin.set_language(mail_desk.uow(), mail_desk.admin, "maria", "es")
    with mail_desk.uow() as uow:
        contact = uow.clients.contact_by_name(mail_desk.maria.client_id, "Rosa Díaz")
        uow.session.add(MailIdentityRow(contact_id=contact.id, user_id=mail_desk.maria.id))
        uow.commit()
    assert i18n.current() == "en"
    case = mail_desk.open(contact="Rosa Díaz")
    issue_quote(
        mail_desk.uow(), mail_desk.sofia, case.id, price=Decimal("1500"), currency="USD",
        minutes=150, message="Cambio del fusor",
    )  # fmt: skip

    opened, quote = notices(mail_desk)
    assert opened.language == quote.language == "es"
    assert opened.message["Subject"].startswith(f"[{case.number}] Caso abierto")
    assert "Registramos su caso" in opened.body
    assert "APROBAR" in quote.body and "RECHAZAR" in quote.body and "2h30m" in quote.body
    assert "Cambio del fusor" in quote.body and "1500" in quote.body.replace(".", "")
    assert str(opened.message["From"]).startswith("Mesa de ayuda")
    assert i18n.current() == "en"  # the process still speaks English


def test_a_title_with_cr_lf_writes_no_header_of_its_own(mail_desk):
    case = mail_desk.open(contact="Rosa Díaz", title="Hola\r\nBcc: todos@evil.example")
    [notice] = notices(mail_desk)
    assert notice.message["Bcc"] is None
    assert "\n" not in notice.message["Subject"] and "\r" not in notice.message["Subject"]
    assert subject_case(notice.message["Subject"]) == case.id
    with mail_desk.uow() as uow:
        text = uow.mail.outbox(notice.mail_id).message
    assert "\nBcc:" not in text and "\nbcc:" not in text.lower()


def test_no_desk_address_no_contact_address_or_a_failing_one_queue_nothing(desk, mail_desk):
    with mail_desk.uow() as uow:
        uow.mail.mark_failing(ROSA, uow.now(), "550 no such user")
        uow.commit()
    mail_desk.open(contact="Rosa Díaz")
    mail_desk.open()
    admin.add_contact(mail_desk.uow(), mail_desk.admin, "Acme SA", "Mesa", email=DESK.upper())
    mail_desk.open(contact="Mesa")  # the desk writing to itself would be a loop
    assert notices(mail_desk) == []
    with mail_desk.uow() as uow:
        uow.mail.clear_failing(ROSA)
        uow.mail.save_settings(replace(uow.mail.settings(), addresses=[]))
        uow.commit()
    case = mail_desk.open(contact="Rosa Díaz")
    assert case.id is not None and notices(mail_desk) == []  # the case opened all the same


def test_a_change_refused_or_crashed_before_its_commit_leaves_no_notice(mail_desk):
    case = mail_desk.open(contact="Rosa Díaz")
    before = notices(mail_desk)

    def crash(uow, actor, case):
        raise RuntimeError("the process died before the commit")

    with pytest.raises(RuntimeError):
        open_case(
            mail_desk.uow(), mail_desk.sofia, title="Otro", client="Acme SA",
            category="Impresoras", description="-", contact="Rosa Díaz", before_commit=crash,
        )  # fmt: skip
    with pytest.raises(PermissionDenied):  # a client may not write an internal note
        comment_case(mail_desk.uow(), mail_desk.maria, case.id, "hola", public=False)
    with pytest.raises(ValidationError):
        comment_case(mail_desk.uow(), mail_desk.ana, case.id, "nota", public=False, email=True)
    with pytest.raises(PermissionDenied, match="may not e-mail a comment to the contact of"):
        comment_case(mail_desk.uow(), mail_desk.maria, case.id, "hola", public=True, email=True)
    with pytest.raises(DomainError):  # an agent of another area may not quote it
        issue_quote(mail_desk.uow(), mail_desk.pedro, case.id, price="10", currency="USD",
                    minutes=60)  # fmt: skip
    assert [n.message_id for n in notices(mail_desk)] == [n.message_id for n in before]


def test_a_public_comment_is_emailed_only_when_asked_and_threads_under_the_client_s_mail(
    mail_desk,
):
    case = mail_desk.open(contact="Rosa Díaz")
    with mail_desk.uow() as uow:  # the client wrote to the case (what the intake records)
        uow.mail.record(
            Direction.IN, "<rosa-1@acme.example>", ROSA.upper(), uow.now(), Outcome.COMMENTED,
            case_id=case.id,
        )  # fmt: skip
        uow.commit()
    comment_case(mail_desk.uow(), mail_desk.sofia, case.id, "Solo para el equipo")
    comment_case(mail_desk.uow(), mail_desk.sofia, case.id, "Lo vemos hoy", public=True)
    said = comment_case(
        mail_desk.uow(), mail_desk.sofia, case.id, "Cambiamos el tóner.\nPruebe ahora.",
        public=True, email=True,
    )  # fmt: skip

    opened, comment = notices(mail_desk)
    assert opened.message["In-Reply-To"] is None  # opened before the client wrote
    assert comment.comment_id == said.id and comment.case_id == case.id
    assert comment.message["In-Reply-To"] == "<rosa-1@acme.example>"
    assert comment.message["References"] == "<rosa-1@acme.example>"
    assert "Sofía Rojas wrote on your case" in comment.body
    assert "Cambiamos el tóner.\nPruebe ahora." in comment.body
    assert comment.message["Subject"].startswith(f"[{case.number}] New answer:")


def test_finishing_sends_the_solution_and_the_survey_the_client_answers_by_digit(mail_desk):
    case = mail_desk.open(by=mail_desk.maria, contact="Rosa Díaz", title="Sin red")
    assign_case(mail_desk.uow(), mail_desk.sofia, case.id, "ana")
    move_case(mail_desk.uow(), mail_desk.ana, case.id, "in_progress")
    move_case(mail_desk.uow(), mail_desk.ana, case.id, "finished", solution="Cable de red nuevo")

    opened, finished, survey = notices(mail_desk)
    assert finished.message["Subject"] == f"[{case.number}] Case finished: Sin red"
    assert "Cable de red nuevo" in finished.body and "REOPEN" in finished.body
    assert survey.message["Subject"].startswith(f"[{case.number}] How did we do?")
    assert "a digit from 1 to 5" in survey.body
    assert {n.recipient for n in (opened, finished, survey)} == {ROSA}


def test_staff_receive_the_kinds_they_chose_when_they_may_read_the_case(mail_desk):
    set_mail_person(mail_desk.uow(), mail_desk.admin, "ana", email="ana@mesa.example")
    set_mail_person(
        mail_desk.uow(), mail_desk.admin, "luis", email="luis@mesa.example", notices="mention"
    )
    set_mail_person(mail_desk.uow(), mail_desk.admin, "pedro", email="pedro@mesa.example")
    admin.set_language(mail_desk.uow(), mail_desk.admin, "ana", "es")
    case = mail_desk.open()  # no contact: no client notice
    assign_case(mail_desk.uow(), mail_desk.sofia, case.id, "ana")
    assign_case(mail_desk.uow(), mail_desk.sofia, case.id, "luis")  # ana hears it was handed
    comment_case(
        mail_desk.uow(), mail_desk.sofia, case.id, "@luis @ana @pedro miren esto"
    )  # ana (handed it on) and pedro (Desarrollo) no longer read it: no notification, no e-mail

    sent = [(n.recipient, n.language, n.message["Subject"]) for n in notices(mail_desk)]
    assert sent == [
        ("ana@mesa.example", "es", f"[{case.number}] Asignación: La impresora no imprime"),
        ("ana@mesa.example", "es", f"[{case.number}] Asignación: La impresora no imprime"),
        ("luis@mesa.example", "en", f"[{case.number}] You were mentioned: La impresora no imprime"),
    ]  # fmt: skip
    bodies = [n.body for n in notices(mail_desk)]
    assert f"sofia le asignó {case.number}" in bodies[0]
    assert f"sofia pasó {case.number} a luis" in bodies[1]
    assert f"desktui case show {case.number}" in bodies[2]

    # A breach reaches the area's supervisors who chose escalations; diego (Desarrollo) no.
    set_mail_person(mail_desk.uow(), mail_desk.admin, "sofia", email="sofia@mesa.example")
    set_mail_person(mail_desk.uow(), mail_desk.admin, "diego", email="diego@mesa.example")
    urgent = mail_desk.open(priority="critical", title="Caída total")
    mail_desk.clock.advance(minutes=61)
    assert escalate_breaches(mail_desk.uow()) != []
    [breach] = notices(mail_desk)[3:]
    assert (breach.recipient, breach.case_id) == ("sofia@mesa.example", urgent.id)
    assert breach.message["Subject"] == f"[{urgent.number}] Escalation: Caída total"
    assert f"{urgent.number} breached its first response target (critical)" in breach.body


def test_an_answer_to_a_message_in_threads_under_it_in_its_sender_s_language(mail_desk):
    case = mail_desk.open(contact="Rosa Díaz")
    refusal = ValidationError("quote.none", "{case} has no quote waiting", case=case.number)
    with mail_desk.uow() as uow:  # the intake's unit of work
        mail_id = queue_answer(
            uow, to=ROSA, sentence=refusal, case=case, in_reply_to="<r2@acme.example>",
            references=("<r1@acme.example>", "bad\r\nBcc: x@evil.example"),
            subject="RE: Re: APROBAR\r\nBcc: x@evil.example", language="es",
        )  # fmt: skip
        uow.commit()
    assert mail_id is not None
    answer = notices(mail_desk)[-1]
    assert answer.message["In-Reply-To"] == "<r2@acme.example>"
    assert answer.message["References"] == "<r1@acme.example> <r2@acme.example>"
    assert answer.message["Bcc"] is None and answer.language == "es"
    assert answer.message["Subject"] == "Re: APROBAR Bcc: x@evil.example"
    assert answer.body.strip() == f"{case.number} has no quote waiting"  # no Spanish msgid
    token = read_token(answer.message["Reply-To"].addresses[0].addr_spec, secret(mail_desk))
    assert token.case_id == case.id


def test_a_queued_notice_reaches_the_real_smtp_server_as_written(
    mail_desk, smtp_server, mail_certificates, password_file, monkeypatch
):
    monkeypatch.setenv("SSL_CERT_FILE", str(mail_certificates.ca_file))
    secret_file = password_file(smtp_server.password)
    server = Server("127.0.0.1", smtp_server.port, Tls.STARTTLS, "desk", password_file=secret_file)
    with mail_desk.uow() as uow:
        uow.mail.save_settings(replace(uow.mail.settings(), smtp=server))
        uow.commit()
    case = mail_desk.open(contact="Rosa Díaz", title="Año nuevo: ¿la impresora?")
    [queued] = notices(mail_desk)

    done = send_due(mail_desk.uow(), mail_desk.admin)

    assert (done.sent, done.failed_temporary, done.failed_permanent) == (1, 0, 0)
    [received] = smtp_server.received
    assert received.rcpt_tos == (ROSA,) and received.mail_from == DESK
    arrived = email.message_from_bytes(received.data, policy=default)
    assert arrived["Message-ID"] == queued.message_id
    assert arrived["Subject"] == f"[{case.number}] Case opened: Año nuevo: ¿la impresora?"
    assert arrived["Auto-Submitted"] == "auto-generated"
    token = read_token(arrived["Reply-To"].addresses[0].addr_spec, secret(mail_desk))
    assert (token.state, token.case_id) == (TokenState.VALID, case.id)
    assert "Hello Rosa Díaz," in arrived.get_content()
    with mail_desk.uow() as uow:
        assert uow.mail.find(Direction.OUT, queued.message_id).outcome is Outcome.SENT


def test_an_address_beyond_ascii_is_written_as_utf_8_not_as_an_encoded_word(mail_desk):
    admin.add_contact(
        mail_desk.uow(), mail_desk.admin, "Acme SA", "José", email="josé@acme.example"
    )
    mail_desk.open(contact="José")
    [notice] = notices(mail_desk)
    with mail_desk.uow() as uow:
        text = uow.mail.outbox(notice.mail_id).message
    assert "To: josé@acme.example\r\n" in text and "=?utf-8?" not in text.split("\r\n\r\n")[0]
    assert notice.message["To"].addresses[0].addr_spec == "josé@acme.example"


KILLED_BEFORE_COMMIT = """
import os, signal, sys
from deskTUI.services.case_comments import comment_case
from deskTUI.store.database import open_database
from deskTUI.store.uow import UnitOfWork

db = open_database(sys.argv[1])
with UnitOfWork(db) as uow:
    sofia = uow.users.by_login("sofia")

def die(self):  # the comment and its notice are written in the open transaction: die
    self.session.flush()
    print(len(self.mail.due(self.now(), limit=10)), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)

UnitOfWork.commit = die
comment_case(UnitOfWork(db), sofia, int(sys.argv[2]), "Pruebe ahora", public=True, email=True)
"""


def test_a_process_killed_before_its_commit_leaves_neither_the_comment_nor_its_notice(
    mail_desk, db
):
    case = mail_desk.open(contact="Rosa Díaz")
    before = [n.message_id for n in notices(mail_desk)]
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_BEFORE_COMMIT, db.url, str(case.id)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert killed.stdout == "2\n"  # the opened notice and the comment's, uncommitted
    assert [n.message_id for n in notices(mail_desk)] == before
    with mail_desk.uow() as uow:
        assert [c.body for c in uow.comments.for_case(case.id)] == []
