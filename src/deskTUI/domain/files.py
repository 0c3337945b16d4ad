"""Attachments' metadata (Archivos): the content lives in a blob store, never named by users."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from .enums import ReviewStatus
from .errors import ValidationError

_SHA256_HEX = frozenset("0123456789abcdef")
NAME_MAX = 255


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

    def __post_init__(self) -> None:
        self.name = display_name(self.name)
        self.review = ReviewStatus(self.review)
        if self.size < 0:
            raise ValidationError("file.size", "A file cannot have a negative size")
        if len(self.sha256) != 64 or not set(self.sha256) <= _SHA256_HEX:
            raise ValidationError("file.digest", "A file's SHA-256 must be 64 lowercase hex digits")


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
