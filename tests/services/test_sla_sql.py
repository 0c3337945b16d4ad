"""The SLA judged in SQL (filters, queue order, board) is the domain's judgement, case by case."""

from __future__ import annotations

from deskTUI.domain.sla import Targets
from deskTUI.services import board, case_list, cases, search, sla
from deskTUI.store.list_reader import ListReader


def reader(desk) -> ListReader:
    return ListReader.for_database(desk.uow().db)


def numbers(desk, query: str) -> list[str]:
    return sorted(c.number for c in search.search_cases(desk.uow(), desk.admin, query).cases)


def test_a_reopened_cases_filter_and_its_sla_column_agree_on_the_time_it_spent_finished(desk):
    """Finished 60 minutes before a reopening: resolution is due 60 minutes later (the
    customer had their answer meanwhile), for the column, ``sla:breached`` and the board."""
    sla.set_targets(desk.uow(), desk.admin, "low", Targets(30, 60))
    case = desk.open(title="Reabierto", priority="low")
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    cases.move_case(desk.uow(), desk.ana, case.number, "in_progress")
    desk.clock.advance(minutes=20)
    cases.move_case(desk.uow(), desk.ana, case.number, "finished", solution="Listo")
    desk.clock.advance(minutes=60)
    cases.move_case(desk.uow(), desk.sofia, case.number, "in_progress", note="Sigue fallando")
    desk.clock.advance(minutes=30)  # 110 minutes since opened, 50 of them running

    def judged() -> tuple[int | None, bool, list[str], list[str], list[str], int]:
        now = desk.clock()
        (row,) = case_list.case_page(reader(desk), desk.admin, "", now=now).rows
        late = case_list.case_count(reader(desk), desk.admin, "sla:breached", now=now).total
        seen = board.queue_board(desk.uow(), desk.admin)
        assert seen.breached.count == late
        return (
            row.sla_minutes_left,
            row.sla_breached,
            numbers(desk, "sla:breached"),
            numbers(desk, "sla:ok"),
            numbers(desk, "sla:soon"),
            late,
        )

    assert judged() == (10, False, [], [case.number], [case.number], 0)
    desk.clock.advance(minutes=11)
    assert judged() == (-1, True, [case.number], [], [], 1)
