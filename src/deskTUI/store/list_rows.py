"""The case list's rows: the list columns of a page of cases, names joined, in one statement.

The page's ids come first (list_sql.page_ids, through the index of the list's order);
this reads what the list shows of those cases, whatever the size of the desk.
Plain text with ``?`` marks, run by a ``store.sql_executor`` ``Execute``, so the TUI's
bare ``sqlite3`` reader and a server's connection run the same statement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .list_reader import instant
from .sql_executor import Execute

_LINES = (
    "SELECT c.id, c.title, cl.name, c.priority, c.status, u.login, c.created_at, c.updated_at, "
    "c.first_response_at, c.resolved_at, c.closed_minutes FROM support_case c "
    "LEFT JOIN client cl ON cl.id = c.client_id LEFT JOIN desk_user u ON u.id = c.assignee_id "
    "WHERE c.id IN ({marks})"
)


@dataclass(frozen=True)
class CaseLine:
    """What the list shows of one case, as stored (its SLA not judged yet)."""

    id: int
    title: str
    client: str
    priority: str
    status: str
    assignee: str
    created_at: datetime
    updated_at: datetime
    first_response_at: datetime | None
    resolved_at: datetime | None
    closed_minutes: int


def case_lines(execute: Execute, ids: Sequence[int]) -> list[CaseLine]:
    """The lines of ``ids``, in the order of ``ids`` (a case gone meanwhile is left out)."""
    if not ids:
        return []
    found = {row[0]: row for row in execute(_LINES.format(marks=", ".join("?" * len(ids))), ids)}
    return [_line(found[case_id]) for case_id in ids if case_id in found]


def _line(row: tuple[Any, ...]) -> CaseLine:
    case_id, title, client, priority, status, login, created, updated, responded, resolved, closed = row  # fmt: skip
    created_at, updated_at = instant(created), instant(updated)
    assert created_at is not None and updated_at is not None  # NOT NULL columns
    return CaseLine(
        id=int(case_id),
        title=str(title),
        client=str(client or ""),
        priority=str(priority),
        status=str(status),
        assignee=str(login or ""),
        created_at=created_at,
        updated_at=updated_at,
        first_response_at=instant(responded),
        resolved_at=instant(resolved),
        closed_minutes=int(closed),
    )
