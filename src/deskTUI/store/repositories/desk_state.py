"""A person's saved views and presence on a case, and the desk's settings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col, select

from ..tables import PresenceRow, SavedViewRow, SettingRow, table_of
from .base import _Repository


class SavedViewRepository(_Repository):
    def for_user(self, user_id: int) -> list[tuple[str, str]]:
        query = (
            select(SavedViewRow).where(SavedViewRow.user_id == user_id).order_by(SavedViewRow.name)
        )
        return [(r.name, r.query) for r in self.session.exec(query)]

    def put(self, user_id: int, name: str, text: str) -> None:
        """Save or replace the user's view of that name."""
        found = self.session.exec(
            select(SavedViewRow).where(SavedViewRow.user_id == user_id, SavedViewRow.name == name)
        ).first()
        if found is None:
            self.session.add(SavedViewRow(user_id=user_id, name=name, query=text))
        else:
            found.query = text
        self.session.flush()

    def delete(self, user_id: int, name: str) -> bool:
        found = self.session.exec(
            select(SavedViewRow).where(SavedViewRow.user_id == user_id, SavedViewRow.name == name)
        ).first()
        if found is None:
            return False
        self.session.delete(found)
        self.session.flush()
        return True


class PresenceRepository(_Repository):
    """Who has which case's edit form open: heartbeats, one row per editor and case."""

    def beat(self, case_id: int, user_id: int, now: datetime) -> None:
        """One statement (an upsert): two terminals of one editor beating at the same
        moment cannot both insert the row."""
        dialect = self.session.get_bind().dialect.name
        insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
        statement = (
            insert(table_of(PresenceRow))
            .values(case_id=case_id, user_id=user_id, since=now, seen_at=now)
            .on_conflict_do_update(index_elements=["case_id", "user_id"], set_={"seen_at": now})
        )
        self.session.execute(statement)

    def leave(self, case_id: int, user_id: int) -> None:
        row = self.session.get(PresenceRow, (case_id, user_id))
        if row is not None:
            self.session.delete(row)
            self.session.flush()

    def seen_since(self, case_id: int, moment: datetime) -> list[tuple[int, datetime]]:
        """(user id, since) of everyone who beat on ``case_id`` at or after ``moment``."""
        rows = self.session.exec(
            select(PresenceRow)
            .where(PresenceRow.case_id == case_id, PresenceRow.seen_at >= moment)
            .order_by(col(PresenceRow.since), col(PresenceRow.user_id))
        ).all()
        return [(row.user_id, row.since) for row in rows]


class SettingsRepository(_Repository):
    def get(self, key: str) -> str | None:
        row = self.session.get(SettingRow, key)
        return row.value if row else None

    def set(self, key: str, value: str) -> None:
        row = self.session.get(SettingRow, key)
        if row is None:
            self.session.add(SettingRow(key=key, value=value))
        else:
            row.value = value
        self.session.flush()

    def all(self) -> dict[str, str]:
        return {r.key: r.value for r in self.session.exec(select(SettingRow))}
