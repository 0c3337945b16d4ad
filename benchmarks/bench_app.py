"""deskTUI in-process, watched: when did a page of the case list reach the screen?

The case list screen shows a page (``CaseListScreen.show_page``, the answer of
its read through ``ServiceCalls``) when rows come back from the database; the
screen puts them in the table. The time a page is shown is the end of the first frame written
to the (headless) terminal while the table holds the first window of its
query (``CaseTable.loaded``; an empty result is a window too): an app subclass
looks at the table after each ``App._display``. The screen may paint the rows
while it takes them, before the app's next frame, so the answer alone cannot
say when.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

SIZE = (120, 40)
"""A common terminal: wide enough that the views panel shows beside the list."""


def open_desk(db_path: Path | str) -> tuple[Any, Any]:
    """The database and the acting user, as the CLI resolves them (the OS login).

    ``db_path``: a SQLite file, or (a str) a server desk's URL, as everywhere in benchmarks/.
    """
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

    def displayed(self) -> None:
        """A frame went to the terminal: it shows the current query's result if the table has it."""
        try:
            shown = bool(case_table(self.app).loaded)
        except Exception:  # another screen on top: not a frame of the list
            return
        if shown:
            self._painted(generation(self.app))

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

        def _display(self, screen: Any, renderable: Any) -> None:
            super()._display(screen, renderable)
            if renderable is not None:
                self.watch.displayed()

    return Watched()


async def first_page(app: Any, timeout: float) -> None:
    """Wait until the list screen has painted its first page (the app was just started)."""
    if app.watch.painted:
        return
    await asyncio.wait_for(app.watch.after(0), timeout)
