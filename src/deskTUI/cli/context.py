"""What every command needs: the database, the acting user, local time, output."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo
from typing import TYPE_CHECKING, Any, TextIO

from ..domain.errors import ValidationError
from ..domain.local_time import instant_of, local_instant
from ..domain.people import User
from ..domain.values import case_number, parse_case_number
from ..i18n import _
from ..safe_text import safe, safe_json
from ..session import DeskAddress, DeskSession
from .render import to_jsonable

# The store (SQLAlchemy, the ORM) is imported when a command first opens the desk:
# the TUI paints its first page before that.
if TYPE_CHECKING:
    from ..store.database import Database
    from ..store.uow import UnitOfWork

CREATING = ("admin:init", "data:demo")
"""The commands that create the desk when it is not there yet (and ``desktui --demo``)."""


def number_of(text: str) -> str:
    """The case number as people write it (42, cs-42) in its canonical form, CS-000042."""
    try:
        return case_number(parse_case_number(text))
    except ValidationError:
        return text


@dataclass
class Context:
    args: argparse.Namespace
    db_url: str
    out: TextIO = field(default_factory=lambda: sys.stdout)
    _session: DeskSession | None = None

    @property
    def json(self) -> bool:
        return bool(getattr(self.args, "json", False))

    @property
    def interactive(self) -> bool:
        """Progress bars only for a person watching a terminal, never in pipes or JSON."""
        return self.out.isatty() and not self.json

    @property
    def session(self) -> DeskSession:
        """The operator's desk session, built on first use from ``db_url`` as it is then
        (``desktui --demo`` picks its file first); the database opens when first used."""
        if self._session is None:
            self._session = DeskSession.at(
                self._address(), as_user=getattr(self.args, "as_user", None)
            )
        return self._session

    def _address(self) -> DeskAddress:
        handler = getattr(self.args, "handler", "")
        creates = handler in CREATING or (handler == "tui:run" and bool(self.args.demo))
        return DeskAddress(
            self.db_url,
            create=creates,
            group=getattr(self.args, "group", None),
            files=getattr(self.args, "files", None),
        )

    def db(self) -> Database:
        return self.session.db

    def uow(self) -> UnitOfWork:
        return self.session.uow()

    def read_uow(self) -> UnitOfWork:
        """For a command that only reads: it never takes, nor waits for, SQLite's write
        lock (one snapshot, READ ONLY, on PostgreSQL), so it answers while others write."""
        return self.session.read_uow()

    def actor(self) -> User:
        """The operator; the first time, their language becomes the command's (their
        setting on the desk, unless DESKTUI_LANG says otherwise): what is printed from
        here on, refusals included, is in it."""
        session = self.session
        if session.language is None:
            session.speak()
        return session.actor

    def close(self) -> None:
        if self._session is not None:
            self._session.close()

    # -- local time: what the operator types and reads -------------------------
    @property
    def tz(self) -> tzinfo:
        return self.session.zone

    def local(self, day: date, clock: time, what: str) -> datetime:
        """A typed day and clock time as an instant (in the operator's zone, to show it back):
        a time the clocks skip is refused, one they show twice is the first (``instant_of``)."""
        zone = self.tz
        return local_instant(day, clock, zone, what).astimezone(zone)

    def parse_moment(self, text: str, what: str) -> datetime:
        """An ISO date-time; without a zone it is the operator's local time."""
        try:
            moment = datetime.fromisoformat(text.strip())
        except ValueError:
            raise ValidationError(
                "cli.datetime",
                "The {what} {text!r} is not a date and time: write 2026-03-02T14:30",
                what=what,
                text=text,
            ) from None
        zone = self.tz
        return instant_of(moment, zone, what).astimezone(zone)

    # -- output -----------------------------------------------------------------
    def emit_json(self, value: Any) -> None:
        document = json.dumps(to_jsonable(value), ensure_ascii=False, indent=2)
        self.out.write(safe_json(document) + "\n")

    def say(self, text: str) -> None:
        """One line for a person: data inside it must already have gone through ``safe``."""
        self.out.write(text + "\n")

    def show(self, value: object, *, one_line: bool = True) -> str:
        return safe(value, one_line=one_line)

    @contextmanager
    def progress(self, description: str, total: int | None) -> Iterator[Any]:
        """A rich progress bar on a terminal; a silent stand-in in pipes and with --json."""
        if not self.interactive:
            yield _Silent()
            return
        from rich.progress import Progress  # imported only when a person is watching

        with Progress(transient=True) as bar:
            task = bar.add_task(_(description), total=total)
            yield _Bar(bar, task)


class _Silent:
    def advance(self, amount: int = 1) -> None:
        pass


@dataclass
class _Bar:
    bar: Any
    task: Any

    def advance(self, amount: int = 1) -> None:
        self.bar.advance(self.task, amount)
