"""Desk administration: users, areas and categories, clients and contacts, contracts, settings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..domain.contracts import Contract
from ..domain.enums import Role, TrackingUnit
from ..domain.errors import PermissionDenied, ValidationError
from ..domain.mail_settings import check_address
from ..domain.marks import N_
from ..domain.people import Area, Category, Client, Contact, User, parse_language, parse_login
from ..domain.permissions import Action, can, require
from ..domain.values import UNIT_PLACES, UNITS_MAX, one_of, parse_amount, parse_decimal
from ..store.uow import UnitOfWork
from .common import acting, stored_id


def init_desk(uow: UnitOfWork, login: str) -> tuple[User | None, bool]:
    """First run: the OS login becomes the desk's first admin. Idempotent.

    Only a desk without any admin gets one this way; otherwise running
    ``init`` again changes nobody's role (else any user could make
    themselves admin by running it). Returns the user (None when the login
    is not a user of a desk that already has admins) and whether it was made admin.
    """
    with uow:
        uow.users.hold_admins()  # two `init` at once on an empty desk: one first admin
        existing = uow.users.find(login)
        if uow.users.count_admins() > 0:
            return existing, False
        if existing is not None:
            existing.role = Role.ADMIN
            existing.client_id = None
            existing.active = True
            uow.users.save(existing)
            uow.commit()
            return existing, True
        user = uow.users.add(User(login=parse_login(login), name=login, role=Role.ADMIN))
        uow.commit()
        return user, True


@dataclass(frozen=True)
class DeskSetup:
    """What a desk lacks before a case can be opened on it (a new desk, after ``init``)."""

    missing: tuple[str, ...]
    """In the order to add them: "area" (no area has a category, and every case is filed
    under an area's category), then "client" (every case is a client's)."""
    may_add: bool
    """Whether the operator may add areas and clients (an admin): others are told who may."""


def desk_setup(uow: UnitOfWork, actor: User) -> DeskSetup:
    """What the desk needs before anyone can open a case, for the case list's empty state."""
    with uow:
        actor = acting(uow, actor)
        missing = []
        if not uow.areas.any_category():
            missing.append("area")
        if not uow.clients.has_any():
            missing.append("client")
        may_add = can(actor, Action.MANAGE_AREAS) and can(actor, Action.MANAGE_CLIENTS)
        return DeskSetup(tuple(missing), may_add)


def _role(value: Role | str) -> Role:
    return one_of(Role, value, "user.role", "{role!r} is not a role: {choices}", param="role")


def add_user(
    uow: UnitOfWork,
    actor: User,
    login: str,
    *,
    role: Role | str,
    name: str = "",
    areas: Iterable[str] = (),
    client: str | None = None,
) -> User:
    with uow:
        actor = acting(uow, actor)
        require(actor, Action.MANAGE_USERS)
        if uow.users.find(login.strip()) is not None:
            raise ValidationError("user.exists", "There is already a user {login!r}", login=login)
        area_ids = frozenset(stored_id(uow.areas.by_name(a)) for a in areas)
        client_id = uow.clients.by_name(client).id if client else None
        user = uow.users.add(
            User(login=login, name=name, role=_role(role), area_ids=area_ids, client_id=client_id)
        )
        uow.commit()
        return user


def update_user(
    uow: UnitOfWork,
    actor: User,
    login: str,
    *,
    role: Role | str | None = None,
    areas: Iterable[str] | None = None,
    active: bool | None = None,
    name: str | None = None,
    language: str | None = None,
) -> User:
    """An admin changes a user; ``language`` as typed ("es", "en", "auto"), None: kept."""
    chosen = parse_language(language) if language is not None else None
    with uow:
        actor = acting(uow, actor)
        require(actor, Action.MANAGE_USERS)
        uow.users.hold_admins()  # the desk keeps an admin: two removing each other take turns
        user = uow.users.by_login(login, lock=True)
        if language is not None:
            user.language = chosen
        if role is not None:
            user.role = _role(role)
            if user.role.is_staff:
                user.client_id = None  # a client user who joins the staff leaves the account
        if areas is not None:
            user.area_ids = frozenset(stored_id(uow.areas.by_name(a)) for a in areas)
        if active is not None:
            user.active = active
        if name is not None:
            user.name = name
        user = User(**user.__dict__)  # re-validate the whole user
        uow.users.save(user)
        if uow.users.count_admins() == 0:
            raise ValidationError(
                "user.last_admin",
                "{login} is the last active admin; the desk must keep one",
                login=login,
            )
        uow.commit()
        return user


def set_language(uow: UnitOfWork, actor: User, login: str, language: str) -> User:
    """The language ``login`` reads the desk in: "es", "en", or "auto" (their session's
    locale). Anyone may choose their own, a client too; only an admin another's."""
    chosen = parse_language(language)  # a wrong code is refused before anything is read
    with uow:
        actor = acting(uow, actor)
        if login.strip() != actor.login:
            # Asked before the login is looked up: a refusal names no one else's account.
            require(actor, Action.MANAGE_USERS)
        user = uow.users.by_login(login.strip(), lock=True)
        user.language = chosen
        uow.users.save(user)
        uow.commit()
        return user


