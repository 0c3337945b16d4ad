"""The agent never leaves the TUI (issue 22): on a case's view, `c`, the comment, the
e-mail choice and ctrl+s queue a notice to the case's contact; the desk's sender hands it
to the real SMTP server, and the case's e-mail under its Comments tab then reads it sent,
when, and to whom."""

from __future__ import annotations

from dataclasses import replace
from email import message_from_bytes
from email.policy import default

import pytest
from textual.widgets import DataTable

from deskTUI.services import admin
from deskTUI.services.mail_send import send_due

from ..tui.conftest import burst, delivered, running_app, settle
from .test_mail_send import mail_desk  # noqa: F401 (the fixture)


@pytest.mark.sqlite_only
async def test_a_comment_e_mailed_from_the_case_view_reaches_the_contact_and_reads_sent(
    mail_desk,  # noqa: F811
    smtp_server,
):
    desk = mail_desk
    admin.add_contact(desk.uow(), desk.admin, "Acme SA", "Carla Núñez", email="carla@acme.example")
    case = desk.open(title="La impresora no imprime", contact="Carla Núñez")  # no address yet
    with desk.uow() as uow:
        uow.mail.save_settings(replace(uow.mail.settings(), addresses=["soporte@mesa.example"]))
        uow.commit()

    async with running_app(desk, desk.sofia, case_id=case.id, size=(140, 30)) as (app, pilot):
        burst(app, "c", *"Cambiamos el fusor", "tab", "tab", "space", "ctrl+s")
        await delivered(pilot)
        app.screen.query_one("#sections").active = "tab-4"
        await settle(pilot)
        table = app.screen.query_one("#mail-table", DataTable)
        assert [str(c) for c in table.get_row_at(0)][2:] == [
            "to carla@acme.example",
            f"[{case.number}] New answer: La impresora no imprime",
            "queued",
        ]

        done = send_due(desk.uow(), desk.admin)  # cron, or an admin's open app
        assert done.sent == 1
        app.screen.desk_changed()
        await settle(pilot)
        assert str(table.get_row_at(0)[4]) == "sent 3/2/2026 12:00"

    [received] = smtp_server.received
    assert received.rcpt_tos == ("carla@acme.example",)
    notice = message_from_bytes(received.data, policy=default)
    assert "Cambiamos el fusor" in notice.get_body(("plain",)).get_content()
