"""Seed 004's "Mis tickets": the cases I opened, as the filter ``reporter:`` and a view
of every operator's panel, on both engines, within what each person may see."""

from __future__ import annotations

import pytest

from deskTUI.domain.errors import ValidationError
from deskTUI.domain.query import Condition, format_query, parse_query
from deskTUI.services import cases, saved_views, search


def numbers(desk, actor, query: str) -> set[str]:
    return {c.number for c in search.search_cases(desk.uow(), actor, query).cases}


@pytest.mark.parametrize(
    ("typed", "values"),
    [
        ("reporter:me", {"me"}),
        ("informante:yo", {"me"}),
        ("Informante:Ana", {"ana"}),
        ("solicitante:ana,luis", {"ana", "luis"}),
        ("opened_by:me", {"me"}),
    ],
)
def test_reporter_is_read_in_both_languages(typed, values):
    assert parse_query(typed).conditions == (Condition("reporter", frozenset(values)),)


def test_reporter_is_written_back_in_the_readers_words():
    query = parse_query("reporter:me")
    assert format_query(query) == "reporter:me"
    assert format_query(query, "es") == "informante:yo"
    assert parse_query("informante:yo", "es") == query


def test_reporter_needs_a_value():
    with pytest.raises(ValidationError, match="a value is missing"):
        parse_query("reporter:")


def test_my_tickets_are_the_cases_i_opened_whoever_works_them(desk):
    by_ana = desk.open(by=desk.ana, title="Abierto por Ana")
    by_sofia = desk.open(title="Abierto por Sofía")
    by_maria = desk.open(by=desk.maria, title="Abierto por María")
    cases.assign_case(desk.uow(), desk.sofia, by_ana.number, "luis")  # out of Ana's queue
    assert numbers(desk, desk.ana, "reporter:me") == {by_ana.number}
    assert numbers(desk, desk.ana, "informante:yo status:open") == {by_ana.number}
    assert numbers(desk, desk.sofia, "reporter:me") == {by_sofia.number}
    assert numbers(desk, desk.admin, "reporter:maria") == {by_maria.number}
    assert numbers(desk, desk.admin, "reporter:ana,maria") == {by_ana.number, by_maria.number}
    assert by_ana.number not in numbers(desk, desk.admin, "-reporter:ana")
    assert numbers(desk, desk.admin, "reporter:nadie_asi") == set()


def test_a_client_finds_only_what_they_may_see_among_anyones_tickets(desk):
    mine = desk.open(by=desk.maria, title="Mío")
    colleague = desk.open(by=desk.jorge, title="De Jorge")
    other = desk.open(by=desk.gloria, client="Globex Ltda", category="Errores", title="Ajeno")
    assert numbers(desk, desk.maria, "reporter:me") == {mine.number}
    assert numbers(desk, desk.maria, "reporter:jorge") == {colleague.number}  # same account
    assert numbers(desk, desk.maria, "reporter:gloria") == set()  # another account's
    assert other.number in numbers(desk, desk.admin, "reporter:gloria")
    # A case moved to another account leaves the client's tickets with it.
    cases.edit_case(desk.uow(), desk.admin, mine.number, {"client": "Globex Ltda"})
    assert numbers(desk, desk.maria, "reporter:me") == set()


def test_every_operator_has_the_view_my_tickets_counting_the_cases_they_opened(desk):
    desk.open(by=desk.ana)
    desk.open(by=desk.ana)
    desk.open(by=desk.maria)
    counts = {
        who.login: {v.name: v.count for v in saved_views.panel(desk.uow(), who)}["My tickets"]
        for who in (desk.admin, desk.sofia, desk.ana, desk.maria, desk.gloria)
    }
    assert counts == {"admin": 0, "sofia": 0, "ana": 2, "maria": 1, "gloria": 0}
