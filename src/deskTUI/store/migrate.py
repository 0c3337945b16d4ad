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
from sqlalchemy.engine import Connection

from .database import Database, StoreUnavailable, open_database
from .dialect import LOCK_WAIT_OPTION, UPGRADE_WAIT_S

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(db: Database | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if db is not None:
        config.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    return config


UPGRADE_LOCK = 0x6465736B
"""PostgreSQL advisory lock key ("desk") held while one process upgrades the schema."""


def upgrade_to_head(db: Database) -> None:
    """Bring the schema up to date in one transaction: all of it, or none of it.

    Hosts of a team start deskTUI at the same moment after an upgrade: the first to
    take the lock (SQLite's write lock at BEGIN IMMEDIATE; on PostgreSQL an advisory
    lock, as its DDL takes no lock that would stop a second CREATE TABLE early) runs
    the migrations, the others then find the schema at head and do nothing. A desk
    already upgraded by a newer deskTUI is refused with a sentence, not Alembic's
    "Can't locate revision".
    """
    config = alembic_config(db)
    # The others wait for the whole upgrade, not one transaction's 5 s: under load, four
    # hosts opening a new desk together timed out behind the first one's migrations.
    with (
        db.engine.connect().execution_options(**{LOCK_WAIT_OPTION: UPGRADE_WAIT_S}) as connection,
        connection.begin(),
    ):
        if db.dialect == "postgresql":
            connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{int(UPGRADE_WAIT_S)}s'")
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({UPGRADE_LOCK})")
        _require_known_revision(connection, config)
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _require_known_revision(connection: Connection, config: Config) -> None:
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    stored = MigrationContext.configure(connection).get_current_revision()
    if stored is None:
        return
    script = ScriptDirectory.from_config(config)
    if stored not in known_revisions():
        raise StoreUnavailable(
            "db.newer",
            "This desk's schema is newer (revision {stored}) than this deskTUI knows "
            "(up to {head}): upgrade deskTUI on this machine (pip install -U desktui)",
            stored=stored,
            head=script.get_current_head(),
        )


def known_revisions() -> set[str]:
    """Every schema revision this deskTUI has a migration for (a desk at any other was
    made by a newer one)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {revision.revision for revision in script.walk_revisions()}


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
