"""The ``name_key`` column (migration 0022): each record's name folded by the domain
(``domain.names.name_key``), kept by the store beside the name, under a unique index
where the name is unique (contacts and contracts: only found by it).

Written here, from Python, on every ORM insert and every change of a name, never by SQL:
the same key on both engines, whatever PostgreSQL's LC_CTYPE. (A Core or raw INSERT would
skip it: none writes these tables.) Two writers racing past the "already" check meet the
index, and the write, inside ``name_clash_as``, raises the check's own sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Text, event
from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, SQLModel

from ..domain.errors import DomainError
from ..domain.names import name_key


def name_key_field(*, unique: bool = True) -> Any:
    """The column; ``unique`` False where the key is unique with a parent (a category's
    within its area: an index of its table)."""
    if unique:  # SQLAlchemy names the index ix_<table>_name_key
        return Field(default="", sa_type=Text, nullable=False, index=True, unique=True)
    return Field(default="", sa_type=Text, nullable=False)


def _keep_key(_mapper: Any, _connection: Any, row: Any) -> None:
    row.name_key = name_key(row.name)


def keep_name_keys(*rows: type[SQLModel]) -> None:
    """Every insert and update of these rows writes the key of the name it holds."""
    for row in rows:
        event.listen(row, "before_insert", _keep_key)
        event.listen(row, "before_update", _keep_key)


NAME_CONSTRAINTS = re.compile(r"_name_key$|^uq_category_area_name$")
"""PostgreSQL's names of the constraints a record's name meets: the key's index
(``ix_area_name_key``, ``ix_category_area_name_key``), the name's own unique constraint
(``area_name_key``, as the server names ``UNIQUE (name)``; ``uq_category_area_name``)."""
SQLITE_NAME_CLASH = re.compile(r"UNIQUE constraint failed: (\w+\.area_id, )?\w+\.name(_key)?$")
"""SQLite's words for the same: ``UNIQUE constraint failed: area.name_key``."""


def is_name_clash(error: IntegrityError) -> bool:
    """Whether the statement was refused because another record has the name's key."""
    constraint = getattr(getattr(error.orig, "diag", None), "constraint_name", None)
    if constraint is not None:
        return NAME_CONSTRAINTS.search(constraint) is not None
    return SQLITE_NAME_CLASH.match(str(error.orig).strip()) is not None


@contextmanager
def name_clash_as(refusal: DomainError) -> Iterator[None]:
    """Inside, a name's unique index refusing the write (a second writer raced past the
    service's own check) raises ``refusal``, the check's sentence, not the driver's."""
    try:
        yield
    except IntegrityError as error:
        if is_name_clash(error):
            raise refusal from error
        raise
