"""The desk's catalogue records as an admin manages them: areas, categories, clients
(and projects and services) renamed, deactivated, reactivated, deleted when nothing
refers to them. What refers to a record is read from the schema's foreign keys, so a
table added later (a grant naming an area, a survey attached to a category) keeps a
record it names from being deleted without this module knowing of it."""

from __future__ import annotations

import builtins
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import SQLModel

from ...domain.catalogue import Project, Service
from ...domain.errors import NotFound, ValidationError
from ...domain.marks import N_
from ...domain.names import name_key
from .. import converters as conv
from ..name_keys import name_clash_as
from ..tables import AreaRow, CategoryRow, ClientRow, ProjectRow, ServiceRow, table_of
from .base import _Repository, _unstorable

Linked = Project | Service

ROWS: dict[str, type[SQLModel]] = {
    "area": AreaRow,
    "category": CategoryRow,
    "client": ClientRow,
    "project": ProjectRow,
    "service": ServiceRow,
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
        if kind == "client":
            return self._row(ClientRow, record_id, N_("client"), lock)
        if kind == "project":
            return self._row(ProjectRow, record_id, N_("project"), lock)
        return self._row(ServiceRow, record_id, N_("service"), lock)

    # -- projects and services: the records a case links to --------------------------

    def _linked(self, kind: str, row: Any) -> Linked:
        if kind == "project":
            return conv.from_row(Project, row)
        return conv.from_row(Service, row)

    def get(self, kind: str, record_id: int | None) -> Linked:
        return self._linked(kind, self.row(kind, record_id))

    def find(self, kind: str, name: str) -> Linked | None:
        """The project or service so named, in any letter case (as areas are found)."""
        if _unstorable(name):
            return None
        table = self._table(kind)
        query = sa_select(table).where(table_of(table).c.name_key == name_key(name))
        row = self.session.execute(query).scalars().first()
        return self._linked(kind, row) if row is not None else None

    def by_name(self, kind: str, name: str) -> Linked:
        found = self.find(kind, name)
        if found is not None:
            return found
        if kind == "project":
            raise NotFound("project.not_found", "There is no project {name!r}", name=name)
        raise NotFound("service.not_found", "There is no service {name!r}", name=name)

    def _rows(self, kind: str) -> builtins.list[Any]:
        table = self._table(kind)
        return list(
            self.session.execute(sa_select(table).order_by(table_of(table).c.name)).scalars()
        )

    def list(self, kind: str) -> builtins.list[Linked]:
        return [self._linked(kind, r) for r in self._rows(kind)]

    def add(self, record: Linked) -> Linked:
        kind = "project" if isinstance(record, Project) else "service"
        taken = ValidationError(
            "record.exists", "There is already a {kind} named {name!r}",
            kind=N_("project") if kind == "project" else N_("service"), name=record.name,
        )  # fmt: skip
        if self.find(kind, record.name) is not None:
            raise taken
        row = self._table(kind)(name=record.name, active=record.active)
        with name_clash_as(taken):  # another admin's, added at the same instant
            self._insert(row)
        record.id = row.id  # type: ignore[attr-defined]
        return record

    def names(self, kind: str, ids: set[int]) -> dict[int, str]:
        """The names of the records with these ids (a gone one is left out)."""
        if not ids:
            return {}
        column = table_of(self._table(kind)).c
        rows = self.session.execute(sa_select(column.id, column.name).where(column.id.in_(ids)))
        return {row.id: row.name for row in rows}

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
