"""How much a person may send the desk at once: limits an admin may change.

A title is a line in a list; a description or a comment is a letter, not a
dump: a 1 MB title would make every list page, log line and export carry it.
The limits here are what the desk accepts from people *now* (settings
``limits.<name>``, whole numbers); the entities themselves refuse only what
is past the :data:`CEILINGS`, so text stored under an older, larger limit
still loads after an admin lowers one.

Sizes of long text are counted in bytes of UTF-8 (what the database, an
export and a terminal carry); a title in characters (what a list shows).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

from .errors import ValidationError, concerning
from .marks import N_

KIB = 1024
MIB = 1024 * KIB


_CEILING = {
    # The width of the title column: a server database (PostgreSQL) enforces it, and a
    # wider limit there would let a save reach the server only to be refused by it.
    "title_chars": 200,
    "description_bytes": 1 * MIB,
    "comment_bytes": 1 * MIB,
}


@dataclass(frozen=True)
class Limits:
    """What one title, description or comment may be. (Attachments have their own limits,
    kept and enforced by the files service: settings ``files.*``.)"""

    title_chars: int = 200
    """Characters in a case title (after surrounding blanks are stripped)."""
    description_bytes: int = 64 * KIB
    """Bytes of UTF-8 in a case description."""
    comment_bytes: int = 64 * KIB
    """Bytes of UTF-8 in one comment."""

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            ceiling = _CEILING[f.name]
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValidationError(
                    "limits.positive",
                    "The limit {name} must be a whole number of at least 1, not {value!r}",
                    name=f.name,
                    value=value,
                )
            if value > ceiling:
                raise ValidationError(
                    "limits.ceiling",
                    "The limit {name} can be at most {ceiling:,}, not {value:,}",
                    name=f.name,
                    ceiling=ceiling,
                    value=value,
                )

    # -- checks: each raises a sentence naming the field, the limit and the size ------------
    def check_title(self, text: object, field: str = N_("title")) -> None:
        check_chars(text, field, self.title_chars)

    def check_description(self, text: object, field: str = N_("description")) -> None:
        check_bytes(text, field, self.description_bytes)

    def check_comment(self, text: object, field: str = N_("comment")) -> None:
        check_bytes(text, field, self.comment_bytes)

    def check_case(self, values: Mapping[str, object]) -> None:
        """The title and description among ``values`` (a new case, or an edit's changes)."""
        if "title" in values:
            with concerning("title"):
                self.check_title(values["title"])
        if "description" in values:
            with concerning("description"):
                self.check_description(values["description"])


CEILINGS = Limits(**_CEILING)
"""The most an admin may allow, and what the entities refuse past whatever the settings say
(text stored under the desk's earlier limits — 200 characters of title, 100,000 characters
of description, 50,000 of comment — fits under them, so old cases still load)."""

DEFAULT_LIMITS = Limits()

SETTING_PREFIX = "limits."
"""Settings ``limits.title_chars``, ``limits.description_bytes``, ... hold an admin's values."""

NAMES = tuple(f.name for f in fields(Limits))


def limits_from_settings(stored: Mapping[str, str]) -> Limits:
    """The limits an admin set (settings ``limits.<name>``), the defaults for the rest."""
    changed: dict[str, int] = {}
    for name in NAMES:
        raw = stored.get(SETTING_PREFIX + name)
        if raw:
            changed[name] = parse_limit(name, raw)
    return replace(DEFAULT_LIMITS, **changed)


def parse_limit(name: str, value: object) -> int:
    """A limit as an admin types it: ``200``, ``65536``, ``64KiB``, ``1 MiB``."""
    if name not in NAMES:
        raise ValidationError(
            "limits.unknown",
            "{name!r} is not a limit: the limits are {names}",
            name=name,
            names=", ".join(NAMES),
        )
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value).strip().replace("_", "").replace(",", "")
    scale = 1
    for suffix, factor in (("kib", KIB), ("mib", MIB), ("k", KIB), ("m", MIB)):
        if text.lower().endswith(suffix):
            text, scale = text[: -len(suffix)].strip(), factor
            break
    if not text.isascii() or not text.isdigit():
        raise ValidationError(
            "limits.number",
            "The limit {name} must be a whole number (like 200, 65536 or 64KiB), not {value!r}",
            name=name,
            value=value,
        )
    return int(text) * scale


def _size(count: int) -> str:
    if count >= MIB:
        return f"{count:,} bytes ({count / MIB:.1f} MiB)"
    if count >= KIB:
        return f"{count:,} bytes ({count / KIB:.1f} KiB)"
    return f"{count:,} bytes"


def _text(value: object) -> str:
    return ("" if value is None else str(value)).strip()


def check_chars(value: object, field: str, limit: int) -> None:
    """Refuse ``value`` if it has more than ``limit`` characters, saying how many it has."""
    length = len(_text(value))
    if length > limit:
        raise ValidationError(
            "text.too_long",
            "The {field} is {length:,} characters long; at most {max_len:,} are allowed",
            field=field,
            length=length,
            max_len=limit,
        )


def check_bytes(value: object, field: str, limit: int) -> None:
    """Refuse ``value`` if its UTF-8 is more than ``limit`` bytes, saying how large it is."""
    text = _text(value)
    if len(text) * 4 <= limit:  # no character is more than 4 bytes: nothing to count
        return
    size = len(text.encode("utf-8", "surrogatepass"))  # lone surrogates are refused elsewhere
    if size > limit:
        raise ValidationError(
            "text.too_large",
            "The {field} is {size} of text; at most {limit} are allowed",
            field=field,
            size=_size(size),
            limit=_size(limit),
        )
