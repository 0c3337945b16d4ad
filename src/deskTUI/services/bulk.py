"""Bulk actions for supervisors: the same action on many cases, each checked on its own.

Every case gets its own short transaction, so one refusal (a case of another
area, a cancelled case) refuses that case only and says why; the rest are done.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..domain.errors import DomainError
from ..domain.people import User
from ..domain.values import case_number
from ..store.uow import UnitOfWork
from . import cases


@dataclass(frozen=True)
class BulkResult:
    number: str
    done: bool
    reason: str = ""


def _each(case_ids: Iterable[int], action: Callable[[int], Any]) -> list[BulkResult]:
    results = []
    for case_id in case_ids:
        try:
            action(case_id)
        except DomainError as error:
            results.append(BulkResult(case_number(case_id), False, str(error)))
        else:
            results.append(BulkResult(case_number(case_id), True))
    return results


def bulk_assign(
    new_uow: Callable[[], UnitOfWork],
    actor: User,
    case_ids: Iterable[int],
    assignee: str,
    note: str = "",
) -> list[BulkResult]:
    return _each(case_ids, lambda i: cases.assign_case(new_uow(), actor, i, assignee, note))


def bulk_move(
    new_uow: Callable[[], UnitOfWork],
    actor: User,
    case_ids: Iterable[int],
    target: str,
    note: str = "",
) -> list[BulkResult]:
    return _each(case_ids, lambda i: cases.move_case(new_uow(), actor, i, target, note=note))


def bulk_priority(
    new_uow: Callable[[], UnitOfWork], actor: User, case_ids: Iterable[int], priority: str
) -> list[BulkResult]:
    return _each(case_ids, lambda i: cases.edit_case(new_uow(), actor, i, {"priority": priority}))
