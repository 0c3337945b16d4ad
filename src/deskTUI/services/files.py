"""Attachments: content in the blob store, metadata and review status in the database.

Rules (DOMAIN.md "Files"; decided here where the domain left it open):

- A name from outside is metadata only (shown through ``display_name`` and
  ``safe``); it never becomes a path, neither in the store (blobs are named
  by digest) nor when a copy is opened (``safe_filename``).
- An empty file is refused: an attachment with nothing in it is nearly always
  a failed export or the wrong file, and telling at once beats a surprise later.
- The same content attached twice is stored once; each attachment is its own
  row (two names, two reviews) pointing to the one blob.
- Limits are desk settings an admin changes (``desktui file limits``): at most
  ``DEFAULT_MAX_PER_CASE`` attachments per case and ``DEFAULT_MAX_BYTES`` per
  file unless set otherwise; the size is enforced while the content streams in.
- The content is streamed into the store between two short units of work,
  never while holding the write lock: the first checks who may attach and
  whether there is room, the second checks again and records the row.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import re
import shlex
import shutil
import stat
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..domain.case import Case
from ..domain.enums import LogKind, ReviewStatus
from ..domain.errors import ValidationError, no_such
from ..domain.files import Attachment, display_name
from ..domain.marks import N_
from ..domain.people import User
from ..domain.permissions import Action, require
from ..domain.values import case_number, one_of
from ..locations import FILES_ENV
from ..store.blobs import CHUNK, DEFAULT_MAX_BYTES, BlobStore
from ..store.uow import UnitOfWork
from .common import CaseRef, acting, load_case

DEFAULT_MAX_PER_CASE = 50
PER_CASE_KEY = "files.max_per_case"
MAX_BYTES_KEY = "files.max_bytes"

SAFE_NAME_BYTES = 120
"""A copy's name stays well under every filesystem's 255-byte limit."""
_HARMLESS_EXTENSION = re.compile(r"[A-Za-z0-9]{1,10}")
RUNNABLE_EXTENSIONS = frozenset(
    [
        "app",
        "appimage",
        "bash",
        "bat",
        "bin",
        "cmd",
        "com",
        "command",
        "cpl",
        "csh",
        "deb",
        "desktop",
        "dll",
        "elf",
        "exe",
        "fish",
        "hta",
        "jar",
        "js",
        "jse",
        "ksh",
        "lnk",
        "msi",
        "msp",
        "pif",
        "pl",
        "ps1",
        "psm1",
        "py",
        "pyw",
        "rb",
        "reg",
        "rpm",
        "run",
        "scr",
        "sh",
        "so",
        "tool",
        "vbe",
        "vbs",
        "wsf",
        "wsh",
        "zsh",
    ]
)
"""Extensions an opener may run instead of show: a copy so named gets ``.txt`` added."""


@dataclass(frozen=True)
class FileLimits:
    max_per_case: int = DEFAULT_MAX_PER_CASE
    max_bytes: int = DEFAULT_MAX_BYTES

    @property
    def max_mib(self) -> float:
        return round(self.max_bytes / 1024 / 1024, 1)


def blob_store(uow: UnitOfWork) -> BlobStore:
    root = uow.db.files_dir
    if root is None:
        raise ValidationError(
            "files.no_store",
            "This desk's database is on a server, so its attachments live in a folder "
            "given when it is opened: --files DIR or {env}",
            env=FILES_ENV,
        )
    return BlobStore(root, uow.db.sharing)


def _limits(uow: UnitOfWork) -> FileLimits:
    per_case = uow.settings.get(PER_CASE_KEY)
    max_bytes = uow.settings.get(MAX_BYTES_KEY)
    return FileLimits(
        int(per_case) if per_case else DEFAULT_MAX_PER_CASE,
        int(max_bytes) if max_bytes else DEFAULT_MAX_BYTES,
    )


def file_limits(uow: UnitOfWork) -> FileLimits:
    with uow:
        return _limits(uow)


def set_file_limits(
    uow: UnitOfWork,
    actor: User,
    *,
    max_per_case: int | None = None,
    max_mib: float | None = None,
) -> FileLimits:
    """Admins change how many attachments a case takes and how large one may be."""
    with uow:
        require(acting(uow, actor), Action.MANAGE_SETTINGS)
        if max_per_case is not None:
            if not 1 <= max_per_case <= 10_000:
                raise ValidationError(
                    "files.limit_count",
                    "The attachments per case must be between 1 and 10000, not {value}",
                    value=max_per_case,
                )
            uow.settings.set(PER_CASE_KEY, str(max_per_case))
        if max_mib is not None:
            if not 0 < max_mib <= 4096:
                raise ValidationError(
                    "files.limit_size",
                    "The largest attachment must be more than 0 and at most 4096 MiB, not {value}",
                    value=max_mib,
                )
            uow.settings.set(MAX_BYTES_KEY, str(int(max_mib * 1024 * 1024)))
        limits = _limits(uow)
        uow.commit()
        return limits


def _attachable(uow: UnitOfWork, actor: User, ref: CaseRef) -> tuple[User, Case, FileLimits]:
    """The actor, the case and the limits, once the actor may attach and the case has room."""
    actor = acting(uow, actor)
    case = load_case(uow, actor, ref, Action.ATTACH_FILE)
    case.ensure_changeable()
    limits = _limits(uow)
    assert case.id is not None
    if len(uow.files.for_case(case.id)) >= limits.max_per_case:
        raise ValidationError(
            "files.too_many",
            "{case} already has as many attachments as a case may have ({count}); "
            "an admin can raise the limit with desktui file limits --per-case",
            case=case_number(case.id),
            count=limits.max_per_case,
        )
    return actor, case, limits


def attach_file(
    uow: UnitOfWork,
    actor: User,
    ref: CaseRef,
    source: BinaryIO,
    *,
    name: str,
    media_type: str | None = None,
    max_bytes: int | None = None,
) -> Attachment:
    """Check, stream the content into the store, then record it (a crash: an orphan blob)."""
    shown = display_name(name)
    with UnitOfWork(uow.db, clock=uow.clock, readonly=True) as check:
        _actor, _case, limits = _attachable(check, actor, ref)
        store = blob_store(check)
    digest, size = store.put(
        source, max_bytes=max_bytes or limits.max_bytes, refuse_empty=True, name=shown
    )
    with uow:
        actor, case, _limits_now = _attachable(uow, actor, ref)
        item = record_attachment(uow, actor, case, Stored(shown, size, digest, media_type))
        uow.commit()
        return item


@dataclass(frozen=True)
class Stored:
    """A file's content already in the blob store, its row not yet written."""

    name: str
    size: int
    sha256: str
    media_type: str | None = None


