"""Where deskTUI keeps its files: one place, so nothing else guesses paths."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

DB_ENV = "DESKTUI_DB"


def data_dir() -> Path:
    return user_data_path("desktui", appauthor=False)


def default_db_url() -> str:
    """``--db`` / ``DESKTUI_DB`` win; otherwise one SQLite file in the user's data dir."""
    return os.environ.get(DB_ENV) or str(data_dir() / "desk.db")
