"""Moving a desk into another database (``desktui db migrate``): who may, then the copy.

The copy itself, its checks and its verification are the store's
(``tools/desk_copy``); this says who may ask for it: an admin of the source
desk, as for a backup (the copy carries every case, comment and file).
"""

from __future__ import annotations

from pathlib import Path

from ..domain.permissions import Action, require
from ..services.common import acting
from ..services.identity import resolve_actor
from ..store.uow import UnitOfWork
from .desk_copy import CopyReport, OnRows, migrate_into, open_source


def migrate(
    source: str,
    target: str,
    *,
    source_files: str | Path | None = None,
    target_files: str | Path | None = None,
    as_user: str | None = None,
    on_rows: OnRows | None = None,
) -> CopyReport:
    """Copy the desk at ``source`` into the empty database ``target``, verified table by
    table before it commits; the per-table report. The acting user is the operating-system
    login (or ``as_user``), who must be an admin of the source desk."""
    db = open_source(source, files=source_files)
    try:
        actor = resolve_actor(UnitOfWork(db), as_user=as_user)
        with UnitOfWork(db) as uow:
            require(acting(uow, actor), Action.MANAGE_SETTINGS)
        return migrate_into(db, target, files=target_files, on_rows=on_rows)
    finally:
        db.dispose()
