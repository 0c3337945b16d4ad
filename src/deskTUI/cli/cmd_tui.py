"""``desktui`` without a command: the TUI (``--demo`` builds a demo desk on first use)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .. import formats, i18n
from ..domain.errors import DomainError
from ..domain.people import User
from ..i18n import ngettext
from ..locations import data_dir
from ..services.case_list import OpeningPage, opening_page
from ..services.identity import actor_from
from ..store.clock import utc_now
from ..store.list_reader import ListReader
from ..store.schema_names import HEAD_REVISION
from .context import Context

DEMO_CASES = 3_000


def run(ctx: Context) -> int:
    if ctx.args.demo:
        _ensure_demo(ctx)
    fast = _fast_start(ctx)
    session = ctx.session  # the one the commands use: the app shares it
    if session.language is None:
        # Without a fast start this resolves the operator (opening the desk): a refusal is
        # said before the terminal is taken over, and every screen is built in their
        # language.
        session.speak()
    from ..app import DeskApp  # Textual is imported only here, when the TUI really opens

    # After a fast start the desk's engines open later, off the event loop, when the
    # session first needs them.
    DeskApp(session, opening=None if fast is None else fast[2]).run()
    return 0


def _fast_start(ctx: Context) -> tuple[ListReader, User, OpeningPage | None] | None:
    """The list's reader, the operator and the list's first page, read with bare sqlite3
    (no ORM yet), when the desk is a SQLite file already at the newest schema; None
    otherwise (a server database, or a file to create or upgrade first: the ordinary
    way does that). The page is None when it cannot be read now: the list then reads
    it, and says why if it still cannot. The session is given the reader and the
    operator, and speaks the operator's language before the page is read."""
    url = ctx.db_url
    if "://" in url and not url.startswith("sqlite:///"):
        return None
    path = Path(url.removeprefix("sqlite:///")).expanduser()
    try:
        if not path.is_file():
            return None
    except OSError:  # a folder this operator may not enter: the ordinary way says so
        return None
    reader = ListReader(path)
    if reader.revision() != HEAD_REVISION:
        reader.close()
        return None
    actor = actor_from(lambda login: reader.user(login=login), as_user=ctx.args.as_user)
    ctx.session.started_fast(reader, actor)
    ctx.session.speak()
    try:
        opening = opening_page(reader, actor, now=utc_now())
    except (DomainError, sqlite3.Error):
        opening = None
    return reader, actor, opening


def demo_file_name(language: str) -> str:
    """The cached demo desk of ``--demo``, one per language: the demo is built in the
    operator's words, so a Spanish session must not open the English one (or the mixed
    ``demo.db`` of before issue 20)."""
    return f"demo-{language}.db"


def _ensure_demo(ctx: Context) -> None:
    from sqlalchemy import func, select

    from ..services.identity import os_login
    from ..store.tables import CaseRow
    from ..tools.demo import build_demo

    if ctx.args.db is None:
        ctx.db_url = str(data_dir() / demo_file_name(i18n.current()))
    db = ctx.db()
    with db.read_engine.connect() as connection:
        has_cases = connection.execute(select(func.count()).select_from(CaseRow)).scalar_one()
    if not has_cases:
        print(
            ngettext(
                "Building a demo desk of {count} case at {url}…",
                "Building a demo desk of {count} cases at {url}…",
                DEMO_CASES,
            ).format(count=formats.number(DEMO_CASES), url=db.shown_url)
        )
        build_demo(db, os_login(), cases=DEMO_CASES, seed=1)
