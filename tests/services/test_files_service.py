"""files: content in the content-addressed store beside the database, metadata in SQLite."""

from __future__ import annotations

import hashlib
import io
import os
import stat
import tempfile
import time
from pathlib import Path

import pytest

from deskTUI.domain.enums import LogKind, ReviewStatus
from deskTUI.domain.errors import CaseClosed, NotFound, PermissionDenied, ValidationError
from deskTUI.services import cases, files, maintenance, views
from deskTUI.store.blobs import CHUNK, GRACE_SECONDS, BlobStore
from deskTUI.store.database import open_database
from deskTUI.store.uow import UnitOfWork

CONTENT = b"%PDF-1.4 informe de la impresora\n" * 10


def _files_dir(desk) -> Path:
    root = desk.uow().db.files_dir
    assert root is not None
    return root


def _stored_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def _attach(desk, by, case, data=CONTENT, name="informe.pdf", **kw):
    return files.attach_file(desk.uow(), by, case.number, io.BytesIO(data), name=name, **kw)


class EndlessStream:
    """A source that never ends, counting what was read from it."""

    def __init__(self) -> None:
        self.read_bytes = 0

    def read(self, size: int = -1) -> bytes:
        assert size > 0, "the store must read in chunks, never all at once"
        self.read_bytes += size
        return b"x" * size


def test_an_attachment_is_stored_by_its_sha256_beside_the_database(desk):
    case = desk.open(by=desk.maria)
    item = _attach(desk, desk.maria, case)
    digest = hashlib.sha256(CONTENT).hexdigest()
    assert (item.sha256, item.size, item.name, item.media_type) == (
        digest,
        len(CONTENT),
        "informe.pdf",
        "application/pdf",
    )
    path = BlobStore(_files_dir(desk)).path_of(digest)
    assert path.read_bytes() == CONTENT
    assert path.parent.parent == _files_dir(desk)
    detail = views.case_detail(desk.uow(), desk.sofia, case.number)
    (stored,) = detail.files
    assert stored == item
    assert (stored.uploader_id, stored.review, stored.uploaded_at) == (
        desk.maria.id,
        ReviewStatus.PENDING,
        desk.clock.now,
    )
    assert detail.log[-1].kind is LogKind.FILE
    assert detail.log[-1].new == f"informe.pdf ({len(CONTENT)} bytes)"


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\maria\\Desktop\\foto.png", "foto.png"),
        ("/tmp/../../root/.ssh/id_rsa", "id_rsa"),
        ("..", "attachment"),
    ],
)
def test_a_name_from_outside_keeps_no_directories(desk, given, shown):
    case = desk.open(by=desk.maria)
    item = _attach(desk, desk.maria, case, name=given)
    (stored,) = views.case_detail(desk.uow(), desk.maria, case.number).files
    assert stored.name == item.name == shown
    root = _files_dir(desk)
    assert _stored_files(root) == [BlobStore(root).path_of(item.sha256)]
    assert not (root.parent / "etc").exists()


def test_the_same_content_twice_is_stored_once(desk):
    case = desk.open(by=desk.maria)
    first = _attach(desk, desk.maria, case, name="a.pdf")
    second = _attach(desk, desk.maria, case, name="b.pdf")
    assert first.sha256 == second.sha256 and first.id != second.id
    assert len(_stored_files(_files_dir(desk))) == 1
    assert [f.name for f in views.case_detail(desk.uow(), desk.maria, case.number).files] == [
        "a.pdf",
        "b.pdf",
    ]


def test_a_file_too_large_is_refused_while_streaming_and_nothing_is_recorded(desk, snapshot):
    case = desk.open(by=desk.maria)
    before = snapshot(case.number)
    source = EndlessStream()
    limit = 3 * CHUNK + 7
    with pytest.raises(ValidationError) as caught:
        files.attach_file(
            desk.uow(), desk.maria, case.number, source, name="big.iso", max_bytes=limit
        )
    assert caught.value.code == "file.too_large"
    assert source.read_bytes <= limit + CHUNK
    assert snapshot(case.number) == before
    root = _files_dir(desk)
    assert _stored_files(root) == []
    assert not list(root.glob(".incoming-*"))


def test_a_file_of_exactly_the_limit_is_accepted(desk):
    case = desk.open(by=desk.maria)
    item = _attach(desk, desk.maria, case, data=b"y" * 1000, max_bytes=1000)
    assert item.size == 1000


