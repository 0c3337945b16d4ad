"""The app's minute sweeps for the whole desk, started once the first page is up: SLA
breaches escalated by staff who may, and the outbox's due notices sent by those who read
the desk's e-mail (issue 22: "cron, or the open TUIs' background worker"). Each claims its
work by a conditional UPDATE, so several open apps and a cron never do one thing twice.

Apart from app.py, which is at its size limit.
"""

from __future__ import annotations

from typing import Any

from ..domain.permissions import Action, may_ever


def start_sweeps(app: Any, every: float | None) -> None:
    """``every``: seconds between sweeps; None for none (tests draw a still desk)."""
    if every is None:
        return
    if may_ever(app.actor, Action.ESCALATE_BREACHES):
        app.escalate_breaches()
        app.set_interval(every, app.escalate_breaches)
    if may_ever(app.actor, Action.VIEW_MAIL):
        send_mail(app)
        app.set_interval(every, lambda: send_mail(app))


def send_mail(app: Any) -> None:
    """Send what the outbox holds, in the background; a failure is logged (the notices
    wait for the next sweep, or for ``desktui mail send``)."""

    def send() -> None:
        from ..services.mail_send import send_in_background

        send_in_background(app.uow())

    app._in_background(send, lambda _none: None, group="mail-send")
