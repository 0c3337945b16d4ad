"""The desk's catalogue records as an admin manages them: areas, categories, clients
(and projects and services) renamed, deactivated, reactivated, deleted when nothing
refers to them. What refers to a record is read from the schema's foreign keys, so a
table added later (a grant naming an area, a survey attached to a category) keeps a
record it names from being deleted without this module knowing of it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import SQLModel

from ...domain.marks import N_
from ..tables import AreaRow, CategoryRow, ClientRow, table_of
from .base import _Repository

ROWS: dict[str, type[SQLModel]] = {
    "area": AreaRow,
    "category": CategoryRow,
    "client": ClientRow,
}
"""The kinds of record an admin manages here, by the code the CLI and the log use."""

REFERRERS = {
    "support_case": "cases",
    "category": "categories",
    "user_area": "people",
    "desk_user": "people",
    "contact": "contacts",
    "contract": "contracts",
}
"""How a refusal counts the rows of each table that refer to a record; any other
table's rows are counted as ``other``."""


class RecordRepository(_Repository):
    def _table(self, kind: str) -> type[SQLModel]:
        return ROWS[kind]

    def row(self, kind: str, record_id: int | None, *, lock: bool = False) -> Any:
        """The record's row (each noun written out: a refusal names it in the reader's
        language)."""
        if kind == "area":
            return self._row(AreaRow, record_id, N_("area"), lock)
        if kind == "category":
            return self._row(CategoryRow, record_id, N_("category"), lock)
        return self._row(ClientRow, record_id, N_("client"), lock)

    def rename(self, kind: str, record_id: int | None, name: str) -> None:
        self.row(kind, record_id).name = name
        self.session.flush()

    def set_active(self, kind: str, record_id: int | None, active: bool) -> None:
        self.row(kind, record_id).active = active
        self.session.flush()

    def delete(self, kind: str, record_id: int | None) -> None:
        self.session.delete(self.row(kind, record_id, lock=True))
        self.session.flush()

    def uses(self, kind: str, record_id: int) -> dict[str, int]:
        """How many rows of each kind refer to the record (``REFERRERS``' names, and
        ``other``), read from every foreign key of the schema that points at its table."""
        target = table_of(self._table(kind)).name
        counts = dict.fromkeys({*REFERRERS.values(), "other"}, 0)
        for table in SQLModel.metadata.sorted_tables:
            for key in table.foreign_keys:
                if key.column.table.name != target:
                    continue
                query = sa_select(func.count()).select_from(table).where(key.parent == record_id)
                found = self.session.execute(query).scalar_one()
                counts[REFERRERS.get(table.name, "other")] += found
        return counts