def test_attach_path_stores_a_local_file_under_its_own_name(desk, tmp_path):
    case = desk.open(by=desk.maria)
    local = tmp_path / "captura.png"
    local.write_bytes(b"\x89PNG fake")
    item = files.attach_path(desk.uow(), desk.maria, case.number, local)
    assert (item.name, item.media_type, item.size) == ("captura.png", "image/png", 9)
    assert BlobStore(_files_dir(desk)).path_of(item.sha256).read_bytes() == b"\x89PNG fake"


def test_attach_path_refuses_a_symlink(desk, snapshot, tmp_path):
    case = desk.open(by=desk.maria)
    secret = tmp_path / "secret.txt"
    secret.write_text("clave")
    link = tmp_path / "informe.txt"
    link.symlink_to(secret)
    before = snapshot(case.number)
    with pytest.raises(ValidationError) as caught:
        files.attach_path(desk.uow(), desk.maria, case.number, link)
    assert caught.value.code == "files.symlink"
    assert snapshot(case.number) == before
    assert _stored_files(_files_dir(desk)) == []


def test_attach_path_refuses_a_missing_file(desk, snapshot, tmp_path):
    case = desk.open(by=desk.maria)
    before = snapshot(case.number)
    with pytest.raises(ValidationError) as caught:
        files.attach_path(desk.uow(), desk.maria, case.number, tmp_path / "nada.pdf")
    assert caught.value.code == "files.missing"
    assert snapshot(case.number) == before


def test_a_cancelled_case_takes_no_file_and_stores_no_content(desk, started, snapshot):
    case = started()
    cases.move_case(desk.uow(), desk.sofia, case.number, "cancelled", note="Duplicado")
    before = snapshot(case.number)
    with pytest.raises(CaseClosed) as caught:
        _attach(desk, desk.sofia, case)
    assert caught.value.code == "case.cancelled"
    assert snapshot(case.number) == before
    assert _stored_files(_files_dir(desk)) == []


def test_a_client_of_another_account_cannot_attach(desk, snapshot):
    case = desk.open(by=desk.maria)
    before = snapshot(case.number)
    with pytest.raises(PermissionDenied) as caught:
        _attach(desk, desk.gloria, case)
    assert caught.value.code == "permission.not_visible"
    assert snapshot(case.number) == before
    assert _stored_files(_files_dir(desk)) == []


def test_reviewing_files_updates_the_counters(desk, started):
    case = started()
    a, b, _c = (
        _attach(desk, desk.ana, case, data=bytes([n]) * 10, name=f"{n}.txt") for n in range(3)
    )
    files.review_file(desk.uow(), desk.sofia, a.id, "valid")
    files.review_file(desk.uow(), desk.ana, b.id, ReviewStatus.REJECTED, "Está borroso")
    detail = views.case_detail(desk.uow(), desk.sofia, case.number)
    counters = detail.file_counters
    assert (counters.total, counters.pending, counters.valid, counters.rejected) == (3, 1, 1, 1)
    reviewed = {f.id: (f.review, f.reviewed_by) for f in detail.files}
    assert reviewed[a.id] == (ReviewStatus.VALID, desk.sofia.id)
    assert reviewed[b.id] == (ReviewStatus.REJECTED, desk.ana.id)
    lines = [(e.field, e.old, e.new) for e in detail.log if e.kind is LogKind.FILE and e.old]
    assert lines == [("file 0.txt", "pending", "valid"), ("file 1.txt", "pending", "rejected")]


def test_a_rejection_needs_a_reason_which_is_kept_shown_and_logged_and_cleared_when_valid(
    desk, started, snapshot
):
    case = started()
    item = _attach(desk, desk.ana, case, name="scan.png")
    before = snapshot(case.number)
    for reason in ("", "   "):
        with pytest.raises(ValidationError) as caught:
            files.review_file(desk.uow(), desk.sofia, item.id, "rejected", reason)
        assert caught.value.code == "file.reason_required"
    with pytest.raises(ValidationError) as caught:
        files.review_file(desk.uow(), desk.sofia, item.id, "valid", "looks fine")
    assert caught.value.code == "file.reason_unused"
    with pytest.raises(ValidationError) as caught:
        files.review_file(desk.uow(), desk.sofia, item.id, "rejected", "x" * 501)
    assert caught.value.code == "text.too_long"
    assert snapshot(case.number) == before
    files.review_file(desk.uow(), desk.sofia, item.id, "rejected", " Ilegible: envíe otra foto ")
    detail = views.case_detail(desk.uow(), desk.maria, case.number)
    assert [(f.review, f.review_reason) for f in detail.files] == [
        (ReviewStatus.REJECTED, "Ilegible: envíe otra foto")
    ]
    log = views.case_detail(desk.uow(), desk.sofia, case.number).log
    assert [e.note for e in log if e.kind is LogKind.FILE and e.old] == [
        "Ilegible: envíe otra foto"
    ]
    files.review_file(desk.uow(), desk.sofia, item.id, "valid")
    files.review_file(desk.uow(), desk.ana, item.id, "valid")  # again: no change, no line
    again = views.case_detail(desk.uow(), desk.sofia, case.number)
    assert [(f.review, f.review_reason, f.reviewed_by) for f in again.files] == [
        (ReviewStatus.VALID, "", desk.sofia.id)
    ]
    reviews = [(e.old, e.new) for e in again.log if e.kind is LogKind.FILE and e.old]
    assert reviews == [("pending", "rejected"), ("rejected", "valid")]


