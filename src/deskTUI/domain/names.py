"""When two names of the desk's records are the same name: "Soporte" and "soporte", "Área"
and "ÁREA", "Mesa  de ayuda" and "Mesa de ayuda".

One folding for every engine: the store keeps it beside the name (``name_key``, migration
0022) under a unique index, so the database itself refuses a second "soporte" however the
two writers raced, and finds "ÁREA" as "área" whatever PostgreSQL's LC_CTYPE (its
``lower()`` leaves "Á" alone under the C locale; SQLite's knows only ASCII).

Accents stay: "Año" and "Ano" are two words in Spanish, and the services always told
them apart.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

KEY_BYTES_MAX = 480
"""The longest key kept as text: a 120-character name can fold to far more (NFKC writes
U+FDFA as 18 letters), past what a PostgreSQL index entry holds (about 2,700 bytes)."""


_NEVER_STORED = re.compile("[\x00\ud800-\udfff]")


def never_stored(name: str) -> bool:
    """A NUL or a lone surrogate (bytes of a shell argument that were not UTF-8): every
    write refuses them (``values.clean_text``), so no record has such a name, and the
    drivers refuse to send one even to compare (an error, not "no such")."""
    return _NEVER_STORED.search(name) is not None


def fold_name(name: str) -> str:
    """The name as compared: compatibility forms unified (NFKC: "ﬁ" is "fi", a full-width
    "Ａ" is "A"), letter case folded ("ß" is "ss"), blank runs one space, ends trimmed."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def name_key(name: str) -> str:
    """What the store keeps in ``name_key``: the folded name, or for a fold too long to
    index, its SHA-256 (still one key per folded name, found the same way). The prefix is
    in capitals, which no folded name holds, so no name's key can be another's hash."""
    folded = fold_name(name)
    encoded = folded.encode("utf-8", "surrogatepass")
    if len(encoded) <= KEY_BYTES_MAX:
        return folded
    return "SHA256:" + hashlib.sha256(encoded).hexdigest()
