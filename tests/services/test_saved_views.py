"""The side panel's views and their counts, per operator."""

from __future__ import annotations

import pytest

from deskTUI.domain.errors import ValidationError
from deskTUI.services import cases, saved_views


def counts(desk, actor) -> dict[str, int]:
    return {v.name: v.count for v in saved_views.panel(desk.uow(), actor)}


def test_each_operator_sees_the_desks_views_counted_within_what_they_may_see(desk):
    mine = desk.open(title="Mío", priority="high")
    desk.open(title="Libre")
    desk.open(by=desk.gloria, title="Otro", client="Globex Ltda", category="Errores")
    cases.assign_case(desk.uow(), desk.sofia, mine.number, "ana")
    assert counts(desk, desk.ana) == {
        "My queue": 1,
        "Unassigned": 1,
        "Urgent": 1,
        "Breaching SLA": 0,
        "All open": 2,
        "Finished": 0,
        "My tickets": 0,
    }
    assert counts(desk, desk.admin)["All open"] == 3
    assert counts(desk, desk.gloria)["All open"] == 1


def test_a_saved_query_is_the_operators_own_and_a_bad_one_is_refused(desk):
    desk.open(title="Impresora")
    saved_views.save_view(desk.uow(), desk.ana, "Impresoras", "status:open impresora")
    assert counts(desk, desk.ana)["Impresoras"] == 1
    assert "Impresoras" not in counts(desk, desk.luis)
    with pytest.raises(ValidationError, match="is not a filter"):
        saved_views.save_view(desk.uow(), desk.ana, "Rota", "color:red")
    with pytest.raises(ValidationError, match="one of the desk's own views"):
        saved_views.save_view(desk.uow(), desk.ana, "Urgent", "prio:critical")
    assert saved_views.delete_view(desk.uow(), desk.ana, "Impresoras")
    assert "Impresoras" not in counts(desk, desk.ana)


def test_a_views_count_stops_at_its_cap_and_reads_as_more(desk):
    from deskTUI.services import saved_views

    desk.open(title="Uno")
    desk.open(title="Dos")
    views = {v.name: v for v in saved_views.panel(desk.uow(), desk.admin, cap=1)}
    assert (views["All open"].count, views["All open"].more) == (1, True)
    assert views["All open"].count_text() == "1+"
    exact = {v.name: v for v in saved_views.panel(desk.uow(), desk.admin, cap=None)}
    assert (exact["All open"].count, exact["All open"].more) == (2, False)
