"""Files made from a desk's data (``db backup``, ``export cases``, ``calendar export``): who may
read them, what a backup holds and how it comes back, what reaches a terminal or a
spreadsheet, and what a failed backup leaves (issue 17, items 4, 5, 6 and 12's backup part).
"""

from __future__ import annotations

import csv
import grp
import hashlib
import io
import os
import pty
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

HOSTILE_TITLE = (
    "Título \x1b]0;pwned\x07 \x1b]8;;http://evil.example\x1b\\clic\x1b]8;;\x1b\\ "
    "\x9b31mrojo \u202eevil\u202c fin"
)
"""A window-title OSC ended by BEL, an OSC 8 hyperlink, a one-byte C1 CSI and a bidi override."""

FORMULA_LIKE = [
    '=HYPERLINK("http://evil.example","clic")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "'\tcomilla y tabulador",
    "'\rcomilla y retorno",
    "'=ya citado",
    "''=dos comillas",
    "'una comilla de verdad",
    "'",
    "normal",
]
"""Cells that start like a formula, cells that really start with quotes, and plain ones, as
a desk holds them (it strips surrounding blanks, so a leading tab or CR comes after a quote)."""


@contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def mode_and_group(path: Path) -> tuple[int, int]:
    info = path.lstat()
    return stat.S_IMODE(info.st_mode), info.st_gid


def own_group() -> tuple[str, int]:
    gids = sorted(set(os.getgroups()) - {os.getegid()}) or [os.getegid()]
    return grp.getgrgid(gids[0]).gr_name, gids[0]


def attach(shop, tmp_path: Path, number: str, name: str, content: bytes) -> None:
    local = tmp_path / "uploads" / name
    local.parent.mkdir(exist_ok=True)
    local.write_bytes(content)
    shop.ok("file", "add", number, str(local), as_="ana")


def with_attachments(shop, tmp_path: Path) -> dict[str, bytes]:
    """Two cases, three attachments, two distinct contents; file id → bytes."""
    first, second = shop.working_case(), shop.working_case()
    contents = {"1": b"%PDF-1.7 factura\n", "2": bytes(range(256)) * 64, "3": b"%PDF-1.7 factura\n"}
    attach(shop, tmp_path, first, "factura.pdf", contents["1"])
    attach(shop, tmp_path, first, "volcado.bin", contents["2"])
    attach(shop, tmp_path, second, "copia.pdf", contents["3"])
    return contents


def make_exports(shop, folder: Path) -> list[Path]:
    """``export cases --output`` (CSV and JSON) and ``calendar export --ics`` into ``folder``."""
    made = [folder / "casos.csv", folder / "casos.json", folder / "agenda.ics"]
    shop.ok("export", "cases", "--output", str(made[0]))
    shop.ok("export", "cases", "--format", "json", "--output", str(made[1]))
    shop.ok("calendar", "export", "--ics", str(made[2]))
    return made


def tree(root: Path) -> list[Path]:
    return [root, *sorted(root.rglob("*"))]


# -- item 4: who may read what a desk's data is written to ----------------------------------


def test_exports_of_a_private_desk_are_readable_by_its_owner_alone_whatever_the_umask(
    shop, tmp_path
):
    shop.open_case()
    out = tmp_path / "salidas"
    out.mkdir()
    (out / "casos.csv").write_text("old, world-readable\n")
    (out / "casos.csv").chmod(0o644)  # overwritten: the new file has the desk's mode
    with umask(0o022):
        made = make_exports(shop, out)
    gid = os.getegid()
    for path in made:
        assert mode_and_group(path)[0] == 0o600, path
    assert [p.name for p in sorted(out.iterdir())] == ["agenda.ics", "casos.csv", "casos.json"]
    assert mode_and_group(out / "casos.csv") == (0o600, gid)


def test_exports_of_a_group_desk_get_the_group_mode_whatever_the_umask(shop, tmp_path):
    name, gid = own_group()
    if shop.on_server:  # a server desk's sharing is its file folder's
        shop.files.mkdir(exist_ok=True)
        os.chown(shop.files, -1, gid)
        shop.files.chmod(0o2770)
    else:
        os.chown(tmp_path, -1, gid)
        tmp_path.chmod(0o2770)
        shop.ok("init", "--group", name)
    shop.open_case()
    out = tmp_path / "salidas"
    out.mkdir()
    with umask(0o022):
        made = make_exports(shop, out)
    for path in made:
        assert mode_and_group(path) == (0o660, gid), path


