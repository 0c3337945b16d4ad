"""The case lifecycle (DOMAIN.md "Case lifecycle"): one table, its guards, its refusals.

``new → assigned → in_progress ⇄ on_hold → finished``; a supervisor or an admin
may also finish an assigned case (seed 004); ``cancelled`` from any open status;
``finished → in_progress`` reopens. Nothing returns to ``new`` and ``cancelled``
is terminal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from .enums import Status
from .permissions import Action, CaseRef, can, may_ever

if TYPE_CHECKING:
    from .people import User

S = Status


class MovableCase(CaseRef, Protocol):
    """A case as the lifecycle judges it: what the permission rules read, and its status."""

    @property
    def status(self) -> Status: ...


@dataclass(frozen=True)
class Rule:
    """One row of the lifecycle table."""

    action: Action
    """The permission that says who may take this transition."""
    note_required: bool = False
    solution_required: bool = False
    assignee_required: bool = False
    approved_quote_required: bool = False
    """Only for billable cases without a contract (who pays for the work)."""


TRANSITIONS: dict[tuple[Status, Status], Rule] = {
    (S.NEW, S.ASSIGNED): Rule(Action.ASSIGN_CASE, assignee_required=True),
    (S.ASSIGNED, S.ASSIGNED): Rule(Action.ASSIGN_CASE, assignee_required=True),
    (S.ASSIGNED, S.IN_PROGRESS): Rule(Action.START_WORK, approved_quote_required=True),
    (S.ON_HOLD, S.IN_PROGRESS): Rule(Action.START_WORK, approved_quote_required=True),
    (S.IN_PROGRESS, S.ON_HOLD): Rule(Action.HOLD_CASE, note_required=True),
    (S.ASSIGNED, S.FINISHED): Rule(Action.FINISH_ASSIGNED, solution_required=True),
    (S.IN_PROGRESS, S.FINISHED): Rule(Action.FINISH_CASE, solution_required=True),
    (S.ON_HOLD, S.FINISHED): Rule(Action.FINISH_CASE, solution_required=True),
    (S.FINISHED, S.IN_PROGRESS): Rule(Action.REOPEN_CASE, note_required=True),
    (S.NEW, S.CANCELLED): Rule(Action.CANCEL_CASE, note_required=True),
    (S.ASSIGNED, S.CANCELLED): Rule(Action.CANCEL_CASE, note_required=True),
    (S.IN_PROGRESS, S.CANCELLED): Rule(Action.CANCEL_CASE, note_required=True),
    (S.ON_HOLD, S.CANCELLED): Rule(Action.CANCEL_CASE, note_required=True),
}


def allowed_targets(status: Status) -> list[Status]:
    """Statuses the table allows from ``status``, in lifecycle order."""
    return [to for (frm, to) in TRANSITIONS if frm is status]


def targets_for(actor: User, case: MovableCase) -> list[Status]:
    """The statuses the table allows from the case's status that ``actor`` may take it to.

    A refusal lists these, not the whole table: an agent is never told a case "can go
    to cancelled" when only its supervisor may cancel it.
    """
    current = case.status
    return [
        to
        for (frm, to), rule in TRANSITIONS.items()
        if frm is current and can(actor, rule.action, case)
    ]


def rule_for(status: Status, target: Status) -> Rule | None:
    return TRANSITIONS.get((status, target))


def is_reopen(status: Status, target: Status) -> bool:
    return status is S.FINISHED and target is S.IN_PROGRESS


def may_move_some_case(actor: User, status: Status | None = None) -> bool:
    """Whether ``actor`` may change the status of some case (of some case in ``status``):
    a client only reopens, so on an open case they may not."""
    return any(
        may_ever(actor, rule.action)
        for (frm, _to), rule in TRANSITIONS.items()
        if (status is None or frm is status) and not rule.assignee_required
    )


def moves_for(actor: User, case: MovableCase) -> list[tuple[Status, Rule]]:
    """The status changes ``actor`` may offer on ``case`` now (assignment has its own action)."""
    current = case.status
    return [
        (to, rule)
        for (frm, to), rule in TRANSITIONS.items()
        if frm is current and not rule.assignee_required and can(actor, rule.action, case)
    ]
