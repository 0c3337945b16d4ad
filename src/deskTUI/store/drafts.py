"""Unsaved edits of a case form, kept on the operator's own disk until saved or dropped.

A dropped SSH session or a killed terminal must not take a half-typed
description with it. The editor writes its changed fields here a moment after
each change (never the database: a draft is nobody else's business until
saved), and the next session offers them back. One JSON file per desk, login
and case, written to a temporary file, synced and renamed over the old one, so
a kill at any moment leaves the last draft or the one before, never half of
one. The files are the operator's alone (0600 in a 0700 folder).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

_SAFE_NAME = re.compile(r"[^A-Za-z0-9_.-]")


@dataclass(frozen=True)
class Draft:
    case_number: str
    base_version: int
    """The version of the case the edits were made on (a newer one means a conflict)."""
    values: dict[str, str]
    """Form field → the text in it, for the fields the operator changed."""
    saved_at: datetime


class DraftStore:
    """Drafts of one operator on one desk, under ``root``."""

    def __init__(self, root: Path, desk: str, login: str) -> None:
        desk_key = hashlib.sha256(desk.encode()).hexdigest()[:16]
        self.folder = root / desk_key / _SAFE_NAME.sub("_", login)

    def _path(self, case_number: str) -> Path:
        return self.folder / f"{_SAFE_NAME.sub('_', case_number)}.json"

    def save(self, draft: Draft) -> None:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = self._path(draft.case_number)
        temporary = path.with_suffix(".tmp")
        body = json.dumps(
            {
                "case": draft.case_number,
                "version": draft.base_version,
                "values": draft.values,
                "saved_at": draft.saved_at.isoformat(),
            },
            ensure_ascii=False,
        ).encode("utf-8", "surrogatepass")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            try:
                written = 0
                while written < len(body):  # a nearly full disk writes part of it, no error
                    written += os.write(descriptor, body[written:])
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
            os.replace(temporary, path)
        except BaseException:
            # A full disk: the last whole draft stays, and no half-written one is left.
            temporary.unlink(missing_ok=True)
            raise
        folder = os.open(self.folder, os.O_RDONLY)
        try:
            os.fsync(folder)  # the rename itself survives a power cut
        finally:
            os.close(folder)

    def load(self, case_number: str) -> Draft | None:
        """The draft of ``case_number``, or None (none, or a file that is not a draft)."""
        try:
            raw = json.loads(self._path(case_number).read_bytes().decode("utf-8", "surrogatepass"))
            return Draft(
                case_number=str(raw["case"]),
                base_version=int(raw["version"]),
                values={str(k): str(v) for k, v in dict(raw["values"]).items()},
                saved_at=datetime.fromisoformat(raw["saved_at"]),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def discard(self, case_number: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self._path(case_number).unlink()

    def all(self) -> list[Draft]:
        """Every draft kept, oldest first."""
        if not self.folder.is_dir():
            return []
        found = [self.load(path.stem) for path in self.folder.glob("*.json")]
        return sorted((d for d in found if d is not None), key=lambda d: d.saved_at)
