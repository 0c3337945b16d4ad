"""The agenda's periods (day, week, month) and what makes an item stand out.

Periods are in the operator's calendar: a week runs Monday to Sunday (ISO,
as in Latin America's business calendars), a month from its first to its
last day. An item is *overdue* when its time has passed and nobody said what
happened (an event still planned after its end, a task not completed after
its due date); it is *today's* when it falls on the operator's today.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta
from enum import StrEnum

from .calendar import CalendarTask, Event
from .enums import EventStatus, TaskStatus
from .marks import N_


class Span(StrEnum):
    DAY = N_("day")  # the agenda's title names the span: marked for the catalogue
    WEEK = N_("week")
    MONTH = N_("month")


def period(day: date, span: Span) -> tuple[date, date]:
    """The first and last day (inclusive) of the period of ``span`` that holds ``day``."""
    if span is Span.DAY:
        return day, day
    if span is Span.WEEK:
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    last = calendar.monthrange(day.year, day.month)[1]
    return day.replace(day=1), day.replace(day=last)


def shift(day: date, span: Span, steps: int) -> date:
    """A day ``steps`` periods away: the next week, the previous month…"""
    if span is Span.DAY:
        return day + timedelta(days=steps)
    if span is Span.WEEK:
        return day + timedelta(weeks=steps)
    month_index = day.year * 12 + day.month - 1 + steps
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def event_overdue(event: Event, now: datetime) -> bool:
    return event.status is EventStatus.PLANNED and event.end <= now


def task_overdue(task: CalendarTask, today: date) -> bool:
    return task.status is not TaskStatus.COMPLETED and task.due < today
