"""The language of ``desktui --help``: the operator's own setting when their desk is a
SQLite file, else the environment's.

Help is printed while the arguments are parsed, before any desk is opened, and the
parser's words are made in the language chosen before it is built. So, only when help
is asked for, the operator's setting is read with one read-only bare ``sqlite3`` query
(no ORM; about a millisecond): the person who reads help in Spanish is the one who told
the desk so, whatever their terminal's ``LANG``. Every other command learns the setting
when it resolves the operator (``cli/context.py``), in time for what it prints.

A server desk (PostgreSQL) is not opened for a help page: its client library and a
round trip to the server would cost more than the page; there the environment decides
(``DESKTUI_LANG``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``). Nor are usage errors worth
it: they come from the environment's language as well.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ..i18n import language_of
from ..locations import default_db_url

HELP = ("-h", "--help")


def setting_for_help(argv: Sequence[str]) -> str | None:
    """The operator's language setting ("es", "en") when ``argv`` asks for help on a
    SQLite desk they are a user of and have chosen one; None otherwise."""
    if not any(arg in HELP for arg in argv) or language_of(os.environ.get("DESKTUI_LANG")):
        return None  # no help asked for, or the environment's choice wins anyway
    url = _given_db(argv) or default_db_url()
    if "://" in url and not url.startswith("sqlite:///"):
        return None
    return _setting_in(Path(url.removeprefix("sqlite:///")).expanduser())


def _setting_in(path: Path) -> str | None:
    """The operator's setting in the SQLite desk at ``path``, read-only; None if none."""
    # Imported only when help is asked for: every other command would pay ~8 ms for them.
    import sqlite3
    from contextlib import closing
    from urllib.parse import quote

    from ..services.identity import os_login

    try:
        if not path.is_file():
            return None
        address = f"file:{quote(str(path.resolve()))}?mode=ro"
        with closing(sqlite3.connect(address, uri=True)) as connection:
            row = connection.execute(
                "SELECT language FROM desk_user WHERE login = ?", (os_login(),)
            ).fetchone()
    except (OSError, sqlite3.Error):  # not a desk, an older one, a file not ours to read
        return None
    return row[0] if row and isinstance(row[0], str) else None


def _given_db(argv: Sequence[str]) -> str | None:
    """What ``--db`` was given, if anything (``--db X``, ``--db=X``)."""
    for index, arg in enumerate(argv):
        if arg == "--db" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--db="):
            return arg.removeprefix("--db=")
    return None
