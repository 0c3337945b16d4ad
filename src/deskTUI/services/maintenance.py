"""Database health: backups, and checks that the data still obeys the desk's rules."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from ..domain.contracts import LedgerEntry, LedgerKind, outstanding_post
from ..domain.enums import Status
from ..domain.people import User
from ..domain.permissions import Action, require
from ..domain.values import case_number
from ..store.maintenance import (
    Backup,
    backup_sqlite,
    collect_file_store,
    file_store_report,
    integrity_problems,
)
from ..store.uow import UnitOfWork
from .common import acting


def backup(
    uow: UnitOfWork,
    actor: User,
    target: Path,
    on_progress: Callable[[int, int], None] | None = None,
) -> Backup:
    """The desk's database and the attachment contents it points to, as a desk of its own."""
    with uow:
        require(acting(uow, actor), Action.MANAGE_SETTINGS)
    return backup_sqlite(uow.db, target, on_progress)


def ledger_problems(entries: list[LedgerEntry], statuses: dict[int, Status]) -> list[str]:
    """Every way the contract ledger can disagree with the cases it counts."""
    problems: list[str] = []
    by_id = {e.id: e for e in entries}
    by_case: dict[int, list[LedgerEntry]] = defaultdict(list)
    for entry in entries:
        by_case[entry.case_id].append(entry)
        if entry.kind is LedgerKind.REVERSAL:
            post = by_id.get(entry.reverses_id)
            if post is None or post.kind is not LedgerKind.POST:
                problems.append(f"ledger entry {entry.id} reverses nothing that was posted")
            elif (
                post.units != -entry.units
                or post.case_id != entry.case_id
                or post.contract_id != entry.contract_id
            ):
                problems.append(
                    f"ledger entry {entry.id} does not reverse entry {post.id} exactly "
                    f"({entry.units} against {post.units})"
                )
    for case_id, case_entries in by_case.items():
        net = sum((e.units for e in case_entries), Decimal(0))
        status = statuses.get(case_id)
        number = case_number(case_id)
        if status is None:
            problems.append(f"the ledger counts {number}, which does not exist")
        elif status is Status.FINISHED:
            post = outstanding_post(case_entries, case_id)
            if post is None or net != post.units:
                problems.append(
                    f"{number} is finished but the ledger counts it {net} instead of once"
                )
        elif net != 0:
            problems.append(f"{number} is {status.value} yet the ledger still counts {net} for it")
    return problems


def check(uow: UnitOfWork, actor: User, *, now: float | None = None) -> list[str]:
    """All problems found; an empty list means the desk is consistent.

    Read in one snapshot that holds nothing (a read-only unit of work of the same desk):
    operators may go on working, and a finish committed meanwhile is seen whole or not
    at all, never its status without its ledger entry.
    """
    with UnitOfWork(uow.db, clock=uow.clock, readonly=True) as uow:
        require(acting(uow, actor), Action.MANAGE_SETTINGS)
        problems = integrity_problems(uow.db)
        store = file_store_report(uow.db, now=now)
        if store is not None:
            assert uow.db.files_dir is not None
            problems += store.problems(uow.db.files_dir)
        entries: list[LedgerEntry] = []
        for contract in uow.contracts.list():
            assert contract.id is not None
            entries += uow.contracts.ledger(contract.id)
        case_ids = {e.case_id for e in entries}
        statuses = {i: uow.cases.get(i).status for i in case_ids if uow.cases.exists(i)}
        return problems + ledger_problems(entries, statuses)


def repair(uow: UnitOfWork, actor: User, *, now: float | None = None) -> list[str]:
    """Collect what the file store holds for no one: orphan blobs, interrupted writes, links.

    Only what is older than the grace period goes (younger may be an attach in
    progress); what rows point to is never touched. The answer says what went.
    """
    with uow:
        require(acting(uow, actor), Action.MANAGE_SETTINGS)
    return collect_file_store(uow.db, now=now)