def test_clients_cannot_review_files(desk, snapshot):
    case = desk.open(by=desk.maria)
    item = _attach(desk, desk.maria, case)
    before = snapshot(case.number)
    with pytest.raises(PermissionDenied) as caught:
        files.review_file(desk.uow(), desk.maria, item.id, "valid")
    assert caught.value.code == "permission.denied"
    assert snapshot(case.number) == before
    assert before.files[0].review is ReviewStatus.PENDING


def test_an_unknown_review_status_is_refused(desk, started, snapshot):
    case = started()
    item = _attach(desk, desk.ana, case)
    before = snapshot(case.number)
    with pytest.raises(ValidationError) as caught:
        files.review_file(desk.uow(), desk.sofia, item.id, "ok")
    assert caught.value.code == "file.review"
    assert snapshot(case.number) == before


# -- names from outside, empty files, duplicates, limits ---------------------------------------

LONG_NAME = "ñ" * 200 + ".pdf"
"""404 bytes in UTF-8: more than any filesystem takes for one name."""


@pytest.mark.parametrize(
    ("given", "shown", "copy"),
    [
        ("../x", "x", "x"),
        ("/abs/path", "path", "path"),
        ("a\\b", "b", "b"),
        ("%2e%2e", "%2e%2e", "%2e%2e"),
        ("in\x00forme.txt", "informe.txt", "informe.txt"),
        ("-rf .pdf", "-rf .pdf", "rf.pdf"),
        (".bashrc", "bashrc", "bashrc"),
        ("limpiar.sh", "limpiar.sh", "limpiar.sh.txt"),
        ("acceso.desktop", "acceso.desktop", "acceso.desktop.txt"),
        ("foto.\u202egnp.exe", "foto.gnp.exe", "foto.gnp.exe.txt"),
        (LONG_NAME, LONG_NAME[:255], "ñ" * 58 + ".pdf"),
    ],
)
def test_a_name_from_outside_is_metadata_and_its_copy_gets_a_safe_name(desk, given, shown, copy):
    case = desk.open(by=desk.maria)
    item = _attach(desk, desk.maria, case, name=given)
    assert item.name == shown
    root = _files_dir(desk)
    assert _stored_files(root) == [BlobStore(root).path_of(item.sha256)]
    opened = files.open_copy(desk.uow(), desk.maria, item.id)
    try:
        assert opened.path.name == copy
        assert opened.path.parent == opened.folder
        assert len(opened.path.name.encode()) <= files.SAFE_NAME_BYTES
        assert opened.path.read_bytes() == CONTENT
    finally:
        opened.discard()


def test_an_empty_file_is_refused_and_nothing_is_stored(desk, snapshot, tmp_path):
    case = desk.open(by=desk.maria)
    empty = tmp_path / "vacío.txt"
    empty.write_bytes(b"")
    before = snapshot(case.number)
    with pytest.raises(ValidationError) as caught:
        files.attach_path(desk.uow(), desk.maria, case.number, empty)
    assert str(caught.value) == "vacío.txt is empty: there is nothing to attach"
    assert snapshot(case.number) == before
    assert _stored_files(_files_dir(desk)) == []


def test_a_local_file_over_the_limit_leaves_no_stored_file(desk, snapshot, tmp_path):
    case = desk.open(by=desk.maria)
    big = tmp_path / "disco.iso"
    big.write_bytes(b"z" * (4 * CHUNK))
    before = snapshot(case.number)
    with pytest.raises(ValidationError) as caught:
        files.attach_path(desk.uow(), desk.maria, case.number, big, max_bytes=CHUNK)
    assert str(caught.value) == "disco.iso is larger than the 0.1 MiB allowed"
    assert snapshot(case.number) == before
    assert _stored_files(_files_dir(desk)) == []


