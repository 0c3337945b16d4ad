"""A client's sight follows the account (DOMAIN.md), through every path of the services.

The client who opened a case keeps no sight of it once it moves to another client
account: not its detail, comments, files, time, events, notifications, nor its row in a
list, a search or an export; and a record of a case someone may not see is answered as
if it did not exist (the sentence of an id that names nothing, naming no case). Both
engines, through the ``desk`` fixture.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest

from deskTUI.domain.errors import NotFound, PermissionDenied, ValidationError
from deskTUI.domain.permissions import Action, can
from deskTUI.i18n import error_text
from deskTUI.services import (
    calendar,
    cases,
    files,
    ics_calendar,
    notifications,
    transfer,
    views,
    worklog,
)
from deskTUI.services.search import search_cases

NOWHERE = 999_999
"""An id no record of the test desk has."""


def _busy_case(desk):
    """A case María (Acme SA) opened, worked by Ana: a public answer mentioning María, a
    file, a time entry, an event and a task; María has been told of the mention."""
    case = desk.open(by=desk.maria)
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    cases.comment_case(desk.uow(), desk.ana, case.number, "Listo @maria, revisa", public=True)
    item = files.attach_file(desk.uow(), desk.ana, case.number, io.BytesIO(b"log"), name="l.txt")
    entry = worklog.log_time(
        desk.uow(), desk.ana, case.number, work_date=date(2026, 3, 2), minutes=30
    )
    event = calendar.schedule_event(
        desk.uow(),
        desk.ana,
        case.number,
        kind="call",
        title="Llamar",
        start=desk.clock.now,
        end=desk.clock.now + timedelta(minutes=30),
    )
    task = calendar.add_task(
        desk.uow(), desk.ana, case.number, title="Volver", due=date(2026, 3, 9)
    )
    return case, item, entry, event, task


def _move_to_globex(desk, case) -> None:
    cases.edit_case(desk.uow(), desk.admin, case.number, {"client": "Globex Ltda"})


def _numbers_in_export(desk, who) -> set[str]:
    return {row["number"] for row in transfer.export_rows(desk.uow(), who)}


def _told_about(desk, who, number: str) -> list[str]:
    return [n.message for n in notifications.inbox(desk.uow(), who) if n.case == number]


def test_the_client_who_opened_a_case_sees_nothing_of_it_once_it_moves_to_another_account(desk):
    case, item, entry, event, task = _busy_case(desk)
    maria, number = desk.maria, case.number
    assert _told_about(desk, maria, number)  # before the move: her account's case
    _move_to_globex(desk, case)

    with pytest.raises(PermissionDenied) as shown:
        views.case_detail(desk.uow(), maria, number)
    assert str(shown.value) == f"There is no case {number} that maria can see"
    with pytest.raises(PermissionDenied):
        worklog.case_totals(desk.uow(), maria, number)  # `time list`
    with pytest.raises(PermissionDenied):
        cases.comment_case(desk.uow(), maria, number, "¿Y ahora?", public=True)
    for hidden, what in (
        (lambda: files.open_copy(desk.uow(), maria, item.id), f"file {item.id}"),
        (lambda: worklog.entry(desk.uow(), maria, entry.id), f"time entry {entry.id}"),
        (
            lambda: calendar.update_event(desk.uow(), maria, event.id, {"status": "held"}),
            f"event {event.id}",
        ),
        (
            lambda: calendar.update_task(desk.uow(), maria, task.id, "completed"),
            f"task {task.id}",
        ),
    ):
        with pytest.raises(NotFound) as caught:
            hidden()
        assert str(caught.value) == f"There is no {what}"
    assert number not in {c.number for c in search_cases(desk.uow(), maria).cases}
    assert number not in _numbers_in_export(desk, maria)
    assert number.encode() not in ics_calendar.calendar_ics(desk.uow(), maria)
    # The old notifications went with the case, and no new one reaches her.
    cases.comment_case(desk.uow(), desk.ana, number, "@maria otra vez", public=True)
    assert _told_about(desk, maria, number) == []
    assert notifications.unread_count(desk.uow(), maria) == 0
    with desk.uow() as uow:
        (mention,) = [n.id for n in uow.notifications.for_user(maria.id) if n.case_id == case.id]
    with pytest.raises(NotFound):
        notifications.mark_read(desk.uow(), maria, [mention])


def test_the_new_account_sees_the_moved_case_and_the_old_one_again_when_it_comes_back(desk):
    case, *_ = _busy_case(desk)
    _move_to_globex(desk, case)
    assert views.case_detail(desk.uow(), desk.gloria, case.number).case.id == case.id
    assert case.number in _numbers_in_export(desk, desk.gloria)
    cases.edit_case(desk.uow(), desk.admin, case.number, {"client": "Acme SA"})
    assert views.case_detail(desk.uow(), desk.maria, case.number).case.id == case.id
    assert _told_about(desk, desk.maria, case.number)


def test_staff_who_opened_a_case_still_see_it_in_another_area(desk):
    """Only a client's sight follows the account: Ana opened it in Soporte, and it moved to
    Desarrollo; she is still the user who opened it."""
    case = desk.open(by=desk.ana)
    cases.edit_case(desk.uow(), desk.admin, case.number, {"category": "Errores"})
    assert views.case_detail(desk.uow(), desk.ana, case.number).case.id == case.id
    assert case.number in {c.number for c in search_cases(desk.uow(), desk.ana).cases}


def test_the_list_and_the_permission_rule_agree_on_every_case_for_every_person(desk):
    """``can(VIEW_CASE)`` and the list's SQL (Scope) are two writings of one rule."""
    mine = desk.open(by=desk.maria)
    moved = desk.open(by=desk.maria)
    _move_to_globex(desk, moved)
    staff_moved = desk.open(by=desk.ana)
    cases.edit_case(desk.uow(), desk.admin, staff_moved.number, {"category": "Errores"})
    pooled = desk.open(by=desk.gloria, client="Globex Ltda")
    taken = desk.open(by=desk.sofia)
    cases.assign_case(desk.uow(), desk.sofia, taken.number, "luis")
    with desk.uow() as uow:
        every = [uow.cases.get(i) for i in uow.cases.ids(limit=10_000)]
        people = uow.users.list()
    assert {mine.id, moved.id, staff_moved.id, pooled.id, taken.id} <= {c.id for c in every}
    for person in people:
        listed = {c.id for c in search_cases(desk.uow(), person, limit=10_000).cases}
        allowed = {c.id for c in every if can(person, Action.VIEW_CASE, c)}
        assert listed == allowed, person.login


