"""Issue 21 (seed 003): ``contract:`` and ``contact:`` in the query, in both languages."""

from __future__ import annotations

from deskTUI.domain.query import Condition, format_query, parse_query


def test_contract_and_contact_are_read_in_english_and_spanish_and_written_back_in_each():
    query = parse_query('contrato:"Bolsa de horas" -contacto:7,8 póliza:12', "es")

    assert query.conditions == (
        Condition("contract", frozenset({"Bolsa de horas"})),
        Condition("contact", frozenset({"7", "8"}), negated=True),
        Condition("contract", frozenset({"12"})),
    )
    assert format_query(query) == 'contract:"Bolsa de horas" -contact:7,8 contract:12'
    assert format_query(query, "es") == 'contrato:"Bolsa de horas" -contacto:7,8 contrato:12'
    assert parse_query(format_query(query)) == query
