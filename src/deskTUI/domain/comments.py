"""Comments on a case: internal notes for staff, public ones the client sees too."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from .enums import Role, Visibility
from .errors import PermissionDenied
from .limits import CEILINGS
from .values import clean_text

COMMENT_MAX = CEILINGS.comment_bytes
"""The most any comment may be (UTF-8 bytes); the desk's ``Limits.comment_bytes`` is what
people may send now, checked where they send it."""


@dataclass
class Comment:
    case_id: int
    author_id: int
    body: str
    visibility: Visibility
    created_at: datetime
    id: int | None = None

    def __post_init__(self) -> None:
        self.body = clean_text(
            self.body, "comment", required=True, max_len=COMMENT_MAX, max_bytes=COMMENT_MAX
        )
        self.visibility = Visibility(self.visibility)

    @property
    def public(self) -> bool:
        return self.visibility is Visibility.PUBLIC


def check_client_visibility(role: Role, visibility: Visibility) -> None:
    """A client writes to the desk in public: they cannot leave an internal note."""
    if role is Role.CLIENT and visibility is Visibility.INTERNAL:
        raise PermissionDenied(
            "comment.client_internal",
            "Clients can only write public comments; internal notes are for staff",
        )


def visible_to(role: Role, comments: Iterable[Comment]) -> list[Comment]:
    """What a user of ``role`` may read: clients see public comments only."""
    if role is Role.CLIENT:
        return [c for c in comments if c.public]
    return list(comments)
