"""Content-addressed attachment store: ``<root>/ab/abcdef…`` named by SHA-256.

Names from outside never become paths here: a blob's path is its digest.
Writes go to a temporary file, are fsynced, then renamed into place, so a
crash leaves either the whole blob or none of it.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import BinaryIO

from ..domain.errors import ValidationError

CHUNK = 1 << 16
DEFAULT_MAX_BYTES = 25 * 1024 * 1024


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path_of(self, digest: str) -> Path:
        if len(digest) != 64 or not all(c in "0123456789abcdef" for c in digest):
            raise ValueError(f"not a SHA-256 digest: {digest!r}")
        return self.root / digest[:2] / digest

    def put(self, source: BinaryIO, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, int]:
        """Store a stream; refuse it while reading once it passes ``max_bytes``."""
        self.root.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        fd, tmp_name = tempfile.mkstemp(dir=self.root, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as tmp:
                while chunk := source.read(CHUNK):
                    size += len(chunk)
                    if size > max_bytes:
                        raise ValidationError(
                            "file.too_large",
                            "The file is larger than the {limit} MiB allowed",
                            limit=round(max_bytes / 1024 / 1024, 1),
                        )
                    digest.update(chunk)
                    tmp.write(chunk)
                tmp.flush()
                os.fsync(tmp.fileno())
            final = self.path_of(digest.hexdigest())
            final.parent.mkdir(exist_ok=True)
            os.replace(tmp_name, final)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
        return digest.hexdigest(), size

    def exists(self, digest: str) -> bool:
        return self.path_of(digest).is_file()