@pytest.mark.sqlite_only  # SQLite's online backup (a server desk: pg_dump)
def test_a_backup_of_a_private_desk_is_its_owners_alone_whatever_the_umask(shop, tmp_path):
    with_attachments(shop, tmp_path)
    target = tmp_path / "copias" / "nuevas" / "respaldo.db"
    with umask(0o022):
        shop.ok("db", "backup", str(target))
    assert mode_and_group(target)[0] == 0o600
    for folder in (target.parent, target.parent.parent):
        assert mode_and_group(folder)[0] == 0o700, folder
    store = tmp_path / "copias" / "nuevas" / "respaldo.files"
    for path in tree(store):
        expected = 0o700 if path.is_dir() else 0o400
        assert mode_and_group(path)[0] == expected, path


@pytest.mark.sqlite_only  # SQLite's online backup (a server desk: pg_dump)
def test_a_backup_of_a_group_desk_gets_the_group_mode_whatever_the_umask(shop, tmp_path):
    name, gid = own_group()
    os.chown(tmp_path, -1, gid)
    tmp_path.chmod(0o2770)
    shop.ok("init", "--group", name)
    with_attachments(shop, tmp_path)
    elsewhere = tmp_path / "privada"
    elsewhere.mkdir(mode=0o700)
    os.chown(elsewhere, -1, os.getegid())
    target = elsewhere / "copias" / "respaldo.db"
    with umask(0o077):
        shop.ok("db", "backup", str(target))
    assert mode_and_group(target) == (0o660, gid)
    assert mode_and_group(target.parent) == (0o2770, gid)
    for path in tree(elsewhere / "copias" / "respaldo.files"):
        assert mode_and_group(path) == ((0o2770, gid) if path.is_dir() else (0o440, gid)), path


# -- item 5: a backup is the database and its files, and it restores --------------------------


@pytest.mark.sqlite_only  # SQLite's online backup (a server desk: pg_dump)
def test_a_backup_restored_as_a_desk_has_every_attachment_with_the_same_bytes(shop, tmp_path):
    contents = with_attachments(shop, tmp_path)
    target = tmp_path / "copias" / "respaldo.db"
    files = tmp_path / "copias" / "respaldo.files"
    assert shop.ok("db", "backup", str(target)).out == (
        f"Backed up to {target}, with its 2 attachment contents (16.0 KiB) in {files} "
        "beside it: the two together are a whole desk.\n"
    )
    # The desk goes on; the backup is the moment it was made.
    attach(shop, tmp_path, "CS-000001", "después.txt", b"after the backup")
    # Restore as the README says: the two, under any one name, beside each other.
    restored = tmp_path / "restaurado"
    restored.mkdir()
    os.rename(target, restored / "desk.db")
    os.rename(files, restored / "desk.files")
    desk = shop.at(restored / "desk.db")
    assert desk.ok("db", "check").out == "The desk is consistent.\n"
    for file_id, content in contents.items():
        out = desk.ok("file", "open", file_id, "--print").out
        copy = Path(out.split(" is at ", 1)[1].removesuffix(".\n"))
        assert copy.read_bytes() == content, file_id
    desk.refused("file", "open", "4", "--print", says="There is no file 4")


@pytest.mark.postgresql_only  # a SQLite desk is backed up by db backup itself
def test_db_backup_of_a_server_desk_says_what_it_did_not_write_and_how_to_back_it_up(
    shop, tmp_path
):
    target = tmp_path / "respaldo.db"
    shop.refused(
        "db",
        "backup",
        str(target),
        says="db backup copies SQLite desks only and wrote nothing; back up a PostgreSQL "
        f"desk with pg_dump, and copy its attachments folder ({shop.files}) with it (rsync -a)",
    )
    assert not target.exists() and not (tmp_path / "respaldo.files").exists()


@pytest.mark.sqlite_only  # SQLite's online backup (a server desk: pg_dump)
def test_a_backup_never_lands_on_an_existing_file_store(shop, tmp_path):
    target = tmp_path / "respaldo.db"
    (tmp_path / "respaldo.files").mkdir()
    (tmp_path / "respaldo.files" / "mío.txt").write_text("precious")
    shop.refused(
        "db",
        "backup",
        str(target),
        says=f"{tmp_path / 'respaldo.files'} exists already; choose a new file",
    )
    assert not target.exists()
    assert (tmp_path / "respaldo.files" / "mío.txt").read_text() == "precious"


# -- item 12 (backup): a failed backup leaves nothing, says a sentence, and a retry works ------


