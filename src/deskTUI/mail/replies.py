"""The new text of a reply: what its writer added, without the quoted history.

The history is found by mail-parser-reply (``mailparser_reply``): it knows the headers
Outlook puts over a quoted message in English and Spanish (``From: / Sent:``,
``De: / Enviado: / Para: / Asunto:``), Apple's and Gmail's English ``On … wrote:`` and
``-----Original Message-----``. Measured on its version 1.36, two gaps are filled here:

- its Spanish ``El … escribió:`` pattern never matches (its negative look-ahead repeats the
  pattern itself), so Gmail's and Thunderbird's Spanish replies kept their whole history;
  :data:`_WROTE` finds that line (Yahoo's "En lunes, … escribió:" and the English one
  too), also wrapped over two lines as Gmail writes a long one;
- Outlook's older Spanish separator ``-----Mensaje original-----``.

Its signature rule is not used: it cuts everything after any line that starts like a
closing ("Gracias,", "Saludos,", "- "), which would drop "Gracias, ya funciona" or a list a
client wrote. A signature is cut at the RFC 3676 delimiter ``-- `` and at a phone's
"Sent from my …" / "Enviado desde mi …" line only.
"""

from __future__ import annotations

import re

from mailparser_reply import EmailReplyParser  # type: ignore[import-untyped]

REPLY_SCAN_CHARS = 200_000
"""The new text of a reply is at its top: a multi-megabyte body is read this far."""

PROBE_LINES = 300
PROBE_LINE_CHARS = 120
_PARSER = EmailReplyParser(languages=["es", "en"])
_DEFUSE = re.compile(r"^((?:> ?)*)On\b", re.IGNORECASE)
_QUOTE = r"(?:> ?)*"
_WROTE = re.compile(
    rf"^[ \t]*{_QUOTE}(?:El|En|On)\s[^\n]{{1,300}}(?:\n[^\n]{{1,200}})?\s(?:escribió|escribio|wrote)\s?:[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
_SEPARATOR = re.compile(
    r"^[ \t]*-{3,}[ \t]*(?:Mensaje original|Original Message)[ \t]*-{3,}[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
_SIGNATURE = re.compile(
    r"^[ \t]*(?:-- ?|--|(?:Sent from my|Enviado desde mi|Get Outlook for|Obtener Outlook para)\b.*)$",
    re.MULTILINE | re.IGNORECASE,
)
_FORWARD = re.compile(
    r"^[ \t]*(?:-{3,}[ \t]*(?:Forwarded message|Mensaje reenviado)[ \t]*-{3,}"
    r"|(?:Begin forwarded message|Inicio del mensaje reenviado):)[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
_RULE_OR_QUOTE = re.compile(r"^(?:>.*|[_\-=*]{5,}|\s*)$")


def new_text(body: str) -> str:
    """The part of ``body`` its writer added above the quoted history, without signature.

    A forward keeps what it forwards ("---------- Forwarded message ---------"): that is
    what its sender wants the desk to read; only history found above the forward is cut.
    """
    text = body[:REPLY_SCAN_CHARS].replace("\r\n", "\n")
    forward = _FORWARD.search(text)
    if forward is None:
        return _cut_history(text)
    head = text[: forward.start()]
    cut = _cut_history(head)
    if cut != _cut_signature(head.strip()):
        return cut  # the forward is itself inside the quoted history
    return (cut + "\n\n" + text[forward.start() :].strip()).strip()


def _cut_history(text: str) -> str:
    for pattern in (_WROTE, _SEPARATOR):
        if (found := pattern.search(text)) is not None:
            text = text[: found.start()]
    return _cut_signature(_library_cut(text))


def _library_cut(text: str) -> str:
    """``text`` up to the history mail-parser-reply finds in it.

    Its regular expressions backtrack: a line of 800 blanks after "On" or "From:" costs
    it half a second, and it reads the whole text. So it is shown a probe: the first
    :data:`PROBE_LINES` lines, each cut to :data:`PROBE_LINE_CHARS` characters (headers
    and attributions are short), lines starting "On" defused (its English "On … wrote:"
    pattern scans across lines; :data:`_WROTE` has already cut a real one); the lines it
    keeps are then found in the original, which is cut after the last of them.
    """
    lines = text.split("\n")
    probe = [_DEFUSE.sub(r"\g<1>0n", line[:PROBE_LINE_CHARS]) for line in lines[:PROBE_LINES]]
    try:
        replies = _PARSER.read("\n".join(probe)).replies
    except (RecursionError, ValueError, IndexError):  # a regular expression gave up
        return text
    if len(replies) < 2:
        return text  # no history found in the probe
    kept = replies[0].full_body.split("\n")
    at = 0
    for want in kept:
        wanted = want.strip()
        while at < len(probe) and probe[at].strip() != wanted:
            at += 1  # a blank line or a rule the library dropped
        at += 1
    return "\n".join(lines[: min(at, len(probe))])


def _cut_signature(text: str) -> str:
    if (signature := _SIGNATURE.search(text)) is not None and signature.start() > 0:
        text = text[: signature.start()]
    lines = text.split("\n")
    while lines and _RULE_OR_QUOTE.match(lines[-1]):
        lines.pop()  # a quoted block, Outlook's line of underscores, blank lines
    return "\n".join(line.strip() for line in lines).strip()
