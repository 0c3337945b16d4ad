"""Attachments' metadata (Archivos): the content lives in a blob store, never named by users."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from .enums import ReviewStatus
from .errors import ValidationError
from .marks import N_, code
from .values import clean_text

_SHA256_HEX = frozenset("0123456789abcdef")
NAME_MAX = 255
REASON_MAX = 500
"""A rejection's reason is a sentence or two for the uploader, not a report."""


def display_name(original: str) -> str:
    """An uploaded name reduced to something safe to show and to offer when saving.

    Directory parts are dropped (``../../etc/passwd`` → ``passwd``) and control
    characters removed; it is still only metadata, never a path on this machine.
    """
    base = (original or "").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip().strip(".")
    return cleaned[:NAME_MAX] or "attachment"


@dataclass
class Attachment:
    case_id: int
    name: str
    size: int
    media_type: str
    sha256: str
    uploader_id: int
    uploaded_at: datetime
    review: ReviewStatus = ReviewStatus.PENDING
    reviewed_by: int | None = None
    id: int | None = None
    review_reason: str = ""
    """Why the file was rejected (issue 21): required then, empty for any other review."""

    def __post_init__(self) -> None:
        self.name = display_name(self.name)
        self.review = ReviewStatus(self.review)
        if self.size < 0:
            raise ValidationError("file.size", "A file cannot have a negative size")
        if len(self.sha256) != 64 or not set(self.sha256) <= _SHA256_HEX:
            raise ValidationError("file.digest", "A file's SHA-256 must be 64 lowercase hex digits")

    def set_review(self, status: ReviewStatus, reason: str | None, reviewer_id: int | None) -> None:
        """Mark the file; rejecting needs a reason (the uploader must learn what to send
        instead, seed 000: "requieren información adicional"), and a reason given with
        any other review is refused rather than dropped unseen."""
        text = clean_text(reason, N_("reason"), max_len=REASON_MAX)
        if status is ReviewStatus.REJECTED and not text:
            raise ValidationError(
                "file.reason_required",
                "Rejecting file {id} needs a reason, so its uploader knows what to send instead",
                id=self.id,
            )
        if status is not ReviewStatus.REJECTED and text:
            raise ValidationError(
                "file.reason_unused",
                "A reason goes with rejecting a file; file {id} is being marked {status}",
                id=self.id,
                status=code(status),
            )
        self.review, self.review_reason, self.reviewed_by = status, text, reviewer_id


@dataclass(frozen=True)
class FileCounters:
    """Seed 000: # archivos / pendientes / válidos / rechazados."""

    total: int = 0
    pending: int = 0
    valid: int = 0
    rejected: int = 0


def file_counters(files: Iterable[Attachment]) -> FileCounters:
    items = list(files)
    return FileCounters(
        total=len(items),
        pending=sum(f.review is ReviewStatus.PENDING for f in items),
        valid=sum(f.review is ReviewStatus.VALID for f in items),
        rejected=sum(f.review is ReviewStatus.REJECTED for f in items),
    )