@pytest.mark.parametrize("who", ["gloria", "luis"])
def test_a_record_of_a_case_one_cannot_see_is_answered_as_an_id_that_names_nothing(desk, who):
    """Byte for byte the sentence of a missing id, and no case number in it."""
    case, item, entry, event, task = _busy_case(desk)
    person = getattr(desk, who)
    calls = {
        "file": lambda i: files.open_copy(desk.uow(), person, i),
        "file review": lambda i: files.review_file(desk.uow(), person, i, "valid"),
        "time entry": lambda i: worklog.entry(desk.uow(), person, i),
        "time edit": lambda i: worklog.edit_time(desk.uow(), person, i, {"description": "x"}),
        "time delete": lambda i: worklog.delete_time(desk.uow(), person, i),
        "event": lambda i: calendar.update_event(desk.uow(), person, i, {"status": "held"}),
        "task": lambda i: calendar.update_task(desk.uow(), person, i, "completed"),
    }
    ids = {"file": item.id, "time": entry.id, "event": event.id, "task": task.id}
    for name, call in calls.items():
        real = ids[name.split()[0]]
        with pytest.raises(NotFound) as hidden:
            call(real)
        with pytest.raises(NotFound) as missing:
            call(NOWHERE)
        assert case.number not in str(hidden.value)
        assert str(hidden.value) == str(missing.value).replace(str(NOWHERE), str(real)), name
        assert hidden.value.code == missing.value.code, name


# -- import applies the rules of the commands -----------------------------------------------


