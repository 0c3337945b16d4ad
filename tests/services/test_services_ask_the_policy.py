"""The services decide no permission by the acting user's role (issue 19, item 4).

Who may do what is ``domain/permissions.py``'s: a service asks it (``require``, ``can``,
``may_ever``, ``can_read_calendar``, ``can_read_area_agenda``, ``report_areas``), so a
change to who may do X is made in one place. A service that reads the acting user's role
or ``is_staff`` by hand, or compares any role with ``Role.…``, spells that rule again.

What stays is listed below, each with why it is not a permission decision (or has no
helper in the policy yet): a line that is neither here nor in the policy fails."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from deskTUI import services

SERVICES = Path(services.__file__).parent

BY_HAND = re.compile(
    r"\b(?:actor|me|viewer)\.is_staff\b"  # the acting user's kind, tested by hand
    r"|\b(?:actor|me|viewer)\.role\s*(?:==|!=|\bis\b|\bin\b|\bnot\b)"  # their role, compared
    r"|(?:==|!=|\bis\b|\bin\b)\s*\(?\s*Role\.",  # any role compared with a Role member
)
"""Handing ``actor.role`` to a domain rule (``visible_to``) or a sentence is asking, not
deciding: only comparisons count."""

LEFT: dict[tuple[str, str], str] = {
    # What a client sees of the desk's records (their account's only): a visibility rule
    # with no helper in the policy yet (contracts have one: permissions.account_reach).
    (
        "views.py",
        "staff = [u for u in uow.users.list() if u.is_staff and u.active] if actor.is_staff "
        "else []",
    ): "the new-case form offers a client no staff to choose (visibility, no helper)",
    ("admin.py", "if not actor.is_staff:"): (
        "visible_clients: a client user sees their own account (visibility, no helper)"
    ),
    (
        "notifications.py",
        "return visibility_scope(actor) if actor.role is Role.CLIENT else None",
    ): "whose inbox follows their sight of cases: a client's; staff keep a hand-over's notice",
    ("case_comments.py", "if public and actor.is_staff and case.first_response_at is None:"): (
        "the SLA's first response is the staff's first public reply: a domain rule, not who "
        "may comment (COMMENT_PUBLIC is asked before)"
    ),
    (
        "board.py",
        "and user.role in (Role.AGENT, Role.SUPERVISOR)",
    ): "who works an area (the board's rows), a fact about other users, not the actor's right",
}


def by_hand() -> Counter[tuple[str, str]]:
    """Each (module, line) that decides by role, counted: a second copy of a line left
    below (``if not actor.is_staff:`` in another function) is a new decision."""
    found: Counter[tuple[str, str]] = Counter()
    for path in sorted(SERVICES.rglob("*.py")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if BY_HAND.search(line):
                found[(path.relative_to(SERVICES).as_posix(), line.strip())] += 1
    return found


def test_no_service_decides_by_the_acting_users_role_outside_the_reasoned_list():
    assert by_hand() - Counter(list(LEFT)) == Counter()


def test_every_line_left_to_decide_by_role_is_still_there():
    """The list shrinks as the policy grows: a line gone from the code leaves it too."""
    assert Counter(list(LEFT)) - by_hand() == Counter()
