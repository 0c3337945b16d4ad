"""One sanitizer for every string from data that reaches a terminal.

Titles, descriptions, comments, names and file names come from customers.
Control characters (an ESC starts a terminal escape sequence), DEL, C1
controls, and the bidirectional and zero-width characters that make text
read differently from what it is, are replaced by visible escapes. Newline
and tab are kept where the caller allows them.
"""

from __future__ import annotations

import re

_BIDI_AND_INVISIBLE = (
    "\u00ad\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
    "\U000e0000-\U000e007f\ud800-\udfff"
)
"""Soft hyphen, bidi marks and embeddings, zero-width and invisible operators, line and
paragraph separators, tag characters and lone surrogates: none should pass unseen."""
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI_AND_INVISIBLE}]")
_UNSAFE_ONE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI_AND_INVISIBLE}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"<U+{code:04X}>"


def safe(text: object, *, one_line: bool = False) -> str:
    """``text`` with every unsafe character shown as an escape (``\\x1b``, ``<U+202E>``)."""
    value = "" if text is None else str(text)
    pattern = _UNSAFE_ONE_LINE if one_line else _UNSAFE
    return pattern.sub(_escape, value)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # beyond the BMP, JSON writes the UTF-16 surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def safe_json(document: str) -> str:
    """A JSON document (``json.dumps(..., ensure_ascii=False)``) with every unsafe character
    inside its strings written as a ``\\uXXXX`` escape: the same data for a program, nothing
    a terminal obeys (``json`` escapes C0 controls itself, but not DEL, C1 such as the
    one-byte CSI U+009B, bidi overrides, or lone surrogates, which no terminal can even be sent).
    Newlines and tabs between the tokens are the document's own layout and are kept.
    """
    return _UNSAFE.sub(_json_escape, document)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a CSV cell as a formula (OWASP's list)."""


def _looks_like_formula(text: str) -> bool:
    """A formula start, after any leading quotes: the cells ``to_spreadsheet`` quotes."""
    return text.lstrip("'").startswith(FORMULA_STARTS)


def to_spreadsheet(text: str) -> str:
    """A CSV cell a spreadsheet shows as text: one quote before anything that starts like a
    formula (``=HYPERLINK(...)``, ``+cmd|...``), so opening the file runs nothing.

    A cell that already starts with quotes before such a start gets one more, so that
    :func:`from_spreadsheet` can take exactly one away again: the round trip is exact for
    every text, and a quote in front of anything else (``'tis``) is left alone both ways.
    """
    return "'" + text if _looks_like_formula(text) else text


def from_spreadsheet(cell: str) -> str:
    """The text :func:`to_spreadsheet` made ``cell`` from (``from_spreadsheet(to_spreadsheet(t))
    == t`` for every ``t``)."""
    return cell[1:] if cell.startswith("'") and _looks_like_formula(cell) else cell
