"""One fresh process that paints once and says so: the subject of the startup and RSS figures.

    python benchmarks/bench_child.py bare
    python benchmarks/bench_child.py desk DB_PATH

``bare`` is the floor: a Textual App with one Input that exits after its
first frame. ``desk`` runs ``desktui --db DB_PATH`` (the CLI's ``main``,
the OS login as the actor) with a headless app that exits after the first
frame that shows the first page of cases. Either writes one line to fd 1,
``painted <VmRSS KiB>``, at that moment; the parent times spawn → line.
If the list reports a failure instead, the line is ``failed <why>``.

Both are stamped the same way: right after ``App._display``, where Textual
hands a frame to the terminal (a no-op headless, but reached all the same).

The line goes to the file descriptor, not ``print``: while an App runs,
Textual captures ``sys.stdout``.
"""

from __future__ import annotations

import os
import sys
from typing import Any

SIZE = (120, 40)
"""The terminal the keystroke figures use too: wide enough for the views panel."""


def rss_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def say_painted() -> None:
    os.write(1, f"painted {rss_kib()}\n".encode())


def run_bare() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Input

    class Bare(App[None]):
        said = False

        def compose(self) -> ComposeResult:
            yield Input()

        def _display(self, screen: Any, renderable: Any) -> None:
            super()._display(screen, renderable)
            if renderable is not None and not self.said:
                self.said = True
                say_painted()
                self.exit()

    Bare().run(headless=True, size=SIZE)


def run_desk(db_path: str) -> None:
    # `desktui --db DB_PATH` itself: the CLI's main() with its parser, its start-up path
    # (fast or ordinary) and its imports, so their cost is the figure's. Only the app
    # class is swapped, for one that runs headless and says when the first page is
    # painted. cmd_tui imports deskTUI.app before running it anyway, so importing it
    # here first costs nothing the CLI would not pay before its first paint.
    import deskTUI.app
    from deskTUI.cli import main

    class FirstPage(deskTUI.app.DeskApp):
        said = False

        # The first frame while the table holds the first window of the result: the
        # rows are painted. The screen may paint them while it takes the page
        # (show_page), before the app's next frame.
        def _display(self, screen: Any, renderable: Any) -> None:
            super()._display(screen, renderable)
            if renderable is None or self.said:
                return
            try:
                shown = bool(screen.query_one("#cases").loaded)
            except Exception:  # not the list screen
                return
            if shown:
                self.done()

        # A query the product refuses or fails: say why instead of waiting for a page.
        def on_case_list_screen_failed(self, message: Any) -> None:
            os.write(1, f"failed {message.text}\n".encode())
            self.exit()

        def done(self) -> None:
            self.said = True
            say_painted()
            self.exit()

        def run(self, **_options: Any) -> Any:
            return super().run(headless=True, size=SIZE)

    deskTUI.app.DeskApp = FirstPage  # type: ignore[misc]
    main(["--db", db_path])


def main(argv: list[str]) -> int:
    if argv[:1] == ["bare"]:
        run_bare()
        return 0
    if len(argv) == 2 and argv[0] == "desk":
        run_desk(argv[1])
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
