"""One line above the footer: the case the operator's timer runs on, and for how long.

The timer itself lives in the database (``services.timers``); the app keeps
the last view of it and this bar only redraws the elapsed time each second
from that view and the app's clock, without touching the database.
"""

from __future__ import annotations

from datetime import datetime

from textual.content import Content
from textual.widgets import Static

from .. import words
from ..i18n import _
from ..safe_text import safe
from ..session import session_of


def clock_text(seconds: float) -> str:
    """``0:07:05``: hours, minutes, seconds, as a stopwatch shows them."""
    whole = max(int(seconds), 0)
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


class TimerBar(Static):
    """Hidden while no timer runs."""

    DEFAULT_CSS = """
    TimerBar {
        dock: bottom;
        margin-bottom: 1;  /* docks overlap: sit on the line above the footer */
        height: 1;
        padding: 0 1;
        background: $warning 30%;
        color: $text;
        display: none;
    }
    TimerBar.-running {
        display: block;
    }
    App:nocolor TimerBar {
        text-style: reverse;
    }
    """

    def on_mount(self) -> None:
        self.set_interval(1, self.tick)
        self.tick()

    def tick(self) -> None:
        view = getattr(self.app, "timer", None)
        self.set_class(view is not None, "-running")
        if view is None:
            return
        title = safe(view.title, one_line=True)
        if view.closed is not None:  # its case closed under it: the time stopped there
            self.update(
                Content(
                    _(
                        "Timer {number} · {title} · {status} by {by}: {elapsed} to log on "
                        "another case · T there logs it"
                    ).format(
                        number=view.number,
                        title=title,
                        status=words.label(view.closed.status),
                        by=view.closed.by,
                        elapsed=clock_text(view.elapsed.total_seconds()),
                    )
                )
            )
            return
        now: datetime = session_of(self.app).clock()
        elapsed = clock_text((now - view.started_at).total_seconds())
        self.update(
            Content(
                _("Timer {number} · {title} · {elapsed} · T on the case stops it").format(
                    number=view.number, title=title, elapsed=elapsed
                )
            )
        )
