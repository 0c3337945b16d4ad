"""The names of a case query turned into row ids before the list's SQL is built.

``client:"Acme SA"`` becomes ``client_id = 7`` (and can lead an index); ``contract:`` and
``contact:`` take an id or a name, as people know them (``contract:12``,
``contract:"Bolsa de horas 2026"``, ``contact:"María Pérez"``). Plain text and DB-API
parameters, like list_sql.py, which builds the WHERE from these ids.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..domain.names import name_key, never_stored
from ..domain.query import CaseQuery
from ..domain.query_words import NO_LINK, fold

Execute = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]
"""Runs one statement with its parameters and returns every row."""

Ids = dict[int, frozenset[int | None]]
"""For each condition (by position in the query) naming rows, the ids of those rows."""

NAMED = {
    "client": "client",
    "area": "area",
    "category": "category",
    "project": "project",  # issue 21: records now, found by name as areas are
    "service": "service",
}
"""Keys whose values are names of rows of one table."""

BY_ID_OR_NAME = {"contract": "contract", "contact": "contact"}
"""Keys whose values are ids or names (contracts and contacts share names across clients,
so a name may stand for several rows)."""

OPTIONAL_LINKS = frozenset({"project", "service", "contract", "contact"})
"""Links a case may lack, so ``project:none`` means "no project" (the board's "no project"
row opens that list)."""

_ID_DIGITS = 18
"""An id has at most 18 digits (below 2**63): a longer number can only be a name."""


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))


def _by_name(execute: Execute, table: str, values: frozenset[str]) -> set[int | None]:
    """The records so named, by their folded name (``name_key``, migration 0022): the same
    on both engines, whatever PostgreSQL's LC_CTYPE."""
    # A NUL or a lone surrogate names nothing, and the drivers refuse it even to compare.
    keys = sorted({name_key(name) for name in values if not never_stored(name)})
    if not keys:
        return set()
    rows = execute(f"SELECT id FROM {table} WHERE name_key IN ({_marks(keys)})", keys)
    return {row[0] for row in rows}


def _by_id_or_name(execute: Execute, table: str, values: frozenset[str]) -> set[int | None]:
    found = _by_name(execute, table, values)
    numbers = sorted(
        {int(v) for v in values if v.isascii() and v.isdigit() and len(v) <= _ID_DIGITS}
    )
    if numbers:
        rows = execute(f"SELECT id FROM {table} WHERE id IN ({_marks(numbers)})", numbers)
        found |= {row[0] for row in rows}
    return found


def _assignees(execute: Execute, values: frozenset[str], me: int | None) -> set[int | None]:
    ids: set[int | None] = set()
    if values & {"none", "unassigned"}:
        ids.add(None)
    if "me" in values and me is not None:
        ids.add(me)
    logins = sorted(values - {"none", "unassigned", "me"})
    if logins:
        rows = execute(f"SELECT id FROM desk_user WHERE login IN ({_marks(logins)})", logins)
        ids |= {row[0] for row in rows}
    return ids


def resolve_names(execute: Execute, query: CaseQuery, me: int | None) -> Ids:
    """The ids behind the names in ``query``; a name that matches nothing gives no id."""
    out: Ids = {}
    for position, cond in enumerate(query.conditions):
        if cond.key in NAMED:
            out[position] = frozenset(_by_name(execute, NAMED[cond.key], cond.values))
        elif cond.key in BY_ID_OR_NAME:
            out[position] = frozenset(_by_id_or_name(execute, BY_ID_OR_NAME[cond.key], cond.values))
        if cond.key in OPTIONAL_LINKS and any(fold(v) in NO_LINK for v in cond.values):
            out[position] = out[position] | {None}
        elif cond.key in ("assignee", "reporter"):  # logins, "me" and "none" alike
            out[position] = frozenset(_assignees(execute, cond.values, me))
    return out