FILE_SIZE_LIMITED = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
from deskTUI.cli import main
sys.exit(main(sys.argv[2:]))
"""
"""``desktui`` in a process whose files cannot grow past a size: the OS refuses the write
that would (EFBIG), as a full disk does (ENOSPC), without needing root to fill a disk."""


@pytest.mark.sqlite_only  # SQLite's online backup (a server desk: pg_dump)
@pytest.mark.parametrize(
    "limit", [64 * 1024, 1024 * 1024], ids=["while-copying-the-database", "while-copying-files"]
)
def test_a_backup_that_runs_out_of_room_leaves_nothing_and_the_retry_works(shop, tmp_path, limit):
    number = shop.working_case()
    attach(shop, tmp_path, number, "grande.bin", os.urandom(3 * 1024 * 1024))
    assert 64 * 1024 < shop.path.stat().st_size < 1024 * 1024
    folder = tmp_path / "copias"
    target = folder / "respaldo.db"
    run = subprocess.run(
        [sys.executable, "-c", FILE_SIZE_LIMITED, str(limit), "--db", shop.db,
         "db", "backup", str(target)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 1, run
    assert "Traceback" not in run.stderr
    assert run.stderr.startswith(f"error: The backup to {target} failed and left nothing behind: ")
    assert run.stderr.count("\n") == 1, run.stderr
    assert not folder.exists(), sorted(folder.rglob("*"))
    shop.ok("db", "backup", str(target))
    assert shop.at(target).ok("db", "check").out == "The desk is consistent.\n"


@contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    """A real file system of ``size`` mounted at ``folder`` (a tmpfs: root only, and only
    where the container lets it mount), unmounted afterwards."""
    folder.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small disk needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small disk here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@pytest.mark.sqlite_only  # SQLite's online backup (a server desk: pg_dump)
@pytest.mark.parametrize(
    "size", ["64k", "1m"], ids=["while-copying-the-database", "while-copying-files"]
)
def test_a_backup_onto_a_full_disk_leaves_nothing_and_the_retry_elsewhere_works(
    shop, tmp_path, size
):
    number = shop.working_case()
    attach(shop, tmp_path, number, "grande.bin", os.urandom(3 * 1024 * 1024))
    assert 64 * 1024 < shop.path.stat().st_size < 1024 * 1024
    with small_disk(tmp_path / "disco", size) as disk:
        target = disk / "copias" / "respaldo.db"
        shop.refused(
            "db", "backup", str(target),
            contains=f"The backup to {target} failed and left nothing behind: ",
        )  # fmt: skip
        assert list(disk.iterdir()) == []
    shop.ok("db", "backup", str(tmp_path / "respaldo.db"))


@pytest.mark.sqlite_only  # SQLite's online backup (a server desk: pg_dump)
def test_a_backup_into_a_folder_that_cannot_be_made_is_a_sentence(shop, tmp_path):
    plain = tmp_path / "un-archivo"
    plain.write_text("not a folder")
    before = sorted(tmp_path.rglob("*"))
    shop.refused(
        "db",
        "backup",
        str(plain / "respaldo.db"),
        contains=f"The backup to {plain / 'respaldo.db'} failed and left nothing behind: ",
    )
    assert sorted(tmp_path.rglob("*")) == before


# -- item 6: what reaches a terminal, and what reaches a spreadsheet -------------------------


def on_a_terminal(argv: list[str]) -> str:
    """What ``desktui argv`` shows on a real terminal (a pseudo-terminal), as its bytes."""
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "deskTUI", *argv],
            stdout=follower,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the other side closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        _, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
    finally:
        os.close(leader)
    return b"".join(chunks).decode("utf-8")


def test_export_on_a_terminal_shows_customers_control_characters_and_obeys_none(shop):
    shop.open_case(title=HOSTILE_TITLE, description="línea\x07\x1b[2J")
    for style in ("csv", "json"):
        shown = on_a_terminal(shop.argv(["export", "cases", "--format", style], None))
        assert "CS-000001" in shown
        for unsafe in ("\x1b]0;", "\x1b]8;;", "\x1b[2J", "\x07", "\x9b", "\u202e", "\u202c"):
            assert unsafe not in shown, (style, unsafe)
        assert "\x1b" not in shown, style  # nor a progress bar drawn over the rows
    shown = on_a_terminal(shop.argv(["export", "cases"], None))
    assert "\\x1b]0;pwned\\x07" in shown and "<U+202E>evil" in shown and "\\x9b31m" in shown


def test_export_to_a_pipe_keeps_the_text_exact(shop):
    shop.open_case(title=HOSTILE_TITLE)
    (row,) = csv.DictReader(io.StringIO(shop.ok("export", "cases").out))
    assert row["title"] == HOSTILE_TITLE.strip()


def test_a_csv_export_quotes_formula_cells_and_its_import_restores_them_exactly(shop, tmp_path):
    for text in FORMULA_LIKE:
        # --option=VALUE: a value may start with "-"
        number = shop.ok(
            "case",
            "new",
            "--title=Fórmulas",
            "--client=Acme SA",
            "--category=Impresoras",
            f"--description={text}",
            "--json",
        ).json()["number"]
        shop.ok("case", "edit", number, f"--product={text}")
    stored = [shop.show(f"CS-{n:06d}") for n in range(1, len(FORMULA_LIKE) + 1)]
    assert [case["description"] for case in stored] == FORMULA_LIKE
    exported = tmp_path / "casos.csv"
    shop.ok("export", "cases", "--output", str(exported))
    with exported.open(encoding="utf-8", newline="") as raw:  # a CR in a cell is data
        rows = list(csv.DictReader(raw))
    quoted = [row["description"] for row in rows]
    assert quoted == [
        '\'=HYPERLINK("http://evil.example","clic")',
        "'+cmd|' /C calc'!A0",
        "'-2+3",
        "'@SUM(A1:A9)",
        "''\tcomilla y tabulador",
        "''\rcomilla y retorno",
        "''=ya citado",
        "'''=dos comillas",
        "'una comilla de verdad",
        "'",
        "normal",
    ]
    assert [row["product"] for row in rows] == quoted
    twin = shop.another("twin", shop=True)
    twin.ok("import", "cases", str(exported))
    again = [twin.show(f"CS-{n:06d}") for n in range(1, len(FORMULA_LIKE) + 1)]
    assert [case["description"] for case in again] == FORMULA_LIKE
    assert [case["product"] for case in again] == FORMULA_LIKE
    assert twin.ok("export", "cases").out == shop.ok("export", "cases").out


def test_a_hand_written_csv_cell_that_starts_with_a_quote_is_kept(shop, tmp_path):
    source = tmp_path / "a-mano.csv"
    source.write_text(
        "title,client,category,description\n'tis the season,Acme SA,Impresoras,'=fórmula citada\n",
        encoding="utf-8",
    )
    shop.ok("import", "cases", str(source))
    case = shop.show("CS-000001")
    assert (case["title"], case["description"]) == ("'tis the season", "=fórmula citada")


def test_the_report_and_the_export_quote_a_formula_alike(shop):
    """One function for both: a client's name in ``report --format csv`` and in
    ``export cases`` (a name that already starts with a quote gets one more, so the import
    can take exactly one away)."""
    year = date.today().year
    for name in ('=HYPERLINK("http://x.example","clic")', "'=ya citado"):
        shop.ok("client", "add", name)
        shop.ok(
            "contract", "add", "--client", name, "--unit", "incidents", "--total", "3",
            "--start", f"{year}-01-01", "--end", f"{year}-12-31",
        )  # fmt: skip
        shop.ok("case", "new", "--title=x", f"--client={name}", "--category=Impresoras",
                "--description=y")  # fmt: skip
    exported = {
        row["client"] for row in csv.DictReader(io.StringIO(shop.ok("export", "cases").out))
    }
    report = shop.ok("report", "contracts", "--format", "csv").out
    reported = {row["client"] for row in csv.DictReader(io.StringIO(report))}
    expected = {'\'=HYPERLINK("http://x.example","clic")', "''=ya citado"}
    assert exported == expected and expected <= reported


@pytest.mark.sqlite_only  # SQLite's online backup (a server desk: pg_dump)
def test_a_backup_never_goes_inside_the_desks_own_file_store(shop, tmp_path):
    with_attachments(shop, tmp_path)
    inside = shop.files / "respaldo.db"
    shop.refused(
        "db",
        "backup",
        str(inside),
        says=f"{inside} is inside the desk's own file store {shop.files}; "
        "choose a folder outside it",
    )


@pytest.mark.sqlite_only  # SQLite's online backup (a server desk: pg_dump)
def test_a_backup_of_a_desk_that_lost_a_content_says_so_and_keeps_the_rest(shop, tmp_path):
    contents = with_attachments(shop, tmp_path)
    lost = next(shop.files.glob("*/*"))
    lost.unlink()
    target = tmp_path / "respaldo.db"
    result = shop.run("db", "backup", str(target))
    assert result.code == 1 and result.out.startswith(f"Backed up to {target}, with its 1 ")
    assert result.err == (
        "error: 1 attachment content the desk points to is missing or damaged in its own "
        f"file store, so the backup lacks it too ({lost.name}); "
        "desktui db check lists it\n"
    )
    copy = shop.at(target)
    assert f"attachment content {lost.name} is missing" in copy.run("db", "check").err
    for file_id, content in contents.items():
        if hashlib.sha256(content).hexdigest() != lost.name:
            out = copy.ok("file", "open", file_id, "--print").out
            assert Path(out.split(" is at ", 1)[1].removesuffix(".\n")).read_bytes() == content


@pytest.mark.sqlite_only  # SQLite's online backup (a server desk: pg_dump)
def test_a_backup_named_like_a_file_store_is_refused(shop, tmp_path):
    target = tmp_path / "respaldo.files"
    shop.refused(
        "db",
        "backup",
        str(target),
        says=f"{target} is named like a desk's file store; give the backup another suffix (.db)",
    )
    assert not target.exists()
