"""SLA clocks of cases, the targets admins set, and once-only escalation of breaches."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from ..domain.enums import LogKind, Priority, Role, SlaTarget, Status
from ..domain.errors import PermissionDenied
from ..domain.people import User
from ..domain.permissions import Action, can, require
from ..domain.sla import SlaFields as SlaFields
from ..domain.sla import Targets, due_escalations, late_before
from ..domain.sla import state_of as state_of
from ..domain.values import case_number, one_of
from ..store.repositories import SlaFacts
from ..store.uow import UnitOfWork
from .common import acting, sla_targets
from .mail_notices import StaffNotice, queue_to_staff
from .notices import RESOLUTION_BREACHED, RESPONSE_BREACHED

_ESCALATION_COLUMN = {
    SlaTarget.FIRST_RESPONSE: "escalated_response_at",
    SlaTarget.RESOLUTION: "escalated_resolution_at",
}


def set_targets(uow: UnitOfWork, actor: User, priority: Priority | str, targets: Targets) -> None:
    set_all_targets(uow, actor, {priority: targets})


def set_all_targets(
    uow: UnitOfWork, actor: User, targets: Mapping[Priority | str, Targets]
) -> None:
    """Change the targets of several priorities at once: all of them, or none."""
    with uow:
        actor = acting(uow, actor)
        require(actor, Action.MANAGE_SETTINGS)
        for priority, pair in targets.items():
            level = _priority(priority)
            uow.settings.set(f"sla.{level.value}.first_response", str(pair.first_response))
            uow.settings.set(f"sla.{level.value}.resolution", str(pair.resolution))
        uow.commit()


def _priority(value: Priority | str) -> Priority:
    return one_of(Priority, value, "sla.priority", "{value!r} is not a priority: {choices}")


def get_targets(uow: UnitOfWork) -> dict[Priority, Targets]:
    with uow:
        return sla_targets(uow)


@dataclass(frozen=True)
class Escalation:
    case_id: int
    target: SlaTarget
    notified: tuple[str, ...]

    @property
    def number(self) -> str:
        return case_number(self.case_id)


ESCALATION_BATCH = 200
"""Breaches escalated per transaction: a first sweep over an old desk may find thousands,
and a SQLite desk has one writer at a time."""


def escalate_breaches(uow: UnitOfWork, actor: User | None = None) -> list[Escalation]:
    """Escalate every breach not escalated yet: notify the area's supervisors, log it.

    Safe to run from many terminals at once: each breach is claimed by one
    conditional UPDATE, so only one sweep notifies. Reads only the cases that may
    have breached (``escalation_candidates``), and writes in short transactions.
    """
    with uow:
        if actor is not None and not can(acting(uow, actor), Action.ESCALATE_BREACHES):
            raise PermissionDenied(
                "sla.client",
                "{login} is a client; escalation sweeps are run by the desk",
                login=actor.login,
            )
        targets = sla_targets(uow)
        now = uow.now()
        candidates = uow.cases.escalation_candidates(
            late_before(targets, now), {p.value: t.first_response for p, t in targets.items()}
        )
    done: list[Escalation] = []
    for start in range(0, len(candidates), ESCALATION_BATCH):
        with uow:
            for facts in uow.cases.sla_facts(candidates[start : start + ESCALATION_BATCH]):
                done += _escalate(uow, facts, targets, now)
            uow.commit()
    return done


def _escalate(
    uow: UnitOfWork, facts: SlaFacts, targets: dict[Priority, Targets], now: datetime
) -> list[Escalation]:
    """The breaches of one case not escalated yet, each claimed, told and logged once."""
    status, priority = Status(facts.status), Priority(facts.priority)
    state = state_of(facts, targets, now)
    done = []
    for target in due_escalations(
        state, status, facts.escalated_response_at, facts.escalated_resolution_at
    ):
        if not uow.cases.mark_escalated(facts.id, _ESCALATION_COLUMN[target], now):
            continue  # another terminal's sweep claimed it first
        # An area nobody supervises escalates to the admins: a breach no one hears is
        # no escalation.
        supervisors = uow.users.supervisors_of(facts.area_id) or [
            u for u in uow.users.list(Role.ADMIN) if u.active
        ]
        breached = RESPONSE_BREACHED if target is SlaTarget.FIRST_RESPONSE else RESOLUTION_BREACHED
        number = case_number(facts.id)
        values = {"number": number, "priority": priority, "title": facts.title}
        for supervisor in supervisors:
            uow.notifications.add(
                supervisor.id,  # type: ignore[arg-type]
                facts.id,
                "escalation",
                breached.format(**values),
                now,
            )
            queue_to_staff(
                uow, supervisor, StaffNotice.ESCALATION, case_id=facts.id, title=facts.title,
                sentence=breached, values=values,
            )  # fmt: skip
        names = ", ".join(s.login for s in supervisors) or "nobody"
        uow.log.record(
            facts.id, now, None, LogKind.ESCALATION, field=target.value, new=f"escalated to {names}"
        )
        done.append(Escalation(facts.id, target, tuple(s.login for s in supervisors)))
    return done
