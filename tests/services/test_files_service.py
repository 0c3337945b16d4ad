"""files: content in the content-addressed store beside the database, metadata in SQLite."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest

from deskTUI.domain.enums import LogKind, ReviewStatus
from deskTUI.domain.errors import CaseClosed, PermissionDenied, ValidationError
from deskTUI.services import cases, files, views
from deskTUI.store.blobs import CHUNK, BlobStore

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
    files.review_file(desk.uow(), desk.ana, b.id, ReviewStatus.REJECTED)
    detail = views.case_detail(desk.uow(), desk.sofia, case.number)
    counters = detail.file_counters
    assert (counters.total, counters.pending, counters.valid, counters.rejected) == (3, 1, 1, 1)
    reviewed = {f.id: (f.review, f.reviewed_by) for f in detail.files}
    assert reviewed[a.id] == (ReviewStatus.VALID, desk.sofia.id)
    assert reviewed[b.id] == (ReviewStatus.REJECTED, desk.ana.id)
    lines = [(e.field, e.old, e.new) for e in detail.log if e.kind is LogKind.FILE and e.old]
    assert lines == [("file 0.txt", "pending", "valid"), ("file 1.txt", "pending", "rejected")]


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
