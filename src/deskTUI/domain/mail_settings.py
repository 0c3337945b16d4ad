"""The desk's e-mail channel as an admin sets it up (issue 22): its addresses, the SMTP
server it sends through, the IMAP mailbox it reads, what becomes of a stranger's message,
the routing of each desk address to an area, and the record of every message in and out.

Pure rules: no database, no files, no network. Passwords are never part of the settings:
only the name of the environment variable, or the path of the file, that holds one, so a
backup, a desk copy or ``mail show`` never carries a password.
"""

from __future__ import annotations

import ipaddress
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from .errors import DomainError, ValidationError
from .marks import N_
from .values import clean_text, one_of

ADDRESS_MAX = 254
"""The longest address SMTP carries (RFC 5321's path limit, less its angle brackets)."""

HOST_MAX = 253
"""The longest DNS name."""

RATE_MAX = 10_000
"""The most messages a minute from one sender a desk may let through."""

STATUS_LIMIT = 200
"""Messages ``mail status`` lists unless told: the newest, as one reads them after a problem."""

DEFAULT_RATE = 20
"""Messages a minute from one sender before the rest are held: a person writes a few, a
loop of auto-replies hundreds."""

_LOCAL = r"[^\s\x00-\x1f\x7f()<>\[\]\\,;:@\"]+"
_LABEL_CHAR = r"[^\s\x00-\x1f\x7f()<>\[\]\\,;:@\"._-]"
_LABEL = rf"{_LABEL_CHAR}+(?:-+{_LABEL_CHAR}+)*"
_ADDRESS = re.compile(rf"^(?!\.)(?!.*\.\.)(?!.*\.@){_LOCAL}@{_LABEL}(?:\.{_LABEL})*$")
_HOST_NAME = re.compile(r"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                        r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$")  # fmt: skip
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,119}$")


class Tls(StrEnum):
    """How a connection to a mail server is protected: ``none`` only on loopback."""

    NONE = "none"
    STARTTLS = "starttls"
    TLS = "tls"


class UnknownSenders(StrEnum):
    """What a message from an address no contact has becomes."""

    OPEN = "open"
    """A case for the desk's "unknown senders" client."""
    REFUSE = "refuse"
    """No case: the sender is told so (a bounce), and ``mail status`` says why."""


class Direction(StrEnum):
    IN = "in"
    OUT = "out"


class Outcome(StrEnum):
    """What the desk did with one message: stable English codes, kept in the database and
    in ``--json``; a person reads their word (``words.label``)."""

    OPENED = "opened"
    COMMENTED = "commented"
    ACTED = "acted"
    """A reply's keyword (APROBAR, REABRIR, a survey's score) was carried out."""
    DUPLICATE = "duplicate"
    REFUSED = "refused"
    """Refused for a reason of its own (a forged token, a case closed, too large)."""
    REFUSED_UNKNOWN = "refused_unknown"
    HELD_RATE = "held_rate"
    LOOP = "loop"
    BOUNCE = "bounce"
    QUEUED = "queued"
    SENT = "sent"
    FAILED_TEMPORARY = "failed_temporary"
    FAILED_PERMANENT = "failed_permanent"


DEFAULT_PORTS = {
    ("smtp", Tls.NONE): 25,
    ("smtp", Tls.STARTTLS): 587,
    ("smtp", Tls.TLS): 465,
    ("imap", Tls.NONE): 143,
    ("imap", Tls.STARTTLS): 143,
    ("imap", Tls.TLS): 993,
}
"""The port a server listens on when the admin names only its host (submission for SMTP)."""


def check_address(text: str, what: str = N_("e-mail address")) -> str:
    """An e-mail address as typed, blanks around it cut; refused in a sentence unless it is
    one bare ``name@domain`` (no display name, no second address, no line break: a CR/LF
    in an address would write a header of its own into every message sent to it)."""
    address = clean_text(text, what, required=True, max_len=ADDRESS_MAX)
    if not _ADDRESS.match(address):
        raise ValidationError(
            "mail.address",
            "{address!r} is not an e-mail address: write one address as name@domain",
            address=address,
        )
    return address


