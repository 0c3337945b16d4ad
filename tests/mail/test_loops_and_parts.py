"""What makes a message automatic (never answered, never a case), and how the letter's
text is told from its files."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from deskTUI.mail import loops
from deskTUI.mail.incoming import Incoming
from deskTUI.mail.parse import read_message

HEAD = "From: Ana <ana@cliente.example>\r\nTo: soporte@example.com\r\nMessage-ID: <t@x>\r\n"


def read(text: str) -> Incoming:
    message = read_message(text.encode())
    assert isinstance(message, Incoming), message
    return message


@pytest.mark.parametrize(
    ("headers", "marks"),
    [
        ("Auto-Submitted: auto-replied (vacation)\r\n", (loops.AUTO_SUBMITTED,)),
        ("Auto-Submitted: auto-generated; owner-email=x@y\r\n", (loops.AUTO_SUBMITTED,)),
        ("Auto-Submitted: no (a person wrote it)\r\n", ()),
        ("Auto-Submitted: No\r\n", ()),
        ("Precedence: bulk\r\n", (loops.PRECEDENCE,)),
        ("Precedence: JUNK (spam)\r\n", (loops.PRECEDENCE,)),
        ("Precedence: list\r\n", (loops.PRECEDENCE,)),
        ("Precedence: first-class\r\n", ()),
        ("X-Autorespond: Out of office\r\n", (loops.AUTOREPLY,)),
        ("X-Autoreply: yes\r\n", (loops.AUTOREPLY,)),
        ("List-Id: Clientes <clientes.lists.example>\r\n", (loops.MAILING_LIST,)),
        ("Return-Path: <>\r\n", (loops.NULL_SENDER,)),
        ("Return-Path: <ana@cliente.example>\r\n", ()),
        ("X-Auto-Response-Suppress: All\r\n", ()),  # every Outlook message says so
    ],
)
def test_each_automatic_mark_is_read_and_a_persons_message_has_none(headers, marks):
    assert read(HEAD + headers + "\r\nhola\r\n").loop_marks == marks


@pytest.mark.parametrize("sender", ["MAILER-DAEMON@mx.example", "postmaster@cliente.example"])
def test_a_mail_servers_sender_marks_a_bounce(sender):
    message = read(
        f"From: {sender}\r\nMessage-ID: <b@x>\r\n\r\nSorry.\r\nMessage-ID: <notice.5.1@desk.example>\r\n"
    )
    assert message.loop_marks == (loops.MAILER_DAEMON,)
    assert message.bounce is not None
    assert message.bounce.original_message_id == "<notice.5.1@desk.example>"  # quoted in its text


def test_a_read_receipt_is_automatic_but_no_bounce():
    message = read(
        HEAD
        + 'Content-Type: multipart/report; report-type=disposition-notification; boundary="r"\r\n\r\n'
        + "--r\r\nContent-Type: text/plain\r\n\r\nSu mensaje fue leído.\r\n"
        + "--r\r\nContent-Type: message/disposition-notification\r\n\r\n"
        + "Final-Recipient: rfc822; ana@cliente.example\r\nDisposition: manual-action/MDN-sent-manually; displayed\r\n"
        + "--r--\r\n"
    )
    assert message.loop_marks == (loops.REPORT,)
    assert message.bounce is None


def test_apple_mails_letter_cut_around_an_image_is_one_text_and_a_named_text_is_a_file():
    message = read(
        HEAD
        + 'Content-Type: multipart/mixed; boundary="m"\r\n\r\n'
        + "--m\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nAntes de la imagen.\r\n"
        + '--m\r\nContent-Type: image/png\r\nContent-Disposition: inline; filename="foto.png"\r\n'
        + "Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n"
        + "--m\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nDespués de la imagen.\r\n"
        + '--m\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Disposition: inline; filename="registro.txt"\r\n\r\n'
        + "línea del registro\r\n--m--\r\n"
    )
    assert message.body_text == "Antes de la imagen.\n\nDespués de la imagen."
    assert [(a.name, a.inline) for a in message.attachments] == [
        ("foto.png", True),
        ("registro.txt", True),
    ]
    # The CRLF before the closing boundary belongs to the boundary, not to the file.
    assert message.attachments[1].content.decode() == "línea del registro"


def test_a_date_without_zone_is_utc_and_a_broken_date_is_none():
    assert read(HEAD + "Date: Mon, 7 Dec 2026 10:00:00 -0000\r\n\r\nx").date == datetime(
        2026, 12, 7, 10, tzinfo=UTC
    )
    assert read(HEAD + "Date: el lunes a la tarde\r\n\r\nx").date is None
    assert read(HEAD + "Date: Mon, 7 Dec 99999 10:00:00 +0000\r\n\r\nx").date is None
