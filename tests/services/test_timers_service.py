"""Running timers through the services: start, stop into entries, one per operator."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from deskTUI.domain.enums import LogKind
from deskTUI.domain.errors import CaseClosed, PermissionDenied, ValidationError
from deskTUI.services import cases, timers, views, worklog
from deskTUI.store.database import open_database
from deskTUI.store.uow import UnitOfWork

CARACAS = ZoneInfo("America/Caracas")


@pytest.fixture
def working(desk):
    """A case assigned to ana and in progress, the clock at 12:00 UTC (08:00 in Caracas)."""
    case = desk.open()
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    cases.move_case(desk.uow(), desk.ana, case.number, "in_progress")
    return case


def entries_of(desk, case):
    return views.case_detail(desk.uow(), desk.sofia, case.id).entries


def test_a_stopped_timer_becomes_an_entry_with_its_start_and_end(desk, working):
    start = desk.clock.now
    timers.start_timer(desk.uow(), desk.ana, working.number, CARACAS, "Cambio de fusor")
    desk.clock.advance(minutes=95, seconds=20)
    stopped = timers.stop_timer(desk.uow(), desk.ana, CARACAS)
    [entry] = entries_of(desk, working)
    assert (entry.start, entry.end, entry.minutes) == (start, start + timedelta(minutes=95), 95)
    assert (entry.description, entry.executor_id, entry.billable) == (
        "Cambio de fusor",
        desk.ana.id,
        False,
    )
    assert entry.work_date == date(2026, 3, 2)
    assert stopped.number == working.number and stopped.entries[0].id == entry.id
    assert timers.current_timer(desk.uow(), desk.ana) is None


def test_stop_may_give_the_description_and_billable_defaults_to_the_case(desk, working):
    cases.edit_case(
        desk.uow(), desk.sofia, working.number, {"billable": True, "cost_per_hour": "20"}
    )
    cases.issue_quote(
        desk.uow(), desk.sofia, working.number, price="50", currency="USD", minutes=60
    )
    cases.decide_quote(desk.uow(), desk.maria, working.number, approve=True)
    timers.start_timer(desk.uow(), desk.ana, working.number, CARACAS)
    desk.clock.advance(minutes=30)
    timers.stop_timer(desk.uow(), desk.ana, CARACAS, description="Diagnóstico")
    [entry] = entries_of(desk, working)
    assert (entry.description, entry.billable) == ("Diagnóstico", True)


def test_the_timer_lives_in_the_database_and_survives_a_restart(desk, working, db):
    timers.start_timer(desk.uow(), desk.ana, working.number, CARACAS)
    desk.clock.advance(minutes=42)
    db.dispose()  # the terminal closed
    again = open_database(db.url)
    try:
        seen = timers.current_timer(UnitOfWork(again, clock=desk.clock), desk.ana)
        assert seen is not None
        assert (seen.number, seen.elapsed) == (working.number, timedelta(minutes=42))
    finally:
        again.dispose()


def test_starting_another_timer_stops_the_first_into_its_entry(desk, working):
    other = desk.open(title="Red lenta")
    cases.assign_case(desk.uow(), desk.sofia, other.number, "ana")
    cases.move_case(desk.uow(), desk.ana, other.number, "in_progress")
    timers.start_timer(desk.uow(), desk.ana, working.number, CARACAS)
    desk.clock.advance(minutes=20)
    _timer, stopped = timers.start_timer(desk.uow(), desk.ana, other.number, CARACAS)
    assert stopped is not None and stopped.number == working.number
    assert [e.minutes for e in entries_of(desk, working)] == [20]
    assert timers.current_timer(desk.uow(), desk.ana).number == other.number  # type: ignore[union-attr]


def test_a_timer_across_the_operators_midnight_becomes_two_entries(desk, working):
    desk.clock.now = datetime(2026, 3, 3, 3, 30, tzinfo=UTC)  # 23:30 in Caracas
    timers.start_timer(desk.uow(), desk.ana, working.number, CARACAS)
    desk.clock.advance(hours=1)
    timers.stop_timer(desk.uow(), desk.ana, CARACAS)
    days = sorted((e.work_date, e.minutes) for e in entries_of(desk, working))
    assert days == [(date(2026, 3, 2), 30), (date(2026, 3, 3), 30)]


def test_a_timer_over_24_hours_is_refused_and_keeps_running_until_discarded(desk, working):
    timers.start_timer(desk.uow(), desk.ana, working.number, CARACAS)
    desk.clock.advance(hours=25)
    with pytest.raises(ValidationError, match="longer than the 24-hour limit"):
        timers.stop_timer(desk.uow(), desk.ana, CARACAS)
    assert entries_of(desk, working) == []
    assert timers.current_timer(desk.uow(), desk.ana) is not None  # never silently lost
    assert timers.discard_timer(desk.uow(), desk.ana) == working.number
    assert timers.current_timer(desk.uow(), desk.ana) is None
    log = views.case_detail(desk.uow(), desk.sofia, working.id).log
    assert [e.new for e in log if e.field == "timer"] == ["started", "discarded"]


def test_a_stop_that_would_overlap_a_logged_entry_is_refused_and_the_timer_stays(desk, working):
    started = desk.clock.now
    timers.start_timer(desk.uow(), desk.ana, working.number, CARACAS)
    desk.clock.advance(minutes=30)
    worklog.log_time(
        desk.uow(), desk.ana, working.number, work_date=date(2026, 3, 2),
        start=started + timedelta(minutes=10), end=started + timedelta(minutes=20),
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        timers.stop_timer(desk.uow(), desk.ana, CARACAS)
    assert refused.value.code == "time.overlap"
    assert [e.minutes for e in entries_of(desk, working)] == [10]
    assert timers.current_timer(desk.uow(), desk.ana) is not None


def test_a_client_cannot_time_work_and_a_closed_case_takes_no_timer(desk, working):
    with pytest.raises(PermissionDenied):
        timers.start_timer(desk.uow(), desk.maria, working.number, CARACAS)
    cases.move_case(desk.uow(), desk.ana, working.number, "finished", solution="Listo")
    with pytest.raises(CaseClosed):
        timers.start_timer(desk.uow(), desk.ana, working.number, CARACAS)
    assert timers.current_timer(desk.uow(), desk.ana) is None


def test_each_operator_has_their_own_timer(desk, working):
    timers.start_timer(desk.uow(), desk.ana, working.number, CARACAS)
    timers.start_timer(desk.uow(), desk.sofia, working.number, CARACAS)
    desk.clock.advance(minutes=15)
    timers.stop_timer(desk.uow(), desk.sofia, CARACAS)
    assert timers.current_timer(desk.uow(), desk.ana) is not None
    [entry] = entries_of(desk, working)
    assert entry.executor_id == desk.sofia.id


def test_stopping_with_no_timer_says_so_and_logs_nothing(desk, working):
    with pytest.raises(ValidationError, match="No timer is running"):
        timers.stop_timer(desk.uow(), desk.ana, CARACAS)
    log = views.case_detail(desk.uow(), desk.sofia, working.id).log
    assert not [e for e in log if e.kind is LogKind.TIME]


def test_switching_timers_at_any_second_never_makes_a_stop_impossible(desk, working):
    other = desk.open(title="Red lenta")
    cases.assign_case(desk.uow(), desk.sofia, other.number, "ana")
    cases.move_case(desk.uow(), desk.ana, other.number, "in_progress")
    timers.start_timer(desk.uow(), desk.ana, working.number, CARACAS)
    desk.clock.advance(seconds=20)  # less than a minute: its entry counts one whole minute
    timers.start_timer(desk.uow(), desk.ana, other.number, CARACAS)
    desk.clock.advance(minutes=5, seconds=45)
    timers.start_timer(desk.uow(), desk.ana, working.number, CARACAS)
    desk.clock.advance(minutes=10)
    timers.stop_timer(desk.uow(), desk.ana, CARACAS)
    spans = sorted(
        (e.start, e.end)
        for case in (working, other)
        for e in views.case_detail(desk.uow(), desk.sofia, case.id).entries
    )
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in pairwise(spans))
    assert [int((end - start).total_seconds() // 60) for start, end in spans] == [1, 5, 10]


def test_a_timer_that_could_never_stop_is_refused_at_the_start(desk, working):
    """Billable work without a contract needs an approved quote: say so now, not after
    an hour of work that then cannot be logged."""
    cases.edit_case(desk.uow(), desk.sofia, working.number, {"billable": True})
    with pytest.raises(ValidationError) as refused:
        timers.start_timer(desk.uow(), desk.ana, working.number, CARACAS)
    assert refused.value.code == "time.quote_required"
    assert timers.current_timer(desk.uow(), desk.ana) is None


# -- a timer on a case someone else closed ---------------------------------------------


@pytest.fixture
def other(desk):
    """A second case of ana's, in progress: where a closed case's timer time may go."""
    case = desk.open(title="Red lenta")
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    cases.move_case(desk.uow(), desk.ana, case.number, "in_progress")
    return case


@pytest.mark.parametrize("closing", ["finished", "cancelled"])
def test_a_timer_on_a_case_closed_while_it_ran_keeps_its_time_up_to_the_close(
    desk, working, other, closing
):
    start = desk.clock.now
    timers.start_timer(desk.uow(), desk.ana, working.number, CARACAS, "Cambio de fusor")
    desk.clock.advance(minutes=40)
    extra = {"solution": "Resuelto por teléfono"} if closing == "finished" else {"note": "Dup"}
    cases.move_case(desk.uow(), desk.sofia, working.number, closing, **extra)
    closed_at = desk.clock.now
    desk.clock.advance(minutes=50)  # ana is still timing: none of this is the case's
    seen = timers.current_timer(desk.uow(), desk.ana)
    assert seen is not None and seen.elapsed == timedelta(minutes=40)
    assert seen.closed is not None and (seen.closed.by, seen.closed.at) == ("sofia", closed_at)

    with pytest.raises(CaseClosed) as refused:
        timers.stop_timer(desk.uow(), desk.ana, CARACAS)
    assert refused.value.code == "timer.case_closed"
    assert str(refused.value) == (
        f"sofia {closing} {working.number} at 3/2/2026 08:40 while your timer ran: its 40m "
        "up to then cannot go on a closed case. Put them on another case, or discard the timer"
    )
    assert timers.current_timer(desk.uow(), desk.ana) is not None  # nothing lost

    stopped = timers.stop_timer(desk.uow(), desk.ana, CARACAS, to=other.number)
    assert (stopped.number, stopped.timed, stopped.closed.at) == (  # type: ignore[union-attr]
        other.number,
        working.number,
        closed_at,
    )
    [entry] = entries_of(desk, other)
    assert (entry.start, entry.end, entry.minutes, entry.description) == (
        start,
        closed_at,
        40,
        "Cambio de fusor",
    )
    assert entries_of(desk, working) == []
    assert timers.current_timer(desk.uow(), desk.ana) is None
    log = views.case_detail(desk.uow(), desk.sofia, other.id).log
    assert any(f"(timer of {working.number})" in (e.new or "") for e in log)


def test_a_closed_cases_timer_goes_only_where_its_operator_may_log_time(desk, working):
    timers.start_timer(desk.uow(), desk.ana, working.number, CARACAS)
    desk.clock.advance(minutes=30)
    cases.move_case(desk.uow(), desk.sofia, working.number, "cancelled", note="Duplicado")
    foreign = desk.open(title="Servidor caído")  # Soporte, unassigned: not ana's to log on
    cases.assign_case(desk.uow(), desk.sofia, foreign.number, "luis")
    with pytest.raises(PermissionDenied):
        timers.stop_timer(desk.uow(), desk.ana, CARACAS, to=foreign.number)
    with pytest.raises(CaseClosed):
        timers.stop_timer(desk.uow(), desk.ana, CARACAS, to=working.number)
    mine = desk.open(title="Red lenta")
    cases.assign_case(desk.uow(), desk.sofia, mine.number, "ana")
    cases.move_case(desk.uow(), desk.ana, mine.number, "in_progress")
    with pytest.raises(CaseClosed, match="Put them on another case"):  # starting stops it first
        timers.start_timer(desk.uow(), desk.ana, mine.number, CARACAS)
    assert timers.current_timer(desk.uow(), desk.ana).number == working.number  # type: ignore[union-attr]
    assert entries_of(desk, foreign) == entries_of(desk, mine) == []


def test_a_case_reopened_before_the_stop_takes_the_whole_time_as_usual(desk, working):
    timers.start_timer(desk.uow(), desk.ana, working.number, CARACAS)
    desk.clock.advance(minutes=20)
    cases.move_case(desk.uow(), desk.ana, working.number, "finished", solution="Listo")
    cases.move_case(desk.uow(), desk.sofia, working.number, "in_progress", note="Volvió")
    desk.clock.advance(minutes=10)
    stopped = timers.stop_timer(desk.uow(), desk.ana, CARACAS)
    assert (stopped.closed, [e.minutes for e in entries_of(desk, working)]) == (None, [30])
