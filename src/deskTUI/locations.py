"""Where deskTUI keeps its files: one place, so nothing else guesses paths."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path, user_state_path

DB_ENV = "DESKTUI_DB"
FILES_ENV = "DESKTUI_FILES"
"""A server desk's attachment folder (``--files`` wins); a SQLite desk's are beside its file."""


def data_dir() -> Path:
    return user_data_path("desktui", appauthor=False)


def drafts_dir() -> Path:
    """Unsaved edits of case forms (``store/drafts.py``): the operator's own, not the desk's."""
    return user_state_path("desktui", appauthor=False) / "drafts"


def default_db_url() -> str:
    """``--db`` / ``DESKTUI_DB`` win; otherwise one SQLite file in the user's data dir."""
    return os.environ.get(DB_ENV) or str(data_dir() / "desk.db")


def server_files_dir(given: str | None = None) -> str | None:
    """``--files`` / ``DESKTUI_FILES``: where a server desk keeps its attachments."""
    return given or os.environ.get(FILES_ENV) or None
