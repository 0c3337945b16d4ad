"""``desktui file open|limits``, files refused at ``file add``, ``db check --repair``, ``init --group``.

Real files in ``tmp_path``; the pager is a tiny shell script that records the
arguments it was given and what it found at the path, since deskTUI removes
the copy once the pager returns.
"""

from __future__ import annotations

import grp
import json
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from deskTUI.store.blobs import GRACE_SECONDS

PAGER = """#!/bin/sh
record="{record}"
for arg in "$@"; do printf '%s\\n' "$arg"; done > "$record.argv"
cat "$1" > "$record.content" 2>/dev/null || cat "$2" > "$record.content"
last=""
for arg in "$@"; do last="$arg"; done
stat -c '%a' "$last" > "$record.mode"
stat -c '%a' "$(dirname "$last")" > "$record.folder"
"""


@pytest.fixture(autouse=True)
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Copies are made under this test's own temp dir, not the machine's."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    tempfile.tempdir = None
    yield folder
    tempfile.tempdir = None


@pytest.fixture
def pager(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$PAGER is a script that records its argv; the record's stem is returned."""
    record = tmp_path / "pager-record"
    script = tmp_path / "bin" / "recording-pager"
    script.parent.mkdir()
    script.write_text(PAGER.format(record=record))
    script.chmod(0o755)
    monkeypatch.setenv("PAGER", str(script))
    return record


def attached(shop, tmp_path: Path, name: str, content: bytes) -> str:
    """A case in progress with one attachment (file 1) made from a local file called ``name``."""
    number = shop.working_case()
    local = tmp_path / "uploads" / name
    local.parent.mkdir(exist_ok=True)
    local.write_bytes(content)
    shop.ok("file", "add", number, str(local), as_="ana")
    return number


def test_file_open_hands_the_pager_a_safe_private_read_only_copy(
    shop, tmp_path, pager, private_tmp
):
    attached(shop, tmp_path, "-informe.sh", b"#!/bin/sh\nrm -rf ~\n")
    assert shop.ok("file", "open", "1", as_="ana").out == ""
    argv = pager.with_suffix(".argv").read_text().splitlines()
    (path,) = argv
    copy = Path(path)
    assert copy.is_absolute()
    assert copy.name == "informe.sh.txt"
    assert copy.parent.name.startswith("desktui-file-")
    assert copy.parent.parent == private_tmp
    assert pager.with_suffix(".content").read_bytes() == b"#!/bin/sh\nrm -rf ~\n"
    assert pager.with_suffix(".mode").read_text().strip() == "400"
    assert pager.with_suffix(".folder").read_text().strip() == "700"
    assert not copy.parent.exists(), "the copy goes once the pager is done"


def test_the_pager_command_is_split_into_words_and_no_shell_reads_the_name(
    shop, tmp_path, pager, monkeypatch
):
    monkeypatch.setenv("PAGER", f"{os.environ['PAGER']} --raw-control-chars")
    monkeypatch.chdir(tmp_path)
    attached(shop, tmp_path, "$(touch pwned);touch pwned2.txt", b"hola")
    shop.ok("file", "open", "1", as_="ana")
    argv = pager.with_suffix(".argv").read_text().splitlines()
    assert argv[0] == "--raw-control-chars"
    assert Path(argv[1]).name == "$(touch pwned);touch pwned2.txt"
    assert not (tmp_path / "pwned").exists() and not (tmp_path / "pwned2.txt").exists()


def test_without_a_pager_or_an_opener_file_open_says_where_the_copy_is(shop, tmp_path, monkeypatch):
    attached(shop, tmp_path, "captura.png", b"\x89PNG")
    monkeypatch.delenv("PAGER", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    out = shop.ok("file", "open", "1", as_="sofia").out
    assert out.startswith("A copy of captura.png is at ") and out.endswith(".\n")
    copy = Path(out.removeprefix("A copy of captura.png is at ").removesuffix(".\n"))
    assert copy.read_bytes() == b"\x89PNG"
    assert stat.S_IMODE(copy.stat().st_mode) == 0o400
    assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700


def test_file_open_print_opens_nothing(shop, tmp_path, pager):
    attached(shop, tmp_path, "nota.txt", b"hola")
    out = shop.ok("file", "open", "1", "--print", as_="ana").out
    assert out.startswith("A copy of nota.txt is at /")
    assert not pager.with_suffix(".argv").exists()


def test_a_pager_that_cannot_run_is_refused_with_where_the_copy_is(shop, tmp_path, monkeypatch):
    attached(shop, tmp_path, "nota.txt", b"hola")
    monkeypatch.setenv("PAGER", str(tmp_path / "no-such-pager"))
    result = shop.refused("file", "open", "1", as_="ana", contains="Cannot run ")
    assert "no-such-pager: No such file or directory; the copy is at /" in result.err


def test_file_open_shows_only_files_of_cases_one_can_see(shop, tmp_path, pager):
    attached(shop, tmp_path, "nota.txt", b"hola")
    shop.refused("file", "open", "1", as_="gloria", says="There is no file 1")
    shop.refused("file", "open", "7", says="There is no file 7")
    assert not pager.with_suffix(".argv").exists()


# -- what file add refuses ------------------------------------------------------------------


def test_file_add_refuses_an_empty_file(shop, tmp_path):
    number = shop.working_case()
    empty = tmp_path / "vacío.log"
    empty.write_bytes(b"")
    shop.refused(
        "file", "add", number, str(empty), says="vacío.log is empty: there is nothing to attach"
    )


def test_file_limits_are_shown_to_all_and_set_by_admins(shop, tmp_path):
    assert shop.ok("file", "limits", as_="ana").out == (
        "At most 50 attachments per case, each at most 25.0 MiB.\n"
    )
    shop.refused(
        "file",
        "limits",
        "--per-case",
        "1",
        as_="sofia",
        says="sofia (supervisor) may not change settings: only an admin may",
    )
    assert shop.json("file", "limits", "--per-case", "1", "--max-mib", "0.5") == {
        "max_per_case": 1,
        "max_bytes": 524288,
    }
    number = attached(shop, tmp_path, "uno.txt", b"uno")
    second = tmp_path / "dos.txt"
    second.write_bytes(b"dos")
    shop.refused(
        "file",
        "add",
        number,
        str(second),
        as_="ana",
        says=f"{number} already has as many attachments as a case may have (1); "
        "an admin can raise the limit with desktui file limits --per-case",
    )
    big = tmp_path / "grande.bin"
    big.write_bytes(b"x" * 600_000)
    other = shop.working_case()
    shop.refused(
        "file",
        "add",
        other,
        str(big),
        as_="ana",
        says="grande.bin is larger than the 0.5 MiB allowed",
    )


# -- db check --repair ----------------------------------------------------------------------


def aged(path: Path) -> None:
    then = time.time() - 2 * GRACE_SECONDS
    os.utime(path, (then, then), follow_symlinks=False)


def test_db_check_reports_store_leftovers_and_repair_collects_them(shop, tmp_path):
    attached(shop, tmp_path, "nota.txt", b"hola")
    store = shop.files
    (kept,) = [p for p in store.rglob("*") if p.is_file()]
    orphan = store / "ab" / ("ab" + "0" * 62)
    orphan.parent.mkdir()
    orphan.write_bytes(b"nadie")
    temp = store / ".incoming-crashed"
    temp.write_bytes(b"mitad")
    for path in (kept, orphan, temp):
        aged(path)
    link = store / "enlace"
    link.symlink_to(tmp_path)
    expected = [
        f"{link} is a symbolic link inside the file store",
        f"{orphan} is an orphan blob: no attachment points to it",
        f"{temp} is a temporary file left by an interrupted write",
    ]
    result = shop.run("db", "check")
    assert (result.code, result.out, result.err.splitlines()) == (1, "", expected)
    assert orphan.exists() and temp.exists() and link.is_symlink()
    repaired = shop.ok("db", "check", "--repair").out.splitlines()
    assert repaired == [
        f"removed {link} (a symbolic link)",
        f"removed {orphan} (an orphan blob)",
        f"removed {temp} (a temporary file)",
        "The desk is consistent.",
    ]
    assert kept.exists() and tmp_path.is_dir()
    assert not orphan.exists() and not temp.exists() and not link.is_symlink()
    assert shop.json("db", "check", "--repair") == {"ok": True, "problems": [], "repaired": []}


def test_db_check_repair_is_for_admins(shop):
    shop.refused(
        "db",
        "check",
        "--repair",
        as_="sofia",
        says="sofia (supervisor) may not change settings: only an admin may",
    )


# -- init --group -----------------------------------------------------------------------------


def own_group() -> tuple[str, int]:
    gids = sorted(set(os.getgroups()) - {os.getegid()}) or [os.getegid()]
    return grp.getgrgid(gids[0]).gr_name, gids[0]


@pytest.mark.sqlite_only  # the modes and group of the SQLite file and its folders
def test_init_group_makes_a_desk_its_group_can_write(cli, tmp_path):
    name, gid = own_group()
    desk = cli.at(tmp_path / "shared" / "desk.db")
    old = os.umask(0o077)
    try:
        desk.ok("init", "--group", name)
    finally:
        os.umask(old)
    db = desk.path
    assert (stat.S_IMODE(db.stat().st_mode), db.stat().st_gid) == (0o660, gid)
    for folder in (db.parent, db.parent / "desk.files"):
        assert (stat.S_IMODE(folder.stat().st_mode), folder.stat().st_gid) == (0o2770, gid)


@pytest.mark.sqlite_only  # the group of the SQLite file
def test_the_group_may_come_from_desktui_group(cli, tmp_path, monkeypatch):
    name, gid = own_group()
    monkeypatch.setenv("DESKTUI_GROUP", name)
    desk = cli.at(tmp_path / "env" / "desk.db")
    desk.ok("init")
    assert (stat.S_IMODE(desk.path.stat().st_mode), desk.path.stat().st_gid) == (0o660, gid)


@pytest.mark.sqlite_only  # sharing a SQLite file (and its folder) with a Unix group
def test_init_refuses_an_unknown_group_and_creates_nothing(cli, tmp_path):
    desk = cli.at(tmp_path / "nowhere" / "desk.db")
    desk.refused(
        "init",
        "--group",
        "no-such-desk-group",
        says="There is no Unix group 'no-such-desk-group' on this machine; create it first "
        "(groupadd no-such-desk-group) or check DESKTUI_GROUP / --group",
    )
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.sqlite_only  # the mode of the SQLite file
def test_a_desk_without_a_group_is_private(cli):
    cli.ok("init")
    assert stat.S_IMODE(cli.path.stat().st_mode) == 0o600
    assert json.loads(cli.ok("file", "limits", "--json").out)["max_per_case"] == 50
