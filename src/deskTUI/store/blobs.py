"""Content-addressed attachment store: ``<root>/ab/abcdef…`` named by SHA-256.

Names from outside never become paths here: a blob's path is its digest.
A write goes to a temporary file in the store, is fsynced, renamed into place
with ``os.replace`` and the folders are fsynced, so a crash leaves either the
whole blob or none of it (and at most a temporary file that ``desktui db check
--repair`` collects). The size limit is enforced while the content streams in.

Inside the store nothing is a symbolic link: folders and blobs are opened
relative to the store's folder with ``O_NOFOLLOW``, so a link planted there is
refused rather than followed. (The store's own folder may be a link an admin
made, to put attachments on a bigger disk.)
"""

from __future__ import annotations

import errno
import hashlib
import os
import secrets
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..domain.errors import NotFound, ValidationError
from .sharing import Sharing, sharing_of

CHUNK = 1 << 16
DEFAULT_MAX_BYTES = 25 * 1024 * 1024
TEMP_PREFIX = ".incoming-"
GRACE_SECONDS = 3600
"""Orphans and temporary files younger than this may belong to an attach in progress."""

_HEX = frozenset("0123456789abcdef")
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC


def is_digest(name: str) -> bool:
    return len(name) == 64 and set(name) <= _HEX


def _name(error: BaseException, path: Path) -> None:
    """Give an OSError about a descriptor or a name relative to one the whole path, so the
    sentence it becomes (``faults.os_fault``) says which file or folder failed."""
    if isinstance(error, OSError) and (error.filename is None or not os.path.isabs(error.filename)):
        error.filename = str(path)


def _mib(limit: int) -> float:
    return round(limit / 1024 / 1024, 1)


@dataclass
class StoreReport:
    """What ``db check`` finds in the file store; paths are relative to the store."""

    orphans: list[str] = field(default_factory=list)
    """Blobs no attachment points to (older than the grace period)."""
    temporary: list[str] = field(default_factory=list)
    """Leftovers of interrupted writes (older than the grace period)."""
    links: list[str] = field(default_factory=list)
    """Symbolic links: never made by deskTUI, never followed."""
    missing: list[str] = field(default_factory=list)
    """Digests attachments point to that have no blob."""
    strays: list[str] = field(default_factory=list)
    """Anything else: reported, left for a person to look at."""

    def problems(self, root: Path) -> list[str]:
        out = [f"attachment content {d} is missing from {root}" for d in self.missing]
        out += [f"{root / p} is a symbolic link inside the file store" for p in self.links]
        out += [f"{root / p} is an orphan blob: no attachment points to it" for p in self.orphans]
        out += [
            f"{root / p} is a temporary file left by an interrupted write" for p in self.temporary
        ]
        out += [f"{root / p} does not belong in the file store" for p in self.strays]
        return out

    @property
    def repairable(self) -> list[str]:
        return self.links + self.orphans + self.temporary


