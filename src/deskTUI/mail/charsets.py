"""Bytes in a declared charset as text: exact when the declaration is right, replacement
characters (U+FFFD) where it is wrong, never an exception."""

from __future__ import annotations

import codecs

_WHATWG_ALIASES = {
    # The WHATWG Encoding Standard (what every browser and mail reader does): a message
    # labelled latin-1 or ascii is read as windows-1252, which agrees with them on every
    # printable byte and gives Outlook's curly quotes and dashes (0x80–0x9F) instead of
    # invisible C1 control characters.
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
}


def decode_text(data: bytes, charset: str | None) -> str:
    """``data`` read in ``charset``; an unknown or non-text charset reads as UTF-8."""
    label = (charset or "us-ascii").strip().strip('"').lower()
    try:
        name = codecs.lookup(label).name
    except (LookupError, ValueError):
        name = "utf-8"
    name = _WHATWG_ALIASES.get(name, name)
    try:
        return data.decode(name, errors="replace")
    except (LookupError, UnicodeError, ValueError):  # 'base64', 'idna': no text codec
        return data.decode("utf-8", errors="replace")
