"""SQL as text with DB-API parameters: the fragments the list, the board and the SLA
clauses are built of, and instants as each engine binds them.

Light on purpose (no SQLAlchemy): the list's read path imports it before the ORM.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any


class StoredInstant(str):
    """An instant as SQLite holds it (naive UTC text, as SQLAlchemy writes it), bound as
    that text there; a server database, whose column is a real timestamp, is given
    ``moment`` instead (``server_params``)."""

    moment: datetime

    def __new__(cls, moment: datetime) -> StoredInstant:
        utc = moment.astimezone(UTC)
        # isoformat, not strftime: "%Y" writes the year 1 as "1", which sorts after "2026".
        naive = utc.replace(tzinfo=None)
        text = super().__new__(cls, naive.isoformat(sep=" ", timespec="microseconds"))
        text.moment = utc
        return text


def stored_instant(moment: datetime) -> StoredInstant:
    return StoredInstant(moment)


def server_params(params: Sequence[Any]) -> tuple[Any, ...]:
    """The list's parameters for a server database (PostgreSQL): instants as datetimes."""
    return tuple(p.moment if isinstance(p, StoredInstant) else p for p in params)


@dataclass
class Sql:
    """A fragment of SQL and its parameters, in order."""

    text: str
    params: list[Any] = field(default_factory=list)

    def __and__(self, other: Sql) -> Sql:
        return Sql(f"({self.text}) AND ({other.text})", self.params + other.params)

    def __or__(self, other: Sql) -> Sql:
        return Sql(f"({self.text}) OR ({other.text})", self.params + other.params)

    def __invert__(self) -> Sql:
        return Sql(f"NOT ({self.text})", list(self.params))


TRUE = Sql("1 = 1")
FALSE = Sql("1 = 0")


def all_of(parts: Sequence[Sql]) -> Sql:
    parts = [p for p in parts if p is not TRUE]
    if not parts:
        return TRUE
    return Sql(" AND ".join(f"({p.text})" for p in parts), [v for p in parts for v in p.params])


def any_of(parts: Sequence[Sql]) -> Sql:
    if not parts:
        return FALSE
    return Sql(" OR ".join(f"({p.text})" for p in parts), [v for p in parts for v in p.params])
