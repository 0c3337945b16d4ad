"""Real-shaped messages (tests/mail/corpus/*.eml) and what the desk must read from each.

Each row of the table names a file and the values it must give; a value left out is not
checked by that row. The same bytes are also read twice to prove the reading is stable.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from deskTUI.domain.mail_commands import CommandKind, read_command
from deskTUI.mail import loops
from deskTUI.mail.incoming import Incoming, Refused
from deskTUI.mail.parse import read_message
from deskTUI.mail.tokens import TokenState, find_token, subject_case

CORPUS = Path(__file__).parent / "corpus"
SECRET = b"corpus secret"
"""The secret the corpus's reply tokens were signed with."""

EXPECTED: dict[str, dict[str, object]] = {
    "outlook_es_reply.eml": {
        "sender": "maria.fernandez@martillo.example",
        "sender_name": "María Fernández",
        "subject": "RE: [CS-000123] Cotización del servicio",
        "in_reply_to": "<notice.123.1@desk.example.com>",
        "reply_text": "APROBAR\n\nSaludos,\nMaría Fernández\nCompras - Ferretería El Martillo",
        "command": CommandKind.APPROVE,
        "token": (TokenState.VALID, 123),
        "subject_case": 123,
    },
    "outlook_html_only_reply.eml": {
        "from_html": True,
        "sender_name": "María Fernández",
        "reply_text": "RECHAZAR\nEs muy caro para este mes.\n\nSaludos,\nMaría",
        "command": CommandKind.REJECT,
        "command_text": "Es muy caro para este mes.\n\nSaludos,\nMaría",
        "subject_case": 123,
    },
    "outlook_en_reply.eml": {
        "sender": "john.smith@acme.example",
        "recipients": ("soporte@example.com", "purchasing@acme.example"),
        "reply_text": "REJECT\nThe price is above what we budgeted for this quarter.\n\nThanks,\nJohn",
        "command": CommandKind.REJECT,
        "command_text": "The price is above what we budgeted for this quarter.\n\nThanks,\nJohn",
        "token": (TokenState.NONE, None),
        "subject_case": 124,
    },
    "gmail_es_reply.eml": {
        "sender": "juan.perez@gmail.example",
        "sender_name": "Juan Pérez",
        "subject": "Re: [CS-000123] Encuesta de satisfacción",
        "reply_text": "5 ¡Excelente! Muy rápida la atención, gracias.",
        "command": CommandKind.SURVEY,
        "command_text": "¡Excelente! Muy rápida la atención, gracias.",
        "token": (TokenState.VALID, 123),
    },
    "gmail_en_reply.eml": {
        "references": ("<notice.125.2@desk.example.com>", "<notice.125.3@desk.example.com>"),
        "in_reply_to": "<notice.125.3@desk.example.com>",
        "reply_text": "The printer on the second floor works again, thank you.\n"
        "- the toner was replaced\n- the tray was cleaned",
        "command": CommandKind.COMMENT,
    },
    "thunderbird_es_reply.eml": {
        "sender_name": "Lucía Gómez",
        "reply_text": "REABRIR\n\nLa impresora volvió a fallar esta mañana:\nimprime las hojas en blanco.",
        "command": CommandKind.REOPEN,
        "subject_case": 126,
    },
    "thunderbird_en_reply.eml": {"reply_text": "APPROVE", "command": CommandKind.APPROVE},
    "latin1_subject_q.eml": {
        "subject": "Facturación electrónica: no envía los comprobantes",
        "sender_name": "José Núñez",
        "body_text": "Buenos días:\n\nLa facturación electrónica no envía los comprobantes "
        "desde el año pasado.\nJosé Núñez",
    },
    "latin1_subject_b.eml": {"subject": "Facturación electrónica: no envía los comprobantes"},
    "windows1252_body.eml": {
        "body_text": "Nos cobraron dos veces el “servicio técnico” – 1.500 € en total.\n"
        "¿Podrían revisarlo? Gracias."
    },
    "html_only.eml": {
        "from_html": True,
        "body_contains": ("El pedido 4711 no llegó — seguimos esperando.", "Tóner", "[bold]"),
        "body_lacks": ("alert", "color: red", "<", "&mdash;"),
    },
    "related_inline_images.eml": {
        "from_html": False,
        "body_text": "Adjunto la captura del error.\n[image: captura.png]",
        "attachments": (
            ("image001.png", "image/png", True),
            ("informe de fallas dic.pdf", "application/pdf", False),
        ),
    },
    "forwarded.eml": {
        "subject": "Fwd: La red del lobby no funciona",
        "reply_contains": ("Les reenvío", "Desde las 9 no hay wifi en el lobby."),
        "attachments": (("attachment-1.eml", "message/rfc822", False),),
    },
    "vacation_autoreply.eml": {
        "loop_marks": (loops.AUTO_SUBMITTED, loops.PRECEDENCE, loops.AUTOREPLY),
        "token": (TokenState.FORGED, 128),
    },
    "dsn_bounce.eml": {
        "loop_marks": (
            loops.AUTO_SUBMITTED,
            loops.MAILER_DAEMON,
            loops.NULL_SENDER,
            loops.DELIVERY_REPORT,
        ),
        "bounce": ("<notice.129.1@desk.example.com>", ("no.such.user@cliente.example",), "5.1.1"),
    },
    "forged_token.eml": {
        "token": (TokenState.FORGED, 999),
        "command": CommandKind.APPROVE,
        "loop_marks": (),
    },
    "crlf_injection.eml": {
        "sender": "cliente@inyecta.example",
        "recipients": ("soporte@example.com",),
        "reply_to": ("responder@inyecta.example",),
        "in_reply_to": "<a@b>",
        "body_text": "Texto[2J con escape y NUL dentro.",
    },
    "no_message_id.eml": {"synthetic_id": True, "subject": "Documento escaneado"},
    "wrong_charset.eml": {
        "subject": "qapla\ufffd",
        "body_text": "Canci\ufffdn en latin-1 declarada utf-8",
        "attachments": (("k.txt", "text/plain", False),),
    },
}

