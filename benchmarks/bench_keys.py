"""Keystroke latency: typing queries into the list's query line until the list shows the result.

Each key is timed from just before the press to the paint that follows the
list's first page for the query that key started. The list re-runs its
query on every keystroke once the text parses (Input.Changed); a build that
runs it only on Enter is measured too. A key that starts no query (the list
table's generation does not move within SETTLE seconds: the text does not
parse yet) is typed but not timed; if a whole first query starts none, the
product runs queries on Enter only, so the rest is typed untimed and Enter
is timed. The result says which happened.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench_app import SIZE, first_page, generation, open_desk, watched_app

SCRIPT = [
    "status:new",
    "status:open",
    "status:on_hold",
    "assignee:ana",
    "assignee:me",
    "assignee:none",
    "status:open assignee:ana",
    "impresora",  # free words of the Spanish demo the benchmarks build (tools/demo/texts.py)
    "correo",
    "factura",
]
SETTLE = 0.25
"""How long a key may take to start a query (room for a debounce) before it counts as silent."""


@dataclass
class KeyResult:
    samples_ms: list[float] = field(default_factory=list)
    typed: int = 0
    silent: int = 0
    """Keys that started no query: the text did not parse yet, or only Enter runs queries."""
    failed: int = 0
    """Keys whose query started but showed nothing within the timeout (or failed)."""
    per_keystroke: bool | None = None

    @property
    def mode(self) -> str:
        if self.per_keystroke:
            return "every keystroke re-runs the query"
        return "only Enter runs the query: Enter timed, other keys typed untimed"


async def _timed_key(pilot: Any, key: str, timeout: float) -> float | None:
    """Milliseconds from press to painted result, or None if the key started no query.

    Raises TimeoutError if a query started and its result was not painted in time.
    """
    app = pilot.app
    known = generation(app)
    painted = app.watch.after(known)
    start = time.perf_counter()
    await pilot.press(key)
    deadline = time.perf_counter() + SETTLE
    while generation(app) == known and time.perf_counter() < deadline:
        await asyncio.sleep(0.005)
    if generation(app) == known:
        painted.cancel()
        return None
    end = await asyncio.wait_for(painted, timeout)
    return (end - start) * 1000


async def _fresh_query_line(pilot: Any, timeout: float) -> None:
    """Focus the query line and empty it; wait out any query the emptying starts."""
    app = pilot.app
    query = app.screen.query_one("#query")
    if app.focused is not query:
        await pilot.press("slash")
    await pilot.press("end")
    # Input's "delete all to the left". The empty query it may start is not measured,
    # and a slow one must not stop the run.
    with contextlib.suppress(TimeoutError):
        await _timed_key(pilot, "ctrl+u", timeout)
    if query.value:  # in case the binding changes: the harness must still start clean
        query.value = ""
        await pilot.pause()


async def _type_query(pilot: Any, text: str, result: KeyResult, timeout: float) -> None:
    started = 0
    for char in text:
        result.typed += 1
        if result.per_keystroke is False:
            await pilot.press(char)  # known: no query per key; typing fast keeps the run short
            result.silent += 1
            continue
        try:
            sample = await _timed_key(pilot, char, timeout)
        except TimeoutError:
            result.failed += 1
            started += 1
            continue
        if sample is None:
            result.silent += 1
        else:
            started += 1
            result.samples_ms.append(sample)
    if result.per_keystroke is None:
        result.per_keystroke = started > 0
    if not result.per_keystroke:
        result.typed += 1
        try:
            sample = await _timed_key(pilot, "enter", timeout)
        except TimeoutError:
            result.failed += 1
            return
        if sample is None:
            result.silent += 1  # the text did not parse: an error line instead of a query
        else:
            result.samples_ms.append(sample)


async def _run(db_path: Path | str, passes: int, timeout: float) -> KeyResult:
    db, actor = open_desk(db_path)
    app = watched_app(db, actor)
    result = KeyResult()
    try:
        async with app.run_test(size=SIZE) as pilot:
            await first_page(app, timeout)
            for _ in range(passes):
                for text in SCRIPT:
                    await _fresh_query_line(pilot, timeout)
                    await _type_query(pilot, text, result, timeout)
    finally:
        db.dispose()
    return result


def measure(db_path: Path | str, passes: int, timeout: float = 60.0) -> KeyResult:
    """Type SCRIPT ``passes`` times into the list on ``db_path``; every painted result timed."""
    return asyncio.run(_run(db_path, passes, timeout))
