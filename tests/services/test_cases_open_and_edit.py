"""cases.open_case and cases.edit_case on a real SQLite desk: numbering, references, the log, conflicts."""

from __future__ import annotations

from datetime import date

import pytest

from deskTUI.domain.enums import LogKind, Priority, Status
from deskTUI.domain.errors import (
    Conflict,
    DomainError,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from deskTUI.services import admin, cases, views


def _contacts(desk, client: str) -> dict[str, int]:
    with desk.uow() as uow:
        found = uow.clients.by_name(client)
        return {c.name: c.id for c in uow.clients.contacts(found.id)}


def _area_id(desk, name: str) -> int:
    with desk.uow() as uow:
        return uow.areas.by_name(name).id


def _category_id(desk, name: str, area: str) -> int:
    with desk.uow() as uow:
        return uow.areas.category_by_name(name, uow.areas.by_name(area).id).id


def _stored_ids(desk) -> list[int]:
    with desk.uow() as uow:
        return sorted(uow.cases.ids(limit=10_000))


# -- open_case ---------------------------------------------------------------------


def test_cases_are_numbered_cs_000001_then_cs_000002_by_the_store(desk):
    first = desk.open()
    second = desk.open(title="Sin red en el piso 2", category="Redes")
    assert (first.number, second.number) == ("CS-000001", "CS-000002")
    assert views.case_detail(desk.uow(), desk.sofia, "CS-000002").case.title == (
        "Sin red en el piso 2"
    )


def test_a_refused_open_does_not_use_up_a_number(desk):
    desk.open()
    with pytest.raises(PermissionDenied):
        desk.open(by=desk.maria, billable=True)
    assert desk.open().number == "CS-000002"


def test_the_area_is_derived_from_the_category(desk):
    case = desk.open(by=desk.diego, category="Errores")
    detail = views.case_detail(desk.uow(), desk.admin, case.number)
    assert detail.names["area"] == "Desarrollo"
    assert detail.names["category"] == "Errores"
    assert detail.case.area_id == _area_id(desk, "Desarrollo")


def test_a_category_id_of_another_area_is_refused_naming_the_rule(desk):
    printers = _category_id(desk, "Impresoras", "Soporte")
    with pytest.raises(ValidationError) as caught:
        desk.open(by=desk.admin, area="Desarrollo", category=printers)
    assert caught.value.code == "case.category_area"
    assert caught.value.params == {"category": "Impresoras", "area": "Desarrollo"}
    assert _stored_ids(desk) == []


def test_a_category_name_of_another_area_is_refused_as_not_a_category_of_that_area(desk):
    with pytest.raises(ValidationError) as caught:
        desk.open(by=desk.admin, area="Desarrollo", category="Impresoras")
    assert caught.value.code == "case.category_area"


def test_a_category_name_of_another_area_is_refused_and_nothing_is_stored(desk):
    with pytest.raises((ValidationError, NotFound)):
        desk.open(by=desk.admin, area="Desarrollo", category="Impresoras")
    assert _stored_ids(desk) == []


def test_a_contact_id_of_another_client_is_refused(desk):
    globex_contact = _contacts(desk, "Globex Ltda")["Ana Gómez"]
    with pytest.raises(ValidationError) as caught:
        desk.open(contact=globex_contact)
    assert caught.value.code == "case.contact_client"
    assert _stored_ids(desk) == []


def test_a_contact_name_the_client_does_not_have_is_not_found(desk):
    with pytest.raises(NotFound) as caught:
        desk.open(contact="Ana Gómez")
    assert caught.value.code == "contact.not_found"
    assert _stored_ids(desk) == []


def test_a_contact_of_the_client_is_stored_with_the_case(desk):
    case = desk.open(contact="John Smith")
    detail = views.case_detail(desk.uow(), desk.sofia, case.number)
    assert detail.names["contact"] == "John Smith"
    assert detail.case.contact_id == _contacts(desk, "Acme SA")["John Smith"]


def test_a_case_opened_from_a_contact_takes_the_contacts_client(desk):
    globex_contact = _contacts(desk, "Globex Ltda")["Ana Gómez"]
    case = desk.open(client=None, contact=globex_contact)
    detail = views.case_detail(desk.uow(), desk.admin, case.number)
    assert detail.names["client"] == "Globex Ltda"
    assert detail.case.contact_id == globex_contact


def test_a_case_without_client_or_contact_is_refused(desk):
    with pytest.raises(ValidationError) as caught:
        desk.open(client=None)
    assert caught.value.code == "case.client_required"
    assert _stored_ids(desk) == []


def test_a_contract_of_another_client_is_refused(desk):
    globex = admin.add_contract(
        desk.uow(),
        desk.admin,
        client="Globex Ltda",
        unit="hours",
        total=10,
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
    )
    with pytest.raises(ValidationError) as caught:
        desk.open(contract=globex.id)
    assert caught.value.code == "contract.other_client"
    assert _stored_ids(desk) == []


@pytest.mark.parametrize(
    ("start", "end"),
    [(date(2025, 1, 1), date(2026, 3, 1)), (date(2026, 3, 3), date(2026, 12, 31))],
    ids=["ended-the-day-before", "starts-the-day-after"],
)
def test_a_contract_outside_its_dates_takes_no_new_case(desk, start, end):
    contract = admin.add_contract(
        desk.uow(), desk.admin, client="Acme SA", unit="hours", total=10, start=start, end=end
    )
    with pytest.raises(ValidationError) as caught:
        desk.open(contract=contract.id)
    assert caught.value.code == "contract.outside_dates"
    assert _stored_ids(desk) == []


def test_a_contract_on_its_first_and_last_day_takes_cases(desk):
    today = date(2026, 3, 2)
    contract = admin.add_contract(
        desk.uow(), desk.admin, client="Acme SA", unit="hours", total=10, start=today, end=today
    )
    case = desk.open(contract=contract.id)
    assert views.case_detail(desk.uow(), desk.admin, case.number).case.contract_id == contract.id


def test_a_client_opens_a_case_for_their_own_account_with_the_client_fields(desk):
    case = desk.open(by=desk.maria, priority="high", contract=desk.hours.id, contact="María Pérez")
    detail = views.case_detail(desk.uow(), desk.maria, case.number)
    assert detail.names["client"] == "Acme SA"
    assert detail.names["reporter"] == "maria"
    assert detail.case.priority is Priority.HIGH
    assert detail.case.contract_id == desk.hours.id


def test_a_client_cannot_open_a_case_for_another_account(desk):
    with pytest.raises(PermissionDenied) as caught:
        desk.open(by=desk.gloria, client="Acme SA")
    assert caught.value.code == "permission.denied"
    with pytest.raises(PermissionDenied):
        desk.open(by=desk.maria, client="Globex Ltda")
    assert _stored_ids(desk) == []


@pytest.mark.parametrize(
    "field",
    [
        {"billable": True},
        {"cost_per_hour": "50"},
        {"planned_close": "2026-03-10"},
        {"level": 9},
        {"coordinator": "sofia"},
    ],
    ids=lambda f: next(iter(f)),
)
def test_a_client_cannot_set_staff_fields_when_opening(desk, field):
    with pytest.raises(PermissionDenied) as caught:
        desk.open(by=desk.maria, **field)
    assert caught.value.code == "case.client_fields"
    assert _stored_ids(desk) == []


def test_an_agent_opens_cases_only_in_their_own_area(desk):
    mine = desk.open(by=desk.ana)
    assert mine.reporter_id == desk.ana.id
    with pytest.raises(PermissionDenied) as caught:
        desk.open(by=desk.pedro)
    assert caught.value.code == "permission.denied"
    assert _stored_ids(desk) == [mine.id]


def test_opening_writes_the_opened_line_to_the_log(desk):
    case = desk.open(by=desk.maria)
    log = views.case_detail(desk.uow(), desk.sofia, case.number).log
    assert len(log) == 1
    line = log[0]
    assert line.kind is LogKind.OPENED
    assert line.actor_id == desk.maria.id
    assert line.new == "La impresora no imprime"
    assert line.at == desk.clock.now


def test_a_new_case_starts_new_with_the_clock_of_the_desk(desk):
    case = desk.open()
    stored = views.case_detail(desk.uow(), desk.sofia, case.number).case
    assert stored.status is Status.NEW
    assert stored.created_at == desk.clock.now
    assert stored.assignee_id is None


# -- edit_case ---------------------------------------------------------------------


def test_editing_logs_each_changed_field_once_with_old_and_new(desk):
    case = desk.open()
    changed = cases.edit_case(
        desk.uow(),
        desk.sofia,
        case.number,
        {"priority": "high", "level": 7, "title": "La impresora no imprime"},
    )
    assert sorted(changed) == ["level", "priority"]
    detail = views.case_detail(desk.uow(), desk.sofia, case.number)
    assert detail.case.priority is Priority.HIGH and detail.case.level == 7
    fields = [(e.field, e.old, e.new, e.actor_id) for e in detail.log if e.kind is LogKind.FIELD]
    assert sorted(fields) == [
        ("level", "0", "7", desk.sofia.id),
        ("priority", "medium", "high", desk.sofia.id),
    ]


def test_editing_to_the_same_values_changes_and_logs_nothing(desk, snapshot):
    case = desk.open()
    cases.edit_case(desk.uow(), desk.sofia, case.number, {"priority": "high"})
    before = snapshot(case.number)
    assert cases.edit_case(desk.uow(), desk.sofia, case.number, {"priority": "high"}) == []
    assert snapshot(case.number) == before


def test_an_edit_with_one_invalid_field_changes_nothing(desk, snapshot):
    case = desk.open()
    before = snapshot(case.number)
    with pytest.raises(ValidationError) as caught:
        cases.edit_case(desk.uow(), desk.sofia, case.number, {"priority": "high", "progress": 150})
    assert caught.value.code == "field.range"
    assert snapshot(case.number) == before


def test_an_edit_refused_by_a_cross_record_rule_changes_nothing(desk, snapshot):
    case = desk.open()
    before = snapshot(case.number)
    with pytest.raises(ValidationError) as caught:
        cases.edit_case(
            desk.uow(), desk.admin, case.number, {"priority": "critical", "area": "Desarrollo"}
        )
    assert caught.value.code == "case.category_area"
    assert snapshot(case.number) == before


def test_changing_the_category_moves_the_case_to_the_categorys_area(desk):
    case = desk.open()
    errores = _category_id(desk, "Errores", "Desarrollo")
    changed = cases.edit_case(desk.uow(), desk.admin, case.number, {"category": errores})
    assert sorted(changed) == ["area_id", "category_id"]
    detail = views.case_detail(desk.uow(), desk.admin, case.number)
    assert (detail.names["area"], detail.names["category"]) == ("Desarrollo", "Errores")


def test_an_agent_edits_progress_but_not_the_desks_fields_and_a_mixed_edit_changes_nothing(
    desk, started, snapshot
):
    case = started()
    assert cases.edit_case(desk.uow(), desk.ana, case.number, {"progress": 40}) == ["progress"]
    before = snapshot(case.number)
    with pytest.raises(PermissionDenied) as caught:
        cases.edit_case(desk.uow(), desk.ana, case.number, {"progress": 60, "priority": "high"})
    assert caught.value.code == "permission.denied"
    assert snapshot(case.number) == before
    assert before.case.progress == 40


def test_an_edit_that_would_leave_the_contract_with_another_client_is_refused(desk, snapshot):
    case = desk.open(contract=desk.hours.id)
    before = snapshot(case.number)
    with pytest.raises(ValidationError) as caught:
        cases.edit_case(desk.uow(), desk.sofia, case.number, {"client": "Globex Ltda"})
    assert caught.value.code == "contract.other_client"
    assert snapshot(case.number) == before


def test_a_stale_expected_version_is_a_conflict_naming_who_changed_the_case(desk, snapshot):
    case = desk.open()
    read = views.case_detail(desk.uow(), desk.admin, case.number).case.version
    desk.clock.advance(minutes=5)
    cases.edit_case(desk.uow(), desk.sofia, case.number, {"priority": "high"})
    before = snapshot(case.number)
    assert before.case.version > read
    with pytest.raises(Conflict) as caught:
        cases.edit_case(desk.uow(), desk.admin, case.number, {"level": 3}, expected_version=read)
    assert caught.value.code == "case.conflict"
    assert caught.value.params["who"] == "sofia"
    assert caught.value.params["when"] == "3/2/2026 12:05 UTC"  # the reader's short form
    assert "sofia" in str(caught.value)
    assert snapshot(case.number) == before


def test_the_current_expected_version_saves(desk):
    case = desk.open()
    read = views.case_detail(desk.uow(), desk.admin, case.number).case.version
    changed = cases.edit_case(
        desk.uow(), desk.sofia, case.number, {"level": 2}, expected_version=read
    )
    assert changed == ["level"]
    assert views.case_detail(desk.uow(), desk.admin, case.number).case.version == read + 1


def test_two_editors_of_the_same_version_the_second_gets_a_conflict(desk, snapshot):
    case = desk.open()
    read = views.case_detail(desk.uow(), desk.admin, case.number).case.version
    cases.edit_case(desk.uow(), desk.sofia, case.number, {"level": 1}, expected_version=read)
    before = snapshot(case.number)
    with pytest.raises(Conflict) as caught:
        cases.edit_case(desk.uow(), desk.admin, case.number, {"level": 2}, expected_version=read)
    assert caught.value.code == "case.conflict"
    assert snapshot(case.number) == before
    assert before.case.level == 1


def test_two_units_of_work_saving_the_case_they_read_the_second_save_is_a_conflict(desk):
    case = desk.open()
    with desk.uow() as first:
        mine = first.cases.get(case.id)
    with desk.uow() as second:
        theirs = second.cases.get(case.id)
    assert mine.version == theirs.version
    with desk.uow() as uow:
        mine.edit(desk.sofia, {"level": 4}, uow.now())
        uow.cases.save(mine)
        uow.commit()
    with desk.uow() as uow:
        theirs.edit(desk.admin, {"level": 5}, uow.now())
        with pytest.raises(Conflict) as caught:
            uow.cases.save(theirs)
    assert caught.value.code == "case.conflict"
    assert caught.value.params["who"] == "sofia"
    stored = views.case_detail(desk.uow(), desk.admin, case.number)
    assert stored.case.level == 4
    assert [e.new for e in stored.log if e.field == "level"] == ["4"]


def test_the_status_is_not_an_editable_field(desk, snapshot):
    case = desk.open()
    before = snapshot(case.number)
    with pytest.raises(ValidationError) as caught:
        cases.edit_case(desk.uow(), desk.admin, case.number, {"status": "finished"})
    assert caught.value.code == "field.unknown"
    assert snapshot(case.number) == before


def test_changing_the_client_away_from_the_cases_contact_is_refused(desk, snapshot):
    case = desk.open(contact="John Smith")
    before = snapshot(case.number)
    with pytest.raises(ValidationError) as caught:
        cases.edit_case(desk.uow(), desk.sofia, case.number, {"client": "Globex Ltda"})
    assert caught.value.code == "case.contact_client"
    assert snapshot(case.number) == before
    cases.edit_case(
        desk.uow(), desk.sofia, case.number, {"client": "Globex Ltda", "contact": "Ana Gómez"}
    )
    detail = views.case_detail(desk.uow(), desk.sofia, case.number)
    assert (detail.names["client"], detail.names["contact"]) == ("Globex Ltda", "Ana Gómez")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"contact": "Nadie Inexistente"}, "contact_id"),
        ({"area": "Desarrollo"}, "category_id"),
        ({"contract": "uno"}, "contract_id"),
        ({"coordinator": "maria"}, "coordinator_id"),
        ({"estimate": "tres horas"}, "estimate_minutes"),
    ],
)
def test_a_refused_reference_names_the_field_it_is_about_and_changes_nothing(
    desk, snapshot, changes, field
):
    case = desk.open()
    before = snapshot(case.number)
    with pytest.raises(DomainError) as caught:
        cases.edit_case(desk.uow(), desk.sofia, case.number, changes)
    assert caught.value.field == field
    assert snapshot(case.number) == before


def test_an_estimate_is_typed_as_people_say_durations(desk):
    case = desk.open()
    cases.edit_case(desk.uow(), desk.sofia, case.number, {"estimate": "1h30m"})
    assert views.case_detail(desk.uow(), desk.sofia, case.number).case.estimate_minutes == 90
    cases.edit_case(desk.uow(), desk.sofia, case.number, {"estimate": ""})
    assert views.case_detail(desk.uow(), desk.sofia, case.number).case.estimate_minutes is None
