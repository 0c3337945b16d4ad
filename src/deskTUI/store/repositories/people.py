"""Users, areas with their categories, clients with their contacts."""

from __future__ import annotations

# builtins.list in the annotations of a repository with a list() method: inside
# its class body, a bare list[...] names the method, not the type.
import builtins
from collections.abc import Iterable

from sqlalchemy import func, text
from sqlalchemy import select as sa_select
from sqlmodel import col, select

from ...domain.enums import LogKind, Role
from ...domain.errors import NotFound, ValidationError, no_such
from ...domain.grants import Grant
from ...domain.log import LogEntry
from ...domain.marks import N_
from ...domain.names import name_key
from ...domain.people import Area, Category, Client, Contact, User
from .. import converters as conv
from ..name_keys import name_clash_as
from ..tables import (
    AreaRow,
    CategoryRow,
    ClientRow,
    ContactRow,
    LogRow,
    UserAreaRow,
    UserGrantRow,
    UserRow,
)
from .base import HOLD, _Repository, _unstorable

ADMINS_LOCK = 0x6465736B_61646D
"""PostgreSQL advisory lock key ("desk" "adm") held while the desk's admins change (the
schema upgrade's is ``migrate.UPGRADE_LOCK``)."""


class UserRepository(_Repository):
    def _areas(self, user_id: int | None) -> frozenset[int]:
        rows = self.session.exec(select(UserAreaRow.area_id).where(UserAreaRow.user_id == user_id))
        return frozenset(rows)

    def _grants(self, user_id: int | None) -> tuple[Grant, ...]:
        query = select(UserGrantRow).where(UserGrantRow.user_id == user_id)
        rows = self.session.exec(query.order_by(col(UserGrantRow.id)))
        return tuple(Grant(r.action, r.effect, r.area_id) for r in rows)

    def _person(self, row: UserRow) -> User:
        return conv.user_from_row(row, self._areas(row.id), self._grants(row.id))

    def set_grant(self, user_id: int, grant: Grant, effect: str | None) -> None:
        """Store ``effect`` (``grant``, ``revoke``) for the grant's action and reach, or
        remove the decision (None): one row per person, action and reach."""
        query = select(UserGrantRow).where(
            UserGrantRow.user_id == user_id, UserGrantRow.action == grant.action
        )
        for row in self.session.exec(query):
            if row.area_id == grant.area_id:
                self.session.delete(row)
        self.session.flush()
        if effect is not None:
            self.session.add(
                UserGrantRow(
                    user_id=user_id, action=grant.action, area_id=grant.area_id, effect=effect
                )
            )
        self.session.flush()

    def grant_log(self, login: str) -> builtins.list[LogEntry]:
        """The desk log's lines of rights granted or revoked ``login`` (``note`` holds the
        login, and ``@area id`` for an area's), oldest first."""
        query = (
            select(LogRow)
            .where(col(LogRow.case_id).is_(None), LogRow.kind == LogKind.GRANT.value)
            .where(col(LogRow.note).in_([login]) | col(LogRow.note).startswith(login + "@"))
            .order_by(col(LogRow.id))
        )
        return [conv.log_from_row(r) for r in self.session.exec(query)]

    def add(self, user: User) -> User:
        row = self._insert(UserRow(**conv.user_to_row_values(user)))
        user.id = row.id
        self.set_areas(user)
        return user

    def save(self, user: User) -> None:
        self._update(UserRow, user.id, conv.user_to_row_values(user), N_("user"))
        self.set_areas(user)

    def set_areas(self, user: User) -> None:
        if user.id is None:  # only a stored person has areas: add and save store them first
            raise no_such(N_("user"), user.id)
        current = self._areas(user.id)
        for area_id in current - user.area_ids:
            row = self.session.get(UserAreaRow, (user.id, area_id))
            self.session.delete(row)
        for area_id in user.area_ids - current:
            self.session.add(UserAreaRow(user_id=user.id, area_id=area_id))
        self.session.flush()

    def get(self, user_id: int | None, *, lock: bool = False) -> User:
        row = self._row(UserRow, user_id, N_("user"), lock)
        return self._person(row)

    def hold(self, user_id: int | None) -> None:
        """Hold the person's row until commit: what guards their timer and that their
        time entries never overlap (whoever logs it, on whichever case)."""
        self.session.execute(
            sa_select(col(UserRow.id)).where(col(UserRow.id) == user_id).with_for_update(**HOLD)
        )

    def hold_admins(self) -> None:
        """Hold every active admin's row until commit (by id): the desk keeps one, so two
        admins cannot each remove the other. A row changed meanwhile is read anew.

        A desk without an admin has no row to hold: on PostgreSQL an advisory lock held to
        the commit makes two ``init`` at the same instant take turns, so the second finds
        the first's admin (SQLite's BEGIN IMMEDIATE already lets one writer at a time)."""
        held = self.session.execute(
            sa_select(col(UserRow.id))
            .where(col(UserRow.role) == Role.ADMIN.value, col(UserRow.active))
            .order_by(col(UserRow.id))
            .with_for_update(**HOLD)
        ).all()  # every row fetched: each one held
        if not held and self.session.get_bind().dialect.name == "postgresql":
            # Nothing to hold: the lock stands in for the rows, and what the caller reads
            # next (READ COMMITTED) sees the admin a competitor made before it let go.
            self.session.execute(text(f"SELECT pg_advisory_xact_lock({ADMINS_LOCK})"))

    def find(self, login: str, *, lock: bool = False) -> User | None:
        if _unstorable(login):
            return None
        query = select(UserRow).where(UserRow.login == login)
        if lock:
            query = query.with_for_update(**HOLD).execution_options(populate_existing=True)
        row = self.session.exec(query).first()
        return self._person(row) if row else None

    def by_login(self, login: str, *, lock: bool = False) -> User:
        user = self.find(login, lock=lock)
        if user is None:
            raise NotFound("user.not_found", "There is no user {login!r} on this desk", login=login)
        return user

    def logins(self, ids: Iterable[int | None]) -> dict[int, str]:
        wanted = {i for i in ids if i is not None}
        if not wanted:
            return {}
        rows = self.session.exec(
            select(UserRow.id, UserRow.login).where(col(UserRow.id).in_(wanted))
        )
        return {row_id: login for row_id, login in rows if row_id is not None}

    def list(self, role: Role | None = None) -> builtins.list[User]:
        query = select(UserRow).order_by(UserRow.login)
        if role is not None:
            query = query.where(UserRow.role == role.value)
        return [self._person(r) for r in self.session.exec(query)]

    def count_admins(self) -> int:
        query = select(func.count()).select_from(UserRow).where(UserRow.role == Role.ADMIN.value)
        return self.session.exec(query.where(col(UserRow.active))).one()

    def of_client(self, client_id: int) -> builtins.list[User]:
        query = select(UserRow).where(UserRow.client_id == client_id).where(col(UserRow.active))
        return [
            conv.user_from_row(r, frozenset())
            for r in self.session.exec(query.order_by(UserRow.login))
        ]

    def supervisors_of(self, area_id: int) -> builtins.list[User]:
        query = (
            select(UserRow)
            .join(UserAreaRow, col(UserAreaRow.user_id) == col(UserRow.id))
            .where(UserAreaRow.area_id == area_id, UserRow.role == Role.SUPERVISOR.value)
            .where(col(UserRow.active))
            .order_by(col(UserRow.id))  # the same order on both engines, whatever the plan
        )
        return [self._person(r) for r in self.session.exec(query)]


