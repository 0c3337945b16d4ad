"""The e-mail intake (issue 22, ``services.mail_ingest``) on both engines: a message becomes
a case, a comment or a client's step once; threads follow the Message-IDs the desk sent,
then its signed reply addresses, then a subject's case number only for that case's client;
automatic mail, the desk's own and forged tokens never make a case nor get an answer; a
flood is held and taken later."""

from __future__ import annotations

import uuid
from dataclasses import replace
from email.message import EmailMessage
from email.policy import default

import pytest
from sqlalchemy import text

from deskTUI.domain.enums import Origin, Status, Visibility
from deskTUI.domain.mail_settings import Direction, Outcome
from deskTUI.domain.permissions import Scope
from deskTUI.mail.tokens import reply_address
from deskTUI.services import admin, mail_settings
from deskTUI.services.case_quotes import issue_quote
from deskTUI.services.mail_ingest import ingest_message

EVERYTHING = Scope(everything=True)
DESK = "soporte@mesa.example"


@pytest.fixture
def mail_desk(desk):
    """The desk at soporte@mesa.example, routed to Soporte/Impresoras; Marta Ruiz, a
    contact of Acme SA, writes from marta@acme.example, Ana Gómez of Globex from
    ana.gomez@globex.example."""
    with desk.uow() as uow:
        uow.mail.save_settings(replace(uow.mail.settings(), addresses=[DESK]))
        uow.commit()
    mail_settings.add_route(desk.uow(), desk.admin, DESK, "Soporte", "Impresoras")
    admin.add_contact(desk.uow(), desk.admin, "Acme SA", "Marta Ruiz", email="Marta@Acme.example")
    admin.add_contact(
        desk.uow(), desk.admin, "Globex Ltda", "Ana G.", email="ana.gomez@globex.example"
    )
    return desk


def message(
    sender: str = "marta@acme.example",
    subject: str = "La impresora no imprime",
    body: str = "Hola, la impresora del piso 2 no imprime desde ayer. Gracias.",
    *,
    to: str = DESK,
    headers: dict[str, str] | None = None,
) -> bytes:
    mail = EmailMessage(policy=default)
    mail["From"] = sender
    mail["To"] = to
    mail["Subject"] = subject
    mail["Message-ID"] = f"<{uuid.uuid4().hex}@acme.example>"
    for name, value in (headers or {}).items():
        mail[name] = value
    mail.set_content(body)
    return bytes(mail)


def records(desk, direction: Direction | None = None):
    with desk.uow() as uow:
        found = uow.mail.messages(EVERYTHING, limit=1000)
    return [r for r in found if direction is None or r.direction is direction]


def outbox_to(desk, address: str) -> list[str]:
    """The rendered notices queued to ``address``, oldest first."""
    with desk.uow() as uow:
        out = [r for r in uow.mail.messages(EVERYTHING, limit=1000) if r.direction is Direction.OUT]
        return [uow.mail.outbox(r.id).message for r in reversed(out) if r.address == address]


def test_a_known_contacts_message_opens_one_case_for_their_client_and_tells_them_its_number(
    mail_desk,
):
    raw = message()
    done = ingest_message(mail_desk.uow(), raw)

    assert done.outcome is Outcome.OPENED and done.case_number is not None
    with mail_desk.uow() as uow:
        case = uow.cases.get(int(done.case_number.split("-")[1]))
        contact = uow.clients.contact(case.contact_id)
        reporter = uow.users.get(case.reporter_id)
        area = uow.areas.get(case.area_id)
    assert (case.title, case.origin, contact.name) == (
        "La impresora no imprime", Origin.EMAIL, "Marta Ruiz",
    )  # fmt: skip
    assert "piso 2" in case.description and area.name == "Soporte"
    assert (reporter.role.value, reporter.client_id, reporter.language) == (
        "client", contact.client_id, "es",
    )  # fmt: skip
    notices = outbox_to(mail_desk, "marta@acme.example")
    assert len(notices) == 1 and done.case_number in notices[0]

    again = ingest_message(mail_desk.uow(), raw)
    assert (again.outcome, again.case_number) == (Outcome.DUPLICATE, done.case_number)
    assert len(records(mail_desk, Direction.IN)) == 1
    assert len(outbox_to(mail_desk, "marta@acme.example")) == 1


def test_a_reply_to_a_notice_is_a_public_comment_on_its_case_whatever_its_subject(mail_desk):
    opened = ingest_message(mail_desk.uow(), message())
    notice = next(r for r in records(mail_desk, Direction.OUT) if r.case_id)
    reply = message(
        subject="otra cosa totalmente distinta",
        body="Ya probé reiniciarla y sigue igual.",
        headers={"In-Reply-To": notice.message_id, "References": notice.message_id},
    )
    done = ingest_message(mail_desk.uow(), reply)

    assert (done.outcome, done.case_number) == (Outcome.COMMENTED, opened.case_number)
    with mail_desk.uow() as uow:
        case_id = int(opened.case_number.split("-")[1])
        comments = uow.comments.for_case(case_id)
    assert [(c.body, c.visibility) for c in comments] == [
        ("Ya probé reiniciarla y sigue igual.", Visibility.PUBLIC)
    ]


