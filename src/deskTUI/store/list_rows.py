"""The case list's rows: the list columns of a page of cases, names joined, in one statement.

The page's ids come first (list_sql.page_ids, through the index of the list's order);
this reads what the list shows of those cases, whatever the size of the desk.
Plain text with ``?`` marks, run by a ``store.sql_executor`` ``Execute``, so the TUI's
bare ``sqlite3`` reader and a server's connection run the same statement.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .list_reader import instant
from .sql_executor import Execute

_LINES = (
    "SELECT c.id, c.title, cl.name, c.priority, c.status, u.login, c.created_at, c.updated_at, "
    "c.first_response_at, c.resolved_at, c.closed_minutes{more} FROM support_case c "
    "LEFT JOIN client cl ON cl.id = c.client_id LEFT JOIN desk_user u ON u.id = c.assignee_id"
    "{joins} WHERE c.id IN ({marks})"
)
_CHOSEN = {"contract": (", c.contract_id, k.name", " LEFT JOIN contract k ON k.id = c.contract_id")}
"""Columns an operator may choose that cost a join: read only when shown (issue 21)."""


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
    contract: str = ""
    """The contract's name (its id when it has none); read only when the column shows."""


def case_lines(execute: Execute, ids: Sequence[int], columns: Iterable[str] = ()) -> list[CaseLine]:
    """The lines of ``ids``, in the order of ``ids`` (a case gone meanwhile is left out);
    ``columns``: the list's shown columns, so a costly one is read only when shown."""
    if not ids:
        return []
    chosen = [_CHOSEN[c] for c in sorted(set(columns) & _CHOSEN.keys())]
    statement = _LINES.format(
        more="".join(c[0] for c in chosen),
        joins="".join(c[1] for c in chosen),
        marks=", ".join("?" * len(ids)),
    )
    found = {row[0]: row for row in execute(statement, ids)}
    return [_line(found[case_id]) for case_id in ids if case_id in found]


def _line(row: tuple[Any, ...]) -> CaseLine:
    case_id, title, client, priority, status, login, created, updated, responded, resolved, closed = row[:11]  # fmt: skip
    contract = ""
    if len(row) > 11 and row[11] is not None:  # the contract column is shown
        contract = str(row[12] or row[11])
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
        contract=contract,
    )


def stored_columns(execute: Execute, user_id: int | None) -> str | None:
    """The operator's stored choice of the list's columns (None: the default)."""
    rows = execute("SELECT list_columns FROM operator_preference WHERE user_id = ?", [user_id])
    return rows[0][0] if rows else None
