"""A desk several operators share on one server: modes and group of every file it makes.

Real files under ``tmp_path``; each test sets a hostile umask around the code
under test, because the modes must not depend on it.
"""

from __future__ import annotations

import contextlib
import grp
import io
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

import deskTUI
from deskTUI.domain.errors import ValidationError
from deskTUI.store.blobs import BlobStore
from deskTUI.store.database import Database, open_database
from deskTUI.store.sharing import group_id


@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def my_group() -> tuple[str, int]:
    """One of the current user's own groups, a supplementary one when there is one."""
    gids = sorted(set(os.getgroups()) - {os.getegid()}) or [os.getegid()]
    gid = gids[0]
    return grp.getgrgid(gid).gr_name, gid


def write(db: Database) -> None:
    with db.engine.begin() as connection:
        connection.execute(text("CREATE TABLE IF NOT EXISTS scratch (x)"))
        connection.execute(text("INSERT INTO scratch VALUES (1)"))


@pytest.fixture
def opened() -> Iterator[list[Database]]:
    databases: list[Database] = []
    yield databases
    for db in databases:
        db.dispose()


def test_a_new_desk_is_private_to_its_owner_whatever_the_umask(tmp_path, opened):
    path = tmp_path / "desk" / "desk.db"
    with umask(0):
        db = open_database(str(path))
        opened.append(db)
        write(db)
        wal = path.with_name("desk.db-wal")
        assert wal.exists()
        assert (mode(path), mode(wal), mode(path.with_name("desk.db-shm"))) == (0o600,) * 3
    assert mode(path.parent) == 0o700
    assert mode(path.parent / "desk.files") == 0o700
    assert not db.sharing.shared


def test_a_desk_shared_with_a_group_has_group_writable_files_and_setgid_folders(tmp_path, opened):
    name, gid = my_group()
    path = tmp_path / "srv" / "desktui" / "desk.db"
    with umask(0o077):
        db = open_database(str(path), group=name)
        opened.append(db)
        write(db)
        companions = [path.with_name("desk.db-wal"), path.with_name("desk.db-shm")]
        for file in (path, *companions):
            assert (mode(file), file.stat().st_gid) == (0o660, gid), file
        for folder in (path.parent, path.parent.parent, path.parent / "desk.files"):
            assert (mode(folder), folder.stat().st_gid) == (0o2770, gid), folder
        digest, _ = BlobStore(db.files_dir, db.sharing).put(io.BytesIO(b"informe"))
    blob = db.files_dir / digest[:2] / digest
    assert (mode(blob), blob.stat().st_gid) == (0o440, gid)
    assert (mode(blob.parent), blob.parent.stat().st_gid) == (0o2770, gid)
    assert db.sharing.gid == gid


def test_the_wal_files_a_later_opener_recreates_keep_the_shared_mode(tmp_path, opened):
    name, gid = my_group()
    path = tmp_path / "srv" / "desk.db"
    with umask(0o022):
        first = open_database(str(path), group=name)
        write(first)
        first.dispose()
    assert not path.with_name("desk.db-wal").exists(), "the last close removes the WAL"
    with umask(0o077):  # another operator, a stricter umask, no group setting
        connection = sqlite3.connect(path)
        connection.execute("INSERT INTO scratch VALUES (2)")
        connection.commit()
        for suffix in ("-wal", "-shm"):
            companion = path.with_name("desk.db" + suffix)
            assert (mode(companion), companion.stat().st_gid) == (0o660, gid), suffix
        connection.close()


def test_a_desk_created_in_a_setgid_group_folder_is_shared_with_that_group(tmp_path, opened):
    _, gid = my_group()
    folder = tmp_path / "desktui"
    folder.mkdir()
    os.chown(folder, -1, gid)
    os.chmod(folder, 0o2770)
    with umask(0o077):
        db = open_database(str(folder / "desk.db"))
        opened.append(db)
    assert (mode(folder / "desk.db"), (folder / "desk.db").stat().st_gid) == (0o660, gid)
    assert mode(folder / "desk.files") == 0o2770


def test_a_shared_desk_is_refused_in_a_folder_its_group_cannot_write(tmp_path):
    name, _ = my_group()
    folder = tmp_path / "home"
    folder.mkdir()
    os.chmod(folder, 0o755)
    with pytest.raises(ValidationError) as caught:
        open_database(str(folder / "desk.db"), group=name)
    assert caught.value.code == "share.folder"
    assert str(caught.value) == (
        f"The folder {folder} does not let the group {name} create files, which SQLite needs "
        f"beside a shared desk; run: chgrp {name} {folder} && chmod 2770 {folder}"
    )
    assert list(folder.iterdir()) == []


