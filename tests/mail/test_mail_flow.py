"""Issue 22's "done when", end to end on both engines against the real SMTP server: a
client who only has e-mail writes to the desk, gets the case number back, receives the
quote, approves it by replying APROBAR, receives the staff's public comment and the
solution, and answers the survey with "5 ¡Excelente!"; every step is in the case's
bitácora. The agent's steps go through the services the TUI calls (their keys are tested
with the TUI); the client's only through the mail the desk sent them."""

from __future__ import annotations

import email
import uuid
from dataclasses import replace
from email.message import EmailMessage
from email.policy import default

import pytest

from deskTUI.domain.enums import LogKind, Status
from deskTUI.domain.mail_settings import Server, Tls
from deskTUI.services import admin, mail_settings
from deskTUI.services.case_comments import comment_case
from deskTUI.services.case_moves import assign_case, move_case
from deskTUI.services.case_quotes import issue_quote
from deskTUI.services.mail_ingest import ingest_message
from deskTUI.services.mail_send import send_due

DESK = "soporte@mesa.example"
CLIENT = "carla@acme.example"


@pytest.fixture
def flow_desk(desk, smtp_server, mail_certificates, password_file, monkeypatch):
    monkeypatch.setenv("SSL_CERT_FILE", str(mail_certificates.ca_file))
    secret = password_file(smtp_server.password)
    server = Server("127.0.0.1", smtp_server.port, Tls.STARTTLS, "desk", password_file=secret)
    with desk.uow() as uow:
        uow.mail.save_settings(replace(uow.mail.settings(), smtp=server, addresses=[DESK]))
        uow.commit()
    mail_settings.add_route(desk.uow(), desk.admin, DESK, "Soporte", "Impresoras")
    admin.add_contact(desk.uow(), desk.admin, "Acme SA", "Carla Núñez", email=CLIENT)
    return desk


class Inbox:
    """The client's mailbox: what the SMTP server delivered to them, read as they would."""

    def __init__(self, desk, server) -> None:
        self.desk, self.server, self.seen = desk, server, 0

    def new(self) -> list[EmailMessage]:
        """Send what the outbox holds, then the messages that reached the client since."""
        done = send_due(self.desk.uow(), None)
        assert done.stopped is None and done.failed_permanent == 0, done
        mine = [r for r in self.server.received if CLIENT in r.rcpt_tos]
        fresh, self.seen = mine[self.seen :], len(mine)
        return [email.message_from_bytes(r.data, policy=default) for r in fresh]


def write(body: str, *, subject: str, answering: EmailMessage | None = None) -> bytes:
    """A message from the client: a reply goes to the notice's Reply-To, threaded under it."""
    mail = EmailMessage(policy=default)
    mail["From"] = f"Carla Núñez <{CLIENT}>"
    mail["To"] = str(answering["Reply-To"]) if answering is not None else DESK
    mail["Subject"] = subject
    mail["Message-ID"] = f"<{uuid.uuid4().hex}@acme.example>"
    if answering is not None:
        mail["In-Reply-To"] = answering["Message-ID"]
        mail["References"] = answering["Message-ID"]
    mail.set_content(body)
    return bytes(mail)


def text_of(notice: EmailMessage) -> str:
    return notice.get_body(("plain",)).get_content()


def test_a_client_with_only_email_goes_from_first_message_to_survey(flow_desk, smtp_server):
    inbox = Inbox(flow_desk, smtp_server)
    first = write(
        "Hola: la impresora de recepción imprime hojas en blanco. ¿Pueden revisarla?",
        subject="Impresora de recepción",
    )
    opened = ingest_message(flow_desk.uow(), first)
    number = opened.case_number
    assert number is not None
    case_id = int(number.split("-")[1])

    (told,) = inbox.new()
    assert number in str(told["Subject"]) and number in text_of(told)
    assert str(told["Auto-Submitted"]) == "auto-generated"

    agent = flow_desk.ana
    assign_case(flow_desk.uow(), flow_desk.sofia, case_id, "ana")
    move_case(flow_desk.uow(), agent, case_id, Status.IN_PROGRESS)
    issue_quote(
        flow_desk.uow(), flow_desk.sofia, case_id, price="1500.50", currency="USD", minutes=90
    )
    (quote,) = inbox.new()
    assert "1.500,50" in text_of(quote) and "APROBAR" in text_of(quote)

    approved = ingest_message(
        flow_desk.uow(),
        write("APROBAR\n\nGracias", subject=f"Re: {quote['Subject']}", answering=quote),
    )
    assert (approved.outcome.value, approved.case_number) == ("acted", number)
    (confirmed,) = inbox.new()
    assert number in text_of(confirmed)

    comment_case(
        flow_desk.uow(),
        agent,
        case_id,
        "Cambiamos el cabezal de impresión.",
        public=True,
        email=True,
    )
    (commented,) = inbox.new()
    assert "Cambiamos el cabezal de impresión." in text_of(commented)

    move_case(
        flow_desk.uow(), agent, case_id, Status.FINISHED, solution="Cabezal nuevo y limpieza."
    )
    notices = inbox.new()
    finished = next(n for n in notices if "Cabezal nuevo y limpieza." in text_of(n))
    survey = next(n for n in notices if n is not finished)

    answered = ingest_message(
        flow_desk.uow(),
        write("5 ¡Excelente!", subject=f"Re: {survey['Subject']}", answering=survey),
    )
    assert answered.outcome.value == "acted"
    with flow_desk.uow() as uow:
        given = uow.surveys.for_case(case_id)
        case = uow.cases.get(case_id)
        log = uow.log.for_case(case_id)
        comments = uow.comments.for_case(case_id)
    assert (given.score, given.comment) == (5, "¡Excelente!")
    assert case.quote.status.value == "approved" and case.status is Status.FINISHED
    assert [c.body for c in comments] == ["Cambiamos el cabezal de impresión."]
    kinds = {entry.kind for entry in log}
    assert {
        LogKind.OPENED,
        LogKind.QUOTE,
        LogKind.TRANSITION,
        LogKind.SURVEY,
        LogKind.MAIL,
    } <= kinds
    by_mail = [e.field for e in log if e.kind is LogKind.MAIL]
    assert by_mail == ["opened", "acted", "acted"]
