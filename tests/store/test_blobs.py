"""The content-addressed file store on real folders: writes, limits, links, checks, collection."""

from __future__ import annotations

import hashlib
import io
import os
import stat
import time
from pathlib import Path

import pytest

from deskTUI.domain.errors import NotFound, ValidationError
from deskTUI.store.blobs import CHUNK, GRACE_SECONDS, TEMP_PREFIX, BlobStore
from deskTUI.store.sharing import Sharing

EMPTY = hashlib.sha256(b"").hexdigest()
LONG_AGO = time.time() - 2 * GRACE_SECONDS


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def everything(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")) if root.exists() else []


def age(path: Path) -> None:
    """Make a file look written two grace periods ago."""
    os.utime(path, (LONG_AGO, LONG_AGO), follow_symlinks=False)


@pytest.fixture
def store(tmp_path: Path) -> BlobStore:
    return BlobStore(tmp_path / "desk.files", Sharing())


class Endless:
    """A stream that never ends, counting what was read from it."""

    def __init__(self) -> None:
        self.read_bytes = 0

    def read(self, size: int = -1) -> bytes:
        assert size > 0, "the store must read in chunks, never all at once"
        self.read_bytes += size
        return b"x" * size


def test_a_blob_is_named_by_its_digest_and_nothing_else_is_left(store):
    data = b"informe de la impresora\n" * 100
    digest, size = store.put(io.BytesIO(data))
    assert (digest, size) == (digest_of(data), len(data))
    assert store.path_of(digest).read_bytes() == data
    assert everything(store.root) == [digest[:2], f"{digest[:2]}/{digest}"]
    with store.open(digest) as blob:
        assert blob.read() == data


def test_a_private_store_is_readable_by_its_owner_alone_whatever_the_umask(store):
    old = os.umask(0)
    try:
        digest, _ = store.put(io.BytesIO(b"x"))
    finally:
        os.umask(old)
    path = store.path_of(digest)
    assert stat.S_IMODE(store.root.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o400


def test_a_stream_over_the_limit_is_refused_while_reading_and_leaves_no_file(store):
    source = Endless()
    limit = 3 * CHUNK + 7
    with pytest.raises(ValidationError) as caught:
        store.put(source, max_bytes=limit, name="disco.iso")
    assert caught.value.code == "file.too_large"
    assert str(caught.value) == "disco.iso is larger than the 0.2 MiB allowed"
    assert source.read_bytes <= limit + CHUNK
    assert everything(store.root) == []


def test_an_empty_stream_is_refused_when_asked_and_leaves_no_file(store):
    with pytest.raises(ValidationError) as caught:
        store.put(io.BytesIO(b""), refuse_empty=True, name="vacío.txt")
    assert str(caught.value) == "vacío.txt is empty: there is nothing to attach"
    assert everything(store.root) == []
    assert store.put(io.BytesIO(b"")) == (EMPTY, 0)


def test_the_same_content_twice_is_one_blob_rewritten_fresh(store):
    digest, _ = store.put(io.BytesIO(b"igual"))
    age(store.path_of(digest))
    assert store.put(io.BytesIO(b"igual"))[0] == digest
    assert everything(store.root) == [digest[:2], f"{digest[:2]}/{digest}"]
    assert store.path_of(digest).stat().st_mtime > LONG_AGO + GRACE_SECONDS


def test_a_link_planted_as_a_store_folder_is_refused_not_written_through(store, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    data = b"secreto"
    store.root.mkdir()
    (store.root / digest_of(data)[:2]).symlink_to(elsewhere)
    with pytest.raises(ValidationError) as caught:
        store.put(io.BytesIO(data))
    assert caught.value.code == "files.store_link"
    assert "is a symbolic link, which deskTUI never follows" in str(caught.value)
    assert list(elsewhere.iterdir()) == []
    assert not list(store.root.glob(f"{TEMP_PREFIX}*"))


def test_a_link_planted_as_a_blob_is_never_read_through(store, tmp_path):
    secret = tmp_path / "shadow"
    secret.write_bytes(b"root:x:0:0")
    digest = digest_of(b"cualquier cosa")
    (store.root / digest[:2]).mkdir(parents=True)
    store.path_of(digest).symlink_to(secret)
    with pytest.raises(ValidationError) as caught:
        store.open(digest)
    assert caught.value.code == "files.store_link"
    assert not store.exists(digest)


def test_opening_a_missing_blob_says_so(store):
    with pytest.raises(NotFound) as caught:
        store.open(EMPTY)
    assert caught.value.code == "files.blob_missing"


def test_scan_names_orphans_leftovers_links_strays_and_missing_content(store, tmp_path):
    kept, _ = store.put(io.BytesIO(b"referenced"))
    orphan, _ = store.put(io.BytesIO(b"nobody points here"))
    young, _ = store.put(io.BytesIO(b"an attach in progress"))
    for digest in (kept, orphan):
        age(store.path_of(digest))
    old_temp = store.root / f"{TEMP_PREFIX}crashed"
    old_temp.write_bytes(b"half")
    age(old_temp)
    (store.root / f"{TEMP_PREFIX}writing").write_bytes(b"still going")
    (store.root / "evil").symlink_to(tmp_path)
    (store.root / "notes.txt").write_text("?")
    report = store.scan({kept, EMPTY})
    assert report.orphans == [f"{orphan[:2]}/{orphan}"]
    assert report.temporary == [f"{TEMP_PREFIX}crashed"]
    assert report.links == ["evil"]
    assert report.strays == ["notes.txt"]
    assert report.missing == [EMPTY]
    assert young not in " ".join(report.repairable)
    problems = report.problems(store.root)
    assert f"{store.root / 'evil'} is a symbolic link inside the file store" in problems
    assert f"attachment content {EMPTY} is missing from {store.root}" in problems


def test_collect_removes_only_what_no_one_needs_and_follows_no_link(store, tmp_path):
    target = tmp_path / "precious.txt"
    target.write_text("keep me")
    kept, _ = store.put(io.BytesIO(b"referenced"))
    orphan, _ = store.put(io.BytesIO(b"nobody points here"))
    young, _ = store.put(io.BytesIO(b"an attach in progress"))
    for digest in (kept, orphan):
        age(store.path_of(digest))
    temp = store.root / f"{TEMP_PREFIX}crashed"
    temp.write_bytes(b"half")
    age(temp)
    (store.root / "evil").symlink_to(target)
    report = store.scan({kept})
    removed = store.collect(report)
    assert sorted(removed) == sorted(["evil", f"{TEMP_PREFIX}crashed", f"{orphan[:2]}/{orphan}"])
    assert target.read_text() == "keep me"
    assert store.exists(kept) and store.exists(young) and not store.exists(orphan)
    assert store.scan({kept, young}).problems(store.root) == []


def test_an_orphan_stored_again_after_the_scan_survives_the_collection(store):
    digest, _ = store.put(io.BytesIO(b"attached again meanwhile"))
    age(store.path_of(digest))
    report = store.scan(set())
    assert report.orphans == [f"{digest[:2]}/{digest}"]
    store.put(io.BytesIO(b"attached again meanwhile"))  # a new attach, its row not yet committed
    assert store.collect(report) == []
    assert store.exists(digest)
