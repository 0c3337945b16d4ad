"""Issue 21 (seed 003): the case list's columns each operator chooses, read only when shown."""

from __future__ import annotations

from deskTUI.domain.preferences import chosen_columns
from deskTUI.services import preferences
from deskTUI.services.case_list import case_page
from deskTUI.store.list_reader import ListReader
from deskTUI.store.list_rows import case_lines
from deskTUI.store.sql_executor import of_unit


def test_the_list_joins_the_contract_only_when_its_column_shows(desk):
    case = desk.open(contract=desk.hours.id)
    statements: list[str] = []
    with desk.uow() as uow:
        run = of_unit(uow)

        def execute(sql, params):
            statements.append(sql)
            return run(sql, params)

        hidden = case_lines(execute, [case.id])
        shown = case_lines(execute, [case.id], ["number", "contract"])

    assert "contract" not in statements[0] and hidden[0].contract == ""
    assert "JOIN contract" in statements[1] and shown[0].contract == str(desk.hours.id)


def test_an_operators_columns_are_theirs_and_unknown_stored_codes_are_ignored(desk):
    case = desk.open(contract=desk.hours.id)
    preferences.set_columns(desk.uow(), desk.sofia, chosen_columns("number,contract,created"))
    with desk.uow() as uow:  # a line written by another version of the desk, or by hand
        uow.preferences.put(desk.ana.id, "list_columns", "bogus,-number,contract,-title,,-")
        uow.commit()
    reader = ListReader.for_database(desk.uow().db)

    mine = case_page(reader, desk.sofia, "", now=desk.clock())
    anas = case_page(reader, desk.ana, "", now=desk.clock())
    luis = case_page(reader, desk.luis, "", now=desk.clock())

    assert mine.columns == ("number", "contract", "created")
    [row] = [r for r in mine.rows if r.id == case.id]
    assert (row.contract, row.created_at) == (str(desk.hours.id), case.created_at)
    assert anas.columns[:2] == ("number", "contract") and "title" not in anas.columns
    assert luis.columns == (
        "number", "title", "client", "priority", "status", "assignee", "sla", "updated",
    )  # fmt: skip


def test_a_name_with_a_nul_in_the_query_names_nothing_on_either_engine(desk):
    from deskTUI.services.search import search_cases

    desk.open(contract=desk.hours.id)
    for text in ("contract:a\x00b", "contact:\x00", 'client:"Acme\x00SA"'):
        assert search_cases(desk.uow(), desk.sofia, text).cases == []
