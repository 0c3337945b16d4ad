"""The client's steps by reply (issue 22): the first line of a reply's new text as a command.

A client who has only e-mail approves a quote, rejects it, answers the survey or reopens a
finished case by writing one word (or one digit) on the first line of a reply. Anything
else is a plain comment: a command is recognised only when the first line *is* the
keyword, so "Aprobar no, prefiero esperar" stays a comment and approves nothing.

Letter case and accents do not matter (``aprobar``, ``Apróbar``, ``APROBAR.``), nor the
punctuation people put around a word (``¡APROBAR!``). What the command does, and whether
its sender may, is for the services to decide with the same checks as the TUI.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum


class CommandKind(StrEnum):
    APPROVE = "approve"
    """Approve the quote that waits for the client."""
    REJECT = "reject"
    """Reject the waiting quote; the reason is the rest of the message."""
    SURVEY = "survey"
    """Answer the survey with a score of 1 to 5; the rest of the message is its comment."""
    REOPEN = "reopen"
    """Reopen a finished case."""
    COMMENT = "comment"
    """No command: the whole text is a comment on the case."""


KEYWORDS: dict[str, CommandKind] = {
    "aprobar": CommandKind.APPROVE,
    "approve": CommandKind.APPROVE,
    "rechazar": CommandKind.REJECT,
    "reject": CommandKind.REJECT,
    "reabrir": CommandKind.REOPEN,
    "reopen": CommandKind.REOPEN,
}
"""The words a client may write, Spanish and English alike, without accents, lower case."""

_AROUND = " \t.,;:!¡?¿-–—*_\"'«»“”()"
"""What people put around a word without meaning anything by it: '¡APROBAR!', '*5*'."""
_SCORE = re.compile(
    r"^\s*[¡¿*_(\"']*([1-5])(?![.,:/]?\d)(?=[\s.,;:!?)*_\"'\-–—]|$)[\s.,;:!?)*_\"'\-–—]*(.*)$",
    re.DOTALL,
)
"""A lone digit 1–5 at the start of the first line, then perhaps a comment on the same line
('5 ¡Excelente!', '4. Bien', '3 - regular'); '10', '2.5', '3,5', '2:30', '5€' and '1st' are no score."""
_FIRST_WORD = re.compile(r"^[\W_]*(\w+)(.*)$", re.DOTALL)
"""The first word of a line, after any punctuation before it ('¡¡APROBAR!!')."""


@dataclass(frozen=True)
class MailCommand:
    kind: CommandKind
    text: str = ""
    """The comment (a plain comment's whole text, a survey answer's comment) or a
    rejection's reason; blank lines around it removed."""
    score: int | None = None
    """A survey answer's score, 1 to 5."""


def _plain(word: str) -> str:
    """``¡Apróbar!`` → ``aprobar``: no accents, no letter case, no punctuation around."""
    decomposed = unicodedata.normalize("NFKD", word.strip().strip(_AROUND))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def read_command(text: str) -> MailCommand:
    """What the new text of a reply asks for: a command on its first non-blank line, or
    the whole text as a comment."""
    body = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    first, _, rest = body.partition("\n")
    rest = rest.strip()
    if (score := _SCORE.match(first)) is not None:
        comment = "\n".join(part for part in (score.group(2).strip(), rest) if part)
        return MailCommand(CommandKind.SURVEY, comment, int(score.group(1)))
    head = _FIRST_WORD.match(first)
    kind = KEYWORDS.get(_plain(head.group(1))) if head else None
    if head is None or kind is None:
        return MailCommand(CommandKind.COMMENT, body)
    after = head.group(2).lstrip(_AROUND).rstrip()
    if kind is CommandKind.REJECT:
        # "RECHAZAR: es muy caro." or the reason on the lines below: both are the reason.
        return MailCommand(kind, "\n".join(part for part in (after, rest) if part))
    if after.strip(_AROUND):
        return MailCommand(CommandKind.COMMENT, body)  # "Aprobar no, prefiero…": a sentence
    return MailCommand(kind, rest)
