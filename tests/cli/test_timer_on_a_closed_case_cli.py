"""``desktui timer``: a timer on a case someone else finished or cancelled keeps its time up to
the close, to put on another case with ``timer stop --to CASE`` (or discard)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("closing", "why"), [("finished", "--solution"), ("cancelled", "--note")])
def test_a_timer_on_a_case_closed_while_it_ran_goes_to_another_case_with_a_sentence(
    shop, closing, why
):
    number = shop.working_case()
    other = shop.working_case(title="Red lenta")
    shop.ok("timer", "start", number, "--note", "Cambio de fusor", as_="ana")
    shop.ok("case", "move", number, closing, why, "Hecho", as_="sofia")

    shown = shop.ok("timer", "show", as_="ana").out
    assert f"sofia {closing} it at " in shown and "timer stop --to CASE" in shown
    refused = shop.refused("timer", "stop", as_="ana", contains=f"sofia {closing} {number} at ")
    assert refused.err.rstrip().endswith(
        "cannot go on a closed case. Put them on another case, or discard the timer"
    )
    out = shop.ok("timer", "stop", "--to", other, as_="ana").out
    assert out.startswith(f"sofia {closing} {number} at ")
    assert f"while your timer ran: its time up to then is logged on {other}: 1m on " in out
    [entry] = shop.json("time", "list", other)["entries"]
    assert (entry["minutes"], entry["description"]) == (1, "Cambio de fusor")
    assert shop.json("time", "list", number)["entries"] == []
    assert shop.ok("timer", "show", as_="ana").out == "No timer is running.\n"


def test_a_timer_may_be_stopped_onto_another_open_case(shop):
    number = shop.working_case()
    other = shop.working_case(title="Red lenta")
    shop.ok("timer", "start", number, as_="ana")
    out = shop.ok("timer", "stop", "--to", other, as_="ana").out
    assert out.startswith(f"Stopped the timer on {number}: logged 1m on ")
    assert out.rstrip().endswith(f"on {other}.")
    assert len(shop.json("time", "list", other)["entries"]) == 1


def test_a_timer_stopped_in_spanish_says_its_entries_in_spanish(shop, monkeypatch):
    number = shop.working_case()
    shop.ok("timer", "start", number, as_="ana")
    monkeypatch.setenv("DESKTUI_LANG", "es")
    out = shop.ok("timer", "stop", as_="ana").out
    assert " on " not in out and "entry" not in out
    assert "(registro " in out or "(entrada " in out, out
