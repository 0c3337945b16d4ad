"""Who may read and write a desk's files: its owner alone, or a Unix group.

A desk is *private* (files 0600, folders 0700) or *shared* with a group (files
0660, folders 2770: the setgid bit makes every file created inside belong to
the group). The modes are set with chmod after creation, so the creator's
umask does not matter. SQLite gives its ``-wal``, ``-shm`` and ``-journal``
files the database file's own mode when it creates them, so creating the
database file with the right mode before the first connection is enough for
them too (``tests/store/test_shared_server.py`` checks it under umask 077).

Which one a desk is, is read from the desk itself (the database file's group
bits), so operators need no setting: only whoever creates the desk chooses.
"""

from __future__ import annotations

import errno
import grp
import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from ..domain.errors import ValidationError

GROUP_ENV = "DESKTUI_GROUP"
"""The Unix group a new desk is shared with (``desktui init --group`` wins over it)."""

SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")

PARTIAL_SUFFIX = ".partial"
"""A file or folder being written under a temporary name beside where it will appear."""


@dataclass(frozen=True)
class Sharing:
    """The modes and group a desk's new files and folders get."""

    gid: int | None = None
    """The group the desk is shared with; None: private to its owner."""

    @property
    def shared(self) -> bool:
        return self.gid is not None

    @property
    def file_mode(self) -> int:
        return 0o660 if self.shared else 0o600

    @property
    def blob_mode(self) -> int:
        """Blobs never change once stored: readable, not writable (a new one replaces them)."""
        return 0o440 if self.shared else 0o400

    @property
    def dir_mode(self) -> int:
        return 0o2770 if self.shared else 0o700

    def fix_fd(self, fd: int, mode: int) -> None:
        os.fchmod(fd, mode)
        if self.gid is not None and os.fstat(fd).st_gid != self.gid:
            os.fchown(fd, -1, self.gid)

    def fix_path(self, path: Path, mode: int) -> None:
        os.chmod(path, mode, follow_symlinks=False)
        if self.gid is not None and path.lstat().st_gid != self.gid:
            os.chown(path, -1, self.gid, follow_symlinks=False)

    def make_dirs(self, path: Path) -> list[Path]:
        """``mkdir -p`` where every folder it creates gets this desk's mode and group; the
        folders it made, outermost first (to remove them again if what goes in them fails)."""
        missing: list[Path] = []
        current = path
        while not current.exists():
            missing.append(current)
            current = current.parent
        made: list[Path] = []
        for folder in reversed(missing):
            try:
                folder.mkdir()
            except FileExistsError:
                continue  # another process made it meanwhile
            made.append(folder)
            self.fix_path(folder, self.dir_mode)
        return made

    def create_file(self, path: Path) -> bool:
        """Create an empty file with this desk's mode and group; False if it exists already."""
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        except FileExistsError:
            return False
        try:
            self.fix_fd(fd, self.file_mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        return True

    @contextmanager
    def new_file(self, target: Path, *, replace: bool = True) -> Iterator[Path]:
        """A file that appears at ``target`` whole, with this desk's mode and group, or not at all.

        The block writes to the path it is given: a temporary file beside ``target``, created
        with the desk's mode before a byte is written (so no umask makes it readable by
        others). When the block ends it is fsynced and renamed to ``target``: over an existing
        file when ``replace``, otherwise never (FileExistsError). If the block or the rename
        fails it is removed with anything SQLite made beside it, so a full disk or an
        interrupted copy leaves no partial file to find, or to refuse a retry.
        """
        temp = partial_name(target)
        fd = os.open(
            temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600
        )
        try:
            try:
                self.fix_fd(fd, self.file_mode)
            finally:
                os.close(fd)
            yield temp
            fd = os.open(temp, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
            if replace:
                os.replace(temp, target)
            else:
                place_new(temp, target)
        except BaseException:
            for leftover in (temp, *(companion(temp, s) for s in SQLITE_COMPANIONS)):
                with suppress(FileNotFoundError):
                    os.unlink(leftover)
            raise


def partial_name(target: Path) -> Path:
    """A fresh hidden name beside ``target`` for writing it before it is whole."""
    return target.with_name(f".{target.name}.{secrets.token_hex(6)}{PARTIAL_SUFFIX}")


def companion(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def place_new(temp: Path, target: Path) -> None:
    """Rename ``temp`` to ``target`` unless something is there (FileExistsError), atomically
    where the file system links (a second process cannot slip in between look and rename)."""
    try:
        os.link(temp, target, follow_symlinks=False)
    except OSError as error:  # FileExistsError (EEXIST) is raised as it is
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        # A file system without hard links (some network and FAT mounts): look, then rename.
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target)) from None
        os.rename(temp, target)
        return
    os.unlink(temp)


def sharing_of(path: Path) -> Sharing:
    """How an existing desk file or folder is shared: by its group's write bit."""
    info = path.stat()
    return Sharing(info.st_gid if info.st_mode & stat.S_IWGRP else None)


def my_groups() -> set[int]:
    return {os.getegid(), *os.getgroups()}


def group_id(name: str, *, member_of: set[int] | None = None, root: bool | None = None) -> int:
    """The id of a Unix group (a name or a number) the user may give files to."""
    try:
        gid = int(name) if name.isdigit() else grp.getgrnam(name).gr_gid
        shown = grp.getgrgid(gid).gr_name
    except KeyError:
        raise ValidationError(
            "share.no_group",
            "There is no Unix group {group!r} on this machine; create it first "
            "(groupadd {group}) or check {env} / --group",
            group=name,
            env=GROUP_ENV,
        ) from None
    groups = my_groups() if member_of is None else member_of
    is_root = os.geteuid() == 0 if root is None else root
    if gid not in groups and not is_root:
        raise ValidationError(
            "share.not_member",
            "You are not a member of the group {group}, so the desk cannot be given to it; "
            "ask an admin to add you (usermod -aG {group} <login>), then log in again",
            group=shown,
        )
    return gid


def require_group_folder(folder: Path, sharing: Sharing) -> None:
    """A shared desk's folder must let the group create files: SQLite makes its -wal there."""
    if sharing.gid is None:
        return
    info = folder.stat()
    if info.st_gid == sharing.gid and info.st_mode & 0o070 == 0o070:
        return
    try:
        name = grp.getgrgid(sharing.gid).gr_name
    except KeyError:
        name = str(sharing.gid)
    raise ValidationError(
        "share.folder",
        "The folder {path} does not let the group {group} create files, which SQLite needs "
        "beside a shared desk; run: chgrp {group} {path} && chmod 2770 {path}",
        path=str(folder),
        group=name,
    )


def share_tree(database: Path, files_dir: Path, sharing: Sharing) -> list[str]:
    """Give an existing desk (the database, its SQLite companions, the file store) to a group.

    Files someone else owns are left as they are and named in the answer.
    """
    not_mine: list[str] = []
    me = os.geteuid()

    def fix(path: Path, mode: int) -> None:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            return  # never followed; ``desktui db check`` names links in the store
        if stat.S_IMODE(info.st_mode) == mode and (sharing.gid in (None, info.st_gid)):
            return
        if info.st_uid != me and me != 0:
            not_mine.append(str(path))
            return
        sharing.fix_path(path, mode)

    fix(database, sharing.file_mode)
    for suffix in SQLITE_COMPANIONS:
        companion = database.with_name(database.name + suffix)
        if companion.exists():
            fix(companion, sharing.file_mode)
    if files_dir.is_dir() and not files_dir.is_symlink():
        fix(files_dir, sharing.dir_mode)
        for folder, dirs, names in os.walk(files_dir):
            for name in dirs:
                fix(Path(folder, name), sharing.dir_mode)
            for name in names:
                fix(Path(folder, name), sharing.blob_mode)
    return not_mine
