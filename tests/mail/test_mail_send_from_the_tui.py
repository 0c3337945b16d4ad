"""The open TUIs send the outbox too (issue 22: "cron, or the open TUIs' background
worker"): an admin's or a supervisor's app sends the due notices as it sweeps SLA
breaches; an agent's does not; a desk with no SMTP server set up sends nothing and
refuses nothing in the background."""

from __future__ import annotations

import pytest

from deskTUI.domain.mail_settings import Outcome
from deskTUI.services.mail_send import send_in_background

from ..tui.conftest import make_app, settle
from .test_mail_send import mail_desk, outcome, queue  # noqa: F401 (the fixture)


@pytest.mark.sqlite_only
async def test_an_admins_open_app_sends_the_due_notices_and_an_agents_does_not(
    mail_desk,  # noqa: F811
    smtp_server,
):
    [mail_id] = queue(mail_desk, "maria@acme.example").values()
    app = make_app(mail_desk, mail_desk.ana, escalate_every=3600)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
    assert smtp_server.received == []  # an agent reads no desk e-mail: her app sends none

    app = make_app(mail_desk, mail_desk.admin, escalate_every=3600)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
    [received] = smtp_server.received
    assert received.rcpt_tos == ("maria@acme.example",)
    assert outcome(mail_desk, mail_id)[0].outcome is Outcome.SENT


def test_a_desk_with_no_smtp_server_sends_nothing_in_the_background_and_refuses_nothing(desk):
    assert send_in_background(desk.uow()) is None