def _import(desk, *rows: str) -> list[str]:
    text = "title,client,category,description,reporter,assignee\n" + "".join(
        f"{row}\n" for row in rows
    )
    return transfer.import_csv(desk.uow(), desk.admin, io.StringIO(text))


@pytest.mark.parametrize(
    ("row", "says"),
    [
        (
            "Ajeno,Globex Ltda,Impresoras,María por Globex,maria,",
            "maria is not a user of the case's client account: "
            "a client opens cases only for their own account",
        ),
        (
            "A un cliente,Acme SA,Impresoras,Asignado a María,,maria",
            "maria cannot be assigned the new case: "
            "only active agents, supervisors or admins work cases",
        ),
        (
            "A otra área,Acme SA,Impresoras,Asignado a Pedro,,pedro",
            "pedro cannot be assigned the new case: they are not in the case's area",
        ),
    ],
    ids=["reporter of another account", "client as assignee", "assignee of another area"],
)
def test_an_import_refuses_a_reporter_or_assignee_the_commands_refuse(desk, row, says):
    with desk.uow() as uow:
        before = uow.cases.ids(limit=10_000)
    with pytest.raises(ValidationError) as caught:
        _import(desk, "Bien,Acme SA,Impresoras,De María,maria,ana", row)
    assert str(caught.value) == f"Line 3: {says}; nothing was imported"
    with desk.uow() as uow:
        assert uow.cases.ids(limit=10_000) == before


def test_an_import_keeps_the_reporters_and_assignees_the_commands_allow(desk):
    mine, staff = _import(
        desk,
        "De María,Acme SA,Impresoras,Abierto por ella,maria,ana",
        "De Ana,Globex Ltda,Impresoras,Abierto por personal,ana,",
    )
    assert views.case_detail(desk.uow(), desk.maria, mine).case.assignee_id == desk.ana.id
    assert views.case_detail(desk.uow(), desk.ana, staff).case.reporter_id == desk.ana.id
    with pytest.raises(PermissionDenied):
        views.case_detail(desk.uow(), desk.maria, staff)


def _refusal(call) -> str:
    with pytest.raises((NotFound, PermissionDenied, ValidationError)) as refused:
        call()
    return error_text(refused.value)


def _contact_id(desk, client: str, name: str) -> int:
    with desk.uow() as uow:
        found = uow.clients.contact_by_name(uow.clients.by_name(client).id, name)
        assert found.id is not None
        return found.id


def test_a_client_naming_another_accounts_contact_is_answered_as_a_contact_nobody_has(desk):
    """María (Acme SA) opening a case with Globex's contact's id used to read "Ana Gómez is
    not a contact of the case's client": another account's name, in a refusal."""
    ana_gomez = _contact_id(desk, "Globex Ltda", "Ana Gómez")
    theirs = _refusal(lambda: desk.open(by=desk.maria, contact=ana_gomez))
    nobodys = _refusal(lambda: desk.open(by=desk.maria, contact=NOWHERE))
    assert theirs == nobodys.replace(str(NOWHERE), str(ana_gomez))
    assert "Ana" not in theirs


@pytest.mark.parametrize("field", ["owner", "coordinator", "reviewer"])
def test_a_client_naming_a_person_for_a_staff_field_learns_nothing_of_that_person(desk, field):
    """The refusal is that clients do not set the field, whoever is named (a login of
    another client, of staff or of nobody): it used to say "gloria is a client …"."""
    said = {
        _refusal(lambda who=who: desk.open(by=desk.maria, **{field: who}))
        for who in ("gloria", "ana", "nobodyzz")
    }
    assert len(said) == 1, said
    assert "gloria" not in said.pop()


def test_a_client_editing_a_staff_field_learns_nothing_of_the_person_named(desk):
    case = desk.open(by=desk.maria)
    said = {
        _refusal(
            lambda who=who: cases.edit_case(desk.uow(), desk.maria, case.number, {"owner": who})
        )
        for who in ("gloria", "ana", "nobodyzz")
    }
    assert len(said) == 1, said
    assert "gloria" not in said.pop()
