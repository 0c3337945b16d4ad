"""The queue board (services/board.py) on a fixed desk with a frozen clock: every figure is
written out by hand below, and every number's query lists exactly its cases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from deskTUI.domain.enums import SlaTarget
from deskTUI.domain.errors import PermissionDenied, ValidationError
from deskTUI.services import cases, records, worklog
from deskTUI.services.board import Board, queue_board
from deskTUI.services.case_list import case_page
from deskTUI.store.list_reader import ListReader

NOW = datetime(2026, 3, 3, 17, 50, tzinfo=UTC)
"""Tuesday, 29 h 50 min after the desk's Monday noon."""


@dataclass
class Made:
    low_waiting: str
    """Soporte/Redes, low, opened Monday 12:00, unassigned."""
    late: str
    """Soporte, high, opened Monday 12:00, assigned to Luis: resolution due Tuesday 12:00."""
    worked: str
    """Soporte, medium, opened Monday 12:00, Ana in progress: resolution due Thursday 12:00."""
    other_area: str
    """Desarrollo, medium, opened Tuesday 14:00 by Diego, unassigned."""
    critical: str
    """Soporte, critical, opened Tuesday 17:00, unassigned: first response due 18:00."""
    done: str
    """Soporte, medium, opened Tuesday 17:00, finished by Luis: on no board."""


@pytest.fixture
def made(desk) -> Made:
    uow = desk.uow
    low = desk.open(title="Red lenta", category="Redes", priority="low")
    late = desk.open(title="Impresora atascada", priority="high")
    cases.assign_case(uow(), desk.sofia, late.number, "luis")
    worked = desk.open(title="Toner agotado", priority="medium")
    cases.assign_case(uow(), desk.sofia, worked.number, "ana")
    cases.move_case(uow(), desk.ana, worked.number, "in_progress")
    worklog.log_time(uow(), desk.ana, worked.number, work_date=date(2026, 3, 2), minutes=60)
    desk.clock.advance(hours=26)  # Tuesday 14:00
    other = desk.open(by=desk.diego, title="Error al facturar", category="Errores", priority="medium")  # fmt: skip
    desk.clock.advance(hours=3)  # Tuesday 17:00
    critical = desk.open(title="Servidor caído", priority="critical")
    done = desk.open(title="Cambiar clave", priority="medium")
    cases.assign_case(uow(), desk.sofia, done.number, "luis")
    cases.move_case(uow(), desk.luis, done.number, "in_progress")
    worklog.log_time(uow(), desk.luis, done.number, work_date=date(2026, 3, 3), minutes=30)
    cases.move_case(uow(), desk.luis, done.number, "finished", solution="Hecho")
    worklog.log_time(uow(), desk.ana, worked.number, work_date=date(2026, 3, 3), minutes=90)
    desk.clock.advance(minutes=50)
    assert desk.clock.now == NOW
    return Made(low.number, late.number, worked.number, other.number, critical.number, done.number)


def board_of(desk, who) -> Board:
    return queue_board(desk.uow(), who, zone=UTC)


def counts(table) -> dict[str, list[int]]:
    return {row.label: [c.count for c in row.cells] for row in table.rows}


def listed(desk, who, query: str) -> set[str]:
    """The case numbers the case list shows for ``query`` (what enter on a number opens)."""
    reader = ListReader.for_database(desk.uow().db)
    page = case_page(reader, who, query, now=desk.clock.now, limit=100)
    return {row.number for row in page.rows}


def test_a_supervisor_sees_open_cases_of_their_area_by_status_and_priority(desk, made):
    board = board_of(desk, desk.sofia)
    assert board.areas == ("Soporte",)
    assert board.grid.columns == ("critical", "high", "medium", "low", "total")
    assert counts(board.grid) == {
        "new": [1, 0, 0, 1, 2],
        "assigned": [0, 1, 0, 0, 1],
        "in progress": [0, 0, 1, 0, 1],
        "on hold": [0, 0, 0, 0, 0],
        "open": [1, 1, 1, 1, 4],
    }


def test_unassigned_cases_are_counted_by_priority_and_age(desk, made):
    board = board_of(desk, desk.sofia)
    assert board.unassigned.columns == ("< 1 h", "1–4 h", "4–24 h", "1–3 d", "> 3 d", "total")
    assert counts(board.unassigned) == {
        "critical": [1, 0, 0, 0, 0, 1],  # 50 minutes old
        "high": [0, 0, 0, 0, 0, 0],
        "medium": [0, 0, 0, 0, 0, 0],
        "low": [0, 0, 0, 1, 0, 1],  # 29 h 50 min old
        "unassigned": [1, 0, 0, 1, 0, 2],
    }
    assert [(w.number, w.priority, w.age_minutes) for w in board.waiting] == [
        (made.low_waiting, "low", 29 * 60 + 50),
        (made.critical, "critical", 50),
    ]


