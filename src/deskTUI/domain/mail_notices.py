"""The notices the desk writes by e-mail (issue 22): which kinds a client receives, which a
staff member may choose, and how a staff member's choice is typed and stored.

A staff member's choice is stored as a comma list of codes (``assignment,mention``), the
empty text meaning none; ``all`` and ``none`` are what people type for the whole list.
"""

from __future__ import annotations

from enum import StrEnum

from .errors import ValidationError


class ClientNotice(StrEnum):
    """What the desk tells a case's contact by e-mail."""

    OPENED = "opened"
    """The case was registered: its number, and that a reply adds to it."""
    COMMENT = "comment"
    """A public comment of the staff that they chose to e-mail."""
    QUOTE = "quote"
    """A quote waits for the client's answer: APROBAR, or RECHAZAR and a reason."""
    FINISHED = "finished"
    """The case was finished, with its solution."""
    SURVEY = "survey"
    """The satisfaction survey: a digit from 1 to 5 in reply."""


class StaffNotice(StrEnum):
    """What a staff member may ask to receive by e-mail too (the inbox has them all): the
    same codes as the desk's notifications of those kinds."""

    ASSIGNMENT = "assignment"
    ESCALATION = "escalation"
    MENTION = "mention"


EVERY_STAFF_NOTICE = frozenset(StaffNotice)
"""The choice made when a staff member's address is first set: all of them."""

_ALL, _NONE = "all", "none"


def parse_staff_notices(text: str) -> frozenset[StaffNotice]:
    """``assignment,mention`` / ``all`` / ``none`` (letter case and blanks aside) as a set
    of kinds; an unknown kind is refused in a sentence naming the choices."""
    words = [w.strip().casefold() for w in (text or "").split(",")]
    words = [w for w in words if w]
    if words == [_ALL]:
        return EVERY_STAFF_NOTICE
    if words == [_NONE] or not words:
        return frozenset()
    chosen = set()
    for word in words:
        try:
            chosen.add(StaffNotice(word))
        except ValueError:
            raise ValidationError(
                "mail.notice_kind",
                "{value!r} is not a kind of notice: write assignment, escalation or mention, "
                "separated by commas, or all, or none",
                value=word[:40],
            ) from None
    return frozenset(chosen)


def stored_notices(kinds: frozenset[StaffNotice]) -> str:
    """The stored form: codes in a fixed order, comma-separated ("" for none)."""
    return ",".join(kind.value for kind in StaffNotice if kind in kinds)


def read_stored_notices(stored: str) -> frozenset[StaffNotice]:
    """The stored form read back; a code no deskTUI writes is passed over (a notice not
    sent rather than a desk that cannot read its people)."""
    kinds = set()
    for word in (stored or "").split(","):
        try:
            kinds.add(StaffNotice(word.strip()))
        except ValueError:
            continue
    return frozenset(kinds)
