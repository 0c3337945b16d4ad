"""Failures of the files under a desk, and of the machine, said as sentences.

A damaged database file, a full disk, a folder the operator may not enter, a
plain file where a folder is expected, a WAL companion left read-only: none is
a bug of deskTUI, and none may reach a person as a Python traceback. The CLI's
one error handler, the unit of work and the TUI's failure line all ask
:func:`fault_of` what to say; where the writing happens, the writer itself
cleans up what it half wrote (a blob's temporary file, a new desk's file).

Only the standard library here: the CLI imports this module from its error
handler, so it must not drag the ORM in.
"""

from __future__ import annotations

import errno
import os
import pwd
import re
import sqlite3
import stat
from pathlib import Path

from ..domain.errors import DomainError


class StoreFault(DomainError):
    """The desk's files, their folder or the disk under them failed the operation."""


class DamagedValue(ValueError):
    """A value read from the desk is not one deskTUI ever writes (a date that is no date,
    a NULL where the schema allows none): the file was changed under it."""


def damaged_value(what: str, value: object) -> DamagedValue:
    shown = repr(value)
    return DamagedValue(f"a stored {what} cannot be read: {shown[:40]}")


DAMAGED_CODES = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
DAMAGED_WORDS = (
    "file is not a database",
    "database disk image is malformed",
    "malformed database schema",
    "could not decode to utf-8",
    "file is encrypted or is not a database",
)
"""What SQLite (and pysqlite) say of a file that is no longer a sound database."""
DAMAGED_SQLSTATES = {"XX001", "XX002"}
"""PostgreSQL's data_corrupted and index_corrupted."""
DISK_FULL_SQLSTATES = {"53100"}
"""PostgreSQL's disk_full."""
FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}

COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")


def fault_of(error: BaseException, desk: str | None = None) -> StoreFault | None:
    """The sentence for ``error`` if it is a failure of the desk's files or of the machine
    (None: it is something else, for the caller to handle). ``desk`` is the desk's path or
    URL, so a sentence about the database names its file."""
    for cause in _chain(error):
        if isinstance(cause, StoreFault):
            return cause
        if isinstance(cause, DamagedValue):
            return damaged(shown_desk(desk), str(cause))
        if isinstance(cause, sqlite3.Error):
            found = _sqlite_fault(cause, sqlite_path(desk))
            if found is not None:
                return found
        sqlstate = getattr(cause, "sqlstate", None)
        if sqlstate in DAMAGED_SQLSTATES:
            return damaged(shown_desk(desk), _first_line(cause))
        if sqlstate in DISK_FULL_SQLSTATES:
            return StoreFault(
                "store.server_full",
                "The database server's disk is full ({detail}); nothing was changed: ask "
                "its administrator to free some space",
                detail=_first_line(cause),
            )
        if isinstance(cause, OSError) and cause.errno is not None:
            found = os_fault(cause)
            if found is not None:
                return found
    return None


def damaged(path: str, detail: str) -> StoreFault:
    return StoreFault(
        "store.damaged",
        "The desk database {path} is damaged ({detail}). Restore it from your latest "
        "backup (desktui db backup makes one) with no one using the desk; desktui db check "
        "lists what is wrong while the file still opens",
        path=path,
        detail=detail,
    )


def os_fault(error: OSError) -> StoreFault | None:
    """A sentence for the operating system's refusals that are the machine's, not a bug's."""
    path = error.filename if error.filename is not None else "?"
    reason = error.strerror or str(error)
    code = error.errno
    if code in FULL_ERRNOS:
        return StoreFault(
            "store.disk_full",
            "Cannot write {path}: {reason}. Free some space on its disk (or raise the "
            "file size limit) and try again",
            path=str(path),
            reason=reason,
        )
    if code in (errno.EACCES, errno.EPERM):
        return StoreFault(
            "store.denied",
            "You may not use {path} ({reason}); its owner or an admin can give you access "
            "(ls -l shows who owns it and its mode)",
            path=str(path),
            reason=reason,
        )
    if code == errno.EROFS:
        return StoreFault(
            "store.read_only_disk",
            "Cannot write {path}: its disk is mounted read-only",
            path=str(path),
        )
    if code == errno.ENOTDIR:
        return StoreFault(
            "store.not_a_folder",
            "Cannot use {path}: a part of it is a plain file where a folder is expected",
            path=str(path),
        )
    if code == errno.EISDIR:
        return StoreFault(
            "store.a_folder",
            "Cannot use {path}: it is a folder where a file is expected",
            path=str(path),
        )
    if code == errno.EIO:
        return StoreFault(
            "store.io",
            "Reading or writing {path} failed ({reason}): its disk may be failing; run "
            "desktui db check",
            path=str(path),
            reason=reason,
        )
    if error.filename is not None:
        return StoreFault("store.os", "Cannot use {path}: {reason}", path=str(path), reason=reason)
    return None


def shown_desk(desk: str | None) -> str:
    """The desk as a sentence names it: its SQLite file, or a server's URL without its
    password (sentences end up in terminals and logs)."""
    path = sqlite_path(desk)
    if path is not None:
        return str(path)
    if not desk:
        return "?"
    return re.sub(r"(://[^/@]*?:)[^/@]*@", r"\1***@", desk)


def sqlite_path(desk: str | None) -> Path | None:
    """The SQLite file of a desk given as a path or a ``sqlite:///`` URL (None: a server)."""
    if not desk or desk == ":memory:":
        return None
    if "://" in desk:
        if not desk.startswith("sqlite:///"):
            return None
        desk = desk.removeprefix("sqlite:///").split("?", 1)[0]
        if not desk or desk == ":memory:":
            return None
    return Path(desk).expanduser()


