"""Who an activity (seed 001's Actividad) may be logged for: its Ejecutor.

"Colocamos el Ejecutor de la Actividad, por lo general, se trata del mismo Ejecutor
del Caso": an agent logs their own work; whoever may edit the case (its area's
supervisor, an admin) may log it for the staff who work the case's area. The time
dialog offers :func:`executors_for`; the service checks :func:`check_executor`; both
say the same, from the policy.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import time
from typing import TYPE_CHECKING

from .case_checks import check_works_in_area
from .errors import ValidationError
from .marks import N_
from .people import User
from .permissions import Action, can, require

if TYPE_CHECKING:
    from .case import Case


def may_log_for_others(actor: User, case: Case) -> bool:
    """A supervisor of the case or an admin (EDIT_CASE) logs time for their staff."""
    return can(actor, Action.EDIT_CASE, case)


def check_executor(actor: User, case: Case, person: User) -> None:
    """``actor`` may log time on ``case`` as done by ``person``; the sentence if not."""
    if person.id != actor.id:
        require(actor, Action.EDIT_CASE, case)
    if not person.is_staff:
        raise ValidationError(
            "time.executor_not_staff",
            "{login} is a client; only staff log time",
            login=person.login,
        )
    check_works_in_area(case, person, N_("log time on"))


def executors_for(actor: User, case: Case, people: Iterable[User]) -> list[User]:
    """The people ``actor`` may name as the executor of an activity on ``case``: the
    actor first, then (for those who may log for others) the active staff of its area
    and the admins, by login."""
    if not may_log_for_others(actor, case):
        return [actor]
    others = []
    for person in people:
        if person.id == actor.id:
            continue
        try:
            check_executor(actor, case, person)
        except ValidationError:
            continue
        others.append(person)
    return [actor, *sorted(others, key=lambda p: p.login)]


def check_clock_order(start: time, end: time) -> None:
    """An activity's H/Inicio and H/Fin are of one day: an end before the start is either
    a slip or work past midnight, which is two activities, one on each day (taking it as
    the next day's would log 22 h for a 10:30–09:00 typed backwards). Times written with
    an offset (the second 01:15 of a night the clocks go back) are left to the instants'
    own check: their wall clocks may run backwards rightly."""
    if start.tzinfo is None and end.tzinfo is None and end < start:
        raise ValidationError(
            "time.end_before_start_clock",
            "The end time {end} is before the start time {start}; for work past midnight, "
            "log two activities: until midnight, then from midnight on the next day",
            end=f"{end:%H:%M}",
            start=f"{start:%H:%M}",
        )
