"""What a finished or cancelled case still takes, for offering keys (the case's own guards,
``Case.ensure_changeable`` and ``ensure_open_for_time``, refuse the rest in the services).

A cancelled case is a historical record: no one assigns, comments, logs time, plans or
sets its payment any more. A finished case takes comments and its payment, but no time
until it is reopened (DOMAIN.md, the lifecycle).
"""

from __future__ import annotations

from .enums import Status
from .permissions import Action

CHANGES_THE_CASE = frozenset(
    {
        Action.ASSIGN_CASE,
        Action.COMMENT_PUBLIC,
        Action.COMMENT_INTERNAL,
        Action.LOG_TIME,
        Action.SCHEDULE,
        Action.SET_PAYMENT,
    }
)
"""The case keys' actions that change the case, which a cancelled case refuses."""


def still_takes(status: Status, action: Action) -> bool:
    """Whether a case in ``status`` still takes ``action``."""
    if status is Status.CANCELLED:
        return action not in CHANGES_THE_CASE
    if status is Status.FINISHED:
        return action is not Action.LOG_TIME
    return True
