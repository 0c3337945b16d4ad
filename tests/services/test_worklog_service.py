"""worklog: logging, editing and deleting time entries, and a case's totals."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from deskTUI.domain.enums import LogKind
from deskTUI.domain.errors import CaseClosed, PermissionDenied, ValidationError
from deskTUI.services import cases, views, worklog

DAY = date(2026, 3, 2)
NINE = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _log(desk, case, by, start, minutes, **kw):
    return worklog.log_time(
        desk.uow(),
        by,
        case.number,
        work_date=kw.pop("work_date", DAY),
        start=start,
        end=start + timedelta(minutes=minutes),
        description=kw.pop("description", "Trabajo"),
        **kw,
    )


def _time_lines(desk, case):
    log = views.case_detail(desk.uow(), desk.admin, case.number).log
    return [e.new for e in log if e.kind is LogKind.TIME]


# -- log_time ----------------------------------------------------------------------


def test_time_logged_with_start_and_end_is_stored_with_its_minutes(desk, started):
    case = started()
    entry = _log(desk, case, desk.ana, NINE, 95, description="Cambio de fusor")
    (stored,) = views.case_detail(desk.uow(), desk.ana, case.number).entries
    assert stored == entry
    assert (stored.minutes, stored.start, stored.end) == (95, NINE, NINE + timedelta(minutes=95))
    assert (stored.executor_id, stored.created_by, stored.description) == (
        desk.ana.id,
        desk.ana.id,
        "Cambio de fusor",
    )
    assert _time_lines(desk, case) == [f"logged 1h35m on 2026-03-02 (entry {entry.id})"]


def test_time_logged_as_a_duration_has_no_clock_times(desk, started):
    case = started()
    worklog.log_time(desk.uow(), desk.ana, case.number, work_date=DAY, minutes=90)
    (stored,) = views.case_detail(desk.uow(), desk.ana, case.number).entries
    assert (stored.minutes, stored.start, stored.end, stored.timed) == (90, None, None, False)


@pytest.mark.parametrize(
    ("kw", "code"),
    [
        ({"minutes": 0}, "time.not_positive"),
        ({"minutes": 24 * 60 + 1}, "time.too_long"),
        ({"start": NINE}, "time.half_open"),
        ({"start": NINE, "end": NINE}, "time.end_before_start"),
        (
            {"start": NINE, "end": NINE + timedelta(minutes=30), "minutes": 20},
            "time.duration_mismatch",
        ),
        ({}, "time.no_duration"),
    ],
    ids=["zero", "over-24h", "start-only", "end-equals-start", "mismatch", "nothing"],
)
def test_an_impossible_duration_is_refused_and_nothing_is_logged(desk, started, snapshot, kw, code):
    case = started()
    before = snapshot(case.number)
    with pytest.raises(ValidationError) as caught:
        worklog.log_time(desk.uow(), desk.ana, case.number, work_date=DAY, **kw)
    assert caught.value.code == code
    assert snapshot(case.number) == before


def test_billable_defaults_to_the_case_flag(desk, started):
    billable = started(billable=True, contract=desk.hours.id)
    free = started()
    assert _log(desk, billable, desk.ana, NINE, 30).billable is True
    assert (
        _log(desk, billable, desk.ana, NINE.replace(hour=10), 30, billable=False).billable is False
    )
    assert _log(desk, free, desk.ana, NINE.replace(hour=11), 30).billable is False
    stored = views.case_detail(desk.uow(), desk.ana, billable.number).entries
    assert [e.billable for e in stored] == [True, False]


def test_billable_time_on_a_free_case_is_refused(desk, started, snapshot):
    case = started()
    before = snapshot(case.number)
    with pytest.raises(ValidationError) as caught:
        _log(desk, case, desk.ana, NINE, 30, billable=True)
    assert caught.value.code == "time.billable_on_free_case"
    assert snapshot(case.number) == before


def test_one_executors_entries_on_two_cases_cannot_overlap(desk, started, snapshot):
    first = started()
    second = started()
    _log(desk, first, desk.ana, NINE, 60)
    before = snapshot(second.number)
    with pytest.raises(ValidationError) as caught:
        _log(desk, second, desk.ana, NINE + timedelta(minutes=30), 60)
    assert caught.value.code == "time.overlap"
    assert caught.value.params["login"] == "ana"
    assert snapshot(second.number) == before
    with pytest.raises(ValidationError):
        _log(desk, second, desk.ana, NINE - timedelta(minutes=10), 90)
    assert snapshot(second.number) == before


def test_entries_that_only_touch_are_accepted(desk, started):
    first = started()
    second = started()
    _log(desk, first, desk.ana, NINE, 60)
    _log(desk, second, desk.ana, NINE + timedelta(minutes=60), 60)
    _log(desk, second, desk.ana, NINE - timedelta(minutes=30), 30)
    assert len(views.case_detail(desk.uow(), desk.ana, second.number).entries) == 2


def test_overlap_is_judged_on_utc_instants_whatever_the_offset_given(desk, started):
    first = started()
    second = started()
    _log(desk, first, desk.ana, NINE, 60)
    bogota = timezone(timedelta(hours=-5))
    with pytest.raises(ValidationError) as caught:
        _log(desk, second, desk.ana, datetime(2026, 3, 2, 4, 30, tzinfo=bogota), 60)
    assert caught.value.code == "time.overlap"
    entry = _log(desk, second, desk.ana, datetime(2026, 3, 2, 5, 0, tzinfo=bogota), 60)
    (stored,) = views.case_detail(desk.uow(), desk.ana, second.number).entries
    assert stored.start == NINE + timedelta(hours=1) == entry.start
    assert stored.start.utcoffset() == timedelta(0)


def test_two_people_may_work_the_same_hour(desk, started):
    case = started()
    _log(desk, case, desk.ana, NINE, 60)
    _log(desk, case, desk.sofia, NINE, 60)
    assert len(views.case_detail(desk.uow(), desk.sofia, case.number).entries) == 2


def test_entries_outside_the_planned_dates_are_refused(desk, started, snapshot):
    case = started()
    cases.edit_case(
        desk.uow(),
        desk.sofia,
        case.number,
        {"planned_start": "2026-03-05", "planned_close": "2026-03-10"},
    )
    desk.clock.advance(days=10)  # the window's days are past: their work is done
    before = snapshot(case.number)
    with pytest.raises(ValidationError) as early:
        worklog.log_time(desk.uow(), desk.ana, case.number, work_date=date(2026, 3, 4), minutes=30)
    assert early.value.code == "time.before_window"
    with pytest.raises(ValidationError) as late:
        worklog.log_time(desk.uow(), desk.ana, case.number, work_date=date(2026, 3, 11), minutes=30)
    assert late.value.code == "time.after_window"
    assert snapshot(case.number) == before
    for day in (date(2026, 3, 5), date(2026, 3, 10)):
        worklog.log_time(desk.uow(), desk.ana, case.number, work_date=day, minutes=30)
    assert len(views.case_detail(desk.uow(), desk.ana, case.number).entries) == 2


def test_a_finished_case_takes_time_only_after_a_reopen(desk, started, snapshot):
    case = started()
    cases.move_case(desk.uow(), desk.ana, case.number, "finished", solution="Listo")
    before = snapshot(case.number)
    with pytest.raises(CaseClosed) as caught:
        _log(desk, case, desk.ana, NINE, 30)
    assert caught.value.code == "case.finished_time"
    assert snapshot(case.number) == before
    cases.move_case(desk.uow(), desk.sofia, case.number, "in_progress", note="Falta algo")
    _log(desk, case, desk.ana, NINE, 30)
    assert len(views.case_detail(desk.uow(), desk.ana, case.number).entries) == 1


def test_a_cancelled_case_takes_no_time(desk, started, snapshot):
    case = started()
    cases.move_case(desk.uow(), desk.sofia, case.number, "cancelled", note="Duplicado")
    before = snapshot(case.number)
    with pytest.raises(CaseClosed) as caught:
        _log(desk, case, desk.ana, NINE, 30)
    assert caught.value.code == "case.cancelled"
    assert snapshot(case.number) == before


def test_an_agent_cannot_log_time_for_someone_else(desk, started, snapshot):
    case = started()
    before = snapshot(case.number)
    with pytest.raises(PermissionDenied) as caught:
        _log(desk, case, desk.ana, NINE, 30, executor="luis")
    assert caught.value.code == "permission.denied"
    assert snapshot(case.number) == before


def test_an_agent_not_on_the_case_cannot_log_time(desk, started, snapshot):
    case = started()
    before = snapshot(case.number)
    with pytest.raises(PermissionDenied) as caught:
        _log(desk, case, desk.luis, NINE, 30)
    assert caught.value.code == "permission.not_visible"
    assert snapshot(case.number) == before


def test_a_supervisor_logs_time_for_an_agent(desk, started):
    case = started()
    entry = _log(desk, case, desk.sofia, NINE, 45, executor="ana")
    (stored,) = views.case_detail(desk.uow(), desk.ana, case.number).entries
    assert (stored.id, stored.executor_id, stored.created_by) == (
        entry.id,
        desk.ana.id,
        desk.sofia.id,
    )


def test_a_supervisors_entry_for_an_agent_counts_against_that_agents_overlap(desk, started):
    case = started()
    _log(desk, case, desk.sofia, NINE, 60, executor="ana")
    with pytest.raises(ValidationError) as caught:
        _log(desk, case, desk.ana, NINE + timedelta(minutes=15), 30)
    assert caught.value.code == "time.overlap"


def test_no_one_logs_time_for_a_client(desk, started, snapshot):
    case = started()
    before = snapshot(case.number)
    with pytest.raises(ValidationError) as caught:
        _log(desk, case, desk.sofia, NINE, 30, executor="maria")
    assert caught.value.code == "time.executor_not_staff"
    assert snapshot(case.number) == before


# -- edit_time and delete_time -----------------------------------------------------


def test_moving_an_entry_over_its_own_old_span_is_accepted(desk, started):
    case = started()
    entry = _log(desk, case, desk.ana, NINE, 60)
    moved = worklog.edit_time(
        desk.uow(),
        desk.ana,
        entry.id,
        {"start": NINE + timedelta(minutes=30), "end": NINE + timedelta(minutes=120)},
    )
    (stored,) = views.case_detail(desk.uow(), desk.ana, case.number).entries
    assert stored == moved
    assert (stored.id, stored.minutes, stored.start) == (entry.id, 90, NINE + timedelta(minutes=30))
    assert _time_lines(desk, case)[-1] == f"changed to 1h30m on 2026-03-02 (entry {entry.id})"


def test_moving_an_entry_onto_another_entry_is_refused_and_changes_nothing(desk, started, snapshot):
    first = started()
    second = started()
    _log(desk, first, desk.ana, NINE, 60)
    entry = _log(desk, second, desk.ana, NINE + timedelta(hours=2), 60)
    before = snapshot(second.number)
    with pytest.raises(ValidationError) as caught:
        worklog.edit_time(desk.uow(), desk.ana, entry.id, {"start": NINE + timedelta(minutes=30)})
    assert caught.value.code == "time.overlap"
    assert snapshot(second.number) == before


def test_changing_a_timed_entry_to_a_duration_drops_its_clock_times(desk, started):
    case = started()
    entry = _log(desk, case, desk.ana, NINE, 60)
    worklog.edit_time(desk.uow(), desk.ana, entry.id, {"minutes": 45, "billable": False})
    (stored,) = views.case_detail(desk.uow(), desk.ana, case.number).entries
    assert (stored.minutes, stored.start, stored.end) == (45, None, None)


def test_an_unknown_field_of_an_entry_is_refused(desk, started, snapshot):
    case = started()
    entry = _log(desk, case, desk.ana, NINE, 60)
    before = snapshot(case.number)
    with pytest.raises(ValidationError) as caught:
        worklog.edit_time(desk.uow(), desk.ana, entry.id, {"executor_id": desk.luis.id})
    assert caught.value.code == "time.unknown_field"
    assert snapshot(case.number) == before


def test_an_agent_edits_and_deletes_only_their_own_entries(desk, started, snapshot):
    case = started()
    theirs = _log(desk, case, desk.sofia, NINE, 60, executor="luis")
    before = snapshot(case.number)
    with pytest.raises(PermissionDenied) as edited:
        worklog.edit_time(desk.uow(), desk.ana, theirs.id, {"description": "Mío"})
    assert edited.value.code == "permission.entry_owner"
    with pytest.raises(PermissionDenied) as deleted:
        worklog.delete_time(desk.uow(), desk.ana, theirs.id)
    assert deleted.value.code == "permission.entry_owner"
    assert snapshot(case.number) == before
    worklog.edit_time(desk.uow(), desk.sofia, theirs.id, {"description": "Revisado"})
    (stored,) = views.case_detail(desk.uow(), desk.ana, case.number).entries
    assert stored.description == "Revisado"


def test_deleting_an_entry_removes_it_and_logs_a_line(desk, started):
    case = started()
    keep = _log(desk, case, desk.ana, NINE, 60)
    drop = _log(desk, case, desk.ana, NINE + timedelta(hours=1), 30)
    worklog.delete_time(desk.uow(), desk.ana, drop.id)
    detail = views.case_detail(desk.uow(), desk.ana, case.number)
    assert [e.id for e in detail.entries] == [keep.id]
    assert _time_lines(desk, case)[-1] == f"deleted 30m on 2026-03-02 (entry {drop.id})"
    assert detail.totals.total_minutes == 60


def test_entries_of_a_finished_case_are_neither_edited_nor_deleted(desk, started, snapshot):
    case = started()
    entry = _log(desk, case, desk.ana, NINE, 60)
    cases.move_case(desk.uow(), desk.ana, case.number, "finished", solution="Listo")
    before = snapshot(case.number)
    with pytest.raises(CaseClosed) as edited:
        worklog.edit_time(desk.uow(), desk.ana, entry.id, {"minutes": 120})
    assert edited.value.code == "case.finished_time"
    with pytest.raises(CaseClosed) as deleted:
        worklog.delete_time(desk.uow(), desk.sofia, entry.id)
    assert deleted.value.code == "case.finished_time"
    assert snapshot(case.number) == before


# -- case_totals -------------------------------------------------------------------


def test_case_totals_add_up_billable_non_billable_cost_and_the_estimate(desk, started):
    case = started(billable=True, contract=desk.hours.id, cost_per_hour="25", estimate_minutes=100)
    _log(desk, case, desk.ana, NINE, 90)
    _log(desk, case, desk.ana, NINE + timedelta(hours=2), 30, billable=False)
    totals = worklog.case_totals(desk.uow(), desk.ana, case.number)
    assert (totals.total_minutes, totals.billable_minutes, totals.non_billable_minutes) == (
        120,
        90,
        30,
    )
    assert totals.cost == Decimal("37.5")
    assert (totals.remaining_minutes, totals.overrun) == (-20, True)


def test_case_totals_within_the_estimate_are_not_an_overrun(desk, started):
    case = started(estimate_minutes=100)
    _log(desk, case, desk.ana, NINE, 100)
    totals = worklog.case_totals(desk.uow(), desk.ana, case.number)
    assert (totals.remaining_minutes, totals.overrun) == (0, False)


def test_the_cost_is_exact_and_rounded_half_up_only_for_display(desk, started):
    case = started(billable=True, contract=desk.hours.id, cost_per_hour="33.27")
    _log(desk, case, desk.ana, NINE, 10)
    totals = worklog.case_totals(desk.uow(), desk.ana, case.number)
    assert totals.cost == Decimal("5.545")
    assert totals.cost_display == Decimal("5.55")
    assert views.case_detail(desk.uow(), desk.sofia, case.number).totals == totals


def test_case_totals_without_an_estimate_have_no_remaining(desk, started):
    case = started()
    worklog.log_time(desk.uow(), desk.ana, case.number, work_date=DAY, minutes=30)
    totals = worklog.case_totals(desk.uow(), desk.ana, case.number)
    assert (totals.total_minutes, totals.cost, totals.remaining_minutes, totals.overrun) == (
        30,
        0,
        None,
        False,
    )
