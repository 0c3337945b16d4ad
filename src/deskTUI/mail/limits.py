"""How large, how many parts and how deep a message the desk reads (hostile input)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..domain.limits import DEFAULT_LIMITS, MIB, Limits

DEFAULT_ATTACHMENT_BYTES = 25 * MIB
"""The files service's default (``store.blobs.DEFAULT_MAX_BYTES``, setting ``files.max_bytes``):
the services pass the desk's own value; this layer may not read the store."""


@dataclass(frozen=True)
class MailLimits:
    total_bytes: int = 50 * MIB
    """The whole message as received. Base64 makes a 25 MiB file 34 MiB of message."""
    header_bytes: int = 1 * MIB
    """The message's header (Postfix cuts at 100 KiB): a million header lines cost the
    parser seconds."""
    parts: int = 100
    """MIME parts in all (a bomb of thousands of parts is refused before it is parsed)."""
    depth: int = 10
    """Parts nested in parts (mail clients nest three or four deep)."""
    attachment_bytes: int = DEFAULT_ATTACHMENT_BYTES
    """One attachment, decoded: the desk's attachment limit."""
    text: Limits = field(default=DEFAULT_LIMITS)
    """The desk's text limits: a subject is cut to a title, a text to a comment."""