def test_each_agents_load_hours_of_today_and_the_week_and_next_deadline(desk, made):
    board = board_of(desk, desk.sofia)
    loads = {
        a.login: (a.open.count, a.minutes_today, a.minutes_week, a.minutes_left(board.now))
        for a in board.agents
    }
    assert loads == {
        "luis": (1, 30, 30, -350),  # the late case's resolution was due at noon
        "ana": (1, 90, 150, 2530),  # Thursday 12:00
        "sofia": (0, 0, 0, None),
    }
    assert [a.login for a in board.agents] == ["ana", "luis", "sofia"]  # most loaded, then login


def test_breaching_and_about_to_breach_cases_come_most_overdue_first(desk, made):
    board = board_of(desk, desk.sofia)
    assert (board.breached.count, board.soon.count) == (1, 1)
    assert [(s.number, s.target, s.minutes_left, s.breached) for s in board.sla] == [
        (made.late, SlaTarget.RESOLUTION, -350, True),
        # 50 of its 60 minutes gone: inside the last quarter of the target.
        (made.critical, SlaTarget.FIRST_RESPONSE, 10, False),
    ]


def test_a_case_is_about_to_breach_once_past_three_quarters_of_its_target(desk, made):
    desk.clock.now = datetime(2026, 3, 3, 17, 45, tzinfo=UTC)  # 45 of 60 minutes: not yet
    assert board_of(desk, desk.sofia).soon.count == 0
    desk.clock.now = datetime(2026, 3, 3, 17, 46, tzinfo=UTC)
    assert board_of(desk, desk.sofia).soon.count == 1


def test_every_number_opens_a_list_of_exactly_its_cases(desk, made):
    board = board_of(desk, desk.sofia)
    expected = {
        board.grid.rows[0].cells[0].query: {made.critical},  # new × critical
        board.grid.rows[0].cells[4].query: {made.critical, made.low_waiting},
        board.grid.rows[4].cells[4].query: {
            made.critical, made.low_waiting, made.late, made.worked,
        },
        board.unassigned.rows[0].cells[0].query: {made.critical},
        board.unassigned.rows[3].cells[3].query: {made.low_waiting},
        board.unassigned.rows[3].cells[2].query: set(),
        board.unassigned.rows[4].cells[5].query: {made.critical, made.low_waiting},
        board.breached.query: {made.late},
        board.soon.query: {made.critical},
    }  # fmt: skip
    for agent in board.agents:
        expected[agent.open.query] = {"ana": {made.worked}, "luis": {made.late}, "sofia": set()}[
            agent.login
        ]
    for query, numbers in expected.items():
        assert listed(desk, desk.sofia, query) == numbers, query


def test_a_supervisors_lists_keep_to_their_area_even_for_cases_they_opened_elsewhere(desk, made):
    # Sofía opened a case that moved to Desarrollo: she sees it in her list, not on her board.
    elsewhere = desk.open(title="Mejora", priority="critical")
    cases.edit_case(desk.uow(), desk.admin, elsewhere.number, {"area_id": 2, "category_id": 4})
    cases.assign_case(desk.uow(), desk.admin, elsewhere.number, "pedro")
    cases.move_case(desk.uow(), desk.admin, elsewhere.number, "in_progress")
    board = board_of(desk, desk.sofia)
    assert listed(desk, desk.sofia, "status:in_progress prio:critical") == {elsewhere.number}
    query = board.grid.rows[2].cells[0].query  # in progress × critical
    assert query == "status:in_progress prio:critical area:Soporte"
    assert board.grid.rows[2].cells[0].count == 0
    assert listed(desk, desk.sofia, query) == set()
    assert [a.open.count for a in board.agents if a.login == "sofia"] == [0]


def test_a_supervisor_of_one_area_sees_nothing_of_another(desk, made):
    diego = board_of(desk, desk.diego)
    assert diego.areas == ("Desarrollo",)
    assert counts(diego.grid)["open"] == [0, 0, 1, 0, 1]
    assert counts(diego.unassigned)["medium"] == [0, 1, 0, 0, 0, 1]  # 3 h 50 min old
    assert [w.number for w in diego.waiting] == [made.other_area]
    assert diego.sla == ()
    assert {a.login for a in diego.agents} == {"diego", "pedro"}
    sofia = board_of(desk, desk.sofia)
    assert made.other_area not in {w.number for w in sofia.waiting}
    assert {a.login for a in sofia.agents} == {"ana", "luis", "sofia"}


def test_an_admin_sees_every_area(desk, made):
    board = board_of(desk, desk.admin)
    assert board.everything and board.areas == ("Desarrollo", "Soporte")
    assert counts(board.grid)["open"] == [1, 1, 2, 1, 5]
    assert counts(board.unassigned)["unassigned"] == [1, 1, 0, 1, 0, 3]
    assert {a.login for a in board.agents} == {"sofia", "diego", "ana", "luis", "pedro"}
    assert board.grid.rows[4].cells[4].query == "status:open"
    assert len(listed(desk, desk.admin, board.grid.rows[4].cells[4].query)) == 5


