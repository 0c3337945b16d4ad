"""A screen a role may not open is neither offered (keys panel, palette) nor opened (issue 18).

A client saw the queue board, the reports and the SLA targets in the command palette and
the keys panel, and was refused only once she picked them."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import OptionList

from .conftest import running_app, settle

STAFF_SCREENS = {"B": "Queue board", "R": "Reports", "S": "SLA targets"}


async def palette_offers(app, pilot, typed: str) -> list[str]:
    await pilot.press("ctrl+p", *typed)
    await settle(pilot)
    await pilot.pause(0.3)  # the palette searches in a task of its own
    assert isinstance(app.screen, CommandPalette), app.screen
    found = app.screen.query_one(OptionList)
    words = [str(found.get_option_at_index(i).prompt) for i in range(found.option_count)]
    await pilot.press("escape")
    await settle(pilot)
    return words


async def test_a_client_is_offered_no_board_reports_or_sla_targets_and_their_keys_do_nothing(
    desk, queue
):
    async with running_app(desk, desk.maria) as (app, pilot):
        active = app.screen.active_bindings
        assert STAFF_SCREENS.keys().isdisjoint(active), sorted(active)
        for name in STAFF_SCREENS.values():
            words = await palette_offers(app, pilot, name)
            assert not any(name in w for w in words), (name, words)
        screen = app.screen
        await pilot.press(*STAFF_SCREENS)
        await settle(pilot)
        assert app.screen is screen
        assert not app._notifications, list(app._notifications)  # no refusal to read


async def test_an_agent_sees_the_sla_targets_but_not_the_board_or_the_reports(desk, queue):
    async with running_app(desk, desk.ana) as (app, pilot):
        active = app.screen.active_bindings
        assert "S" in active and {"B", "R"}.isdisjoint(active), sorted(active)
        assert any("Reports" in w for w in await palette_offers(app, pilot, "Reports")) is False
    async with running_app(desk, desk.sofia) as (app, pilot):
        assert set(STAFF_SCREENS) <= set(app.screen.active_bindings)
        assert any("Reports" in w for w in await palette_offers(app, pilot, "Reports"))
