"""SLA clocks and escalation (sla.py), and the next cases to execute (queue.py)."""

from __future__ import annotations

import random
from datetime import date, datetime

import pytest

from deskTUI.domain.case import Case
from deskTUI.domain.enums import Priority, SlaTarget, Status
from deskTUI.domain.errors import ValidationError
from deskTUI.domain.queue import QueueItem, next_to_execute
from deskTUI.domain.sla import (
    DEFAULT_TARGETS,
    SlaState,
    Targets,
    due_escalations,
    short_left,
    sla_state,
    targets_from_settings,
)
from deskTUI.sentences import sla_clock as describe

from .conftest import PEOPLE, T0, at, make_case

HOUR, DAY = 60, 24 * 60
CRITICAL = DEFAULT_TARGETS[Priority.CRITICAL]


def state(
    *,
    status: Status = Status.IN_PROGRESS,
    first_response_at: datetime | None = None,
    resolved_at: datetime | None = None,
    closed_minutes: int = 0,
    targets: Targets = CRITICAL,
    now: datetime,
    stopped_at: datetime | None = None,
) -> SlaState:
    return sla_state(
        status=status,
        created_at=T0,
        first_response_at=first_response_at,
        resolved_at=resolved_at,
        closed_minutes=closed_minutes,
        targets=targets,
        now=now,
        stopped_at=stopped_at,
    )


def case_state(case: Case, now: datetime) -> SlaState:
    return sla_state(
        status=case.status,
        created_at=case.created_at,
        first_response_at=case.first_response_at,
        resolved_at=case.resolved_at,
        closed_minutes=case.closed_minutes,
        targets=DEFAULT_TARGETS[case.priority],
        now=now,
    )


# -- targets -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("priority", "response", "resolution"),
    [
        (Priority.CRITICAL, 1 * HOUR, 4 * HOUR),
        (Priority.HIGH, 4 * HOUR, 1 * DAY),
        (Priority.MEDIUM, 1 * DAY, 3 * DAY),
        (Priority.LOW, 2 * DAY, 5 * DAY),
    ],
    ids=lambda v: v.value if isinstance(v, Priority) else None,
)
def test_default_targets_per_priority(priority: Priority, response: int, resolution: int) -> None:
    assert DEFAULT_TARGETS[priority] == Targets(response, resolution)


@pytest.mark.parametrize(("response", "resolution"), [(0, 60), (60, 0), (-1, 60)])
def test_targets_must_be_more_than_zero(response: int, resolution: int) -> None:
    with pytest.raises(ValidationError) as error:
        Targets(response, resolution)
    assert error.value.code == "sla.positive"


def test_the_resolution_target_cannot_be_shorter_than_the_response_target() -> None:
    with pytest.raises(ValidationError) as error:
        Targets(120, 60)
    assert error.value.code == "sla.order"
    assert "cannot be shorter than the first-response target" in str(error.value)


# -- first response -------------------------------------------------------------------------------


@pytest.mark.parametrize("answered", [at(59), at(60)], ids=["early", "on-the-dot"])
def test_a_response_within_the_target_is_met(answered: datetime) -> None:
    clock = state(first_response_at=answered, now=at(hours=3)).first_response
    assert (clock.met, clock.breached, clock.minutes_left) == (True, False, None)
    assert clock.due == at(60)
    assert clock.target is SlaTarget.FIRST_RESPONSE


def test_a_late_response_is_breached() -> None:
    clock = state(first_response_at=at(61), now=at(hours=3)).first_response
    assert (clock.met, clock.breached) == (False, True)


def test_an_unanswered_case_counts_down_to_its_response_deadline() -> None:
    clock = state(status=Status.NEW, now=at(45)).first_response
    assert (clock.met, clock.breached, clock.minutes_left) == (False, False, 15)


def test_an_unanswered_case_past_its_deadline_is_breached() -> None:
    clock = state(status=Status.NEW, now=at(90)).first_response
    assert (clock.breached, clock.minutes_left) == (True, -30)


# -- resolution ------------------------------------------------------------------------------------


def test_an_open_case_within_its_resolution_target_is_running() -> None:
    clock = state(first_response_at=at(10), now=at(hours=3)).resolution
    assert (clock.met, clock.breached, clock.minutes_left) == (False, False, 60)
    assert clock.due == at(hours=4)


@pytest.mark.parametrize("status", [Status.ASSIGNED, Status.IN_PROGRESS, Status.ON_HOLD])
def test_an_open_case_past_its_resolution_target_is_breached(status: Status) -> None:
    result = state(status=status, first_response_at=at(10), now=at(hours=5))
    assert result.resolution.breached
    assert result.resolution.minutes_left == -60
    assert result.breached


