"""Comments on a case: internal notes for staff, public ones the client sees too."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from .enums import Role, Visibility
from .errors import PermissionDenied
from .limits import CEILINGS
from .marks import N_
from .permissions import Action, CaseRef, can
from .values import clean_text

if TYPE_CHECKING:
    from .people import User

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
            self.body, N_("comment"), required=True, max_len=COMMENT_MAX, max_bytes=COMMENT_MAX
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


# -- mentions ---------------------------------------------------------------------

_MENTION = re.compile(r"@([A-Za-z0-9_.-]+)")
"""``@`` and what could be a login after it; the boundaries are checked by hand below."""

_LOGIN = re.compile(r"[a-z_][a-z0-9_.-]{0,31}")
"""A desk login (``people.parse_login``)."""

_JOINS_BEFORE = frozenset("._-+@")
"""Before an ``@``, these (and letters and digits) make it an e-mail address: ana@x.com."""


MOST_MENTIONS = 20
"""People one comment may notify: the first twenty named. A comment naming hundreds is
a broadcast, not a mention, and each one costs a look-up inside the comment's write."""


def mentioned_logins(body: str, *, author: str | None = None) -> list[str]:
    """The logins ``@login`` names in ``body``, each once, in order of first mention, the
    first ``MOST_MENTIONS`` of them.

    - ``@`` starts the text or follows a character that no e-mail address has before
      its ``@`` (space, punctuation, brackets): ``ana@example.com`` names nobody.
    - The login ends where a login's characters end; a trailing ``.`` or ``-`` is the
      sentence's (``thanks @ana.``), so a login that ends in one cannot be mentioned.
      What follows must not be a letter, a digit or ``@`` (``@ana@example.com`` is an
      address, ``@anaé`` no login).
    - Logins are lowercase: ``@Ana`` names ``ana``. Longer than 32 characters, or not
      starting with a letter or ``_``: no login, no mention.
    - The author naming themselves notifies nobody.
    """
    found: dict[str, None] = {}  # ordered, and a look-up is constant time
    for match in _MENTION.finditer(body):
        if len(found) == MOST_MENTIONS:
            break
        before = body[match.start() - 1] if match.start() else " "
        if before.isalnum() or before in _JOINS_BEFORE:
            continue
        after = body[match.end() : match.end() + 1]
        if after and (after.isalnum() or after in "_@"):
            continue
        login = match.group(1).rstrip(".-").lower()
        if _LOGIN.fullmatch(login) and login != author:
            found[login] = None
    return list(found)


def can_read(user: User, case: CaseRef, visibility: Visibility) -> bool:
    """Whether ``user`` may read a comment of ``visibility`` on ``case``: an internal note
    only staff working the case (clients never), a public one whoever sees the case."""
    action = Action.VIEW_INTERNAL if visibility is Visibility.INTERNAL else Action.VIEW_CASE
    return can(user, action, case)