class AreaRepository(_Repository):
    def add(self, area: Area) -> Area:
        taken = ValidationError(
            "area.exists", "There is already an area named {name!r}", name=area.name
        )
        if self.find(area.name) is not None:
            raise taken
        with name_clash_as(taken):  # another admin's, added at the same instant
            area.id = self._insert(AreaRow(name=area.name)).id
        return area

    def get(self, area_id: int | None) -> Area:
        return conv.from_row(Area, self._row(AreaRow, area_id, N_("area")))

    def find(self, name: str) -> Area | None:
        if _unstorable(name):
            return None
        row = self.session.exec(select(AreaRow).where(AreaRow.name_key == name_key(name))).first()
        return conv.from_row(Area, row) if row else None

    def by_name(self, name: str) -> Area:
        area = self.find(name)
        if area is None:
            raise NotFound("area.not_found", "There is no area {name!r}", name=name)
        return area

    def list(self) -> builtins.list[Area]:
        return [
            conv.from_row(Area, r)
            for r in self.session.exec(select(AreaRow).order_by(AreaRow.name))
        ]

    def add_category(self, category: Category) -> Category:
        taken = ValidationError(
            "category.exists", "The area already has a category {name!r}", name=category.name
        )
        if self.find_category(category.name, category.area_id) is not None:
            raise taken
        with name_clash_as(taken):
            row = self._insert(CategoryRow(name=category.name, area_id=category.area_id))
        category.id = row.id
        return category

    def category(self, category_id: int | None) -> Category:
        return conv.from_row(Category, self._row(CategoryRow, category_id, N_("category")))

    def find_category(self, name: str, area_id: int | None = None) -> Category | None:
        if _unstorable(name):
            return None
        query = select(CategoryRow).where(CategoryRow.name_key == name_key(name))
        if area_id is not None:
            query = query.where(CategoryRow.area_id == area_id)
        rows = list(self.session.exec(query))
        if len(rows) > 1:
            areas = ", ".join(sorted(self.get(r.area_id).name for r in rows))
            raise ValidationError(
                "category.ambiguous",
                "Several areas have a category {name!r} ({areas}): name the area too",
                name=name,
                areas=areas,
            )
        return conv.from_row(Category, rows[0]) if rows else None

    def category_by_name(self, name: str, area_id: int | None = None) -> Category:
        category = self.find_category(name, area_id)
        if category is None:
            raise NotFound("category.not_found", "There is no category {name!r}", name=name)
        return category

    def any_category(self) -> bool:
        """Whether some area has a category (a case is filed under one)."""
        return self.session.exec(select(CategoryRow.id).limit(1)).first() is not None

    def categories(self, area_id: int | None = None) -> builtins.list[Category]:
        query = select(CategoryRow).order_by(CategoryRow.name)
        if area_id is not None:
            query = query.where(CategoryRow.area_id == area_id)
        return [conv.from_row(Category, r) for r in self.session.exec(query)]


