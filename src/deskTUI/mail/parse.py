"""One incoming message read: :func:`read_message` gives :class:`Incoming` or :class:`Refused`.

Mail is hostile input. Before the standard library parses a message (``email``, with
``policy.default``), its bytes are measured and its MIME structure counted without parsing:
a message of thousands of parts, or of parts nested thousands deep (a "MIME bomb"), is
refused in one pass over the bytes and little memory, since the parser would build an
object for every part and recurse once for every level. What passes is parsed and walked
without recursion; every limit then has its own refusal code.
"""

from __future__ import annotations

import hashlib
import re
from email import policy
from email.message import Message
from email.parser import BytesParser

from ..domain.errors import ValidationError
from . import loops
from .bodies import contents
from .headers import addresses, date_of, decoded, first, message_ids, raw_headers, unique
from .incoming import Incoming, Refused
from .limits import MailLimits
from .replies import new_text

REFERENCES_KEPT = 50
_BOUNDARY = re.compile(
    rb"""boundary\s*=\s*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))""", re.IGNORECASE
)
_MESSAGE_ID_FIELD = re.compile(
    rb"^message-id[ \t]*:[ \t]*(?:\r?\n[ \t]+)?(<[\x21-\x3b\x3d\x3f-\x7e]{1,900}>)",
    re.IGNORECASE | re.MULTILINE,
)
_MESSAGE_PART = re.compile(
    rb"^content-type[ \t]*:[ \t]*(?:\r?\n[ \t]+)?message/", re.IGNORECASE | re.MULTILINE
)


_WRITERS_FIELDS = ("from", "to", "cc", "date", "subject")
"""What the writer's program wrote, unlike the trace fields every server on the way adds
(Received, Return-Path, Delivered-To, spam scores)."""


def synthetic_id(raw: bytes, headers: dict[str, list[str]]) -> str:
    """A Message-ID for a message that has none, from the writer's fields and the body: the
    same message always gets the same one, also when it arrived by another way (a pipe
    from the MTA, then IMAP) with other trace fields."""
    digest = hashlib.sha256()
    for name in _WRITERS_FIELDS:
        for value in headers.get(name, []):
            digest.update(f"{name}:{value}\n".encode("utf-8", "surrogateescape"))
    digest.update(raw[_header_size(raw) :].lstrip(b"\r\n"))
    return f"<sha256-{digest.hexdigest()[:40]}@desktui.invalid>"


def _header_size(raw: bytes) -> int:
    """Bytes before the blank line that ends the message's header (all of them if none)."""
    ends = [at for at in (raw.find(b"\n\n"), raw.find(b"\r\n\r\n"), raw.find(b"\r\r")) if at >= 0]
    return min(ends) if ends else len(raw)


def _too_many_parts(most: int) -> ValidationError:
    return ValidationError(
        "mail.too_many_parts",
        "The message has more than {most:,} parts; the desk reads at most {most:,}",
        most=most,
    )


def _count_parts(raw: bytes, most: int) -> int:
    """How many MIME parts ``raw`` can hold at most, counted without parsing it: the lines
    that start with one of its declared boundaries, and each message/* part (they nest
    without boundaries). Past ``most`` the count is only "more than ``most``".

    Plain byte counts come first (C speed: 40 MB in a few milliseconds); the regular
    expressions run only when those say there may be too many parts.
    """
    lower = raw.lower()
    boundaries: set[bytes] = set()
    at = lower.find(b"boundary")
    while at >= 0:
        if (found := _BOUNDARY.match(raw, at)) is not None:
            boundaries.add(b"--" + (found.group(1) or found.group(2)))
            if len(boundaries) > most:
                return len(boundaries)
        at = lower.find(b"boundary", at + 8)
    count = 0
    if boundaries and raw.count(b"\n--") + 1 > most:
        pattern = b"^(?:" + b"|".join(re.escape(b) for b in boundaries) + b")"
        for _found in re.finditer(pattern, raw, re.MULTILINE):
            count += 1
            if count > 2 * most + 2:
                break
        count //= 2  # a part and its nested multipart's closing line, at most two lines each
    elif boundaries:
        count = raw.count(b"\n--") + 1
    if lower.count(b"message/") > most:
        for _found in _MESSAGE_PART.finditer(raw):
            count += 1
            if count > most:
                break
    return count


def _structure(message: Message, limits: MailLimits) -> Refused | None:
    """The parsed message's parts and depth against the limits, walked without recursion."""
    parts = 0
    pending: list[tuple[Message, int]] = [(message, 0)]
    while pending:
        part, depth = pending.pop()
        parts += 1
        if parts > limits.parts:
            return Refused(_too_many_parts(limits.parts))
        if depth > limits.depth:
            return Refused(
                ValidationError(
                    "mail.too_deep",
                    "The message nests parts more than {most} deep; the desk reads at most {most}",
                    most=limits.depth,
                )
            )
        payload = part.get_payload()
        if isinstance(payload, list):
            pending.extend((child, depth + 1) for child in payload if isinstance(child, Message))
    return None


