"""Attachments: content in the blob store, metadata and review status in the database."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import BinaryIO

from ..domain.enums import LogKind, ReviewStatus
from ..domain.errors import ValidationError
from ..domain.files import Attachment, display_name
from ..domain.people import User
from ..domain.permissions import Action
from ..store.blobs import DEFAULT_MAX_BYTES, BlobStore
from ..store.uow import UnitOfWork
from .common import CaseRef, acting, load_case


def blob_store(uow: UnitOfWork) -> BlobStore:
    root = uow.db.files_dir
    if root is None:
        raise ValidationError(
            "files.no_store", "This desk database has no file store configured for attachments"
        )
    return BlobStore(root)


def attach_file(
    uow: UnitOfWork,
    actor: User,
    ref: CaseRef,
    source: BinaryIO,
    *,
    name: str,
    media_type: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Attachment:
    """Store the content first (by digest), then record it: a crash leaves at most an orphan blob."""
    with uow:
        actor = acting(uow, actor)
        case = load_case(uow, actor, ref, Action.ATTACH_FILE)
        case.ensure_changeable()
        digest, size = blob_store(uow).put(source, max_bytes=max_bytes)
        shown = display_name(name)
        kind = media_type or mimetypes.guess_type(shown)[0] or "application/octet-stream"
        now = uow.now()
        assert case.id is not None and actor.id is not None
        item = uow.files.add(Attachment(case.id, shown, size, kind, digest, actor.id, now))
        uow.log.record(
            case.id, now, actor.id, LogKind.FILE, field="file", new=f"{shown} ({size} bytes)"
        )
        uow.commit()
        return item


def attach_path(
    uow: UnitOfWork, actor: User, ref: CaseRef, path: Path, **kwargs: object
) -> Attachment:
    """Attach a local file; a symlink is refused rather than followed somewhere unexpected."""
    if path.is_symlink():
        raise ValidationError(
            "files.symlink", "{path} is a symbolic link; attach the file itself", path=str(path)
        )
    if not path.is_file():
        raise ValidationError("files.missing", "{path} is not a readable file", path=str(path))
    with path.open("rb") as source:
        return attach_file(uow, actor, ref, source, name=path.name, **kwargs)  # type: ignore[arg-type]


def review_file(
    uow: UnitOfWork, actor: User, file_id: int, review: ReviewStatus | str
) -> Attachment:
    """Mark an attachment valid or rejected (seed 000's file counters)."""
    with uow:
        actor = acting(uow, actor)
        item = uow.files.get(file_id)
        case = load_case(uow, actor, item.case_id, Action.REVIEW_FILE)
        case.ensure_changeable()
        try:
            status = ReviewStatus(review)
        except ValueError:
            raise ValidationError(
                "file.review",
                "{value!r} is not a review status: pending, valid or rejected",
                value=review,
            ) from None
        old = item.review
        item.review = status
        item.reviewed_by = actor.id
        uow.files.save(item)
        uow.log.record(
            case.id,
            uow.now(),
            actor.id,
            LogKind.FILE,
            field=f"file {item.name}",
            old=old.value,
            new=status.value,
        )
        uow.commit()
        return item