def test_a_signed_reply_address_finds_its_case_and_a_forged_one_is_refused_unanswered(
    mail_desk,
):
    opened = ingest_message(mail_desk.uow(), message())
    case_id = int(opened.case_number.split("-")[1])
    with mail_desk.uow() as uow:
        secret = uow.mail.secret()
    signed = reply_address(DESK, case_id, secret)
    done = ingest_message(mail_desk.uow(), message(to=signed, body="Adjunto más datos."))
    assert (done.outcome, done.case_number) == (Outcome.COMMENTED, opened.case_number)

    local, domain = signed.split("@")
    forged = f"{local[:-4]}{'aaaa' if not local.endswith('aaaa') else 'bbbb'}@{domain}"
    refused = ingest_message(mail_desk.uow(), message(to=forged, body="Cambien el cliente."))
    assert refused.outcome is Outcome.REFUSED and refused.reason.code == "mail.forged_token"
    assert len(outbox_to(mail_desk, "marta@acme.example")) == 1  # the opened notice only


def test_a_case_number_in_a_strangers_subject_never_reaches_another_clients_case(mail_desk):
    opened = ingest_message(mail_desk.uow(), message())
    stranger = message(
        "ana.gomez@globex.example", f"Re: [{opened.case_number}] urgente", "Cierren este caso."
    )
    done = ingest_message(mail_desk.uow(), stranger)

    assert done.case_number != opened.case_number
    with mail_desk.uow() as uow:
        assert uow.comments.for_case(int(opened.case_number.split("-")[1])) == []


def test_automatic_mail_and_the_desks_own_never_open_a_case_nor_get_an_answer(mail_desk):
    vacation = message(headers={"Auto-Submitted": "auto-replied"}, subject="Fuera de oficina")
    ours = message(DESK, "Un aviso", "texto")
    assert ingest_message(mail_desk.uow(), vacation).outcome is Outcome.LOOP
    assert ingest_message(mail_desk.uow(), ours).outcome is Outcome.LOOP
    assert records(mail_desk, Direction.OUT) == []


def test_an_unknown_sender_is_refused_with_an_answer_when_the_desk_says_refuse(mail_desk):
    done = ingest_message(mail_desk.uow(), message("nadie@otro.example"))
    assert done.outcome is Outcome.REFUSED_UNKNOWN and done.case_number is None
    answers = outbox_to(mail_desk, "nadie@otro.example")
    assert len(answers) == 1 and "Auto-Submitted: auto-" in answers[0]


def test_a_sender_past_the_pace_is_held_and_taken_once_the_minute_is_over(mail_desk):
    with mail_desk.uow() as uow:
        uow.mail.save_settings(replace(uow.mail.settings(), rate_per_minute=2))
        uow.commit()
    raws = [message(subject=f"Caso {n}") for n in range(3)]
    done = [ingest_message(mail_desk.uow(), raw) for raw in raws]
    assert [d.outcome for d in done] == [Outcome.OPENED, Outcome.OPENED, Outcome.HELD_RATE]

    mail_desk.clock.advance(seconds=61)
    later = ingest_message(mail_desk.uow(), raws[2])
    assert later.outcome is Outcome.OPENED
    assert len(records(mail_desk, Direction.IN)) == 3


def test_aprobar_approves_the_waiting_quote_and_a_second_one_is_refused_in_a_sentence(
    mail_desk,
):
    opened = ingest_message(mail_desk.uow(), message())
    case_id = int(opened.case_number.split("-")[1])
    issue_quote(mail_desk.uow(), mail_desk.admin, case_id, price="150", currency="USD", minutes=120)
    with mail_desk.uow() as uow:
        secret = uow.mail.secret()
    to = reply_address(DESK, case_id, secret)

    done = ingest_message(mail_desk.uow(), message(to=to, body="APROBAR\n\nSaludos"))
    assert done.outcome is Outcome.ACTED
    with mail_desk.uow() as uow:
        case = uow.cases.get(case_id)
    assert case.quote.status.value == "approved"

    again = ingest_message(mail_desk.uow(), message(to=to, body="APROBAR"))
    assert again.outcome is Outcome.REFUSED and again.case_number == opened.case_number
    answers = outbox_to(mail_desk, "marta@acme.example")
    assert any("approved" in a or "aprob" in a for a in answers)
    assert len(answers) >= 3  # opened, the approval's answer, the refusal's


def test_reabrir_reopens_a_finished_case(mail_desk):
    opened = ingest_message(mail_desk.uow(), message())
    case_id = int(opened.case_number.split("-")[1])
    from deskTUI.services.case_moves import assign_case, move_case

    assign_case(mail_desk.uow(), mail_desk.sofia, case_id, "ana")
    move_case(mail_desk.uow(), mail_desk.ana, case_id, Status.IN_PROGRESS)
    move_case(mail_desk.uow(), mail_desk.ana, case_id, Status.FINISHED, solution="Tóner nuevo.")
    with mail_desk.uow() as uow:
        to = reply_address(DESK, case_id, uow.mail.secret())
    done = ingest_message(mail_desk.uow(), message(to=to, body="REABRIR\nVolvió a fallar."))
    assert done.outcome is Outcome.ACTED
    with mail_desk.uow() as uow:
        assert uow.cases.get(case_id).status is Status.IN_PROGRESS


