"""A negated filter on a link a case may lack keeps the cases without it: "not Ana's"
includes the unassigned cases, "not project ERP" the cases on no project."""

from __future__ import annotations

from deskTUI.services import cases, records

from .test_board import listed


def test_not_assigned_to_someone_includes_the_unassigned_cases(desk):
    anas = desk.open(title="De Ana")
    cases.assign_case(desk.uow(), desk.sofia, anas.number, "ana")
    luis = desk.open(title="De Luis")
    cases.assign_case(desk.uow(), desk.sofia, luis.number, "luis")
    nobodys = desk.open(title="De nadie")
    assert listed(desk, desk.sofia, "-assignee:ana") == {luis.number, nobodys.number}
    assert listed(desk, desk.sofia, "-asignado:ana,luis") == {nobodys.number}
    assert listed(desk, desk.sofia, "-assignee:none") == {anas.number, luis.number}


def test_not_on_a_project_includes_the_cases_on_none(desk):
    records.add(desk.uow(), desk.admin, "project", "ERP")
    on_erp = desk.open(title="ERP", project="ERP")
    loose = desk.open(title="Suelto")
    assert listed(desk, desk.sofia, "-project:ERP") == {loose.number}
    assert listed(desk, desk.sofia, "-project:none") == {on_erp.number}
