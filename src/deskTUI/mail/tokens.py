"""Which case a message is about, told by the address it was sent to or by its subject.

The desk's notices carry a reply address ``soporte+CS-000123.<signature>@example.com``: a
reply lands on its case even when the client's program dropped In-Reply-To and References.
The signature is an HMAC-SHA256 of the case number under a desk secret, so nobody can write
to another client's case by changing the number: an address whose signature does not match
is *forged*, which the services refuse (and log) rather than read as "no token".

The signature is written in base32's lower-case letters and digits (RFC 4648, no padding):
some mail servers lower-case the local part of an address, and base32 means the same in
any letter case. 12 characters (60 bits) cannot be guessed by sending mail.

The ``[CS-000123]`` tag in a subject is read too, but it proves nothing: the services
accept it only when the sender belongs to that case's client.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass
from enum import StrEnum

from ..domain.errors import ValidationError
from ..domain.values import case_number, parse_case_number

SIGNATURE_CHARS = 12
"""Base32 characters of the signature kept: 60 bits."""
SEPARATOR = "+"
"""Between the mailbox and the token (sub-addressing, RFC 5233: Postfix, Exim, Dovecot, Gmail)."""

_TOKEN = re.compile(r"^(?P<case>CS-?\d{1,12})\.(?P<signature>[a-z2-7]{1,64})$", re.IGNORECASE)
_SUBJECT_TAG = re.compile(r"\[\s*(CS-?\s?\d{1,12})\s*\]", re.IGNORECASE)


class TokenState(StrEnum):
    NONE = "none"
    """No address carries a token."""
    VALID = "valid"
    """A token whose signature is the desk's: the case it names is the one."""
    FORGED = "forged"
    """A token whose signature is not the desk's (altered number or signature)."""


@dataclass(frozen=True)
class ReplyToken:
    state: TokenState
    case_id: int | None = None
    """The case a valid token names (a forged one's number is kept for the log)."""
    address: str = ""
    """The address that carried it."""


def signature(case_id: int, secret: bytes) -> str:
    """The signature of a case's number under the desk's secret."""
    if not secret:
        raise ValidationError("mail.no_secret", "The desk has no secret to sign reply addresses")
    digest = hmac.new(secret, case_number(case_id).encode("ascii"), hashlib.sha256).digest()
    return base64.b32encode(digest).decode("ascii").lower()[:SIGNATURE_CHARS]


def reply_address(desk_address: str, case_id: int, secret: bytes) -> str:
    """``soporte@example.com`` and case 123 → ``soporte+CS-000123.<signature>@example.com``."""
    local, at, domain = desk_address.strip().rpartition("@")
    if not at or not local or not domain:
        raise ValidationError(
            "mail.address",
            "{address!r} is not an e-mail address like soporte@example.com",
            address=desk_address,
        )
    mailbox = local.split(SEPARATOR, 1)[0]
    return f"{mailbox}{SEPARATOR}{case_number(case_id)}.{signature(case_id, secret)}@{domain}"


def read_token(address: str, secret: bytes) -> ReplyToken:
    """The token an address carries, checked against the secret; never raises."""
    local = (address or "").strip().rpartition("@")[0]
    _mailbox, separator, detail = local.partition(SEPARATOR)
    found = _TOKEN.match(detail) if separator else None
    if found is None:
        return ReplyToken(TokenState.NONE)
    try:
        case_id = parse_case_number(found.group("case"))
    except ValidationError:
        return ReplyToken(TokenState.FORGED, None, address)  # CS-000000: no case has it
    expected = signature(case_id, secret) if secret else ""
    given = found.group("signature").lower()
    if expected and hmac.compare_digest(given.encode("ascii"), expected.encode("ascii")):
        return ReplyToken(TokenState.VALID, case_id, address)
    return ReplyToken(TokenState.FORGED, case_id, address)


def find_token(addresses: list[str] | tuple[str, ...], secret: bytes) -> ReplyToken:
    """The first valid token among a message's recipients; else the first forged one (to be
    refused and logged); else none."""
    forged: ReplyToken | None = None
    for address in addresses:
        token = read_token(address, secret)
        if token.state is TokenState.VALID:
            return token
        if token.state is TokenState.FORGED and forged is None:
            forged = token
    return forged or ReplyToken(TokenState.NONE)


def subject_case(subject: str) -> int | None:
    """The case number of the first ``[CS-000123]`` tag in a subject, if any."""
    for tag in _SUBJECT_TAG.finditer(subject or ""):
        try:
            return parse_case_number(tag.group(1).replace(" ", ""))
        except ValidationError:
            continue  # [CS-000000]: not a case; a later tag may be
    return None