_CHECKS = {"command", "command_text", "token", "subject_case", "bounce", "attachments"}


def read(name: str) -> Incoming:
    message = read_message((CORPUS / name).read_bytes())
    assert isinstance(message, Incoming), message
    return message


def test_every_corpus_file_has_a_row_and_every_row_a_file():
    assert sorted(p.name for p in CORPUS.glob("*.eml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_corpus_message_reads_as_its_row_says(name):
    message = read(name)
    row = EXPECTED[name]
    for key, value in row.items():
        if key in _CHECKS or key.endswith(("_contains", "_lacks")):
            continue
        assert getattr(message, key) == value, key
    for text in row.get("body_contains", ()):
        assert text in message.body_text
    for text in row.get("body_lacks", ()):
        assert text not in message.body_text
    for text in row.get("reply_contains", ()):
        assert text in message.reply_text
    if "command" in row:
        command = read_command(message.reply_text)
        assert command.kind is row["command"]
        if "command_text" in row:
            assert command.text == row["command_text"]
    if "token" in row:
        token = find_token(message.recipients, SECRET)
        assert (token.state, token.case_id) == row["token"]
    if "subject_case" in row:
        assert subject_case(message.subject) == row["subject_case"]
    if "bounce" in row:
        bounce = message.bounce
        assert bounce is not None
        assert (bounce.original_message_id, bounce.recipients, bounce.status) == row["bounce"]
    if "attachments" in row:
        got = tuple((a.name, a.content_type, a.inline) for a in message.attachments)
        assert got == row["attachments"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_one_line_fields_hold_no_control_characters(name):
    message = read(name)
    for text in (message.subject, message.sender_name, *message.recipients, message.message_id):
        assert not any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in text), text
    assert "\x00" not in message.body_text and "\x1b" not in message.body_text


def test_only_the_automatic_messages_carry_loop_marks():
    marked = {name for name in EXPECTED if read(name).automatic}
    assert marked == {"vacation_autoreply.eml", "dsn_bounce.eml"}


def test_a_message_without_message_id_gets_the_same_synthetic_id_for_the_same_bytes():
    raw = (CORPUS / "no_message_id.eml").read_bytes()
    first, again = read_message(raw), read_message(raw)
    assert isinstance(first, Incoming) and isinstance(again, Incoming)
    assert first.message_id == again.message_id
    assert first.message_id.startswith("<sha256-") and first.message_id.endswith(
        "@desktui.invalid>"
    )
    other = read_message(raw.replace(b"adjunto", b"adjunta"))
    assert isinstance(other, Incoming) and other.message_id != first.message_id
    # The same message by another way (the MTA's pipe, then IMAP) has other trace fields.
    traced = b"Received: from mx.example.com by imap.example.com; Mon, 7 Dec 2026\n" + raw
    relayed = read_message(b"Return-Path: <escaner@oficina.example>\n" + traced)
    assert isinstance(relayed, Incoming) and relayed.message_id == first.message_id


def test_the_inline_image_keeps_its_bytes_and_content_id_for_the_html_that_shows_it():
    image = read("related_inline_images.eml").attachments[0]
    assert image.content.startswith(b"\x89PNG")
    assert image.content_id == "<image001.png@01DA2B3C.4D5E6F70>"


def test_a_refusal_is_a_value_with_a_code_and_a_sentence():
    refused = read_message(b"   \r\n")
    assert isinstance(refused, Refused)
    assert refused.code == "mail.empty"
    assert str(refused.error) == "The message is empty"
