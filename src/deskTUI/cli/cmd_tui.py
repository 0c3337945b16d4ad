"""``desktui`` without a command: the TUI (``--demo`` builds a demo desk on first use)."""

from __future__ import annotations

from ..i18n import _
from ..locations import data_dir
from .context import Context

DEMO_CASES = 3_000


def run(ctx: Context) -> int:
    if ctx.args.demo:
        _ensure_demo(ctx)
    actor = ctx.actor()
    from ..app import DeskApp  # Textual is imported only here, when the TUI really opens

    DeskApp(ctx.db(), actor).run()
    return 0


def _ensure_demo(ctx: Context) -> None:
    from sqlalchemy import func, select

    from ..services.demo import build_demo
    from ..services.identity import os_login
    from ..store.tables import CaseRow

    if ctx.args.db is None:
        ctx.db_url = str(data_dir() / "demo.db")
    db = ctx.db()
    with db.read_engine.connect() as connection:
        has_cases = connection.execute(
            select(func.count()).select_from(CaseRow.__table__)
        ).scalar_one()  # type: ignore[arg-type]
    if not has_cases:
        print(
            _("Building a demo desk of {count} cases at {url}…").format(
                count=DEMO_CASES, url=db.url
            )
        )
        build_demo(db, os_login(), cases=DEMO_CASES, seed=1)
