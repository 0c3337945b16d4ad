"""The client's steps by reply: the first line of a reply's new text read as a command."""

from __future__ import annotations

import pytest

from deskTUI.domain.mail_commands import CommandKind, MailCommand, read_command

APPROVE, REJECT, SURVEY, REOPEN, COMMENT = (
    CommandKind.APPROVE,
    CommandKind.REJECT,
    CommandKind.SURVEY,
    CommandKind.REOPEN,
    CommandKind.COMMENT,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("APROBAR", MailCommand(APPROVE)),
        ("aprobar", MailCommand(APPROVE)),
        ("¡Apróbar!", MailCommand(APPROVE)),
        ("Approve.", MailCommand(APPROVE)),
        ("\n\n  APROBAR  \n\nGracias", MailCommand(APPROVE, "Gracias")),
        (
            "RECHAZAR\nEs muy caro.\nOtra vez el mes próximo",
            MailCommand(REJECT, "Es muy caro.\nOtra vez el mes próximo"),
        ),
        ("Rechazar: es muy caro.", MailCommand(REJECT, "es muy caro.")),
        ("REJECT", MailCommand(REJECT)),
        ("5 ¡Excelente!", MailCommand(SURVEY, "¡Excelente!", 5)),
        ("5", MailCommand(SURVEY, "", 5)),
        ("1.\nNadie me llamó", MailCommand(SURVEY, "Nadie me llamó", 1)),
        ("3 - regular", MailCommand(SURVEY, "regular", 3)),
        ("*4*", MailCommand(SURVEY, "", 4)),
        ("REABRIR", MailCommand(REOPEN)),
        ("reopen!", MailCommand(REOPEN)),
        (
            "Reábrir\nSigue fallando la impresora",
            MailCommand(REOPEN, "Sigue fallando la impresora"),
        ),
    ],
)
def test_a_first_line_that_is_a_keyword_or_a_lone_digit_is_a_command(text, expected):
    assert read_command(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Aprobar no, prefiero esperar",
        "Approved",
        "0",
        "6 estrellas",
        "10 puntos",
        "2.5",
        "3,5 bien",
        "2:30 llego",
        "5€ fue caro",
        "1st time",
        "Hola, ¿me ayudan?",
        "",
        "¡¡!!",
    ],
)
def test_anything_else_is_a_plain_comment_with_the_whole_text(text):
    assert read_command(text) == MailCommand(COMMENT, text.strip())