def test_the_same_content_on_two_cases_is_one_blob_and_two_attachments(desk):
    first, second = desk.open(by=desk.maria), desk.open(by=desk.maria)
    a = _attach(desk, desk.maria, first, name="a.pdf")
    b = _attach(desk, desk.maria, second, name="b.pdf")
    assert (a.sha256, a.case_id != b.case_id) == (b.sha256, True)
    assert len(_stored_files(_files_dir(desk))) == 1
    files.review_file(desk.uow(), desk.sofia, a.id, "rejected", "Wrong invoice")
    reviews = [f.review for f in views.case_detail(desk.uow(), desk.sofia, second.number).files]
    assert reviews == [ReviewStatus.PENDING]


def test_a_case_takes_no_more_attachments_than_the_limit(desk, snapshot):
    files.set_file_limits(desk.uow(), desk.admin, max_per_case=2)
    case = desk.open(by=desk.maria)
    _attach(desk, desk.maria, case, data=b"uno")
    _attach(desk, desk.maria, case, data=b"dos")
    before = snapshot(case.number)
    with pytest.raises(ValidationError) as caught:
        _attach(desk, desk.maria, case, data=b"tres")
    assert str(caught.value) == (
        f"{case.number} already has as many attachments as a case may have (2); "
        "an admin can raise the limit with desktui file limits --per-case"
    )
    assert snapshot(case.number) == before
    assert len(_stored_files(_files_dir(desk))) == 2
    other = desk.open(by=desk.maria)
    assert _attach(desk, desk.maria, other, data=b"tres").size == 4


def test_the_size_limit_is_a_desk_setting_only_admins_change(desk):
    assert files.file_limits(desk.uow()) == files.FileLimits(50, 25 * 1024 * 1024)
    with pytest.raises(PermissionDenied):
        files.set_file_limits(desk.uow(), desk.sofia, max_mib=1)
    with pytest.raises(ValidationError) as caught:
        files.set_file_limits(desk.uow(), desk.admin, max_per_case=0)
    assert caught.value.code == "files.limit_count"
    limits = files.set_file_limits(desk.uow(), desk.admin, max_mib=0.001)
    assert limits.max_bytes == 1048
    case = desk.open(by=desk.maria)
    with pytest.raises(ValidationError) as caught:
        _attach(desk, desk.maria, case, data=b"x" * 1049)
    assert caught.value.code == "file.too_large"
    assert _attach(desk, desk.maria, case, data=b"x" * 1048).size == 1048


def test_attach_path_refuses_a_fifo_without_waiting_for_a_writer(desk, tmp_path):
    case = desk.open(by=desk.maria)
    fifo = tmp_path / "tubería"
    os.mkfifo(fifo)
    with pytest.raises(ValidationError) as caught:
        files.attach_path(desk.uow(), desk.maria, case.number, fifo)
    assert str(caught.value) == f"{fifo} is not a readable file"
    with pytest.raises(ValidationError):
        files.attach_path(desk.uow(), desk.maria, case.number, tmp_path)


def test_attach_path_refuses_a_symlink_to_a_folder_of_the_path_too(desk, tmp_path):
    case = desk.open(by=desk.maria)
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text("hola")
    (tmp_path / "link.txt").symlink_to(tmp_path / "real" / "a.txt")
    with pytest.raises(ValidationError) as caught:
        files.attach_path(desk.uow(), desk.maria, case.number, tmp_path / "link.txt")
    assert caught.value.code == "files.symlink"


# -- opening a copy ---------------------------------------------------------------------------


def test_an_opened_copy_is_private_read_only_and_never_executable(desk):
    case = desk.open(by=desk.maria)
    item = _attach(desk, desk.maria, case, name="informe.pdf")
    opened = files.open_copy(desk.uow(), desk.sofia, item.id)
    try:
        assert stat.S_IMODE(opened.folder.stat().st_mode) == 0o700
        assert stat.S_IMODE(opened.path.stat().st_mode) == 0o400
        assert not os.access(opened.path, os.X_OK) or os.geteuid() == 0
        assert opened.path.stat().st_mode & 0o111 == 0
        assert opened.path.read_bytes() == CONTENT
        assert not opened.path.is_relative_to(_files_dir(desk))
    finally:
        opened.discard()
    assert not opened.folder.exists()