@pytest.mark.parametrize("who", ["ana", "maria"])
def test_agents_and_clients_are_refused_the_board_with_a_sentence(desk, made, who):
    actor = getattr(desk, who)
    with pytest.raises(PermissionDenied) as refused:
        board_of(desk, actor)
    role = actor.role.value
    assert str(refused.value) == (
        f"{who} ({role}) may not see the queue board: it is for supervisors and admins"
    )


def test_an_empty_desk_gives_an_empty_board(desk):
    board = board_of(desk, desk.sofia)
    assert counts(board.grid)["open"] == [0, 0, 0, 0, 0]
    assert board.waiting == () and board.sla == ()
    assert (board.breached.count, board.soon.count) == (0, 0)


def test_names_the_query_language_would_misread_open_no_wrong_list(desk, made):
    # An area named like a comparison, and an agent whose login is a word of assignee:.
    from deskTUI.services import admin

    admin.add_area(desk.uow(), desk.admin, ">VIP", categories=["Todo"])
    vip = admin.add_user(desk.uow(), desk.admin, "vera", role="supervisor", areas=[">VIP"])
    admin.add_user(desk.uow(), desk.admin, "none", role="agent", areas=[">VIP"])
    case = desk.open(by=desk.admin, category="Todo", priority="high")
    cases.assign_case(desk.uow(), desk.admin, case.number, "none")
    board = board_of(desk, vip)
    total = board.grid.rows[4].cells[4]
    assert total.count == 1
    # ">VIP" cannot be named (area:>VIP reads as a comparison): the others are left out.
    assert total.query == "status:open -area:Desarrollo -area:Soporte"
    assert listed(desk, vip, total.query) == {case.number}
    (agent,) = [a for a in board.agents if a.login == "none"]
    assert agent.open.count == 1 and agent.open.query is None  # `assignee:none` lies


def test_the_boards_first_table_groups_open_cases_by_project_and_each_number_lists_them(desk):
    records.add(desk.uow(), desk.admin, "project", "ERP")
    records.add(desk.uow(), desk.admin, "project", "Sitio web")
    erp = desk.open(title="Factura", priority="high", project="ERP")
    web = desk.open(title="Portada", priority="low", project="Sitio web")
    other = desk.open(title="Otra", priority="low", project="ERP")
    loose = desk.open(title="Sin proyecto", priority="low")
    finished = desk.open(title="Hecho", priority="high", project="ERP")
    cases.move_case(desk.uow(), desk.sofia, finished.number, "cancelled", note="duplicado")

    board = queue_board(desk.uow(), desk.sofia, zone=UTC, rows_by="project")
    assert board.rows_by == "project"
    # critical, high, medium, low, total; "no project" after the projects, the totals last
    assert counts(board.grid) == {
        "ERP": [0, 1, 0, 1, 2],
        "Sitio web": [0, 0, 0, 1, 1],
        "no project": [0, 0, 0, 1, 1],
        "open": [0, 1, 0, 3, 4],
    }
    by_label = {row.label: row.cells for row in board.grid.rows}
    assert listed(desk, desk.sofia, by_label["ERP"][1].query) == {erp.number}
    assert listed(desk, desk.sofia, by_label["Sitio web"][-1].query) == {web.number}
    assert listed(desk, desk.sofia, by_label["no project"][-1].query) == {loose.number}
    linked = {erp.number, web.number, other.number}
    assert listed(desk, desk.sofia, "status:open -proyecto:ninguno") == linked


def test_the_board_groups_by_service_and_refuses_another_grouping_in_a_sentence(desk):
    records.add(desk.uow(), desk.admin, "service", "Soporte remoto")
    remote = desk.open(title="Acceso", priority="medium", service="Soporte remoto")
    board = queue_board(desk.uow(), desk.sofia, zone=UTC, rows_by="service")
    assert counts(board.grid)["Soporte remoto"] == [0, 0, 1, 0, 1]
    query = board.grid.rows[0].cells[-1].query
    assert listed(desk, desk.sofia, query) == {remote.number}
    with pytest.raises(ValidationError, match="groups its open cases by status, project, service"):
        queue_board(desk.uow(), desk.sofia, zone=UTC, rows_by="client")


def test_the_boards_grouped_rows_read_spanish_to_a_spanish_operator(desk):
    from deskTUI import i18n

    records.add(desk.uow(), desk.admin, "project", "ERP")
    desk.open(title="Factura", priority="high", project="ERP")
    desk.open(title="Otra", priority="low")
    i18n.use("es", "es")
    try:
        board = queue_board(desk.uow(), desk.sofia, zone=UTC, rows_by="project")
        assert [row.label for row in board.grid.rows] == ["ERP", "sin proyecto", "abiertos"]
        assert board.grid.columns[-1] == "Total"
    finally:
        i18n.use("en", "en")