def test_a_case_finished_in_time_met_its_resolution_target() -> None:
    clock = state(
        status=Status.FINISHED, first_response_at=at(10), resolved_at=at(hours=4), now=at(days=9)
    ).resolution
    assert (clock.met, clock.breached, clock.minutes_left) == (True, False, None)


def test_a_case_finished_late_breached_its_resolution_target() -> None:
    clock = state(
        status=Status.FINISHED, first_response_at=at(10), resolved_at=at(hours=5), now=at(days=9)
    ).resolution
    assert (clock.met, clock.breached) == (False, True)


def test_a_cancelled_case_stops_its_clocks_when_it_was_cancelled() -> None:
    result = state(status=Status.CANCELLED, now=at(days=9), stopped_at=at(30))
    assert not result.breached
    assert result.first_response.minutes_left is None
    assert result.resolution.minutes_left is None
    assert result.next_deadline is None


def test_time_spent_finished_before_a_reopen_extends_the_resolution_deadline() -> None:
    result = state(first_response_at=at(10), closed_minutes=2 * HOUR, now=at(hours=5))
    assert result.resolution.due == at(hours=6)
    assert not result.resolution.breached
    assert result.resolution.minutes_left == 60


def test_a_reopened_case_does_not_count_the_time_it_spent_finished() -> None:
    case = make_case(Status.NEW, priority=Priority.CRITICAL)
    case.move(PEOPLE.supervisor, Status.ASSIGNED, at(10), assignee=PEOPLE.assignee)
    case.move(PEOPLE.assignee, Status.IN_PROGRESS, at(20))
    case.move(PEOPLE.assignee, Status.FINISHED, at(hours=1), solution="Reset the printer")
    case.move(PEOPLE.reporter, Status.IN_PROGRESS, at(hours=3), note="Jams again")

    # Worked 1 h, then 2 h finished, then 2 h more: 3 h of the 4 h target are used.
    result = case_state(case, at(hours=5))
    assert case.closed_minutes == 2 * HOUR
    assert not result.resolution.breached
    assert result.resolution.minutes_left == HOUR
    assert result.first_response.met


def test_the_next_deadline_is_the_earliest_running_clock() -> None:
    assert state(status=Status.NEW, now=at(10)).next_deadline == at(hours=1)
    assert state(first_response_at=at(5), now=at(10)).next_deadline == at(hours=4)


# -- escalation -----------------------------------------------------------------------------------------


def breached_both() -> SlaState:
    return state(status=Status.ASSIGNED, now=at(hours=5))


def test_each_breach_of_an_open_case_is_due_for_escalation() -> None:
    assert due_escalations(breached_both(), Status.ASSIGNED, None, None) == [
        SlaTarget.FIRST_RESPONSE,
        SlaTarget.RESOLUTION,
    ]


def test_a_breach_is_escalated_only_once() -> None:
    assert due_escalations(breached_both(), Status.ASSIGNED, at(hours=2), None) == [
        SlaTarget.RESOLUTION
    ]
    assert due_escalations(breached_both(), Status.ASSIGNED, None, at(hours=5)) == [
        SlaTarget.FIRST_RESPONSE
    ]
    assert due_escalations(breached_both(), Status.ASSIGNED, at(hours=2), at(hours=5)) == []


def test_a_case_within_its_targets_is_not_escalated() -> None:
    result = state(first_response_at=at(10), now=at(hours=2))
    assert due_escalations(result, Status.IN_PROGRESS, None, None) == []


@pytest.mark.parametrize("status", [Status.FINISHED, Status.CANCELLED])
def test_a_closed_case_is_never_escalated(status: Status) -> None:
    assert due_escalations(breached_both(), status, None, None) == []


# -- the queue -------------------------------------------------------------------------------------------


def item(
    case_id: int,
    *,
    breached: bool = False,
    priority: Priority = Priority.MEDIUM,
    level: int = 0,
    planned_close: date | None = None,
    created_at: datetime = T0,
) -> QueueItem:
    return QueueItem(case_id, breached, priority, level, planned_close, created_at)


def order(*items: QueueItem) -> list[int]:
    shuffled = list(items)
    random.Random(7).shuffle(shuffled)
    return [i.case_id for i in next_to_execute(shuffled)]


def test_a_breached_case_comes_first_whatever_its_priority() -> None:
    assert order(
        item(1, priority=Priority.CRITICAL, level=99),
        item(2, breached=True, priority=Priority.LOW),
    ) == [2, 1]


def test_then_priority_from_critical_to_low() -> None:
    assert order(
        item(1, priority=Priority.LOW),
        item(2, priority=Priority.HIGH),
        item(3, priority=Priority.CRITICAL),
        item(4, priority=Priority.MEDIUM),
    ) == [3, 2, 4, 1]