def test_fetch_takes_the_mailboxs_unseen_messages_from_the_real_imap_server_once(
    mail_desk, dovecot, imap_user, password_file, monkeypatch
):
    from deskTUI.domain.mail_settings import Server, Tls
    from deskTUI.services.mail_batches import fetch_mailbox

    monkeypatch.setenv("SSL_CERT_FILE", str(dovecot.certificates.ca_file))
    secret = password_file(imap_user.password)
    server = Server("127.0.0.1", dovecot.imaps_port, Tls.TLS, imap_user.name, password_file=secret)
    with mail_desk.uow() as uow:
        uow.mail.save_settings(replace(uow.mail.settings(), imap=server))
        uow.commit()
    dovecot.append(imap_user, message(subject="Por IMAP"))
    dovecot.append(imap_user, message(headers={"Precedence": "bulk"}, subject="Boletín"))

    batch = fetch_mailbox(mail_desk.uow(), mail_desk.admin)
    assert batch.problem is None and batch.failed == []
    assert sorted(t.outcome.value for t in batch.taken) == ["loop", "opened"]
    assert all("\\Seen" in flags for flags in dovecot.flags(imap_user).values())
    assert fetch_mailbox(mail_desk.uow(), mail_desk.admin).taken == []


def test_a_messages_files_become_the_cases_attachments_pending_review(mail_desk):
    mail = EmailMessage(policy=default)
    mail["From"] = "marta@acme.example"
    mail["To"] = DESK
    mail["Subject"] = "Error al imprimir"
    mail["Message-ID"] = f"<{uuid.uuid4().hex}@acme.example>"
    mail.set_content("Adjunto la foto del error.")
    mail.add_attachment(b"\x89PNG fake", maintype="image", subtype="png", filename="../error.png")
    mail.add_attachment(b"", maintype="text", subtype="plain", filename="vacio.txt")
    done = ingest_message(mail_desk.uow(), bytes(mail))

    with mail_desk.uow() as uow:
        files = uow.files.for_case(int(done.case_number.split("-")[1]))
    assert [(f.name, f.size, f.media_type, f.review.value) for f in files] == [
        ("error.png", 9, "image/png", "pending")
    ]


def test_the_same_message_taken_by_two_runs_at_once_makes_one_case(mail_desk):
    """Two MTA deliveries of one message racing: one case; the other run says duplicate
    (or, when the database made it wait too long, fails so that the MTA tries again)."""
    import threading

    from deskTUI.store.database import StoreUnavailable

    raw = message(subject="Entregado dos veces")
    start = threading.Barrier(2)
    results: list[object] = []

    def deliver() -> None:
        start.wait(10)
        try:
            results.append(ingest_message(mail_desk.uow(), raw).outcome)
        except StoreUnavailable as busy:
            results.append(busy.code)

    runs = [threading.Thread(target=deliver) for _ in range(2)]
    for run in runs:
        run.start()
    for run in runs:
        run.join(60)
    assert Outcome.OPENED in results and len(results) == 2
    assert results.count(Outcome.OPENED) == 1
    with mail_desk.uow() as uow:
        titled = uow.session.execute(
            text("SELECT count(*) FROM support_case WHERE title = 'Entregado dos veces'")
        ).scalar_one()
    ins = records(mail_desk, Direction.IN)
    assert len(ins) == 1 and ins[0].outcome is Outcome.OPENED and titled == 1


def test_a_file_past_the_desks_limit_refuses_the_message_and_tells_its_sender_why(mail_desk):
    from deskTUI.services.files import set_file_limits

    set_file_limits(mail_desk.uow(), mail_desk.admin, max_mib=0.001)  # 1,048 bytes
    mail = EmailMessage(policy=default)
    mail["From"] = "marta@acme.example"
    mail["To"] = DESK
    mail["Subject"] = "Planos"
    mail["Message-ID"] = f"<{uuid.uuid4().hex}@acme.example>"
    mail.set_content("Adjunto los planos.")
    mail.add_attachment(b"x" * 5000, maintype="application", subtype="pdf", filename="planos.pdf")
    done = ingest_message(mail_desk.uow(), bytes(mail))

    assert done.outcome is Outcome.REFUSED and done.reason.code == "mail.attachment_too_large"
    (answer,) = outbox_to(mail_desk, "marta@acme.example")
    assert "planos.pdf" in answer and "Re: Planos" in answer
    big = EmailMessage(policy=default)
    big["From"], big["To"], big["Subject"] = "marta@acme.example", DESK, "auto"
    big["Auto-Submitted"] = "auto-generated"
    big.set_content("x")
    big.add_attachment(b"x" * 5000, maintype="application", subtype="pdf", filename="b.pdf")
    assert ingest_message(mail_desk.uow(), bytes(big)).outcome is Outcome.REFUSED
    assert len(outbox_to(mail_desk, "marta@acme.example")) == 1  # automatic: never answered
