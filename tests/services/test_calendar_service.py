"""calendar: events and tasks of cases and of personal agendas, and the case's counters."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from deskTUI.domain.enums import EventKind, EventStatus, LogKind, TaskStatus
from deskTUI.domain.errors import CaseClosed, NotFound, PermissionDenied, ValidationError
from deskTUI.services import calendar, cases, views

TUESDAY = datetime(2026, 3, 3, 14, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def _event(desk, by, ref, start=TUESDAY, **kw):
    return calendar.schedule_event(
        desk.uow(),
        by,
        ref,
        kind=kw.pop("kind", "visit"),
        title=kw.pop("title", "Visita técnica"),
        start=start,
        end=kw.pop("end", start + HOUR),
        **kw,
    )


def _stored_event(desk, event_id):
    with desk.uow() as uow:
        return uow.calendar.event(event_id)


def _agenda(desk, *people):
    with desk.uow() as uow:
        return uow.calendar.events_between(
            [p.id for p in people],
            datetime(2026, 1, 1, tzinfo=UTC),
            datetime(2027, 1, 1, tzinfo=UTC),
        )


# -- schedule_event ----------------------------------------------------------------


def test_an_event_scheduled_for_a_case_is_stored_and_logged(desk, started):
    case = started()
    event = _event(desk, desk.ana, case.number)
    stored = _stored_event(desk, event.id)
    assert stored == event
    assert (stored.kind, stored.status, stored.owner_id, stored.case_id) == (
        EventKind.VISIT,
        EventStatus.PLANNED,
        desk.ana.id,
        case.id,
    )
    assert (stored.start, stored.end) == (TUESDAY, TUESDAY + HOUR)
    detail = views.case_detail(desk.uow(), desk.ana, case.number)
    assert detail.events == [event]
    assert detail.log[-1].kind is LogKind.EVENT
    assert detail.log[-1].new == "visit 'Visita técnica' planned for 2026-03-03T14:00:00+00:00"


def test_a_personal_event_has_no_case(desk):
    event = _event(desk, desk.luis, None, kind="meeting", title="Capacitación")
    stored = _stored_event(desk, event.id)
    assert (stored.case_id, stored.owner_id, stored.kind) == (None, desk.luis.id, EventKind.MEETING)
    assert _agenda(desk, desk.luis) == [stored]


def test_nobody_fills_another_persons_personal_agenda(desk):
    with pytest.raises(PermissionDenied) as caught:
        _event(desk, desk.sofia, None, owner="luis")
    assert caught.value.code == "calendar.personal_other"
    assert _agenda(desk, desk.luis, desk.sofia) == []


def test_clients_have_no_agenda(desk):
    with pytest.raises(PermissionDenied) as caught:
        _event(desk, desk.maria, None)
    assert caught.value.code == "calendar.client"


def test_a_supervisor_schedules_an_event_for_an_agent_of_the_case(desk, started):
    case = started()
    event = _event(desk, desk.sofia, case.number, owner="luis")
    assert _stored_event(desk, event.id).owner_id == desk.luis.id


def test_an_agent_cannot_schedule_for_someone_else(desk, started, snapshot):
    case = started()
    before = snapshot(case.number)
    with pytest.raises(PermissionDenied) as caught:
        _event(desk, desk.ana, case.number, owner="luis")
    assert caught.value.code == "permission.denied"
    assert snapshot(case.number) == before


def test_an_event_ending_before_it_starts_is_refused(desk, started, snapshot):
    case = started()
    before = snapshot(case.number)
    for end in (TUESDAY - HOUR, TUESDAY):
        with pytest.raises(ValidationError) as caught:
            _event(desk, desk.ana, case.number, end=end)
        assert caught.value.code == "event.end_before_start"
    assert snapshot(case.number) == before
    assert _agenda(desk, desk.ana) == []


def test_an_unknown_kind_of_event_is_refused(desk, started, snapshot):
    case = started()
    before = snapshot(case.number)
    with pytest.raises(ValidationError) as caught:
        _event(desk, desk.ana, case.number, kind="party")
    assert caught.value.code == "event.kind"
    assert snapshot(case.number) == before


def test_a_cancelled_case_takes_no_event_or_task(desk, started, snapshot):
    case = started()
    cases.move_case(desk.uow(), desk.sofia, case.number, "cancelled", note="Duplicado")
    before = snapshot(case.number)
    with pytest.raises(CaseClosed) as event:
        _event(desk, desk.sofia, case.number)
    assert event.value.code == "case.cancelled"
    with pytest.raises(CaseClosed) as task:
        calendar.add_task(desk.uow(), desk.sofia, case.number, title="Llamar", due=date(2026, 3, 4))
    assert task.value.code == "case.cancelled"
    assert snapshot(case.number) == before


def test_overlapping_events_of_one_owner_are_allowed(desk, started):
    case = started()
    _event(desk, desk.ana, case.number)
    _event(desk, desk.ana, case.number, start=TUESDAY + timedelta(minutes=30))
    assert len(_agenda(desk, desk.ana)) == 2


# -- update_event ------------------------------------------------------------------


@pytest.mark.parametrize("status", [EventStatus.HELD, EventStatus.NOT_HELD])
def test_the_owner_marks_an_event_held_or_not_held(desk, started, status):
    case = started()
    event = _event(desk, desk.ana, case.number)
    calendar.update_event(desk.uow(), desk.ana, event.id, {"status": status.value})
    assert _stored_event(desk, event.id).status is status
    log = views.case_detail(desk.uow(), desk.ana, case.number).log
    assert log[-1].new == f"event 'Visita técnica' is {status.value}"


def test_the_owner_moves_an_event(desk, started):
    case = started()
    event = _event(desk, desk.ana, case.number)
    later = TUESDAY + timedelta(days=1)
    calendar.update_event(desk.uow(), desk.ana, event.id, {"start": later, "end": later + HOUR})
    stored = _stored_event(desk, event.id)
    assert (stored.start, stored.end, stored.status) == (later, later + HOUR, EventStatus.PLANNED)


def test_a_manager_of_the_case_updates_someone_elses_event(desk, started):
    case = started()
    event = _event(desk, desk.ana, case.number)
    calendar.update_event(desk.uow(), desk.sofia, event.id, {"status": "held"})
    assert _stored_event(desk, event.id).status is EventStatus.HELD


@pytest.mark.parametrize("who", ["luis", "diego"])
def test_an_event_of_a_case_others_cannot_see_does_not_exist_for_them(desk, started, snapshot, who):
    case = started()
    event = _event(desk, desk.ana, case.number)
    before = snapshot(case.number)
    with pytest.raises(NotFound) as caught:
        calendar.update_event(desk.uow(), getattr(desk, who), event.id, {"status": "held"})
    assert (caught.value.code, str(caught.value)) == (
        "event.not_found",
        f"There is no event {event.id}",
    )
    assert snapshot(case.number) == before
    assert _stored_event(desk, event.id).status is EventStatus.PLANNED


@pytest.mark.parametrize(
    ("who", "code"),
    # Sofía reads Ana's agenda (her supervisor) and is told why; for Luis it is not there.
    [("luis", "event.not_found"), ("sofia", "calendar.not_owner")],
)
def test_nobody_but_the_owner_updates_a_personal_event(desk, who, code):
    event = _event(desk, desk.ana, None)
    with pytest.raises((PermissionDenied, NotFound)) as caught:
        calendar.update_event(desk.uow(), getattr(desk, who), event.id, {"status": "held"})
    assert caught.value.code == code
    assert _stored_event(desk, event.id) == event
    calendar.update_event(desk.uow(), desk.ana, event.id, {"status": "not_held"})
    assert _stored_event(desk, event.id).status is EventStatus.NOT_HELD


def test_an_agent_scheduled_by_the_supervisor_marks_their_own_event_held(desk, started):
    case = started()
    event = _event(desk, desk.sofia, case.number, owner="luis")
    calendar.update_event(desk.uow(), desk.luis, event.id, {"status": "held"})
    assert _stored_event(desk, event.id).status is EventStatus.HELD


def test_an_invalid_event_status_or_field_is_refused(desk, started, snapshot):
    case = started()
    event = _event(desk, desk.ana, case.number)
    before = snapshot(case.number)
    with pytest.raises(ValidationError) as status:
        calendar.update_event(desk.uow(), desk.ana, event.id, {"status": "maybe"})
    assert status.value.code == "event.status"
    with pytest.raises(ValidationError) as field:
        calendar.update_event(desk.uow(), desk.ana, event.id, {"owner_id": desk.luis.id})
    assert field.value.code == "event.unknown_field"
    with pytest.raises(ValidationError) as order:
        calendar.update_event(desk.uow(), desk.ana, event.id, {"end": TUESDAY - HOUR})
    assert order.value.code == "event.end_before_start"
    assert snapshot(case.number) == before


def test_an_unknown_event_is_not_found(desk):
    with pytest.raises(NotFound) as caught:
        calendar.update_event(desk.uow(), desk.ana, 999, {"status": "held"})
    assert caught.value.code == "event.not_found"


# -- tasks and counters ------------------------------------------------------------


def test_a_task_is_added_and_completed(desk, started):
    case = started()
    task = calendar.add_task(
        desk.uow(), desk.ana, case.number, title="Pedir repuesto", due=date(2026, 3, 5)
    )
    with desk.uow() as uow:
        stored = uow.calendar.task(task.id)
    assert (stored.title, stored.due, stored.owner_id, stored.case_id, stored.status) == (
        "Pedir repuesto",
        date(2026, 3, 5),
        desk.ana.id,
        case.id,
        TaskStatus.NOT_STARTED,
    )
    calendar.update_task(desk.uow(), desk.ana, task.id, "completed")
    with desk.uow() as uow:
        assert uow.calendar.task(task.id).status is TaskStatus.COMPLETED
    log = views.case_detail(desk.uow(), desk.ana, case.number).log
    assert [e.new for e in log if e.kind is LogKind.EVENT] == [
        "task 'Pedir repuesto' due 2026-03-05",
        "task 'Pedir repuesto' is completed",
    ]


def test_an_invalid_task_status_is_refused(desk, started, snapshot):
    case = started()
    task = calendar.add_task(
        desk.uow(), desk.ana, case.number, title="Llamar", due=date(2026, 3, 5)
    )
    before = snapshot(case.number)
    with pytest.raises(ValidationError) as caught:
        calendar.update_task(desk.uow(), desk.ana, task.id, "done")
    assert caught.value.code == "task.status"
    assert snapshot(case.number) == before


def test_another_agent_s_personal_task_does_not_exist_for_an_agent(desk):
    task = calendar.add_task(desk.uow(), desk.ana, None, title="Vacaciones", due=date(2026, 4, 1))
    with pytest.raises(NotFound) as caught:
        calendar.update_task(desk.uow(), desk.luis, task.id, "completed")
    assert str(caught.value) == f"There is no task {task.id}"
    with desk.uow() as uow:
        assert uow.calendar.task(task.id).status is TaskStatus.NOT_STARTED


def test_the_case_counts_its_events_and_tasks(desk, started):
    case = started()
    empty = views.case_detail(desk.uow(), desk.ana, case.number)
    assert (empty.event_counters.total, empty.event_counters.first) == (0, None)
    assert (empty.task_counters.total, empty.task_counters.last) == (0, None)
    starts = [TUESDAY + timedelta(days=d) for d in (2, 0, 5, 1)]
    events = [_event(desk, desk.ana, case.number, start=s) for s in starts]
    calendar.update_event(desk.uow(), desk.ana, events[0].id, {"status": "held"})
    calendar.update_event(desk.uow(), desk.ana, events[1].id, {"status": "held"})
    calendar.update_event(desk.uow(), desk.ana, events[2].id, {"status": "not_held"})
    _event(desk, desk.ana, None, start=TUESDAY - timedelta(days=10))
    dues = [date(2026, 3, 9), date(2026, 3, 4), date(2026, 3, 20)]
    tasks = [calendar.add_task(desk.uow(), desk.ana, case.number, title="T", due=d) for d in dues]
    calendar.update_task(desk.uow(), desk.ana, tasks[0].id, "completed")
    calendar.update_task(desk.uow(), desk.ana, tasks[1].id, "in_progress")
    detail = views.case_detail(desk.uow(), desk.sofia, case.number)
    ev = detail.event_counters
    assert (ev.total, ev.planned, ev.held, ev.not_held) == (4, 1, 2, 1)
    assert (ev.first, ev.last) == (TUESDAY, TUESDAY + timedelta(days=5))
    tk = detail.task_counters
    assert (tk.total, tk.not_started, tk.completed) == (3, 1, 1)
    assert (tk.first, tk.last) == (date(2026, 3, 4), date(2026, 3, 20))
