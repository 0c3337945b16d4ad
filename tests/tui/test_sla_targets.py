"""S: the SLA targets per priority. Admins change them (all at once or none); others read."""

from __future__ import annotations

from textual.widgets import Input, Static

from deskTUI.domain.enums import Priority
from deskTUI.domain.sla import DEFAULT_TARGETS, Targets
from deskTUI.screens.dialogs.sla_targets import SlaTargetsDialog
from deskTUI.services import sla

from .conftest import make_app, running_app, settle


def _values(screen) -> dict[str, str]:
    return {i.id: i.value for i in screen.query(Input)}


def _error(screen) -> str:
    return str(screen.query_one("#dialog-error", Static).render())


async def test_an_admin_changes_a_target_and_enter_saves_them_all(desk):
    async with running_app(desk, desk.admin, size=(100, 30)) as (app, pilot):
        await pilot.press("S")
        await settle(pilot)
        assert isinstance(app.screen, SlaTargetsDialog)
        assert _values(app.screen) == {
            "critical-response": "1h", "critical-resolution": "4h",
            "high-response": "4h", "high-resolution": "24h",
            "medium-response": "24h", "medium-resolution": "72h",
            "low-response": "48h", "low-resolution": "120h",
        }  # fmt: skip
        assert app.focused is app.screen.query_one("#critical-response")
        app.screen.query_one("#critical-response", Input).value = "30m"
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, SlaTargetsDialog)
    assert sla.get_targets(desk.uow())[Priority.CRITICAL] == Targets(30, 240)
    assert sla.get_targets(desk.uow())[Priority.LOW] == DEFAULT_TARGETS[Priority.LOW]


async def test_a_wrong_target_is_named_with_its_priority_and_nothing_changes(desk):
    async with running_app(desk, desk.admin, size=(100, 30)) as (app, pilot):
        await pilot.press("S")
        await settle(pilot)
        app.screen.query_one("#critical-response", Input).value = "20m"
        app.screen.query_one("#high-resolution", Input).value = "2h"  # shorter than its 4h
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SlaTargetsDialog)
        assert _error(app.screen) == (
            "high: The resolution target cannot be shorter than the first-response target"
        )
        app.screen.query_one("#high-resolution", Input).value = "soon"
        await pilot.press("enter")
        await settle(pilot)
        assert _error(app.screen).startswith("high: 'soon' is not a duration")
    assert sla.get_targets(desk.uow()) == DEFAULT_TARGETS


async def test_a_supervisor_reads_the_targets_and_cannot_type_in_them(desk):
    async with running_app(desk, desk.sofia, size=(100, 30)) as (app, pilot):
        await pilot.press("S")
        await settle(pilot)
        assert _values(app.screen)["critical-response"] == "1h"
        assert all(i.disabled for i in app.screen.query(Input))
        assert "Only an admin may change the targets." in str(
            app.screen.query_one(".dialog-hint", Static).render()
        )


def test_the_targets_dialog(desk, snap_compare):
    """S as admin: four lines critical/high/medium/low, each with its first-response and
    resolution target (1h 4h, 4h 24h, 24h 72h, 48h 120h), the hint line under them."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        pilot.app.screen.query_one("#critical-response", Input).cursor_blink = False

    assert snap_compare(make_app(desk, desk.admin), terminal_size=(80, 24), run_before=run_before)
