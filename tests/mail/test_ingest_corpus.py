"""The corpus (tests/mail/corpus/*.eml: Outlook, Gmail and Thunderbird replies in Spanish and
English, Latin-1 subjects, HTML only, inline images, a forward, an auto-reply, a bounce, a
forged token, header injection…) taken by the intake, each with the case or the refusal it
must produce, on both engines. The desk: soporte@example.com with the corpus's secret,
cases CS-000123…129 whose notices the replies answer."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from deskTUI.domain.enums import Status
from deskTUI.domain.mail_settings import Direction, Outcome
from deskTUI.services import admin, mail_settings
from deskTUI.services.case_edits import open_case
from deskTUI.services.case_moves import assign_case, move_case
from deskTUI.services.case_quotes import issue_quote
from deskTUI.services.mail_ingest import ingest_message

CORPUS = Path(__file__).parent / "corpus"
SECRET = b"corpus secret"
DESK = "soporte@example.com"
ACME = ("john.smith@acme.example", "peter@acme.example")
GLOBEX = (
    "maria.fernandez@martillo.example", "juan.perez@gmail.example", "lucia@espiga.example",
    "ann.lee@gmail.example", "jose.nunez@contable.example", "carla@estudio.example",
    "sistemas@hotel.example", "ventas@tienda.example", "conta@panaderia.example",
    "cliente@inyecta.example", "escaner@oficina.example",
)  # fmt: skip
ACME_CASES = {124, 127}
CONTACTS = {123: "maria.fernandez", 124: "john.smith", 125: "ann.lee", 126: "lucia", 127: "peter"}
"""The contact of each case the corpus's replies answer (contacts are named after their
address's local part)."""
NOTICES = {
    "<notice.123.1@desk.example.com>": 123, "<notice.123.2@desk.example.com>": 123,
    "<notice.123.7@desk.example.com>": 123, "<notice.124.1@desk.example.com>": 124,
    "<notice.125.3@desk.example.com>": 125, "<notice.126.4@desk.example.com>": 126,
    "<notice.127.1@desk.example.com>": 127, "<notice.128.1@desk.example.com>": 128,
}  # fmt: skip
BOUNCED_NOTICE = "<notice.129.1@desk.example.com>"

EXPECTED: dict[str, tuple[Outcome, int | None, str]] = {
    # file: (outcome, the case it touched (None: a new one or none), the refusal's code)
    "crlf_injection.eml": (Outcome.OPENED, None, ""),
    "dsn_bounce.eml": (Outcome.BOUNCE, 129, "mail.bounce"),
    "forged_token.eml": (Outcome.REFUSED, None, "mail.forged_token"),
    "forwarded.eml": (Outcome.OPENED, None, ""),
    "gmail_en_reply.eml": (Outcome.COMMENTED, 125, ""),
    # Juan is a contact of Globex, not the contact of its case 123: the survey is not his.
    "gmail_es_reply.eml": (Outcome.REFUSED, 123, "permission.denied"),
    "html_only.eml": (Outcome.OPENED, None, ""),
    "latin1_subject_b.eml": (Outcome.OPENED, None, ""),
    "latin1_subject_q.eml": (Outcome.OPENED, None, ""),
    "no_message_id.eml": (Outcome.OPENED, None, ""),
    "outlook_en_reply.eml": (Outcome.REFUSED, 124, ""),
    "outlook_es_reply.eml": (Outcome.ACTED, 123, ""),
    "outlook_html_only_reply.eml": (Outcome.REFUSED, 123, ""),
    "related_inline_images.eml": (Outcome.OPENED, None, ""),
    "thunderbird_en_reply.eml": (Outcome.ACTED, 127, ""),
    "thunderbird_es_reply.eml": (Outcome.ACTED, 126, ""),
    "vacation_autoreply.eml": (Outcome.LOOP, None, "mail.automatic"),
    "windows1252_body.eml": (Outcome.OPENED, None, ""),
    "wrong_charset.eml": (Outcome.REFUSED_UNKNOWN, None, "mail.unknown_sender"),
}


@pytest.fixture
def corpus_desk(desk):
    root = desk.admin
    with desk.uow() as uow:
        settings = replace(uow.mail.settings(), addresses=[DESK])
        uow.mail.save_settings(settings)
        uow.mail._settings_row().secret = SECRET.hex()
        uow.commit()
    mail_settings.add_route(desk.uow(), root, DESK, "Soporte", "Impresoras")
    for client, addresses in (("Acme SA", ACME), ("Globex Ltda", GLOBEX)):
        for address in addresses:
            admin.add_contact(desk.uow(), root, client, address.split("@")[0], email=address)
    for n in range(1, 130):
        open_case(
            desk.uow(), root, title=f"Caso {n}", client="Acme SA" if n in ACME_CASES else "Globex Ltda",
            category="Impresoras", area="Soporte", description="Texto.", contact=CONTACTS.get(n),
        )  # fmt: skip
    for n in (123, 126, 127):
        assign_case(desk.uow(), desk.sofia, n, "ana")
        move_case(desk.uow(), desk.ana, n, Status.IN_PROGRESS)
    for n in (123, 127):
        issue_quote(desk.uow(), desk.sofia, n, price="200", currency="USD", minutes=60)
    move_case(desk.uow(), desk.ana, 126, Status.FINISHED, solution="Tóner nuevo.")
    with desk.uow() as uow:
        for message_id, case_id in NOTICES.items():
            uow.mail.record(
                Direction.OUT, message_id, "x@example.com", uow.now(), Outcome.SENT, case_id=case_id
            )
        uow.mail.record(
            Direction.OUT, BOUNCED_NOTICE, "no.such.user@cliente.example", uow.now(),
            Outcome.SENT, case_id=129,
        )  # fmt: skip
        uow.commit()
    return desk


def test_every_corpus_message_makes_its_case_or_its_refusal(corpus_desk):
    got = {}
    for path in sorted(CORPUS.glob("*.eml")):
        done = ingest_message(corpus_desk.uow(), path.read_bytes())
        number = int(done.case_number.split("-")[1]) if done.case_number else None
        known = number if number is not None and number < 130 else None
        code = done.reason.code if done.reason is not None else ""
        got[path.name] = (done.outcome, known, code if EXPECTED[path.name][2] else "")
        if done.outcome is Outcome.OPENED:
            assert number is not None and number >= 130, path.name
    assert got == EXPECTED
    with corpus_desk.uow() as uow:
        assert uow.mail.failing("no.such.user@cliente.example") is not None
        assert uow.cases.get(123).quote.status.value == "approved"
        assert uow.cases.get(126).status is Status.IN_PROGRESS
        comments = uow.comments.for_case(125)
    assert comments[0].body.startswith("The printer on the second floor works again")
    again = [
        ingest_message(corpus_desk.uow(), p.read_bytes()) for p in sorted(CORPUS.glob("*.eml"))
    ]
    assert {d.outcome for d in again} == {Outcome.DUPLICATE}
