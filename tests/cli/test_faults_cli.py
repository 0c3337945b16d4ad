"""The machine's failures under a desk, said as sentences: a damaged file, a full disk, a
folder or file the operator may not use, a plain file where a folder belongs, a ``-shm``
left read-only. Real files, real permissions (a second operator runs as ``nobody`` through
setpriv, as root would bypass every mode), real full disks (a file size limit in a child
process everywhere; a small tmpfs where mounting works)."""

from __future__ import annotations

import contextlib
import grp
import io
import os
import pwd
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import deskTUI

from .conftest import call_main

SRC = str(Path(deskTUI.__file__).parent.parent)
RUN_MAIN = (
    "import sys; sys.path.insert(0, {src!r}); from deskTUI.cli import main; "
    "raise SystemExit(main(sys.argv[1:]))"
)
LIMITED_MAIN = (
    "import resource, signal, sys; sys.path.insert(0, {src!r}); "
    # SIGXFSZ would kill the process; ignored, write() fails with EFBIG as on a full disk
    "signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
    "resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit})); "
    "from deskTUI.cli import main; raise SystemExit(main(sys.argv[1:]))"
)

as_root_with_setpriv = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="running as another operator needs root and setpriv",
)


def run(*argv: str) -> tuple[int, str, str]:
    """``desktui`` in this process: exit code, standard output, standard error. An exception
    that escapes ``main`` (a traceback for the person) fails the test by itself."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = call_main(list(argv))
    return code, out.getvalue(), err.getvalue()


def limited(
    limit: int, *argv: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``desktui`` in a child that may write no file past ``limit`` bytes: a full disk."""
    code = LIMITED_MAIN.format(src=SRC, limit=limit)
    return subprocess.run(
        [sys.executable, "-c", code, *argv],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def as_nobody(*argv: str, group: int | None = None) -> subprocess.CompletedProcess[str]:
    """``desktui`` run by another operator: ``nobody``, in ``group`` or in no other group."""
    groups = f"--groups={group}" if group is not None else "--clear-groups"
    env = {**os.environ, "HOME": tempfile.gettempdir(), "LOGNAME": "nobody", "USER": "nobody"}
    return subprocess.run(
        ["setpriv", "--reuid=nobody", "--regid=nogroup", groups,
         sys.executable, "-c", RUN_MAIN.format(src=SRC), *argv],
        capture_output=True, text=True, check=False, timeout=120, env=env,
    )  # fmt: skip


def said(result: subprocess.CompletedProcess[str]) -> str:
    """The one sentence a refused command printed (and that it printed nothing else)."""
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1, result.stderr
    return result.stderr.removeprefix("error: ").rstrip("\n")


@pytest.fixture
def nobodys_folder() -> Iterator[Path]:
    """A folder ``nobody`` owns, under one they may pass through (pytest's are root's 0700)."""
    base = Path(tempfile.mkdtemp(prefix="desktui-faults-"))
    try:
        os.chmod(base, 0o711)
        folder = base / "desk"
        folder.mkdir()
        nobody = pwd.getpwnam("nobody")
        os.chown(folder, nobody.pw_uid, nobody.pw_gid)
        yield folder
    finally:
        shutil.rmtree(base)


def owner_of(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_uid, info.st_gid


# -- a damaged database file ---------------------------------------------------------


@pytest.fixture(scope="module")
def demo_desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "desk.db"
    code, _out, err = run("--db", str(path), "demo", "--cases", "30", "--seed", "3")
    assert code == 0, err
    return path


def damaged_copy(template: Path, folder: Path, rng: random.Random, bytes_changed: int) -> Path:
    path = folder / "desk.db"
    for old in folder.glob("desk.db*"):
        old.unlink()
    data = bytearray(template.read_bytes())
    for _ in range(bytes_changed):
        data[rng.randrange(len(data))] = rng.randrange(256)
    path.write_bytes(bytes(data))
    return path


DAMAGE_COMMANDS = [
    ["db", "check"],
    ["case", "list"],
    ["export", "cases"],
    ["case", "list", "--json"],
    ["case", "show", "3"],
    ["report", "hours"],
]


def test_every_command_on_a_randomly_damaged_desk_file_says_so_or_works_never_a_traceback(
    demo_desk, tmp_path
):
    rng = random.Random(20261207)
    damaged_said = 0
    for attempt in range(30):
        path = damaged_copy(demo_desk, tmp_path, rng, bytes_changed=8)
        for command in DAMAGE_COMMANDS:
            code, out, err = run("--db", str(path), *command)
            where = f"attempt {attempt}: desktui {' '.join(command)}"
            assert code in (0, 1), (where, code, err)
            assert "Traceback" not in out + err, where
            if code == 1:
                assert err.strip(), f"{where} failed without a word"
            if "is damaged" in err:
                assert err.startswith(f"error: The desk database {path} is damaged ("), err
                assert "Restore it from your latest backup" in err
                damaged_said += 1
    assert damaged_said >= 10, "the flips should have damaged the file often enough to tell"


def test_a_desk_whose_schema_text_is_garbled_is_said_damaged_by_commands_and_by_the_tui(
    demo_desk, tmp_path
):
    data = bytearray(demo_desk.read_bytes())
    at = data.index(b"CREATE TABLE area")
    data[at + 14] = 0xFF  # no longer UTF-8: SQLite's own message about it cannot be decoded
    path = tmp_path / "desk.db"
    path.write_bytes(bytes(data))
    for command in (["case", "list"], ["db", "check"], []):  # [] opens the TUI
        code, out, err = run("--db", str(path), *command)
        assert code == 1 and out == "", (command, out, err)
        assert err.startswith(f"error: The desk database {path} is damaged ("), err


def test_a_status_garbled_inside_a_log_row_is_said_damaged_not_a_value_error(demo_desk, tmp_path):
    path = tmp_path / "desk.db"
    shutil.copyfile(demo_desk, path)
    import sqlite3

    with contextlib.closing(sqlite3.connect(path)) as raw, raw:
        raw.execute("DROP TRIGGER case_log_no_update")  # what a flipped byte needs no SQL for
        raw.execute(
            "UPDATE case_log SET to_status = 'aQsigned' WHERE id = "
            "(SELECT min(id) FROM case_log WHERE to_status IS NOT NULL AND case_id = 1)"
        )
    code, _out, err = run("--db", str(path), "case", "show", "1", "--json")
    assert code == 1, err
    assert err.startswith(f"error: The desk database {path} is damaged (a stored log entry"), err


def test_a_value_garbled_inside_a_row_is_said_damaged_not_a_value_error(demo_desk, tmp_path):
    path = tmp_path / "desk.db"
    shutil.copyfile(demo_desk, path)
    import sqlite3

    with contextlib.closing(sqlite3.connect(path)) as raw, raw:
        raw.execute("UPDATE support_case SET created_at = '2026-13-45 99:00:00' WHERE id = 1")
    for command in (["case", "list"], ["export", "cases"], ["case", "show", "1"]):
        code, _out, err = run("--db", str(path), *command)
        assert code == 1, (command, err)
        assert err.startswith(f"error: The desk database {path} is damaged (a stored date"), err


def test_a_case_pointing_at_an_area_or_client_no_longer_on_the_desk_is_said_damaged(
    demo_desk, tmp_path
):
    # What a flipped byte in a case row's area_id did to `export cases` (a KeyError):
    # the schema keeps these references, so a dangling one is damage, said as such.
    import sqlite3

    for column in ("area_id", "category_id", "client_id"):
        path = tmp_path / column / "desk.db"
        path.parent.mkdir()
        shutil.copyfile(demo_desk, path)
        with contextlib.closing(sqlite3.connect(path)) as raw, raw:
            raw.execute("PRAGMA foreign_keys = OFF")
            raw.execute(f"UPDATE support_case SET {column} = 102 WHERE id = 1")
        code, _out, err = run("--db", str(path), "db", "check")
        assert code == 1 and "support_case row 1 points to a missing" in err, (column, err)
        for command in [*DAMAGE_COMMANDS[1:], ["export", "cases", "--format", "json"]]:
            code, out, err = run("--db", str(path), *command)
            where = (column, command)
            assert code in (0, 1), (where, err)
            assert "Traceback" not in out + err, where
            if code == 1:
                assert err.startswith("error: ") and err.count("\n") == 1, (where, err)
        code, _out, err = run("--db", str(path), "export", "cases")
        assert code == 1, (column, err)
        assert "cannot be read: 102" in err, err


# -- a full disk -----------------------------------------------------------------------


def test_init_on_a_full_disk_says_so_and_leaves_no_desk_behind_so_a_retry_works(tmp_path):
    path = tmp_path / "desk.db"
    result = limited(64 * 1024, "--db", str(path), "init")
    sentence = said(result)
    assert str(path) in sentence and "disk" in sentence, sentence
    assert sorted(p.name for p in tmp_path.iterdir()) == [], "a failed init left files behind"
    code, out, err = run("--db", str(path), "init")
    assert code == 0 and "is its admin" in out, err


def test_file_add_on_a_full_disk_says_so_and_leaves_no_half_written_blob(demo_desk, tmp_path):
    path = tmp_path / "desk.db"
    shutil.copyfile(demo_desk, path)
    files = tmp_path / "desk.files"
    before = sorted(files.rglob("*")) if files.exists() else []
    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(300_000))
    result = limited(100_000, "--db", str(path), "file", "add", "1", str(big))
    assert said(result) == (
        f"Cannot write {files}: File too large. Free some space on its disk (or raise the file "
        "size limit) and try again"
    )
    assert (sorted(files.rglob("*")) if files.exists() else []) == before
    code, out, _err = run("--db", str(path), "case", "show", "1", "--json")
    assert code == 0 and "big.bin" not in out


@contextlib.contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` mounted on ``folder`` (skips where mounting is not allowed)."""
    folder.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small disk needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(disk: Path, leave: int) -> Path:
    """Fill ``disk`` with one file until only ``leave`` bytes are free."""
    filler = disk / "filler"
    free = shutil.disk_usage(disk).free
    with open(filler, "wb") as out, contextlib.suppress(OSError):
        out.write(b"\0" * max(free - leave, 0))
    return filler


def test_on_a_really_full_disk_init_and_file_add_say_so_and_leave_nothing_behind(
    demo_desk, tmp_path
):
    with small_disk(tmp_path / "disk", "2m") as disk:
        path = disk / "desk.db"
        filler = fill(disk, leave=64 * 1024)  # less than a new desk needs
        sentence = said(limited(1 << 40, "--db", str(path), "init"))
        assert str(path) in sentence and ("No space left" in sentence or "disk" in sentence)
        assert sorted(p.name for p in disk.iterdir()) == ["filler"]
        filler.unlink()
        shutil.copyfile(demo_desk, path)  # a desk with cases, then the disk fills up
        files = disk / "desk.files"
        files.mkdir()
        filler = fill(disk, leave=128 * 1024)
        big = tmp_path / "big.bin"
        big.write_bytes(os.urandom(1024 * 1024))
        code, _out, err = run("--db", str(path), "file", "add", "1", str(big))
        assert code == 1, err
        assert err.startswith(f"error: Cannot write {files}: No space left on device."), err
        assert list(files.rglob("*")) == []


# -- a folder or a file where the other is expected ------------------------------------


def test_a_desk_path_through_a_plain_file_or_onto_a_folder_is_a_sentence(tmp_path):
    plain = tmp_path / "notes.txt"
    plain.write_text("not a folder")
    through = plain / "desk.db"
    for command in (["case", "list"], ["db", "check"], []):
        code, _out, err = run("--db", str(through), *command)
        assert code == 1 and err.startswith("error: "), (command, err)
        assert "plain file where a folder is expected" in err or "Not a directory" in err, err
    folder = tmp_path / "a-folder.db"
    folder.mkdir()
    for command in (["case", "list"], ["init"]):
        code, _out, err = run("--db", str(folder), *command)
        assert code == 1, (command, err)
        assert err == f"error: Cannot use {folder}: it is a folder where a file is expected\n"
    pipe = tmp_path / "pipe.db"
    os.mkfifo(pipe)  # SQLite reading it would wait for a writer
    code, _out, err = run("--db", str(pipe), "case", "list")
    assert (code, err) == (
        1,
        f"error: Cannot use {pipe}: it is not a regular file (a device, a pipe or a socket)\n",
    )


def test_a_file_store_that_is_a_plain_file_is_a_sentence_for_file_add(demo_desk, tmp_path):
    path = tmp_path / "desk.db"
    shutil.copyfile(demo_desk, path)
    (tmp_path / "desk.files").write_text("not a folder")
    note = tmp_path / "nota.txt"
    note.write_text("hola")
    code, _out, err = run("--db", str(path), "file", "add", "1", str(note))
    assert code == 1, err
    assert err == (
        f"error: Cannot use {tmp_path / 'desk.files'}: a part of it is a plain file where a "
        "folder is expected\n"
    )


# -- permissions: another operator, as nobody ---------------------------------------------


@as_root_with_setpriv
def test_a_non_member_of_a_group_desks_group_is_told_by_every_command_and_the_tui():
    try:
        staff = grp.getgrnam("staff")
    except KeyError:
        pytest.skip("no 'staff' group to share with")
    base = Path(tempfile.mkdtemp(prefix="desktui-shared-"))
    try:
        os.chmod(base, 0o711)  # nobody may pass through, not look around
        path = base / "desk" / "desk.db"
        code, _out, err = run("--db", str(path), "init", "--group", "staff")
        assert code == 0, err
        expected = (
            f"You may not open the desk {path}: its folder lets in only its owner and the group "
            "staff; ask an admin to add you to that group, then log in again"
        )
        for command in (["case", "list"], ["db", "check"], ["file", "open", "1"], ["init"], []):
            assert said(as_nobody("--db", str(path), *command)) == expected, command
        member = as_nobody("--db", str(path), "case", "list", group=staff.gr_gid)
        assert "Traceback" not in member.stderr  # a member gets in (and is no user: a sentence)
    finally:
        shutil.rmtree(base)


@as_root_with_setpriv
def test_a_file_store_the_operator_may_not_write_or_read_is_a_sentence(nobodys_folder):
    path = nobodys_folder / "desk.db"
    files = nobodys_folder / "desk.files"
    assert as_nobody("--db", str(path), "init").returncode == 0
    note = nobodys_folder / "nota.txt"
    note.write_text("hola")
    os.chown(note, *owner_of(nobodys_folder))
    assert as_nobody("--db", str(path), "client", "add", "Acme").returncode == 0
    assert (
        as_nobody("--db", str(path), "area", "add", "Soporte", "--category", "Red").returncode == 0
    )
    opened = as_nobody(
        "--db", str(path), "case", "new", "--title", "Red caída", "--client", "Acme",
        "--category", "Red", "--description", "Sin red en la oficina",
    )  # fmt: skip
    assert opened.returncode == 0, opened.stderr
    assert as_nobody("--db", str(path), "file", "add", "1", str(note)).returncode == 0
    stray = files / ".incoming-0123456789abcdef01234567"
    stray.write_bytes(b"left by an interrupted write")
    os.utime(stray, (0, 0))  # old enough to collect
    os.chown(stray, *owner_of(nobodys_folder))
    os.chmod(files, 0o500)  # readable, not writable
    try:
        sentence = said(as_nobody("--db", str(path), "file", "add", "1", str(note)))
        assert sentence.startswith(f"You may not use {files}"), sentence
        sentence = said(as_nobody("--db", str(path), "db", "check", "--repair"))
        assert sentence.startswith(f"You may not use {stray}"), sentence
        os.chmod(files, 0o300)  # writable, not readable (nor listable)
        assert said(as_nobody("--db", str(path), "file", "open", "1", "--print")).startswith(
            "You may not use "
        )
        assert said(as_nobody("--db", str(path), "db", "check")).startswith(
            f"You may not use {files}"
        )
    finally:
        os.chmod(files, 0o700)


@as_root_with_setpriv
def test_a_shm_file_left_read_only_is_repaired_for_its_owner_and_named_for_others(
    nobodys_folder,
):
    path = nobodys_folder / "desk.db"
    shm = nobodys_folder / "desk.db-shm"
    assert as_nobody("--db", str(path), "init").returncode == 0
    os.chmod(path, 0o444)  # made read-only for a while: a reader makes its -shm read-only too
    assert as_nobody("--db", str(path), "case", "list").returncode == 0
    assert shm.stat().st_mode & 0o777 == 0o444
    os.chmod(path, 0o600)  # writable again, the -shm not
    added = as_nobody("--db", str(path), "client", "add", "Acme")
    assert added.returncode == 0, added.stderr  # its owner's -shm is put right
    assert not shm.exists() or shm.stat().st_mode & 0o777 == 0o600  # gone when the last closed
    shm.write_bytes(b"")  # someone else's -shm, read-only: named, with the fix
    os.chmod(shm, 0o444)
    sentence = said(as_nobody("--db", str(path), "client", "add", "Globex"))
    assert sentence == (
        f"The desk cannot be written: {shm} is read-only for you (owner root, mode 444); its "
        f"owner or an admin can fix it: chmod 600 {shm}"
    )


# -- the same on both engines: a server desk's file store fails the same way ---------------


def test_file_add_with_the_disk_full_says_so_and_leaves_nothing_on_either_engine(shop, tmp_path):
    number = shop.open_case()
    before = shop.state()
    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(300_000))
    sentence = said(limited(100_000, *shop.argv(["file", "add", number, str(big)], None)))
    assert sentence.startswith(f"Cannot write {shop.files}: File too large."), sentence
    assert shop.state() == before  # no attachment row, no blob, no temporary file


def test_a_file_store_that_is_a_plain_file_is_a_sentence_on_either_engine(shop, tmp_path):
    number = shop.open_case()
    if shop.files.exists():
        shutil.rmtree(shop.files)
    shop.files.write_text("not a folder")
    note = tmp_path / "nota.txt"
    note.write_text("hola")
    shop.refused(
        "file", "add", number, str(note),
        says=f"Cannot use {shop.files}: a part of it is a plain file where a folder is expected",
    )  # fmt: skip


def test_file_open_on_a_full_disk_says_so_and_leaves_no_partial_copy(demo_desk, tmp_path):
    path = tmp_path / "desk.db"
    shutil.copyfile(demo_desk, path)
    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(300_000))
    code, out, err = run("--db", str(path), "file", "add", "1", str(big))
    assert code == 0, err
    file_id = out.rstrip(".\n").rsplit(" ", 1)[-1]  # "Attached big.bin (… bytes) as file N."
    copies = tmp_path / "tmp"
    copies.mkdir()
    result = limited(
        100_000, "--db", str(path), "file", "open", file_id, "--print", env={"TMPDIR": str(copies)}
    )
    sentence = said(result)
    assert sentence.startswith(f"Cannot write {copies}/desktui-file-"), sentence
    assert sentence.endswith("/big.bin.txt: File too large. Free some space on its disk (or raise "
                             "the file size limit) and try again")  # fmt: skip
    assert list(copies.iterdir()) == []


@as_root_with_setpriv
def test_a_desk_file_another_operator_may_not_read_or_write_is_named_with_whose_it_is(
    demo_desk,
):
    base = Path(tempfile.mkdtemp(prefix="desktui-faults-"))
    try:
        os.chmod(base, 0o777)  # the folder lets everyone in: only the file's mode stops them
        path = base / "desk.db"
        shutil.copyfile(demo_desk, path)
        code, _out, err = run("--db", str(path), "user", "add", "nobody", "--role", "admin")
        assert code == 0, err
        os.chmod(path, 0o640)
        assert said(as_nobody("--db", str(path), "case", "list")) == (
            f"You may not use {path} (Permission denied); its owner or an admin can give you "
            "access (ls -l shows who owns it and its mode)"
        )
        os.chmod(path, 0o644)
        assert said(as_nobody("--db", str(path), "client", "add", "Acme")) == (
            f"The desk cannot be written: {path} belongs to root (mode 644) and you may not "
            "write it; they or an admin can let you in (its group, or chmod)"
        )
    finally:
        shutil.rmtree(base)