def record_attachment(uow: UnitOfWork, actor: User, case: Case, stored: Stored) -> Attachment:
    """The row and the log line of content already stored (inside the caller's unit of work)."""
    kind = stored.media_type or mimetypes.guess_type(stored.name)[0] or "application/octet-stream"
    now = uow.now()
    assert case.id is not None and actor.id is not None
    item = uow.files.add(
        Attachment(case.id, stored.name, stored.size, kind, stored.sha256, actor.id, now)
    )
    uow.log.record(
        case.id,
        now,
        actor.id,
        LogKind.FILE,
        field="file",
        new=f"{stored.name} ({stored.size} bytes)",
    )
    return item


def open_regular(path: Path) -> BinaryIO:
    """A local regular file opened for reading; a symlink is refused rather than followed.

    The file is opened with ``O_NOFOLLOW`` (a link swapped in after a check is
    refused too) and ``O_NONBLOCK`` (a FIFO does not hang the command), then
    checked to be a regular file through the open descriptor.
    """
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        fd = os.open(path, flags)
    except OSError as error:
        if path.is_symlink():
            raise ValidationError(
                "files.symlink", "{path} is a symbolic link; attach the file itself", path=str(path)
            ) from None
        raise ValidationError(
            "files.missing", "{path} is not a readable file", path=str(path)
        ) from error
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise ValidationError(
                "files.folder",
                "{path} is a folder; name the files in it (a pattern like {pattern} names them all)",
                path=str(path),
                pattern=os.path.join(str(path), "*"),
            )
        raise ValidationError("files.missing", "{path} is not a readable file", path=str(path))
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def attach_path(
    uow: UnitOfWork,
    actor: User,
    ref: CaseRef,
    path: Path,
    *,
    media_type: str | None = None,
    max_bytes: int | None = None,
) -> Attachment:
    """Attach a local regular file (``open_regular``: a symlink is refused, not followed)."""
    with open_regular(path) as source:
        return attach_file(
            uow, actor, ref, source, name=path.name, media_type=media_type, max_bytes=max_bytes
        )


