"""Header fields as the desk keeps them: one-line text, addresses, Message-IDs, a date.

Every field is read from its raw value (``Message.raw_items``) and decoded here with the
standard library's tolerant helpers, never through ``policy.default``'s header objects:
those parse on access and some malformed headers make them raise (a stranger's message
must give a value or a refusal, never a traceback).
"""

from __future__ import annotations

import email.header
import email.policy
import email.utils
import re
import unicodedata
from collections.abc import Iterable
from datetime import UTC, datetime
from email.message import Message

from .charsets import decode_text

ADDRESS_FIELD_CHARS = 16_384
"""An address field is read this far (some 500 addresses): the standard library's address
parser takes 3.6 s for a To of 20,000, and the desk's own address is also in Delivered-To."""
ONE_LINE_CHARS = 65_536
"""A one-line field is read this far (a Message-ID list of some 1,000; nothing a person
writes on one line is longer)."""
DECODED_CHARS = 4_096
"""A subject or a name is decoded this far: a title keeps 200 characters, and the standard
library's RFC 2047 decoder is quadratic (500,000 encoded words took eight minutes)."""
_BLANKS = re.compile(r"\s+")
_ASCII_CONTROLS = re.compile("[\x00-\x1f\x7f]")
_MESSAGE_ID = re.compile(r"<([^<>\s]{1,900})>")
_BARE_ID = re.compile(r"^[^<>\s@]{1,500}@[^<>\s@]{1,400}$")
_ANGLE_ADDRESS = re.compile(r"<([^<>\s@]{1,200}@[^<>\s@]{1,200})>")
_HEADER_FACTORY = email.policy.default.header_factory
_ESCAPED = re.compile("[\udc80-\udcff]")


def raw_headers(message: Message) -> dict[str, list[str]]:
    """Each field's raw values by lower-case name, in their order."""
    found: dict[str, list[str]] = {}
    for name, value in message.raw_items():
        found.setdefault(name.strip().lower(), []).append(eight_bit(str(value)))
    return found


def eight_bit(value: str) -> str:
    """A header written in raw 8-bit bytes (RFC 6532 allows UTF-8; old programs wrote
    latin-1), which the parser keeps as escapes, as text: UTF-8 if it is, else windows-1252."""
    if not _ESCAPED.search(value):
        return value
    data = value.encode("utf-8", "surrogateescape")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return decode_text(data, "windows-1252")


def one_line(text: str) -> str:
    """Text for one line: every control character (CR and LF first: a header injection's
    tool) and every run of blanks becomes one space; format characters (bidi, zero width)
    are dropped. Read up to :data:`ONE_LINE_CHARS`."""
    text = text[:ONE_LINE_CHARS]
    if text.isascii():
        return _BLANKS.sub(" ", _ASCII_CONTROLS.sub(" ", text)).strip()
    kept = []
    for ch in text:
        kind = unicodedata.category(ch)
        if kind == "Cc" or ch in "\u2028\u2029":
            kept.append(" ")
        elif kind in ("Cf", "Cs", "Co", "Cn") and ch not in "\u00ad":
            continue
        else:
            kept.append(ch)
    return _BLANKS.sub(" ", "".join(kept)).strip()


def decoded(value: str) -> str:
    """An RFC 2047 value (``=?iso-8859-1?Q?Cotizaci=F3n?=``) as text, on one line; a word in
    an unknown charset or broken encoding is kept as it was written. Read up to
    :data:`DECODED_CHARS`, cut between two words."""
    if len(value) > DECODED_CHARS:
        value = value[: max(value.rfind(" ", 0, DECODED_CHARS), DECODED_CHARS // 2)]
    try:
        parts = email.header.decode_header(value)
    except Exception:  # a malformed encoded word: the raw text is still the best reading
        return one_line(value)
    text = []
    for chunk, charset in parts:
        if isinstance(chunk, str):
            text.append(chunk)
            continue
        text.append(decode_text(chunk, charset or "us-ascii"))
    return one_line("".join(text))


def first(headers: dict[str, list[str]], name: str) -> str:
    values = headers.get(name, [])
    return values[0] if values else ""


def addresses(values: Iterable[str]) -> list[tuple[str, str]]:
    """(display name, lower-case address) of every mailbox in the given header values;
    anything that is not ``local@domain`` is left out."""
    found: list[tuple[str, str]] = []
    for value in values:
        if len(value) > ADDRESS_FIELD_CHARS:  # cut between two addresses, never inside one
            value = value[: max(value.rfind(",", 0, ADDRESS_FIELD_CHARS), 0)]
        for name, address in _mailboxes(value):
            address = address.strip().lower()
            local, at, domain = address.rpartition("@")
            if at and local and domain and " " not in address and len(address) <= 320:
                found.append((one_line(name), address))
    return found


def _mailboxes(value: str) -> list[tuple[str, str]]:
    """The standard library's reading of an address list (RFC 5322 and RFC 2047 names)."""
    try:
        header = _HEADER_FACTORY("to", value)
        return [(a.display_name, a.addr_spec) for a in header.addresses]
    except Exception:
        pass
    # It refuses some hostile values outright (a name whose encoded words hide CR/LF, made
    # to look like a Bcc line): then the angle-bracketed addresses are the addresses.
    bracketed = _ANGLE_ADDRESS.findall(value)
    if bracketed:
        names = _ANGLE_ADDRESS.split(value)[::2]
        return [
            (decoded(name.strip(' ,"')), address)
            for name, address in zip(names, bracketed, strict=False)
        ]
    try:
        return [(decoded(n), a) for n, a in email.utils.getaddresses([one_line(value)])]
    except Exception:
        return []


def unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for item in items if item))


def message_ids(value: str) -> list[str]:
    """The ``<id>``s in an In-Reply-To or References value, in order; a bare ``id@host``
    (some programs drop the brackets) is given them."""
    text = one_line(value)
    found = [f"<{m}>" for m in _MESSAGE_ID.findall(text)]
    if not found and _BARE_ID.match(text):
        found = [f"<{text}>"]
    return found


def date_of(value: str) -> datetime | None:
    """The Date field as an aware moment (``-0000``, "zone unknown", is read as UTC)."""
    try:
        moment = email.utils.parsedate_to_datetime(one_line(value)) if value else None
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return moment.replace(tzinfo=UTC) if moment and moment.tzinfo is None else moment
