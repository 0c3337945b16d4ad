"""The app decides no role by itself, and calls its services the screens' one way (issue 19).

Who may open the board, the reports and the SLA targets, and whose app runs the SLA sweep
or is offered surveys, is the policy's (``domain/permissions.py``): the app asks it. The
app's own background calls (timer, unread count, sweep, drafts, change watch) go through
``ServiceCalls.call_service``: one except, a bug logged with its traceback, and only the
latest answer of a read lands."""

from __future__ import annotations

import re
import time
from datetime import UTC
from pathlib import Path

from deskTUI import app as app_module
from deskTUI.domain import permissions
from deskTUI.domain.enums import Role
from deskTUI.domain.permissions import Action
from deskTUI.screens.dialogs.sla_targets import SlaTargetsDialog
from deskTUI.services import timers

from .conftest import running_app, settle

APP_SOURCE = Path(app_module.__file__).read_text(encoding="utf-8")


def test_the_app_names_no_role_and_asks_the_policy_instead():
    """A role named in app.py is a rule spelled a second time (the policy has it)."""
    decided_here = re.findall(
        r"\bis_staff\b|\bRole\b|\.role\s*(?:==|!=|\bis\b|\bin\b|\bnot\b)", APP_SOURCE
    )
    assert decided_here == []


def test_the_app_has_no_worker_or_except_of_its_own():
    """Its background calls go the screens' one way (``call_service``), not its own."""
    assert "@work" not in APP_SOURCE
    assert "except Exception" not in APP_SOURCE


async def test_what_the_app_offers_and_refuses_follows_the_policys_table(desk, queue, monkeypatch):
    """Reports only for admins, the SLA targets for clients too: the keys, the palette's
    check and the refusal sentence follow, as no hand-written role check would."""
    monkeypatch.setitem(permissions.CASELESS_ROLES, Action.VIEW_REPORTS, frozenset({Role.ADMIN}))
    monkeypatch.setitem(permissions.CASELESS_ROLES, Action.VIEW_SLA_TARGETS, frozenset(Role))
    async with running_app(desk, desk.sofia) as (app, pilot):
        assert {"B", "R"}.isdisjoint(app.screen.active_bindings)
        assert not app.may_open("reports") and not app.may_open("board")
        app.action_reports()  # as the palette would, had it offered it
        await settle(pilot)
        said = [str(n.message) for n in app._notifications]
        assert said == ["Reports are for supervisors and admins."]
    async with running_app(desk, desk.maria) as (app, pilot):
        assert "S" in app.screen.active_bindings
        await pilot.press("S")
        await settle(pilot)
        assert isinstance(app.screen, SlaTargetsDialog)


async def test_a_slower_older_timer_read_does_not_overwrite_a_newer_one(desk, queue, monkeypatch):
    """Two reads of the timer: the first, slow, says "no timer" after the second said a
    timer runs. Only the latest lands (the older answer is dropped, as a screen's are)."""
    timers.start_timer(desk.uow(), desk.ana, queue[0].number, UTC)
    real = timers.current_timer
    calls = []

    def first_slow_and_stale(uow, actor):
        calls.append(1)
        if len(calls) == 1:
            time.sleep(0.4)
            return None
        return real(uow, actor)

    async with running_app(desk, desk.ana) as (app, pilot):
        assert app.timer is not None
        monkeypatch.setattr(timers, "current_timer", first_slow_and_stale)
        app.refresh_timer()
        await pilot.pause(0.05)
        app.refresh_timer()
        await pilot.pause(0.6)
        await settle(pilot)
        assert len(calls) == 2
        assert app.timer is not None and app.timer.number == queue[0].number


async def test_a_failing_timer_read_is_logged_and_keeps_the_bar_as_it_was(desk, queue, monkeypatch):
    """A bug in a background call: never in the operator's way, the last view stays."""
    timers.start_timer(desk.uow(), desk.ana, queue[0].number, UTC)

    def broken(uow, actor):
        raise RuntimeError("boom")

    async with running_app(desk, desk.ana) as (app, pilot):
        shown = app.timer
        assert shown is not None
        monkeypatch.setattr(timers, "current_timer", broken)
        app.refresh_timer()
        await settle(pilot)
        assert app.timer is shown
        assert not app._notifications
