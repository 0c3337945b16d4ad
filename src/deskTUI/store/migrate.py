"""Schema migrations through Alembic, run from code (no alembic.ini needed by users).

Developers make a new revision with ``python -m deskTUI.store.migrate revision "message"``,
which autogenerates it against a database at head.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config

from .database import Database, open_database

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(db: Database | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if db is not None:
        config.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    return config


def upgrade_to_head(db: Database) -> None:
    """Bring the schema up to date in one transaction: all of it, or none of it."""
    config = alembic_config(db)
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def script_head() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def _make_revision(message: str, rev_id: str | None = None) -> None:
    """Autogenerate a migration against a scratch database at the current head."""
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(str(Path(tmp) / "head.db"))
        config = alembic_config(db)
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.revision(config, message=message, autogenerate=True, rev_id=rev_id)
        db.dispose()


if __name__ == "__main__":  # pragma: no cover - a developer tool
    if len(sys.argv) in (3, 4) and sys.argv[1] == "revision":
        _make_revision(sys.argv[2], sys.argv[3] if len(sys.argv) == 4 else None)
    else:
        print('usage: python -m deskTUI.store.migrate revision "what changed" [REV_ID]')
