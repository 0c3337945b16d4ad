"""Unsaved edits kept on the operator's disk: whole or not at all, theirs alone."""

from __future__ import annotations

import errno
import stat
import subprocess
import sys
from datetime import UTC, datetime

from deskTUI.store.drafts import Draft, DraftStore

AT = datetime(2026, 3, 2, 10, 42, tzinfo=UTC)


def test_a_draft_is_kept_per_desk_and_login_and_read_back_whole(tmp_path):
    ana = DraftStore(tmp_path, "/srv/desk.db", "ana")
    draft = Draft("CS-000042", 3, {"title": "Impresora \x1b]0;x\x07 y ünicode", "client": "7"}, AT)
    ana.save(draft)
    assert ana.load("CS-000042") == draft
    assert DraftStore(tmp_path, "/srv/desk.db", "luis").load("CS-000042") is None
    assert DraftStore(tmp_path, "/srv/other.db", "ana").load("CS-000042") is None
    assert ana.all() == [draft]


def test_a_draft_file_is_the_operators_alone(tmp_path):
    ana = DraftStore(tmp_path, "/srv/desk.db", "ana")
    ana.save(Draft("CS-000001", 1, {"title": "x"}, AT))
    path = next(ana.folder.glob("*.json"))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(ana.folder.stat().st_mode) == 0o700
    assert not list(ana.folder.glob("*.tmp"))  # written whole, then renamed


def test_a_discarded_or_damaged_draft_is_no_draft(tmp_path):
    ana = DraftStore(tmp_path, "/srv/desk.db", "ana")
    ana.save(Draft("CS-000001", 1, {"title": "x"}, AT))
    ana.discard("CS-000001")
    ana.discard("CS-000001")  # twice: nothing to say
    assert ana.load("CS-000001") is None
    ana.folder.mkdir(parents=True, exist_ok=True)
    (ana.folder / "CS-000002.json").write_text("{half a dra")
    assert ana.load("CS-000002") is None and ana.all() == []


def test_a_login_or_case_number_cannot_lead_the_file_out_of_its_folder(tmp_path):
    sly = DraftStore(tmp_path / "drafts", "/srv/desk.db", "../../etc")
    sly.save(Draft("../../x", 1, {"title": "x"}, AT))
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written and all((tmp_path / "drafts") in p.parents for p in written)


def test_a_draft_that_fills_the_disk_leaves_the_last_whole_one_and_no_half_written_file(tmp_path):
    ana = DraftStore(tmp_path, "/srv/desk.db", "ana")
    kept = Draft("CS-000001", 1, {"title": "corto"}, AT)
    ana.save(kept)
    # A child that may write no file past 4 KiB (SIGXFSZ ignored: write fails with EFBIG,
    # after writing what fits, as on a full disk) saves a 64 KiB draft over it.
    code = (
        "import resource, signal, sys; from datetime import UTC, datetime; "
        "from pathlib import Path; from deskTUI.store.drafts import Draft, DraftStore; "
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
        "resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096)); "
        f"store = DraftStore(Path({str(tmp_path)!r}), '/srv/desk.db', 'ana'); "
        "draft = Draft('CS-000001', 2, {'description': 'x' * 65536}, datetime.now(UTC))\n"
        "try:\n    store.save(draft)\nexcept OSError as error:\n    print(error.errno)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(errno.EFBIG)  # refused, so the form can say so
    assert ana.load("CS-000001") == kept
    assert not list(ana.folder.glob("*.tmp"))