def test_then_the_higher_level_first() -> None:
    assert order(item(1, level=1), item(2, level=10), item(3, level=5)) == [2, 3, 1]


def test_then_the_earliest_planned_close_with_no_date_last() -> None:
    assert order(
        item(1),
        item(2, planned_close=date(2026, 3, 20)),
        item(3, planned_close=date(2026, 3, 5)),
    ) == [3, 2, 1]


def test_then_the_oldest_case_first() -> None:
    assert order(
        item(1, created_at=at(days=2)), item(2, created_at=at(days=1)), item(3, created_at=T0)
    ) == [3, 2, 1]


def test_the_whole_order_applies_each_key_only_to_break_ties() -> None:
    assert order(
        item(1, priority=Priority.HIGH, level=1, planned_close=date(2026, 3, 3)),
        item(
            2, priority=Priority.HIGH, level=1, planned_close=date(2026, 3, 3), created_at=at(-60)
        ),
        item(3, priority=Priority.HIGH, level=2),
        item(4, breached=True, priority=Priority.LOW),
        item(5, breached=True, priority=Priority.MEDIUM),
        item(6, priority=Priority.CRITICAL),
    ) == [5, 4, 6, 3, 2, 1]


def test_a_finished_case_never_answered_stops_its_response_clock_when_it_was_resolved():
    state = sla_state(
        status=Status.FINISHED,
        created_at=T0,
        first_response_at=None,
        resolved_at=at(30),
        closed_minutes=0,
        targets=DEFAULT_TARGETS[Priority.CRITICAL],
        now=at(days=10),
    )
    assert state.first_response.minutes_left is None
    assert not state.first_response.breached  # resolved after 30 min, inside the 1 h target


# -- the clocks in words ------------------------------------------------------------------------------------


def _stamp(moment: datetime) -> str:
    return moment.strftime("%d %H:%M")


def test_a_running_clock_says_the_time_left_and_when_it_is_due() -> None:
    clock = state(status=Status.NEW, now=at(20)).first_response
    assert describe(clock, _stamp) == "40m left · due 02 10:00"


def test_a_running_clock_past_its_deadline_says_how_long_ago_it_breached() -> None:
    clock = state(status=Status.ASSIGNED, now=at(hours=5, minutes=30)).resolution
    assert describe(clock, _stamp) == "breached 1h30m ago · was due 02 13:00"


def test_a_stopped_clock_says_met_or_breached() -> None:
    met = state(first_response_at=at(minutes=10), now=at(hours=2)).first_response
    late = state(first_response_at=at(hours=2), now=at(hours=3)).first_response
    assert describe(met, _stamp) == "met · due 02 10:00"
    assert describe(late, _stamp) == "breached · was due 02 10:00"


@pytest.mark.parametrize(
    ("minutes", "shown"),
    [(None, ""), (0, "0m"), (59, "59m"), (60, "1h"), (1439, "23h"), (1440, "1d"), (-61, "-1h")],
)
def test_the_list_column_shows_whole_units_rounded_down(minutes, shown) -> None:
    assert short_left(minutes) == shown


def test_a_case_runs_to_its_nearest_deadline_and_none_once_every_clock_stopped() -> None:
    assert state(status=Status.NEW, now=at(20)).minutes_left == 40
    assert state(first_response_at=at(10), now=at(20)).minutes_left == 220
    closed = state(status=Status.FINISHED, first_response_at=at(10), resolved_at=at(30), now=at(40))
    assert closed.minutes_left is None


def test_a_target_longer_than_a_year_is_refused() -> None:
    assert Targets(60, 365 * DAY).resolution == 365 * DAY
    with pytest.raises(ValidationError) as caught:
        Targets(60, 365 * DAY + 1)
    assert caught.value.code == "sla.too_long"
    assert str(caught.value) == "SLA targets must be at most a year (8760 hours)"


def test_stored_targets_out_of_bounds_or_garbled_fall_back_to_the_defaults() -> None:
    stored = {
        "sla.low.first_response": "60",
        "sla.low.resolution": "2100000000",  # a deadline counted back past year 1
        "sla.high.first_response": "soon",
        "sla.high.resolution": "600",
        "sla.critical.first_response": "30",
        "sla.critical.resolution": "120",
    }
    targets = targets_from_settings(stored)
    assert targets[Priority.LOW] == DEFAULT_TARGETS[Priority.LOW]
    assert targets[Priority.HIGH] == DEFAULT_TARGETS[Priority.HIGH]
    assert targets[Priority.CRITICAL] == Targets(30, 120)