def test_an_existing_private_desk_given_a_group_becomes_shared(tmp_path, opened):
    name, gid = my_group()
    path = tmp_path / "desk.db"
    with umask(0o077):
        db = open_database(str(path))
        BlobStore(db.files_dir, db.sharing).put(io.BytesIO(b"antes"))
        db.dispose()
    assert mode(path) == 0o600
    os.chown(tmp_path, -1, gid)
    os.chmod(tmp_path, 0o2770)
    opened.append(open_database(str(path), group=name))
    assert (mode(path), path.stat().st_gid) == (0o660, gid)
    files = tmp_path / "desk.files"
    assert {mode(p) for p in files.rglob("*") if p.is_dir()} | {mode(files)} == {0o2770}
    assert {mode(p) for p in files.rglob("*") if p.is_file()} == {0o440}


def test_an_unknown_group_is_refused_with_a_sentence(tmp_path):
    with pytest.raises(ValidationError) as caught:
        open_database(str(tmp_path / "desk.db"), group="no-such-desk-group")
    assert str(caught.value) == (
        "There is no Unix group 'no-such-desk-group' on this machine; create it first "
        "(groupadd no-such-desk-group) or check DESKTUI_GROUP / --group"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_group_the_user_is_not_in_is_refused_with_a_sentence():
    name, gid = my_group()
    with pytest.raises(ValidationError) as caught:
        group_id(name, member_of=set(), root=False)
    assert str(caught.value) == (
        f"You are not a member of the group {name}, so the desk cannot be given to it; "
        f"ask an admin to add you (usermod -aG {name} <login>), then log in again"
    )
    assert group_id(name, member_of={gid}, root=False) == gid
    assert group_id(str(gid), member_of={gid}, root=False) == gid


@pytest.mark.skipif(os.geteuid() == 0, reason="root may give files to any group")
def test_opening_a_desk_for_a_group_one_is_not_in_is_refused(tmp_path):
    foreign = next((g for g in grp.getgrall() if g.gr_gid not in os.getgroups()), None)
    if foreign is None:
        pytest.skip("every group of this machine is one of the user's")
    with pytest.raises(ValidationError) as caught:
        open_database(str(tmp_path / "desk.db"), group=foreign.gr_name)
    assert caught.value.code == "share.not_member"
    assert list(tmp_path.iterdir()) == []


OPERATOR = """
import io, os, sys
sys.path.insert(0, {src!r})
os.umask(0o077)
from sqlalchemy import text
from deskTUI.store.blobs import BlobStore
from deskTUI.store.database import open_database
db = open_database({path!r})
with db.engine.begin() as connection:
    connection.execute(text("INSERT INTO scratch VALUES (7)"))
    wal = os.stat({path!r} + "-wal")
    print(oct(wal.st_mode & 0o7777), wal.st_gid)
digest, _ = BlobStore(db.files_dir, db.sharing).put(io.BytesIO(b"from another operator"))
blob = os.stat(db.files_dir / digest[:2] / digest)
print(oct(blob.st_mode & 0o7777), blob.st_gid)
"""


def as_operator(path: Path, group: int | None) -> subprocess.CompletedProcess[str]:
    """The operator script run as ``nobody``, in ``group`` or in no supplementary group."""
    src = str(Path(deskTUI.__file__).parent.parent)
    groups = f"--groups={group}" if group is not None else "--clear-groups"
    return subprocess.run(
        ["setpriv", "--reuid=nobody", "--regid=nogroup", groups,
         sys.executable, "-c", OPERATOR.format(src=src, path=str(path))],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip


@pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="running as another operator needs root and setpriv",
)
def test_another_operator_in_the_group_writes_the_desk_and_one_outside_cannot():
    try:
        group = grp.getgrnam("staff")
    except KeyError:
        pytest.skip("no 'staff' group to share with")
    base = Path(tempfile.mkdtemp(prefix="desktui-shared-"))
    try:
        os.chmod(base, 0o711)  # nobody may pass through, not look around
        path = base / "desktui" / "desk.db"
        db = open_database(str(path), group="staff")
        write(db)
        db.dispose()
        member = as_operator(path, group.gr_gid)
        assert member.returncode == 0, member.stderr
        assert member.stdout.split() == ["0o660", str(group.gr_gid), "0o440", str(group.gr_gid)]
        outsider = as_operator(path, None)
        assert outsider.returncode != 0
        assert outsider.stderr.rstrip().endswith(
            f"You may not open the desk {path}: its folder lets in only its owner and the "
            "group staff; ask an admin to add you to that group, then log in again"
        )
    finally:
        shutil.rmtree(base)
