"""A message's text and files: text/plain preferred, HTML converted, attachments kept.

HTML is never rendered: inscriptis turns it into plain text (see pyproject.toml for why it
and not html2text), and the text is then data like any other.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from email.message import Message

from ..domain.errors import ValidationError
from ..domain.files import display_name
from .charsets import decode_text
from .headers import one_line
from .incoming import MailAttachment

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
"""Control characters no letter needs (tab and newline are kept): an ESC in a body is an
attack on a terminal, a NUL truncates strings in C libraries; and lone surrogates, which
the desk's store refuses (``domain.values.clean_text``)."""
_TAGS = re.compile(r"<[^>]*>")
HTML_CHARS = 256 * 1024
"""HTML is converted this far: markup is some four times its text, so this gives about what
a comment or a description may hold (64 KiB by default). inscriptis took 4 s for 5 MB of
paragraphs and 3 s for a 3 MB table; under a second for this much."""
_NOT_FILES = frozenset({"message/delivery-status", "text/rfc822-headers"})
"""A bounce's machine-readable report: read by ``loops``, not a file for the case."""


def clean_body(text: str) -> str:
    """Newlines as ``\\n``, no control characters but tab and newline, no blanks at the ends."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub("", text).strip()


def html_text(markup: str) -> str:
    """HTML as the plain text a reader would see (no scripts, no styles, tables laid out)."""
    from inscriptis import get_text  # type: ignore[import-untyped]  # lxml: only for HTML mail

    try:
        return get_text(markup[:HTML_CHARS])
    except Exception:  # lxml's refusal of a broken document: the tags stripped is still text
        return html.unescape(_TAGS.sub(" ", markup))


@dataclass
class Contents:
    text: str = ""
    from_html: bool = False
    attachments: list[MailAttachment] = field(default_factory=list)


def _part_text(part: Message) -> str:
    raw = part.get_payload(decode=True)
    data = raw if isinstance(raw, bytes) else b""
    return decode_text(data, part.get_content_charset())


def _is_attachment(part: Message, kind: str) -> bool:
    disposition = (part.get_content_disposition() or "").lower()
    if disposition == "attachment" or kind not in ("text/plain", "text/html"):
        return True  # images, PDFs, a forwarded message/rfc822: files, inline or not
    # A text with a name is a file shown inline (Apple Mail's log.txt), not the letter.
    try:
        return bool(part.get_filename())
    except Exception:  # a malformed RFC 2231 name: still a name
        return True


def _filename(part: Message, kind: str, count: int) -> str:
    try:
        name = part.get_filename() or part.get_param("name", header="content-type") or ""
    except Exception:  # a malformed RFC 2231 parameter
        name = ""
    text = one_line(name) if isinstance(name, str) else ""
    if not text:
        extension = {"message/rfc822": ".eml", "text/html": ".html", "text/plain": ".txt"}.get(
            kind, ""
        )
        text = f"attachment-{count}{extension}"
    return display_name(text)


def contents(message: Message, attachment_bytes: int) -> Contents:
    """The text and the files of a parsed message. Raises ``ValidationError`` for a file
    larger than ``attachment_bytes`` (``read_message`` turns it into a refusal)."""
    found = Contents()
    plain: list[str] = []
    markup: list[str] = []
    pending: list[Message] = [message]
    while pending:  # depth-first, in the message's order, without recursion
        part = pending.pop(0)
        kind = part.get_content_type()
        if part.is_multipart() and kind.startswith("multipart/"):
            children = part.get_payload()
            pending[:0] = (
                [c for c in children if isinstance(c, Message)]
                if isinstance(children, list)
                else []
            )
            continue
        if kind in _NOT_FILES:
            continue
        if not _is_attachment(part, kind):
            # Apple Mail cuts a letter around its inline images: the pieces are one text.
            (plain if kind == "text/plain" else markup).append(_part_text(part))
            continue
        found.attachments.append(
            _attachment(part, kind, len(found.attachments) + 1, attachment_bytes)
        )
    text = "\n\n".join(piece.strip("\r\n") for piece in plain)
    if text.strip() or not markup:
        found.text = clean_body(text)
    else:
        found.text, found.from_html = clean_body(html_text("\n".join(markup))), True
    return found


def _attachment(part: Message, kind: str, count: int, limit: int) -> MailAttachment:
    name = _filename(part, kind, count)
    if kind.startswith("message/"):
        inner = part.get_payload()
        first = inner[0] if isinstance(inner, list) and inner else None
        content = first.as_bytes() if isinstance(first, Message) else b""
    else:
        raw = part.get_payload(decode=True)
        content = raw if isinstance(raw, bytes) else b""
    if len(content) > limit:
        raise ValidationError(
            "mail.attachment_too_large",
            "The attachment {name} is {size:,} bytes; the desk takes files of at most {limit:,} bytes",
            name=name,
            size=len(content),
            limit=limit,
        )
    content_id = one_line(str(part.get("content-id", "")))
    inline = (part.get_content_disposition() or "").lower() == "inline" or bool(content_id)
    return MailAttachment(name, kind, content, inline, content_id)
