"""Agenda periods: a day, an ISO week (Monday to Sunday), a calendar month."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from deskTUI.domain.agenda import Span, event_overdue, period, shift, task_overdue
from deskTUI.domain.calendar import CalendarTask, Event
from deskTUI.domain.enums import EventStatus, TaskStatus

WEDNESDAY = date(2026, 3, 4)


@pytest.mark.parametrize(
    ("span", "first", "last"),
    [
        (Span.DAY, date(2026, 3, 4), date(2026, 3, 4)),
        (Span.WEEK, date(2026, 3, 2), date(2026, 3, 8)),
        (Span.MONTH, date(2026, 3, 1), date(2026, 3, 31)),
    ],
)
def test_a_period_holds_the_day_from_its_first_to_its_last_day(span, first, last) -> None:
    assert period(WEDNESDAY, span) == (first, last)


def test_february_ends_on_its_real_last_day() -> None:
    assert period(date(2028, 2, 10), Span.MONTH) == (date(2028, 2, 1), date(2028, 2, 29))


@pytest.mark.parametrize(
    ("day", "span", "steps", "expected"),
    [
        (WEDNESDAY, Span.DAY, -1, date(2026, 3, 3)),
        (WEDNESDAY, Span.WEEK, 1, date(2026, 3, 11)),
        (date(2026, 1, 31), Span.MONTH, 1, date(2026, 2, 28)),  # no 31 February
        (date(2026, 1, 15), Span.MONTH, -1, date(2025, 12, 15)),  # across the year
    ],
)
def test_moving_by_periods_lands_on_a_real_day(day, span, steps, expected) -> None:
    assert shift(day, span, steps) == expected


def event(status: EventStatus, end_hour: int) -> Event:
    return Event(
        title="Llamar al cliente",
        kind="call",
        start=datetime(2026, 3, 4, end_hour - 1, tzinfo=UTC),
        end=datetime(2026, 3, 4, end_hour, tzinfo=UTC),
        owner_id=1,
        status=status,
    )


def test_a_planned_event_whose_end_has_passed_is_overdue_until_someone_says_what_happened():
    now = datetime(2026, 3, 4, 12, tzinfo=UTC)
    assert event_overdue(event(EventStatus.PLANNED, 11), now)
    assert not event_overdue(event(EventStatus.PLANNED, 13), now)
    assert not event_overdue(event(EventStatus.HELD, 11), now)
    assert not event_overdue(event(EventStatus.NOT_HELD, 11), now)


def test_a_task_is_overdue_after_its_due_day_unless_completed() -> None:
    task = CalendarTask(title="Enviar presupuesto", due=date(2026, 3, 3), owner_id=1)
    assert task_overdue(task, WEDNESDAY)
    assert not task_overdue(task, date(2026, 3, 3))
    task.status = TaskStatus.COMPLETED
    assert not task_overdue(task, WEDNESDAY)
