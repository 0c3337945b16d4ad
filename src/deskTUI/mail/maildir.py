"""Take the new messages of a Maildir (the format MTAs deliver into: one file a message).

Every file of ``new/`` is read and handed to the caller's handler; it is moved to ``cur/``
(marked seen, ``:2,S``) only once the handler has returned, by a rename, which the file
system does at once or not at all. A crash or a kill before leaves the message in ``new/``
for the next run; a crash between the handler and the rename hands it over twice, which
the desk's ingest answers by Message-ID (one case, one comment). ``tmp/`` holds messages
still being delivered: never read. A file that cannot be read is reported and left where
it is; the others are taken all the same.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.errors import DomainError
from .account import server_text

SEEN = ":2,S"
"""The Maildir info a message gets in ``cur/``: version 2 of the flags, Seen."""


@dataclass(frozen=True)
class MaildirMessage:
    name: str
    """The file's name in ``new/``: unique in the Maildir, its delivery's own id."""
    data: bytes


@dataclass
class MaildirResult:
    handled: list[str] = field(default_factory=list)
    """Names handed to the handler that returned, and moved to ``cur/``."""
    failed: list[tuple[str, DomainError]] = field(default_factory=list)
    """Names left in ``new/``, each with why (unreadable, the handler raised, not moved)."""
    problem: DomainError | None = None
    """What stopped the run: the folder is not a Maildir."""


Handler = Callable[[MaildirMessage], object]


def take_new(folder: str | os.PathLike[str], handler: Handler) -> MaildirResult:
    """Hand each message of ``folder/new`` to ``handler``, oldest delivery first (names
    start with the delivery time), and move it to ``cur/`` once the handler returned."""
    root = Path(folder)
    new, cur = root / "new", root / "cur"
    result = MaildirResult()
    try:
        names = sorted(entry.name for entry in os.scandir(new) if not entry.name.startswith("."))
        if not cur.is_dir():
            raise NotADirectoryError(str(cur))
    except OSError as error:
        result.problem = DomainError(
            "mail.not_maildir",
            "{folder} is not a Maildir the desk can read (new/ and cur/): {reason}",
            folder=str(root),
            reason=error.strerror or str(error),
        )
        return result
    for name in names:
        source = new / name
        try:
            data = source.read_bytes()
        except FileNotFoundError:
            if source.is_symlink():
                result.failed.append((name, _unreadable(name, "a link to nothing")))
            continue  # another reader took it since the listing: it is theirs
        except OSError as error:
            result.failed.append((name, _unreadable(name, error.strerror or str(error))))
            continue
        try:
            handler(MaildirMessage(name, data))
        except Exception as error:  # the handler's failure is this message's, not the run's
            result.failed.append((name, _handler_problem(name, error)))
            continue
        try:
            os.rename(source, cur / (name.split(":", 1)[0] + SEEN))
        except FileNotFoundError:
            pass  # taken by another reader meanwhile: handled twice, which ingest absorbs
        except OSError as error:
            result.failed.append((name, _not_moved(name, error)))
            continue
        result.handled.append(name)
    return result


def _unreadable(name: str, reason: str) -> DomainError:
    return DomainError(
        "mail.unreadable",
        "The message file {name} cannot be read: {reason}; it is left in new/",
        name=server_text(name, 120),
        reason=reason,
    )


def _not_moved(name: str, error: OSError) -> DomainError:
    return DomainError(
        "mail.not_moved",
        "The message file {name} was taken in but could not be moved to cur/: {reason}",
        name=server_text(name, 120),
        reason=error.strerror or str(error),
    )


def _handler_problem(name: str, error: Exception) -> DomainError:
    if isinstance(error, DomainError):
        return error
    return DomainError(
        "mail.handler_failed_file",
        "The message file {name} was left in new/ for the next run: {reason}",
        name=server_text(name, 120),
        reason=server_text(f"{type(error).__name__}: {error}"),
    )
