"""``desktui --as CLIENT case list --query``: a client's words never match an internal note
(issue 17, item 1), in each order the command offers, on both engines."""

from __future__ import annotations


def test_a_client_lists_no_case_by_a_word_of_an_internal_note(shop):
    number = shop.open_case(title="Impresora atascada")
    shop.ok("case", "assign", number, "ana", as_="sofia")
    shop.ok("case", "comment", number, "El cliente owes 300 zzsecreto", as_="ana")
    shop.ok("case", "comment", number, "Cambiamos el tóner", "--public", as_="ana")

    def numbers(query, login, *extra):
        listed = shop.json("case", "list", "--query", query, *extra, as_=login)
        return [case["number"] for case in listed]

    for sort in ("updated", "created", "number", "priority"):
        for query in ("owes", "zzsec", "300", "tóner owes"):
            assert numbers(query, "maria", "--sort", sort) == [], (query, sort)
            assert numbers(query, "ana", "--sort", sort) == [number], (query, sort)
        assert numbers("impresora -zzsecreto", "maria", "--sort", sort) == [number]
        assert numbers("toner impresora", "maria", "--sort", sort) == [number]
