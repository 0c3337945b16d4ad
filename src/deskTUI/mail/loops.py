"""Messages no person wrote: auto-replies, lists, bounces. The desk never answers them and
never opens a case for them (an answer to an auto-reply is how two robots write to each
other forever). Each reason is a stable code, kept on the message for the log.
"""

from __future__ import annotations

import re
from email.message import Message
from email.parser import HeaderParser

from .headers import addresses, first, message_ids, one_line, unique
from .incoming import Bounce

AUTO_SUBMITTED = "auto_submitted"
"""``Auto-Submitted`` other than ``no`` (RFC 3834): auto-replied, auto-generated."""
PRECEDENCE = "precedence"
"""``Precedence: bulk``, ``junk``, ``list`` or ``auto_reply``: what vacation programs honour."""
AUTOREPLY = "autoreply"
"""``X-Autoreply``, ``X-Autorespond`` or Exchange's ``X-MS-Exchange-Inbox-Rules-Loop`` (a
forwarding rule's copy): an auto-responder's own mark."""
MAILING_LIST = "mailing_list"
"""``List-Id`` (RFC 2919): a list's copy. Answering would write to everyone on the list."""
MAILER_DAEMON = "mailer_daemon"
"""From ``mailer-daemon@`` or ``postmaster@``: a mail server's report."""
NULL_SENDER = "null_sender"
"""``Return-Path: <>``: sent from the null sender, as RFC 5321 and RFC 3834 have every
bounce and auto-reply sent, so that nothing ever answers it."""
DELIVERY_REPORT = "delivery_report"
"""A ``multipart/report; report-type=delivery-status`` (RFC 3464, RFC 6522): a bounce."""
REPORT = "report"
"""Another ``multipart/report``: a read receipt (RFC 8098) or a feedback report."""

_WORD = re.compile(r"[a-z0-9_-]+")
_AUTOMATIC_PRECEDENCE = frozenset({"bulk", "junk", "list", "auto_reply"})
_DAEMONS = frozenset({"mailer-daemon", "postmaster", "mail-daemon", "mailerdaemon"})
_AUTOREPLY_FIELDS = ("x-autoreply", "x-autorespond", "x-ms-exchange-inbox-rules-loop")
_MESSAGE_ID_LINE = re.compile(r"^message-id:[ \t]*(<[^<>\s]{1,900}>)", re.IGNORECASE | re.MULTILINE)


def loop_marks(headers: dict[str, list[str]], sender: str, message: Message) -> tuple[str, ...]:
    """Why this message is automatic, in a fixed order; empty when a person wrote it."""
    marks = []
    auto = _first_word(first(headers, "auto-submitted"))
    if auto and auto != "no":
        marks.append(AUTO_SUBMITTED)
    if _first_word(first(headers, "precedence")) in _AUTOMATIC_PRECEDENCE:
        marks.append(PRECEDENCE)
    if any(name in headers for name in _AUTOREPLY_FIELDS):
        marks.append(AUTOREPLY)
    if "list-id" in headers:
        marks.append(MAILING_LIST)
    if sender.rpartition("@")[0] in _DAEMONS:
        marks.append(MAILER_DAEMON)
    if any(path.strip() in ("<>", "") for path in headers.get("return-path", [])):
        marks.append(NULL_SENDER)
    if message.get_content_type() == "multipart/report":
        kind = _first_word(str(message.get_param("report-type", "", header="content-type")))
        marks.append(DELIVERY_REPORT if kind == "delivery-status" else REPORT)
    return tuple(marks)


def _first_word(value: str) -> str:
    """``auto-replied (vacation)`` → ``auto-replied``; ``No`` → ``no``."""
    found = _WORD.match(one_line(value).lower())
    return found.group(0) if found else ""


def read_bounce(message: Message, headers: dict[str, list[str]], body_text: str) -> Bounce:
    """The original Message-ID and the failed recipients a bounce reports, as far as it does."""
    failed: list[str] = []
    status = ""
    original = ""
    for part in message.walk():
        kind = part.get_content_type()
        if kind == "message/delivery-status":
            for block in _status_blocks(part):
                action = one_line(str(block.get("action", "failed"))).lower()
                recipient = str(
                    block.get("final-recipient", "") or block.get("original-recipient", "")
                )
                if action != "failed" or not recipient:
                    continue
                failed.extend(
                    address for _name, address in addresses([recipient.rpartition(";")[2]])
                )
                status = status or one_line(str(block.get("status", "")))
        elif kind in ("message/rfc822", "message/global", "text/rfc822-headers") and not original:
            original = _original_id(part)
    failed.extend(address for _name, address in addresses(headers.get("x-failed-recipients", [])))
    if not original:
        # A bounce without a report (qmail, some Exims) quotes the original's headers in its text.
        own = message_ids(first(headers, "message-id"))
        quoted = [found for found in _MESSAGE_ID_LINE.findall(body_text) if found not in own]
        original = quoted[0] if quoted else ""
    return Bounce(original, unique(failed), status)


def _status_blocks(part: Message) -> list[Message]:
    payload = part.get_payload()
    if isinstance(payload, list):
        return [block for block in payload if isinstance(block, Message)]
    raw = part.get_payload(decode=True)  # a report whose blocks the parser left as text
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(payload)
    return [HeaderParser().parsestr(block) for block in re.split(r"\n\s*\n", text) if block.strip()]


def _original_id(part: Message) -> str:
    payload = part.get_payload()
    if isinstance(payload, list) and payload and isinstance(payload[0], Message):
        inner = payload[0]
        ids = message_ids(str(inner.get("message-id", "")))
        return ids[0] if ids else ""
    raw = part.get_payload(decode=True)
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(payload)
    found = _MESSAGE_ID_LINE.search(text)
    return found.group(1) if found else ""