def read_message(raw: bytes, limits: MailLimits | None = None) -> Incoming | Refused:
    """What one RFC 5322 message says, or why the desk will not read it. Never raises.

    A refusal carries the message's Message-ID too (found in its header without parsing it,
    or made from its bytes), so that the same refused message is recognised next time."""
    limits = limits or MailLimits()
    if (refusal := _before_parsing(raw, limits)) is not None:
        return Refused(refusal, _quick_id(raw))
    try:
        return _read(raw, limits)
    except ValidationError as error:
        return Refused(error, _quick_id(raw))
    except Exception as error:  # the last guard: a parser bug must not stop the intake
        return Refused(
            ValidationError(
                "mail.unreadable",
                "The message could not be read ({problem})",
                problem=type(error).__name__,
            ),
            _quick_id(raw),
        )


def _before_parsing(raw: bytes, limits: MailLimits) -> ValidationError | None:
    """The limits measured on the bytes alone: size, header, parts."""
    if len(raw) > limits.total_bytes:
        return ValidationError(
            "mail.too_large",
            "The message is {size:,} bytes; the desk reads messages of at most {most:,} bytes",
            size=len(raw),
            most=limits.total_bytes,
        )
    if not raw.strip():
        return ValidationError("mail.empty", "The message is empty")
    if (header := _header_size(raw)) > limits.header_bytes:
        return ValidationError(
            "mail.header_too_large",
            "The message's header is {size:,} bytes; the desk reads headers of at most {most:,} bytes",
            size=header,
            most=limits.header_bytes,
        )
    if _count_parts(raw, limits.parts) > limits.parts:
        return _too_many_parts(limits.parts)
    return None


def _quick_id(raw: bytes) -> str:
    """The Message-ID in the first 64 KiB of the header, else one made from all the bytes."""
    head = raw[: min(_header_size(raw), 65_536)]
    if (found := _MESSAGE_ID_FIELD.search(head)) is not None:
        return found.group(1).decode("ascii", "replace")
    return f"<sha256-{hashlib.sha256(raw).hexdigest()[:40]}@desktui.invalid>"


def _read(raw: bytes, limits: MailLimits) -> Incoming | Refused:
    message = BytesParser(policy=policy.default).parsebytes(raw)
    headers = raw_headers(message)
    ids = message_ids(first(headers, "message-id"))
    message_id = ids[0] if ids else synthetic_id(raw, headers)
    senders = addresses(headers.get("from", []))
    sender_name, sender = senders[0] if senders else ("", "")
    marks = loops.loop_marks(headers, sender, message)
    subject = decoded(first(headers, "subject"))[: limits.text.title_chars].strip()
    if (refusal := _structure(message, limits)) is not None:
        return Refused(refusal.error, message_id)  # a bomb: nobody to answer
    if not senders:
        return Refused(
            ValidationError("mail.no_sender", "The message has no sender address (From)"),
            message_id,
        )
    try:
        found = contents(message, limits.attachment_bytes)
    except ValidationError as error:
        return Refused(error, message_id, sender, subject, automatic=bool(marks))
    bounce = None
    if {loops.MAILER_DAEMON, loops.DELIVERY_REPORT} & set(marks):
        bounce = loops.read_bounce(message, headers, found.text)
    reply = new_text(found.text)
    body, body_cut = _cut(found.text, limits.text.description_bytes)
    reply, reply_cut = _cut(reply, limits.text.comment_bytes)
    recipients = [
        address
        for name in ("to", "cc", "delivered-to", "x-original-to")
        for _display, address in addresses(headers.get(name, []))
    ]
    in_reply_to = message_ids(first(headers, "in-reply-to"))
    return Incoming(
        message_id=message_id,
        synthetic_id=not ids,
        in_reply_to=in_reply_to[0] if in_reply_to else "",
        references=_thread(
            unique(i for v in headers.get("references", []) for i in message_ids(v))
        ),
        sender=sender,
        sender_name=sender_name,
        reply_to=unique(address for _n, address in addresses(headers.get("reply-to", []))),
        recipients=unique(recipients),
        subject=subject,
        date=date_of(first(headers, "date")),
        body_text=body,
        reply_text=reply,
        from_html=found.from_html,
        attachments=tuple(found.attachments),
        loop_marks=marks,
        bounce=bounce,
        text_cut=body_cut or reply_cut,
        defects=unique(type(d).__name__ for part in message.walk() for d in part.defects),
    )


def _thread(references: tuple[str, ...]) -> tuple[str, ...]:
    """The first reference (the thread's start) and the last :data:`REFERENCES_KEPT` - 1
    (the latest: where the desk's own notices are), as RFC 5322 allows a long list trimmed."""
    if len(references) <= REFERENCES_KEPT:
        return references
    return (references[0], *references[-(REFERENCES_KEPT - 1) :])


def _cut(text: str, most: int) -> tuple[str, bool]:
    """``text`` cut to ``most`` bytes of UTF-8 at a character's end."""
    data = text.encode("utf-8")
    if len(data) <= most:
        return text, False
    return data[:most].decode("utf-8", "ignore").rstrip(), True
