"""The references a case holds, as the operator names them: a client, an area and its
category, a contact, a contract, the people in charge. Names or ids become ids here, and
the rules that tie one record to another (a category of the area, a contact of the
client) are checked here, for opening a case and for editing one alike."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from .. import words
from ..domain import contracts as ledger
from ..domain.case import FIELDS, Case, check_assignee
from ..domain.contracts import Contract
from ..domain.errors import (
    NotFound,
    ValidationError,
    concerning,
    no_such,
)
from ..domain.marks import N_
from ..domain.names import fold_name
from ..domain.people import Category, User
from ..domain.permissions import account_reach, within_reach
from ..store.uow import UnitOfWork
from .common import resolve_user
from .records import check_offered

REFERENCE_FIELDS = {
    "client": "client_id",
    "area": "area_id",
    "category": "category_id",
    "contact": "contact_id",
    "contract": "contract_id",
    "coordinator": "coordinator_id",
    "owner": "owner_id",
    "reviewer": "reviewer_id",
    "project": "project_id",
    "service": "service_id",
}
"""Fields the operator names (``--client "Acme SA"``) that the case stores as ids."""


def refs_in(values: Mapping[str, Any] | None) -> dict[str, Any]:
    return {k: v for k, v in (values or {}).items() if k in REFERENCE_FIELDS}


def resolve_refs(
    uow: UnitOfWork,
    refs: Mapping[str, Any],
    case: Case | None = None,
    *,
    viewer: User,
) -> dict[str, Any]:
    """Names or ids → ids, with the category tied to its area (seed 004: area first).

    ``viewer``: who names them; a client user names only what their account may see."""
    out: dict[str, Any] = {}
    client_id = case.client_id if case else None
    if (client := refs.get("client")) is not None:
        with concerning("client_id"):
            client_id = (
                uow.clients.get(client) if isinstance(client, int) else uow.clients.by_name(client)
            ).id
        out["client_id"] = client_id
    area_id = None
    if (area := refs.get("area")) not in (None, ""):
        with concerning("area_id"):
            area_id = (uow.areas.get(area) if isinstance(area, int) else uow.areas.by_name(area)).id
        out["area_id"] = area_id
    if (category := refs.get("category")) not in (None, ""):
        with concerning("category_id"):
            if isinstance(category, int):
                found = uow.areas.category(category)
            else:
                found = category_named(uow, category, area_id)
        out["category_id"] = found.id
        out.setdefault("area_id", found.area_id)
    if "contact" in refs:
        with concerning("contact_id"):
            contact = refs["contact"]
            if contact in (None, ""):
                out["contact_id"] = None
            elif isinstance(contact, int):
                found_contact = uow.clients.contact(contact)
                if not within_reach(viewer, found_contact.client_id):
                    raise no_such(N_("contact"), contact)  # another account's: none, for them
                out["contact_id"] = found_contact.id
                if client_id is None:  # seed 002: a case opened from a contact takes its client
                    client_id = out["client_id"] = found_contact.client_id
            elif client_id is not None:
                out["contact_id"] = uow.clients.contact_by_name(client_id, contact).id
    if "contract" in refs:
        with concerning("contract_id"):
            found_contract = contract_named(uow, refs["contract"], viewer, client_id)
            out["contract_id"] = None if found_contract is None else found_contract.id
    for name in ("project", "service"):  # by id (the form) or by name (the CLI, an import)
        if name in refs:
            ref = refs[name]
            with concerning(f"{name}_id"):
                if ref is None or (isinstance(ref, str) and not ref.strip()):
                    out[f"{name}_id"] = None
                elif isinstance(ref, int):
                    out[f"{name}_id"] = uow.records.get(name, ref).id
                else:
                    out[f"{name}_id"] = uow.records.by_name(name, ref).id
    for name in ("coordinator", "owner", "reviewer"):
        if name in refs:
            who = refs[name]
            if account_reach(viewer) is not None:
                # The desk's staff are not a client user's to name: the field is passed on
                # as typed, for the permission to refuse (clients set no staff field), and
                # no refusal tells them whom a login belongs to.
                out[f"{name}_id"] = who
                continue
            with concerning(f"{name}_id"):
                out[f"{name}_id"] = None if who in (None, "") else _staff(uow, who, name).id
    return out


def category_named(uow: UnitOfWork, name: str, area_id: int | None) -> Category:
    """The category by name, in the given area if one was named.

    A name that exists only in another area is returned anyway, so that the
    cross-check says what is wrong ("not a category of the area") rather than
    pretending the category does not exist.
    """
    found = uow.areas.find_category(name, area_id)
    if found is None and area_id is not None:
        wanted = fold_name(name)  # as the store compares names (name_key)
        elsewhere = [c for c in uow.areas.categories() if fold_name(c.name) == wanted]
        found = elsewhere[0] if elsewhere else None
    if found is None:
        raise NotFound("category.not_found", "There is no category {name!r}", name=name)
    return found


def contract_named(
    uow: UnitOfWork, ref: object, viewer: User, client_id: int | None
) -> Contract | None:
    """The contract ``ref`` names (its id, or its name in any case), None to clear it.

    ``viewer`` reaches only the contracts :func:`account_reach` gives them: another
    account's, by id or by name, gets the very sentence of one that does not exist. A name
    several contracts share is settled by the case's client (``client_id``) when exactly
    one of them is its; otherwise the refusal lists them, to be named by id. A text of
    digits is an id first, then a name (a contract may be called "2026")."""
    if ref is None or (isinstance(ref, str) and not ref.strip()):
        return None
    text = str(ref).strip()

    def by_name() -> list[Contract]:
        return uow.contracts.named(text, account_reach(viewer))

    if isinstance(ref, int) or (text.isascii() and text.isdigit()):
        try:
            return _contract_by_id(uow, FIELDS["contract_id"].parse(ref), viewer)
        except (NotFound, ValidationError):
            if isinstance(ref, int) or not (found := by_name()):
                raise
            return _one_contract(uow, text, found, client_id)
    return _one_contract(uow, text, by_name(), client_id)


def _contract_by_id(uow: UnitOfWork, contract_id: int | None, viewer: User) -> Contract:
    contract = uow.contracts.get(contract_id)
    if not within_reach(viewer, contract.client_id):
        raise no_such(N_("contract"), contract_id)  # another account's: none, for them
    return contract


def _one_contract(
    uow: UnitOfWork, name: str, found: list[Contract], client_id: int | None
) -> Contract:
    if not found:
        raise NotFound("contract.not_found", "There is no contract {name!r}", name=name)
    if len(found) > 1:
        the_clients = [c for c in found if c.client_id == client_id]
        if len(the_clients) == 1:
            return the_clients[0]
        found = the_clients or found
        raise ValidationError(
            "contract.ambiguous",
            "Several contracts are named {name!r}: {contracts}; name one by its id",
            name=name,
            contracts=", ".join(_identified(uow, c) for c in found),
        )
    return found[0]


def _identified(uow: UnitOfWork, contract: Contract) -> str:
    """How a refusal tells one contract from its namesakes: id, client, dates."""
    client = uow.clients.get(contract.client_id).name
    dates = f"{contract.start.isoformat()} to {contract.end.isoformat()}"
    return f"{contract.id} ({client}, {words.label(contract.unit)}, {dates})"


def _staff(uow: UnitOfWork, ref: int | str, role_name: str) -> User:
    user = resolve_user(uow, ref)
    if not user.is_staff:
        raise ValidationError(
            "user.not_staff",
            "{login} is a client and cannot be the {what}",
            login=user.login,
            what=role_name,
        )
    return user


def check_refs(uow: UnitOfWork, case: Case, today: date, changed: set[str] | None = None) -> None:
    """Cross-record rules: category of the area, contact of the client, contract of the client."""

    def touched(*names: str) -> bool:
        return changed is None or bool(changed & set(names))

    if touched("category_id", "area_id"):
        category = uow.areas.category(case.category_id)
        if category.area_id != case.area_id:
            area = uow.areas.get(case.area_id)
            raise ValidationError(
                "case.category_area",
                "The category {category!r} is not a category of the area {area!r}",
                category=category.name,
                area=area.name,
            ).about("category_id")
    if case.assignee_id is not None and changed is not None and "area_id" in changed:
        check_assignee(case, uow.users.get(case.assignee_id))  # moved areas: still theirs to work?
    if case.contact_id is not None and touched("contact_id", "client_id"):
        contact = uow.clients.contact(case.contact_id)
        if contact.client_id != case.client_id:
            raise ValidationError(
                "case.contact_client",
                "{contact} is not a contact of the case's client",
                contact=contact.name,
            ).about("contact_id")
    if case.contract_id is not None and touched("contract_id", "client_id"):
        with concerning("contract_id"):
            contract = uow.contracts.get(case.contract_id)
            ledger.check_contract_for_case(contract, case.client_id, today)
    # A deactivated area, category or client takes no new case (issue 21): after the
    # cross-record checks, so a wrong pairing is said first.
    check_offered(uow, case, changed)