def test_the_file_of_a_case_a_client_cannot_see_does_not_exist_for_them(desk):
    case = desk.open(by=desk.maria)
    item = _attach(desk, desk.maria, case)
    with pytest.raises(NotFound) as hidden:
        files.open_copy(desk.uow(), desk.gloria, item.id)
    with pytest.raises(NotFound) as missing:
        files.open_copy(desk.uow(), desk.gloria, item.id + 1)
    assert (hidden.value.code, str(hidden.value)) == (
        "file.not_found",
        f"There is no file {item.id}",
    )
    assert missing.value.template == hidden.value.template


def test_a_damaged_blob_is_refused_and_no_copy_is_left(desk, tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    tempfile.tempdir = None  # read TMPDIR again
    try:
        case = desk.open(by=desk.maria)
        item = _attach(desk, desk.maria, case)
        blob = BlobStore(_files_dir(desk)).path_of(item.sha256)
        blob.chmod(0o600)
        blob.write_bytes(b"cambiado")
        with pytest.raises(ValidationError) as caught:
            files.open_copy(desk.uow(), desk.maria, item.id)
        assert caught.value.code == "files.damaged"
        assert list(tmp_path.glob("desktui-file-*")) == []
    finally:
        tempfile.tempdir = None


def test_the_viewer_is_the_pager_split_into_words_then_xdg_open_then_none(tmp_path):
    copy = tmp_path / "informe.pdf"
    viewer = files.viewer_for(copy, {"PAGER": "less -R", "PATH": ""})
    assert viewer == files.Viewer(["less", "-R", str(copy)], waits=True)
    opener = tmp_path / "bin" / "xdg-open"
    opener.parent.mkdir()
    opener.write_text("#!/bin/sh\n")
    opener.chmod(0o755)
    viewer = files.viewer_for(copy, {"PATH": str(opener.parent)})
    assert viewer == files.Viewer([str(opener), str(copy)], waits=False)
    assert files.viewer_for(copy, {"PAGER": "", "PATH": str(tmp_path)}) is None


# -- db check and repair ------------------------------------------------------------------------


def test_db_check_names_an_orphan_and_repair_removes_only_it(desk):
    case = desk.open(by=desk.maria)
    kept = _attach(desk, desk.maria, case)
    store = BlobStore(_files_dir(desk))
    orphan, _ = store.put(io.BytesIO(b"de un attach que no llego a guardarse"))
    later = time.time() + 2 * GRACE_SECONDS
    assert maintenance.check(desk.uow(), desk.admin) == [], "a young orphan may be in progress"
    orphan_path = store.path_of(orphan)
    assert maintenance.check(desk.uow(), desk.admin, now=later) == [
        f"{orphan_path} is an orphan blob: no attachment points to it"
    ]
    assert maintenance.repair(desk.uow(), desk.admin, now=later) == [
        f"removed {orphan_path} (an orphan blob)"
    ]
    assert maintenance.check(desk.uow(), desk.admin, now=later) == []
    assert store.exists(kept.sha256) and not store.exists(orphan)
    with pytest.raises(PermissionDenied):
        maintenance.repair(desk.uow(), desk.sofia)


def test_db_check_names_content_an_attachment_points_to_that_is_gone(desk):
    case = desk.open(by=desk.maria)
    item = _attach(desk, desk.maria, case)
    blob = BlobStore(_files_dir(desk)).path_of(item.sha256)
    blob.unlink()
    assert maintenance.check(desk.uow(), desk.admin) == [
        f"attachment content {item.sha256} is missing from {_files_dir(desk)}"
    ]
    assert maintenance.repair(desk.uow(), desk.admin) == []


@pytest.mark.postgresql_only
def test_a_server_desk_keeps_attachments_in_the_folder_it_is_opened_with_or_says_how_to_give_one(
    desk, db, tmp_path
):
    case = desk.open(by=desk.maria)
    item = _attach(desk, desk.maria, case)
    assert BlobStore(tmp_path / "desk.files").path_of(item.sha256).read_bytes() == CONTENT
    without = open_database(db.url)
    try:
        with pytest.raises(ValidationError, match="--files DIR or DESKTUI_FILES"):
            files.attach_file(
                UnitOfWork(without, clock=desk.clock), desk.maria, case.number,
                io.BytesIO(CONTENT), name="otro.pdf",
            )  # fmt: skip
    finally:
        without.dispose()
