"""Shared by every repository: the session, a row by id, and the rows no engine can hold."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlmodel import Session, SQLModel

from ...domain.errors import no_such
from ...domain.names import never_stored
from ...domain.values import INT_MAX

RowT = TypeVar("RowT", bound=SQLModel)


def _past_every_id(row_id: int) -> bool:
    """An id no row can have: past the largest integer every engine stores (PostgreSQL
    refuses even to compare its integer column with one, a driver error, not "no such")."""
    return not -INT_MAX <= row_id <= INT_MAX


def _unstorable(name: str) -> bool:
    """A name no row can have (a NUL, a lone surrogate: ``names.never_stored``); such a
    lookup finds nothing."""
    return never_stored(name)


HOLD: dict[str, Any] = {"key_share": True}
"""``with_for_update`` arguments for a held row: ``FOR NO KEY UPDATE`` on PostgreSQL."""


class _Repository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _row(self, table: type[RowT], row_id: int | None, what: str, lock: bool = False) -> RowT:
        row = None
        if row_id is not None and not _past_every_id(row_id):
            row = self.session.get(
                table, row_id, with_for_update=HOLD if lock else None, populate_existing=lock
            )
        if row is None:
            raise no_such(what, row_id)
        return row

    def _insert(self, row: RowT) -> RowT:
        self.session.add(row)
        self.session.flush()
        return row

    def _update(
        self, table: type[SQLModel], row_id: int | None, values: dict[str, Any], what: str
    ) -> None:
        row = self._row(table, row_id, what)
        for name, value in values.items():
            setattr(row, name, value)
        self.session.flush()
