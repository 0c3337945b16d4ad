"""The new text of a reply: history and signature cut, what the writer wrote kept; and a
hostile body costs the reply parser little."""

from __future__ import annotations

import time

import pytest

from deskTUI.mail.replies import new_text


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # mail-parser-reply 1.36 never matches Spanish "El … escribió:" (its look-ahead repeats
        # the pattern): these two kept the whole history before deskTUI.mail.replies.
        ("Listo.\n\nEl 7/12/26 a las 10:15, Mesa de ayuda escribió:\n> Hola", "Listo."),
        (
            "Sí\n\nEl lun, 7 dic 2026 a las 10:15, Mesa (<\nsoporte@example.com>) escribió:\n> x",
            "Sí",
        ),
        (
            "Gracias\n\nEn lunes, 7 de diciembre de 2026, 10:15:00 a. m. GMT-6, Mesa <s@x> escribió:\n> x",
            "Gracias",
        ),
        ("Hola\n\n-----Mensaje original-----\nDe: Mesa\nEnviado: hoy\n\nviejo", "Hola"),
        # HTML converted to text indents a Gmail attribution (inscriptis lays out its divs).
        (
            "5 ¡Excelente!\n\n    El lun, 7 dic 2026 a las 10:15, Mesa (<s@x>) escribió:\n  Hola",
            "5 ¡Excelente!",
        ),
        ("Ok\n\n-----Original Message-----\nFrom: Desk\nSent: today\n\nold", "Ok"),
        ("Done\n\nFrom: Desk <d@x>\nSent: Monday\nTo: Ann\nSubject: y\n\nold", "Done"),
        # What a person wrote is kept: a closing, a list, an interleaved answer.
        ("Gracias, ya funciona.\nSaludos,\nAna", "Gracias, ya funciona.\nSaludos,\nAna"),
        ("Revisé:\n- el tóner\n- la bandeja", "Revisé:\n- el tóner\n- la bandeja"),
        ("> ¿Funciona?\nSí\n> ¿Y la red?\nTambién", "> ¿Funciona?\nSí\n> ¿Y la red?\nTambién"),
        # A signature at the RFC 3676 delimiter, and a phone's line.
        ("Listo\n-- \nAna Ruiz\nGerente", "Listo"),
        ("Approved\n\nSent from my iPhone", "Approved"),
        ("Aprobado\n\nEnviado desde mi Android", "Aprobado"),
    ],
)
def test_the_new_text_is_what_the_writer_added(body, expected):
    assert new_text(body) == expected


def test_a_forward_keeps_what_it_forwards():
    body = (
        "Les reenvío esto.\n\n---------- Forwarded message ---------\nDe: Recepción <r@h>\n"
        "Date: lun, 7 dic 2026\nSubject: Wifi\nTo: Sistemas <s@h>\n\nNo hay wifi."
    )
    assert new_text(body) == body


@pytest.mark.parametrize(
    "body",
    [
        "On " + " " * 150_000 + "wrote:",
        ("On " + " " * 118 + "x\n") * 2000,
        ("From: " + " " * 114 + "\n") * 2000,
        ("El " + "x" * 297 + "\n" + "y" * 199 + "\n") * 500,
        ("> " * 100 + "\n") * 2000,
    ],
    ids=["on-blanks", "on-lines", "from-lines", "el-lines", "quotes"],
)
def test_a_hostile_body_costs_the_reply_parser_little(body):
    started = time.perf_counter()
    new_text(body)
    # Before the probe, the first took minutes (mail-parser-reply backtracks on "On" lines).
    assert time.perf_counter() - started < 1.5
