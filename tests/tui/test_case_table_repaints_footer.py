"""The footer's keys do not pile up as the focus goes between the query line and the list.

Textual 8.2's footer composes its keys again at every focus switch, binding each key's
``compact`` to its own; the keys it removed stayed referenced by that binding for the
life of the app (18 per switch, in memory, not on screen: the DOM kept its size). They
are counted here where they live, among the objects Python holds.
"""

from __future__ import annotations

import gc

from textual.widgets._footer import FooterKey

from .conftest import running_app, settle


def keys_alive() -> int:
    gc.collect()
    return sum(1 for thing in gc.get_objects() if isinstance(thing, FooterKey))


async def switch(pilot, times: int) -> None:
    for _ in range(times):
        await pilot.press("slash")  # to the query line
        await pilot.press("escape")  # back to the list
    await settle(pilot)


async def test_switching_focus_between_the_query_line_and_the_list_keeps_no_old_footer_keys(
    desk,
):
    desk.open(title="La impresora no imprime")
    async with running_app(desk, desk.sofia, size=(120, 40)) as (app, pilot):
        await switch(pilot, 5)
        widgets, alive = len(list(app.screen.query("*"))), keys_alive()
        await switch(pilot, 20)
        assert len(list(app.screen.query("*"))) == widgets
        shown = len(list(app.screen.query(FooterKey)))
        assert keys_alive() <= alive + shown  # one footer's keys at most, never 20 switches'