class ClientRepository(_Repository):
    def add(self, client: Client) -> Client:
        taken = ValidationError(
            "client.exists", "There is already a client named {name!r}", name=client.name
        )
        if self.find(client.name) is not None:
            raise taken
        with name_clash_as(taken):
            client.id = self._insert(ClientRow(name=client.name)).id
        return client

    def get(self, client_id: int | None) -> Client:
        return conv.from_row(Client, self._row(ClientRow, client_id, N_("client")), contact_ids=[])

    def find(self, name: str) -> Client | None:
        if _unstorable(name):
            return None
        row = self.session.exec(
            select(ClientRow).where(ClientRow.name_key == name_key(name))
        ).first()
        return conv.from_row(Client, row, contact_ids=[]) if row else None

    def by_name(self, name: str) -> Client:
        client = self.find(name)
        if client is None:
            raise NotFound("client.not_found", "There is no client {name!r}", name=name)
        return client

    def list(self) -> builtins.list[Client]:
        return [
            conv.from_row(Client, r, contact_ids=[])
            for r in self.session.exec(select(ClientRow).order_by(ClientRow.name))
        ]

    def has_any(self) -> bool:
        """Whether the desk has a client at all (one row read, whatever the desk's size)."""
        return self.session.exec(select(ClientRow.id).limit(1)).first() is not None

    def add_contact(self, contact: Contact) -> Contact:
        contact.id = self._insert(ContactRow(**conv.to_values(contact))).id
        return contact

    def contact(self, contact_id: int | None) -> Contact:
        return conv.from_row(Contact, self._row(ContactRow, contact_id, N_("contact")))

    def contact_by_name(self, client_id: int, name: str) -> Contact:
        query = select(ContactRow).where(
            ContactRow.client_id == client_id, ContactRow.name_key == name_key(name)
        )
        row = None if _unstorable(name) else self.session.exec(query).first()
        if row is None:
            raise NotFound(
                "contact.not_found", "The client has no contact named {name!r}", name=name
            )
        return conv.from_row(Contact, row)

    def contacts(self, client_id: int) -> builtins.list[Contact]:
        query = (
            select(ContactRow).where(ContactRow.client_id == client_id).order_by(ContactRow.name)
        )
        return [conv.from_row(Contact, r) for r in self.session.exec(query)]
