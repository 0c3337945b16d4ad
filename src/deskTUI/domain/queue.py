"""Próximos Casos a Ejecutar (seed 001): the order an agent should work their cases in."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from .enums import Priority


@dataclass(frozen=True)
class QueueItem:
    case_id: int
    breached: bool
    priority: Priority
    level: int
    planned_close: date | None
    created_at: datetime


def queue_key(item: QueueItem) -> tuple[int, int, int, date, datetime, int]:
    """SLA breach first, then priority, level (higher first), planned close, age."""
    return (
        0 if item.breached else 1,
        -item.priority.rank,
        -item.level,
        item.planned_close or date.max,
        item.created_at,
        item.case_id,
    )


def next_to_execute(items: Iterable[QueueItem]) -> list[QueueItem]:
    return sorted(items, key=queue_key)