def _sqlite_fault(error: sqlite3.Error, path: Path | None) -> StoreFault | None:
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    # pysqlite quotes the undecodable text itself: a customer's words, garbled; not shown.
    detail = _first_line(error).split(" with text ", 1)[0]
    shown = str(path) if path is not None else "?"
    if primary in DAMAGED_CODES or any(word in detail.lower() for word in DAMAGED_WORDS):
        return damaged(shown, detail)
    if primary == sqlite3.SQLITE_FULL:
        return StoreFault(
            "store.disk_full",
            "Cannot write {path}: {reason}. Free some space on its disk (or raise the "
            "file size limit) and try again",
            path=shown,
            reason=detail,
        )
    if primary == sqlite3.SQLITE_READONLY and path is not None:
        return read_only(path, detail)
    if primary == sqlite3.SQLITE_IOERR:
        return StoreFault(
            "store.io",
            "Reading or writing {path} failed ({reason}): its disk may be full, over a size "
            "limit or failing; free some space and try again (desktui db check if it persists)",
            path=shown,
            reason=detail,
        )
    if primary in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM) and path is not None:
        blocked = _unusable(path)
        if blocked is not None:
            return blocked
    return None


def read_only(path: Path, detail: str) -> StoreFault:
    """Which of the desk's files keeps it from being written, and how to fix that."""
    blocked = _unusable(path)
    if blocked is not None:
        return blocked
    return StoreFault(
        "store.read_only",
        "The desk {path} cannot be written ({detail}); check that its disk is not mounted "
        "read-only",
        path=str(path),
        detail=detail,
    )


def _unusable(path: Path) -> StoreFault | None:
    """What of the desk's file, folder and companions this operator may not use: the file
    must be readable and writable, its folder writable (SQLite makes its ``-wal`` and
    ``-shm`` there), and the companions writable."""
    folder = path.parent
    for target in (path, folder, *(path.with_name(path.name + s) for s in COMPANION_SUFFIXES)):
        try:
            info = target.stat()
        except FileNotFoundError:
            continue
        except OSError as error:
            return os_fault(error)
        if target != folder and not stat.S_ISREG(info.st_mode):
            return os_fault(OSError(errno.EISDIR, os.strerror(errno.EISDIR), str(target)))
        owner, mode = _owner(info.st_uid), oct(stat.S_IMODE(info.st_mode))[2:]
        if target == path and not os.access(path, os.R_OK):
            return os_fault(PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path)))
        if target == folder and not os.access(folder, os.W_OK | os.X_OK):
            return StoreFault(
                "store.folder_closed",
                "The desk cannot be used: SQLite must create files beside it in {path}, which "
                "you may not write (owner {owner}, mode {mode}); its owner or an admin can let "
                "you in (its group, or chmod)",
                path=str(folder),
                owner=owner,
                mode=mode,
            )
        if target != folder and not os.access(target, os.W_OK) and info.st_mode & stat.S_IWUSR:
            return StoreFault(
                "store.not_yours",
                "The desk cannot be written: {path} belongs to {owner} (mode {mode}) and you "
                "may not write it; they or an admin can let you in (its group, or chmod)",
                path=str(target),
                owner=owner,
                mode=mode,
            )
        if target != folder and not os.access(target, os.W_OK):
            return StoreFault(
                "store.not_writable",
                "The desk cannot be written: {path} is read-only for you (owner {owner}, "
                "mode {mode}); its owner or an admin can fix it: chmod {wanted} {path}",
                path=str(target),
                owner=owner,
                mode=mode,
                wanted=_wanted_mode(path),
            )
    return None


def _wanted_mode(database: Path) -> str:
    """The mode the desk's files should have: the desk file's own, writable by its owner."""
    try:
        return oct(stat.S_IMODE(database.stat().st_mode) | stat.S_IWUSR)[2:]
    except OSError:
        return "u+rw"


def _owner(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def repair_companions(path: Path) -> None:
    """Give the operator's own ``-wal``/``-shm``/``-journal`` the desk file's mode again.

    SQLite makes them with the database file's mode of the moment: one made while the
    desk was read-only stays read-only after the desk is made writable again, and then
    every write fails ("attempt to write a readonly database"). The operator may fix
    their own files; someone else's are named by :func:`read_only` when a write fails.
    """
    try:
        info = path.stat()
    except OSError:
        return
    if not os.access(path, os.W_OK):
        return  # the desk itself is read-only for this operator: nothing to align with
    mode = stat.S_IMODE(info.st_mode)
    for suffix in COMPANION_SUFFIXES:
        companion = path.with_name(path.name + suffix)
        try:
            mine = companion.lstat()
        except OSError:
            continue
        if (
            stat.S_ISREG(mine.st_mode)
            and mine.st_uid == os.geteuid()
            and stat.S_IMODE(mine.st_mode) != mode
        ):
            try:
                os.chmod(companion, mode, follow_symlinks=False)
            except OSError:
                continue  # a write then says which file it is


def _chain(error: BaseException) -> list[BaseException]:
    """The error, what it wraps (SQLAlchemy's ``orig``) and what it was raised from, each
    once; not what it was merely raised while handling (a bug there stays a bug)."""
    seen: list[BaseException] = []
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop(0)
        if current is None or any(current is s for s in seen):
            continue
        seen.append(current)
        pending += [getattr(current, "orig", None), current.__cause__]
    return seen


def _first_line(error: BaseException) -> str:
    lines = str(error).splitlines()
    return lines[0] if lines else type(error).__name__
