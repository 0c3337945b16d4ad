"""deskTUI in-process, watched: when did a page of the case list reach the screen?

The case list screen posts ``CaseListScreen.Page`` when rows come back from
the database; the screen puts them in the table, then the message bubbles up
to the app. An app subclass catches it there and, after the next refresh
(the paint that shows the rows), stamps the time. Patching the screen's
handler instead does not work: Textual's ``@on`` keeps the original function.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

SIZE = (120, 40)
"""A common terminal: wide enough that the views panel shows beside the list."""


def open_desk(db_path: Path) -> tuple[Any, Any]:
    """The database and the acting user, as the CLI resolves them (the OS login)."""
    from deskTUI.services.identity import resolve_actor
    from deskTUI.store.database import open_database
    from deskTUI.store.uow import UnitOfWork

    db = open_database(str(db_path), create=False)
    return db, resolve_actor(UnitOfWork(db))


def case_table(app: Any) -> Any:
    return app.screen.query_one("#cases")


def generation(app: Any) -> int:
    """The list's query generation: bumped when a new query starts (0 off the list screen)."""
    try:
        return int(case_table(app).generation)
    except Exception:  # another screen on top, or the widget renamed: no query in sight
        return 0


class PageWatch:
    """Futures resolved with the time of the paint after a page newer than a given generation."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.painted = 0
        """The newest generation whose rows have been painted."""
        self._waiting: list[tuple[int, asyncio.Future[float]]] = []

    def after(self, known: int) -> asyncio.Future[float]:
        """Register before acting, so a fast answer cannot slip past unseen."""
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._waiting.append((known, future))
        return future

    def seen(self, message: Any) -> None:
        # A page shows the result when it brings rows; an empty first window is an
        # empty result (a later window can be empty only past the end: not a result).
        if not (message.rows or message.offset == 0):
            return
        if message.generation != generation(self.app):
            return  # a late answer to an older query: the table drops it too
        self.app.call_after_refresh(self._painted, message.generation)

    def _painted(self, shown: int) -> None:
        now = time.perf_counter()
        self.painted = max(self.painted, shown)
        for known, future in list(self._waiting):
            if shown > known:
                self._waiting.remove((known, future))
                if not future.done():
                    future.set_result(now)


def watched_app(db: Any, actor: Any) -> Any:
    """A DeskApp whose ``watch`` reports painted pages."""
    from deskTUI.app import DeskApp  # Textual is imported only when a benchmark needs it

    class Watched(DeskApp):
        def __init__(self) -> None:
            super().__init__(db, actor)
            self.watch = PageWatch(self)

        def on_case_list_screen_page(self, message: Any) -> None:
            self.watch.seen(message)

    return Watched()


async def first_page(app: Any, timeout: float) -> None:
    """Wait until the list screen has painted its first page (the app was just started)."""
    if app.watch.painted:
        return
    await asyncio.wait_for(app.watch.after(0), timeout)
