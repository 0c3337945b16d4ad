"""What the desk reads from one incoming message: :class:`Incoming`, or :class:`Refused`.

Plain values, no behaviour: :func:`deskTUI.mail.parse.read_message` makes them, the
services decide what each does to a case. Text fields are already decoded and cleaned
(no control characters in the one-line ones); they are still data from a stranger, shown
through ``safe_text.safe`` like every other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..domain.errors import ValidationError


@dataclass(frozen=True)
class MailAttachment:
    name: str
    """A safe file name (``domain.files.display_name``): metadata, never a path."""
    content_type: str
    """``image/png``, lower case, as the message declared it."""
    content: bytes
    inline: bool = False
    """Shown in the body (``Content-Disposition: inline``, ``multipart/related`` images)."""
    content_id: str = ""
    """``<image001.png@01D9...>`` for an inline image the HTML refers to (``cid:``)."""


@dataclass(frozen=True)
class Bounce:
    """A delivery status notification (RFC 3464) or a mailer-daemon's report."""

    original_message_id: str = ""
    """The Message-ID of the message that failed, when the report carries it."""
    recipients: tuple[str, ...] = ()
    """The addresses that failed (``Final-Recipient`` with ``Action: failed``)."""
    status: str = ""
    """The first failed recipient's status code, ``5.1.1``."""


@dataclass(frozen=True)
class Incoming:
    message_id: str
    """``<id@host>``; a message without one gets ``<sha256-…@desktui.invalid>`` from its
    bytes, so the same bytes read twice are still one message."""
    synthetic_id: bool
    in_reply_to: str
    references: tuple[str, ...]
    sender: str
    """The From address, lower case ("" when there is none that parses)."""
    sender_name: str
    reply_to: tuple[str, ...]
    recipients: tuple[str, ...]
    """To, Cc, Delivered-To and X-Original-To, lower case, each once, in that order: the
    desk's address among them decides the routing, a reply token may be in any of them."""
    subject: str
    date: datetime | None
    body_text: str
    """The whole text: text/plain when there is one, else the HTML converted to text."""
    reply_text: str
    """The new text of a reply: quoted history and signature cut."""
    from_html: bool
    attachments: tuple[MailAttachment, ...]
    loop_marks: tuple[str, ...]
    """Why the message is automatic (codes of ``deskTUI.mail.loops``): never answered,
    never a new case. Empty for a message a person wrote."""
    bounce: Bounce | None = None
    text_cut: bool = False
    """The text was longer than the desk's comment limit and was cut there."""
    defects: tuple[str, ...] = field(default=())
    """The parser's complaints about malformed structure (class names), for the log."""

    @property
    def automatic(self) -> bool:
        return bool(self.loop_marks)


@dataclass(frozen=True)
class Refused:
    """A message the desk will not read, and why (the error's code is stable: ``--json``)."""

    error: ValidationError
    message_id: str = ""
    """The Message-ID when it could be read (or the synthetic one), for the log."""
    sender: str = ""
    """The From address when the headers could be read: whom to tell (a person's
    message whose attachment is too large deserves a sentence back)."""
    subject: str = ""
    automatic: bool = True
    """No person wrote it, or the headers could not tell: answered to nobody."""

    @property
    def code(self) -> str:
        return self.error.code
