"""The inbox's sentences (issue 20): written once in English, read in the reader's language.

A notification is stored as English text (the database keeps one text whoever reads it,
and a supervisor and an agent may read the same desk in two languages). Each sentence the
desk writes is one template here; the reader's inbox matches the stored text against the
templates and says it again in their language with the same values. A text no template
matches (written by an older deskTUI) is shown as stored.
"""

from __future__ import annotations

import re
from functools import cache

from .. import words
from ..domain.enums import Priority
from ..i18n import N_, _

ASSIGNED = N_("{actor} assigned you {number}: {title}")
HANDED = N_("{actor} handed {number} to {person}")
MENTIONED = N_("{actor} mentioned you on {number}: {gist}")
SURVEY_OFFER = N_("{number} is finished: how did we do? Rate it from 1 to 5: {title}")
QUOTE_APPROVED = N_("The quote of {number} was approved")
QUOTE_REJECTED = N_("The quote of {number} was rejected")
RESPONSE_BREACHED = N_("{number} breached its first response target ({priority}): {title}")
RESOLUTION_BREACHED = N_("{number} breached its resolution target ({priority}): {title}")
TEMPLATES = (
    ASSIGNED,
    HANDED,
    MENTIONED,
    SURVEY_OFFER,
    QUOTE_APPROVED,
    QUOTE_REJECTED,
    RESPONSE_BREACHED,
    RESOLUTION_BREACHED,
)

KIND_WORDS = {
    "assignment": N_("assignment"),
    "escalation": N_("escalation"),
    "mention": N_("mention"),
    "quote": N_("quote"),
    "survey": N_("survey"),
}
"""A notification's kind (the ``kind`` column's code) as a reader's word."""

_FIELD = re.compile(r"\{(\w+)\}")


@cache
def _pattern(template: str) -> re.Pattern[str]:
    """The template as a pattern: each value the shortest text that fits, the last one
    the rest (a title or a comment's gist may hold any character)."""
    parts = _FIELD.split(template)
    names = parts[1::2]
    pattern = ""
    for i, literal in enumerate(parts[0::2]):
        pattern += re.escape(literal)
        if i < len(names):
            last = i == len(names) - 1 and not parts[2 * i + 2]
            pattern += f"(?P<{names[i]}>.*)" if last else f"(?P<{names[i]}>.*?)"
    return re.compile(pattern, re.DOTALL)


def notice_text(message: str) -> str:
    """The stored English ``message`` in the reader's language (as stored if no template
    wrote it)."""
    for template in TEMPLATES:
        found = _pattern(template).fullmatch(message)
        if found is None:
            continue
        values = found.groupdict()
        if "priority" in values:
            values["priority"] = words.word(Priority, values["priority"])
        return _(template).format(**values)
    return message


def kind_word(kind: str) -> str:
    """The kind's word in the reader's language (the code if it is none of the desk's)."""
    return _(KIND_WORDS[kind]) if kind in KIND_WORDS else kind