class BlobStore:
    def __init__(self, root: Path, sharing: Sharing | None = None) -> None:
        self.root = root
        self._sharing = sharing

    @property
    def sharing(self) -> Sharing:
        if self._sharing is None:
            folder = self.root if self.root.exists() else self.root.parent
            self._sharing = sharing_of(folder) if folder.exists() else Sharing()
        return self._sharing

    def path_of(self, digest: str) -> Path:
        if not is_digest(digest):
            raise ValueError(f"not a SHA-256 digest: {digest!r}")
        return self.root / digest[:2] / digest

    # -- folders, opened without following links --------------------------------------
    @contextmanager
    def _root_fd(self, *, create: bool) -> Iterator[int]:
        if create and not self.root.exists():
            self.sharing.make_dirs(self.root)
        fd = os.open(self.root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            yield fd
        finally:
            os.close(fd)

    @contextmanager
    def _sub_fd(self, root_fd: int, name: str, *, create: bool) -> Iterator[int]:
        if create:
            try:
                os.mkdir(name, 0o700, dir_fd=root_fd)
            except FileExistsError:
                pass
            else:
                os.fsync(root_fd)
        try:
            fd = os.open(name, _DIR_FLAGS, dir_fd=root_fd)
        except OSError as error:
            if error.errno in (errno.ELOOP, errno.ENOTDIR):
                raise self._link_error(Path(name)) from None
            _name(error, self.root / name)
            raise
        try:
            if create:
                info = os.fstat(fd)
                if stat.S_IMODE(info.st_mode) != self.sharing.dir_mode or (
                    self.sharing.gid not in (None, info.st_gid)
                ):
                    self.sharing.fix_fd(fd, self.sharing.dir_mode)
            yield fd
        finally:
            os.close(fd)

    def _link_error(self, relative: Path) -> ValidationError:
        return ValidationError(
            "files.store_link",
            "{path} in the file store is a symbolic link, which deskTUI never follows; "
            "run desktui db check --repair",
            path=str(self.root / relative),
        )

    # -- writing ----------------------------------------------------------------------
    def put(
        self,
        source: BinaryIO,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        refuse_empty: bool = False,
        name: str = "The file",
    ) -> tuple[str, int]:
        """Store a stream; refuse it while reading once it passes ``max_bytes``.

        The same content stored twice is one blob (rewritten, which also tells
        ``db check --repair`` it is fresh, not an orphan to collect).
        """
        digest = hashlib.sha256()
        size = 0
        with self._root_fd(create=True) as root_fd:
            temp = f"{TEMP_PREFIX}{secrets.token_hex(12)}"
            try:
                fd = os.open(
                    temp,
                    os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC,
                    0o600,
                    dir_fd=root_fd,
                )
            except OSError as error:  # a folder the operator may not write: say which
                _name(error, self.root)
                raise
            try:
                with os.fdopen(fd, "wb", closefd=False) as out:
                    while chunk := source.read(CHUNK):
                        size += len(chunk)
                        if size > max_bytes:
                            raise ValidationError(
                                "file.too_large",
                                "{name} is larger than the {limit} MiB allowed",
                                name=name,
                                limit=_mib(max_bytes),
                            )
                        digest.update(chunk)
                        out.write(chunk)
                if size == 0 and refuse_empty:
                    raise ValidationError(
                        "file.empty", "{name} is empty: there is nothing to attach", name=name
                    )
                self.sharing.fix_fd(fd, self.sharing.blob_mode)
                os.fsync(fd)
                os.close(fd)
                fd = -1
                hexdigest = digest.hexdigest()
                with self._sub_fd(root_fd, hexdigest[:2], create=True) as sub_fd:
                    os.replace(temp, hexdigest, src_dir_fd=root_fd, dst_dir_fd=sub_fd)
                    os.fsync(sub_fd)
                os.fsync(root_fd)
            except BaseException as error:
                if fd >= 0:
                    os.close(fd)
                with suppress(FileNotFoundError):
                    os.unlink(temp, dir_fd=root_fd)
                _name(
                    error, self.root
                )  # a full disk: nothing half-written stays, and it says where
                raise
        return hexdigest, size

    # -- reading ----------------------------------------------------------------------
    def open(self, digest: str) -> BinaryIO:
        """The blob for reading; a link or anything but a regular file is refused."""
        self.path_of(digest)  # validates the digest
        missing = NotFound(
            "files.blob_missing",
            "The content {digest} is missing from the file store {root}; run desktui db check",
            digest=digest,
            root=str(self.root),
        )
        if not self.root.is_dir():
            raise missing
        with self._root_fd(create=False) as root_fd:
            try:
                with self._sub_fd(root_fd, digest[:2], create=False) as sub_fd:
                    fd = os.open(digest, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=sub_fd)
            except FileNotFoundError:
                raise missing from None
            except OSError as error:
                if error.errno == errno.ELOOP:
                    raise self._link_error(Path(digest[:2], digest)) from None
                _name(error, self.root / digest[:2] / digest)
                raise
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise self._link_error(Path(digest[:2], digest))
        return os.fdopen(fd, "rb")

    def exists(self, digest: str) -> bool:
        try:
            self.open(digest).close()
        except (NotFound, ValidationError):
            return False
        return True

    # -- checking and collecting --------------------------------------------------------
    def scan(
        self, referenced: set[str], *, now: float | None = None, grace: float = GRACE_SECONDS
    ) -> StoreReport:
        """Compare the store with the digests attachments point to; changes nothing."""
        report = StoreReport()
        moment = time.time() if now is None else now
        present: set[str] = set()
        if self.root.is_dir():
            for entry in sorted(os.scandir(self.root), key=lambda e: e.name):
                self._scan_top(entry, referenced, present, report, moment - grace)
        report.missing = sorted(referenced - present)
        return report

    def _scan_top(
        self,
        entry: os.DirEntry[str],
        referenced: set[str],
        present: set[str],
        report: StoreReport,
        before: float,
    ) -> None:
        name = entry.name
        if entry.is_symlink():
            report.links.append(name)
        elif entry.is_file(follow_symlinks=False) and name.startswith(TEMP_PREFIX):
            if entry.stat(follow_symlinks=False).st_mtime < before:
                report.temporary.append(name)
        elif entry.is_dir(follow_symlinks=False) and len(name) == 2 and set(name) <= _HEX:
            for blob in sorted(os.scandir(entry.path), key=lambda e: e.name):
                relative = f"{name}/{blob.name}"
                if blob.is_symlink():
                    report.links.append(relative)
                elif (
                    blob.is_file(follow_symlinks=False)
                    and is_digest(blob.name)
                    and blob.name.startswith(name)
                ):
                    present.add(blob.name)
                    if (
                        blob.name not in referenced
                        and blob.stat(follow_symlinks=False).st_mtime < before
                    ):
                        report.orphans.append(relative)
                else:
                    report.strays.append(relative)
        else:
            report.strays.append(name)

    def collect(
        self, report: StoreReport, *, now: float | None = None, grace: float = GRACE_SECONDS
    ) -> list[str]:
        """Remove what ``scan`` found collectable; what was removed (relative paths).

        An orphan is first renamed aside, then checked again: an attach that
        stored the same content meanwhile rewrote it (fresh), so it goes back.
        """
        removed: list[str] = []
        before = (time.time() if now is None else now) - grace
        for relative in report.links + report.temporary:
            path = self.root / relative
            if path.is_symlink() or (path.is_file() and path.lstat().st_mtime < before):
                path.unlink(missing_ok=True)
                removed.append(relative)
        for relative in report.orphans:
            path = self.root / relative
            aside = self.root / f"{TEMP_PREFIX}collect-{secrets.token_hex(8)}"
            try:
                os.rename(path, aside)
            except FileNotFoundError:
                continue
            if aside.lstat().st_mtime >= before:
                os.replace(aside, path)  # same content by its name: putting it back is safe
                continue
            aside.unlink()
            removed.append(relative)
        return removed