def add_area(uow: UnitOfWork, actor: User, name: str, categories: Iterable[str] = ()) -> Area:
    with uow:
        actor = acting(uow, actor)
        require(actor, Action.MANAGE_AREAS)
        area = uow.areas.add(Area(name))
        for category in categories:
            uow.areas.add_category(Category(category, stored_id(area)))
        uow.commit()
        return area


def add_category(uow: UnitOfWork, actor: User, area: str, name: str) -> Category:
    with uow:
        actor = acting(uow, actor)
        require(actor, Action.MANAGE_AREAS)
        category = uow.areas.add_category(Category(name, stored_id(uow.areas.by_name(area))))
        uow.commit()
        return category


def add_client(uow: UnitOfWork, actor: User, name: str, contacts: Iterable[str] = ()) -> Client:
    with uow:
        actor = acting(uow, actor)
        require(actor, Action.MANAGE_CLIENTS)
        client = uow.clients.add(Client(name))
        for contact in contacts:
            made = uow.clients.add_contact(Contact(contact, stored_id(client)))
            client.contact_ids.append(stored_id(made))
        uow.commit()
        return client


def add_contact(
    uow: UnitOfWork, actor: User, client: str, name: str, *, email: str = "", phone: str = ""
) -> Contact:
    with uow:
        actor = acting(uow, actor)
        require(actor, Action.MANAGE_CLIENTS)
        # The mail channel matches a sender by this address (issue 22): one name@domain,
        # no line break a notice's To header would carry as a header of its own.
        email = check_address(email) if email.strip() else ""
        contact = uow.clients.add_contact(
            Contact(name, stored_id(uow.clients.by_name(client)), email, phone)
        )
        uow.commit()
        return contact


def add_contract(
    uow: UnitOfWork,
    actor: User,
    *,
    client: str | int,
    unit: TrackingUnit | str,
    total: Decimal | str | int,
    start: date,
    end: date,
    name: str = "",
) -> Contract:
    with uow:
        actor = acting(uow, actor)
        require(actor, Action.MANAGE_CONTRACTS)
        found = uow.clients.get(client) if isinstance(client, int) else uow.clients.by_name(client)
        tracking = one_of(
            TrackingUnit,
            unit,
            "contract.unit",
            "{unit!r} is not a tracking unit: {choices}",
            param="unit",
        )
        contract = uow.contracts.add(
            Contract(stored_id(found), tracking, _contract_total(total), start, end, name)
        )
        uow.commit()
        return contract


def _contract_total(total: object) -> Decimal:
    """What a contract buys, as an admin types it: the contract itself (loaded from the
    store too) refuses only what is not a positive number."""
    return parse_amount(total, "contract total", most=UNITS_MAX, places=UNIT_PLACES)


def set_hours_per_day(uow: UnitOfWork, actor: User, hours: Decimal | str) -> Decimal:
    with uow:
        actor = acting(uow, actor)
        require(actor, Action.MANAGE_SETTINGS)
        value = parse_decimal(hours, N_("hours per day"))
        if not Decimal(0) < value <= 24:
            raise ValidationError(
                "settings.hours_per_day", "Hours per day must be more than 0 and at most 24"
            )
        uow.settings.set("hours_per_day", str(value))
        uow.commit()
        return value


def _require_staff(actor: User) -> None:
    if not can(actor, Action.READ_DIRECTORY):
        raise PermissionDenied(
            "permission.staff_only",
            "{login} is a client; the desk's directory is for staff",
            login=actor.login,
        )


def directory(uow: UnitOfWork, actor: User) -> tuple[list[User], list[Area], list[Client]]:
    """Users with their areas and clients, for staff."""
    with uow:
        actor = acting(uow, actor)
        _require_staff(actor)
        return uow.users.list(), uow.areas.list(), uow.clients.list()


def areas_and_categories(uow: UnitOfWork, actor: User) -> tuple[list[Area], list[Category]]:
    with uow:
        acting(uow, actor)
        return uow.areas.list(), uow.areas.categories()


def clients_and_contacts(uow: UnitOfWork, actor: User) -> tuple[list[Client], list[Contact]]:
    """Staff see every client; a client user sees their own account."""
    with uow:
        return visible_clients(uow, acting(uow, actor))


def visible_clients(uow: UnitOfWork, actor: User) -> tuple[list[Client], list[Contact]]:
    """``clients_and_contacts`` inside a transaction the caller already opened."""
    clients = uow.clients.list()
    if not actor.is_staff:
        clients = [c for c in clients if c.id == actor.client_id]
    contacts = [p for c in clients for p in uow.clients.contacts(stored_id(c))]
    return clients, contacts