def review_file(
    uow: UnitOfWork,
    actor: User,
    file_id: int,
    review: ReviewStatus | str,
    reason: str | None = None,
) -> Attachment:
    """Mark an attachment valid or rejected (seed 000's file counters); a rejection
    carries its reason, and the log keeps it as the change's note."""
    with uow:
        actor = acting(uow, actor)
        item = uow.files.get(file_id)
        case = load_case(
            uow, actor, item.case_id, Action.REVIEW_FILE, hidden_as=no_such(N_("file"), file_id)
        )
        item = uow.files.get(file_id, lock=True)  # its review as last saved: the log's "old"
        case.ensure_changeable()
        status = one_of(
            ReviewStatus, review, "file.review", "{value!r} is not a review status: {choices}"
        )
        old, old_reason = item.review, item.review_reason
        item.set_review(status, reason, actor.id)
        if (item.review, item.review_reason) == (old, old_reason):
            return item  # v pressed twice: nothing changes, nothing is logged
        uow.files.save(item)
        uow.log.record(
            case.id,
            uow.now(),
            actor.id,
            LogKind.FILE,
            field=f"file {item.name}",
            old=old.value,
            new=status.value,
            note=item.review_reason,
        )
        uow.commit()
        return item


# -- opening a copy ------------------------------------------------------------------------


def safe_filename(original: str) -> str:
    """A name a copy can carry on this machine, derived from the attachment's name.

    No directory parts or separators, no control or invisible characters, no
    leading dot or dash (no hidden file, no option to the program it is given
    to), at most ``SAFE_NAME_BYTES`` bytes, and an extension only when it is
    plain letters and digits; one an opener might run (``.sh``, ``.desktop``)
    gets ``.txt`` after it.
    """
    name = display_name(original).lstrip(".-~ ")
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem or not _HARMLESS_EXTENSION.fullmatch(extension):
        stem, extension = name, ""
    if extension.lower() in RUNNABLE_EXTENSIONS:
        stem, extension = f"{stem}.{extension}", "txt"
    room = SAFE_NAME_BYTES - (len(extension) + 1 if extension else 0)
    stem = stem.encode()[:room].decode(errors="ignore").rstrip(". ") or "attachment"
    return f"{stem}.{extension}" if extension else stem


@dataclass(frozen=True)
class OpenedCopy:
    """A private copy of an attachment: ``path`` inside ``folder`` (mode 0700), read-only."""

    item: Attachment
    path: Path
    folder: Path

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def open_copy(uow: UnitOfWork, actor: User, file_id: int) -> OpenedCopy:
    """Copy an attachment the actor may see into a fresh private folder, checking its digest.

    The copy is never executable (mode 0400) and its name comes from
    ``safe_filename``; the caller hands ``path`` to a viewer and may
    ``discard`` the folder once the viewer is done.
    """
    with uow:
        actor = acting(uow, actor)
        item = uow.files.get(file_id)
        load_case(
            uow, actor, item.case_id, Action.VIEW_CASE, hidden_as=no_such(N_("file"), file_id)
        )
        store = blob_store(uow)
    folder = Path(tempfile.mkdtemp(prefix="desktui-file-"))
    os.chmod(folder, 0o700)
    target = folder / safe_filename(item.name)
    try:
        with store.open(item.sha256) as source:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
            digest = hashlib.sha256()
            with os.fdopen(fd, "wb") as out:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
                os.fchmod(out.fileno(), 0o400)
        if digest.hexdigest() != item.sha256:
            raise ValidationError(
                "files.damaged",
                "The stored content of file {id} does not match its SHA-256: "
                "the file store is damaged; restore it from a backup",
                id=file_id,
            )
    except BaseException as error:
        shutil.rmtree(folder, ignore_errors=True)
        if isinstance(error, OSError) and error.filename is None:
            error.filename = str(target)  # a full disk: the sentence says where
        raise
    return OpenedCopy(item, target, folder)


@dataclass(frozen=True)
class Viewer:
    argv: list[str]
    """Run as an argument list, never through a shell; the copy's path is the last one."""
    waits: bool
    """True for a pager (it returns when the person is done); False for ``xdg-open``."""


def viewer_for(path: Path, environ: Mapping[str, str] | None = None) -> Viewer | None:
    """``$PAGER`` if set, else the desktop's ``xdg-open`` if present, else None (say the path)."""
    env = os.environ if environ is None else environ
    pager = env.get("PAGER", "").strip()
    if pager:
        try:
            words = shlex.split(pager)
        except ValueError:
            raise ValidationError(
                "files.pager",
                "$PAGER ({pager!r}) is not a command line deskTUI can split; the copy is at {path}",
                pager=pager,
                path=str(path),
            ) from None
        return Viewer([*words, str(path)], waits=True)
    opener = shutil.which("xdg-open", path=env.get("PATH"))
    if opener:
        return Viewer([opener, str(path)], waits=False)
    return None