def address_key(address: str) -> str:
    """How addresses are compared: letter case aside, as people (and most servers) do."""
    return address.strip().casefold()


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this machine itself: ``localhost`` or a loopback IP, never a
    name that would have to be looked up (a DNS answer can change)."""
    name = host.strip().strip("[]").rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def parse_endpoint(text: str, what: str) -> tuple[str, int | None]:
    """``HOST``, ``HOST:PORT`` or ``[IPv6]:PORT`` → (host, port; None when not given)."""
    raw = (text or "").strip()
    port: str | None = None
    if raw.startswith("["):
        host, closed, rest = raw[1:].partition("]")
        if not closed or (rest and not rest.startswith(":")):
            host = raw  # refused below as no host
        elif rest:
            port = rest[1:]
    elif raw.count(":") == 1:
        host, port = raw.split(":")
    else:
        host = raw  # a bare IPv6 address has several colons and no port
    host = check_host(host, what)
    return host, None if port is None else check_port(port, what)


def check_host(text: str, what: str) -> str:
    host = (text or "").strip()
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        pass
    if not _HOST_NAME.match(host):
        raise ValidationError(
            "mail.host",
            "{host!r} is not a host name or IP address for the {what}",
            host=host[:HOST_MAX],
            what=what,
        )
    return host.lower()


def check_port(text: object, what: str) -> int:
    """A port number 1–65535, typed or given."""
    shown = str(text).strip()
    if not shown.isascii() or not shown.isdigit() or not 1 <= int(shown[:6]) <= 65535:
        raise ValidationError(
            "mail.port",
            "The {what}'s port must be a whole number from 1 to 65535, not {port!r}",
            what=what,
            port=shown[:40],
        )
    return int(shown)


def check_plain(text: str, what: str, *, max_len: int, required: bool = False) -> str:
    """A user name, mailbox or file path a mail server or the system is given as it is: no
    control character (a CR/LF would end an IMAP or SMTP command and start another)."""
    value = clean_text(text, what, required=required, max_len=max_len)
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise ValidationError(
            "mail.control",
            "The {what} may not hold control characters or line breaks",
            what=what,
        )
    return value


def check_env_name(text: str) -> str:
    name = (text or "").strip()
    if not _ENV_NAME.match(name):
        raise ValidationError(
            "mail.password_env",
            "{name!r} is not an environment variable's name (letters, digits and _)",
            name=name[:120],
        )
    return name


def check_rate(value: object) -> int:
    shown = str(value).strip()
    if not shown.isascii() or not shown.isdigit() or not 1 <= int(shown[:6]) <= RATE_MAX:
        raise ValidationError(
            "mail.rate",
            "The rate must be a whole number of messages a minute from 1 to {most:,}, not {rate!r}",
            most=RATE_MAX,
            rate=shown[:40],
        )
    return int(shown)


def tls_of(value: str) -> Tls:
    # N_: one_of's template is no literal of a ValidationError, which the catalogue reads.
    return one_of(Tls, value, "mail.tls", N_("{value!r} is not a TLS mode: {choices}"))


def unknown_senders_of(value: str) -> UnknownSenders:
    return one_of(
        UnknownSenders,
        value,
        "mail.unknown",
        N_("{value!r} is not an unknown-senders policy: {choices}"),
    )


@dataclass
class Server:
    """One mail server the desk talks to (its SMTP server, its IMAP mailbox)."""

    host: str = ""
    port: int | None = None
    """None: the usual port for its TLS mode (``DEFAULT_PORTS``)."""
    tls: Tls = Tls.STARTTLS
    user: str = ""
    password_env: str = ""
    password_file: str = ""

    def effective_port(self, protocol: str) -> int:
        return self.port if self.port is not None else DEFAULT_PORTS[(protocol, self.tls)]

    def check(self, what: str) -> None:
        """The rules no single option can check alone."""
        if self.host and self.tls is Tls.NONE and not is_loopback(self.host):
            raise ValidationError(
                "mail.tls_none",
                "--tls none sends passwords and mail in clear text; it is allowed only for a "
                "server on this machine (localhost, 127.0.0.1, ::1), not for the {what} "
                "{host}",
                what=what,
                host=self.host,
            )
        if self.password_env and self.password_file:
            raise ValidationError(
                "mail.password_twice",
                "Give the {what}'s password either in an environment variable or in a file, "
                "not both",
                what=what,
            )


@dataclass
class MailSettings:
    """The desk's one row of e-mail settings. Never a password; the secret that signs the
    reply tokens is kept apart and never read out (``has_secret`` says whether it exists)."""

    addresses: list[str] = field(default_factory=list)
    smtp: Server = field(default_factory=Server)
    imap: Server = field(default_factory=lambda: Server(tls=Tls.TLS))
    imap_mailbox: str = "INBOX"
    unknown_senders: UnknownSenders = UnknownSenders.REFUSE
    unknown_client_id: int | None = None
    default_area_id: int | None = None
    default_category_id: int | None = None
    rate_per_minute: int = DEFAULT_RATE
    has_secret: bool = False

    def check(self) -> None:
        self.smtp.check(N_("SMTP server"))
        self.imap.check(N_("IMAP server"))
        if self.unknown_senders is UnknownSenders.OPEN and self.unknown_client_id is None:
            raise ValidationError(
                "mail.unknown_client",
                "--unknown-senders open needs the client their cases are opened for: "
                "give it with --unknown-client",
            )
        if self.default_category_id is not None and self.default_area_id is None:
            raise ValidationError(
                "mail.default_category",
                "A default category needs its area: give --default-area too",
            )

    def is_desk_address(self, address: str) -> bool:
        return address_key(address) in {address_key(a) for a in self.addresses}


@dataclass(frozen=True)
class MailRoute:
    """A desk address whose new cases go to an area (and a category of it)."""

    address: str
    area_id: int
    category_id: int | None = None
    id: int | None = None


@dataclass(frozen=True)
class MailRecord:
    """One message in or out, as ``mail status`` and the case view read it."""

    id: int
    direction: Direction
    message_id: str
    address: str
    """The other side: the sender of a message in, the recipient of one out."""
    desk_address: str
    subject: str
    at: datetime
    outcome: Outcome
    reason_code: str = ""
    reason: str = ""
    """The reason as stored (``reason_document``): read it with ``reason_error``."""
    case_id: int | None = None
    comment_id: int | None = None
    area_id: int | None = None
    sent_at: datetime | None = None


def reason_document(error: DomainError | None) -> tuple[str, str]:
    """(code, stored text) of why a message had its outcome: the refusal's template and
    parameters as JSON, so ``mail status`` says it in the reader's language."""
    if error is None:
        return "", ""
    params = {k: v if isinstance(v, int | float) else str(v) for k, v in error.params.items()}
    return error.code, json.dumps({"template": error.template, "params": params})


def reason_error(code: str, stored: str) -> DomainError | None:
    """The refusal a stored reason names again (None: none stored, or unreadable)."""
    if not stored:
        return None
    try:
        document: Any = json.loads(stored)
        return ValidationError(code, str(document["template"]), **dict(document["params"]))
    except (ValueError, KeyError, IndexError, TypeError):
        # Written by hand or by another version: shown as stored, said to be so.
        return ValidationError(code, "The reason, as stored: {text}", text=stored)
