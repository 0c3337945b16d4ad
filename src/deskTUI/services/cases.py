"""Case use cases: open, edit, assign, move (with the contract ledger), comment, quote."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from ..domain import contracts as ledger
from ..domain.case import FIELDS, Case, check_assignee, check_bounds, check_open_fields
from ..domain.comments import Comment, can_read, check_client_visibility, mentioned_logins
from ..domain.durations import parse_duration
from ..domain.enums import LogKind, PaymentStatus, Priority, Status, Visibility
from ..domain.errors import DomainError, Gathered, NotFound, ValidationError, concerning
from ..domain.lifecycle import is_reopen
from ..domain.limits import Limits
from ..domain.people import Category, User
from ..domain.permissions import Action, can, require
from ..domain.surveys import offers_survey
from ..store.uow import UnitOfWork
from .common import (
    CaseRef,
    acting,
    desk_limits,
    expect_version,
    hours_per_day,
    load_case,
    resolve_user,
    stored_id,
)

REFERENCE_FIELDS = {
    "client": "client_id",
    "area": "area_id",
    "category": "category_id",
    "contact": "contact_id",
    "contract": "contract_id",
    "coordinator": "coordinator_id",
    "owner": "owner_id",
    "reviewer": "reviewer_id",
}
"""Fields the operator names (``--client "Acme SA"``) that the case stores as ids."""


def open_case(
    uow: UnitOfWork,
    actor: User,
    *,
    title: str,
    client: int | str | None,
    category: int | str | None,
    description: str,
    area: int | str | None = None,
    contact: int | str | None = None,
    priority: Priority | str = Priority.MEDIUM,
    fields: Mapping[str, Any] | None = None,
) -> Case:
    """Register a case (seed 001 "Registrar el Caso"); its number comes from the store."""
    with uow:
        actor = acting(uow, actor)
        desk_limits(uow).check_case({"title": title, "description": description})
        now = uow.now()
        refs = _resolve_refs(
            uow,
            {
                "client": client,
                "category": category,
                "area": area,
                "contact": contact,
                **_refs_in(fields),
            },
        )
        plain = {k: v for k, v in (fields or {}).items() if k not in REFERENCE_FIELDS}
        if "client_id" not in refs:
            raise ValidationError("case.client_required", "The client is required")
        if "category_id" not in refs:
            raise ValidationError(
                "case.category_required",
                "The category is required: choose the area, then its category",
            )
        case = Case(
            title=title,
            description=description,
            client_id=refs["client_id"],
            category_id=refs["category_id"],
            area_id=refs["area_id"],
            contact_id=refs.get("contact_id"),
            reporter_id=actor.id,
            created_at=now,
            priority=priority,  # type: ignore[arg-type]  # a word is parsed and checked by Case
            **{
                k: v
                for k, v in refs.items()
                if k not in ("client_id", "category_id", "area_id", "contact_id")
            },
            **plain,
        )
        require(actor, Action.OPEN_CASE, case)
        check_open_fields(actor, {*refs, *plain})
        check_bounds({name: getattr(case, name) for name in plain if name in FIELDS})
        _check_refs(uow, case, now.date())
        case.record(actor, now, LogKind.OPENED, new=case.title)
        uow.cases.add(case)
        uow.commit()
        return case


def edit_case(
    uow: UnitOfWork,
    actor: User,
    ref: CaseRef,
    changes: Mapping[str, Any],
    *,
    expected_version: int | None = None,
) -> list[str]:
    """Change fields; returns the names of those that changed. All or nothing.

    Every refusal is told at once (``Refusals`` when there are several, each about
    its field): the references, the typed values and the cross-record rules.
    """
    with uow:
        actor = acting(uow, actor)
        case = load_case(uow, actor, ref, Action.VIEW_CASE)
        expect_version(case, expected_version)
        refused = Gathered()
        resolved: dict[str, Any] = {}
        with refused.checking():
            resolved = _resolve_refs(uow, _refs_in(changes), case=case)
        plain = {k: v for k, v in changes.items() if k not in REFERENCE_FIELDS}
        if "estimate" in plain:  # as people type it: "3h", "1h30m", "2.5"
            text = str(plain.pop("estimate") or "").strip()
            with refused.checking("estimate_minutes"):
                plain["estimate_minutes"] = parse_duration(text) if text else None
        fields = {**plain, **resolved}
        limits = desk_limits(uow)
        changed: list[str] | None = None
        with refused.checking():
            changed = case.edit(actor, fields, uow.now(), limits)
        if changed is None:  # the fields that were read still meet the cross-record rules
            changed = _edit_what_was_read(case, actor, fields, refused, uow.now(), limits)
        with refused.checking():
            _check_refs(uow, case, uow.now().date(), changed=set(changed))
        refused.raise_them()  # nothing was saved: the unit of work rolls the edit back
        if changed:
            uow.cases.save(case)
            uow.commit()
        return changed


def assign_case(
    uow: UnitOfWork, actor: User, ref: CaseRef, assignee: int | str, note: str = ""
) -> Case:
    """Give the case to an agent (or oneself); the assignee is notified in the desk."""
    with uow:
        actor = acting(uow, actor)
        case = load_case(uow, actor, ref, Action.ASSIGN_CASE)
        person = resolve_user(uow, assignee)
        now = uow.now()
        previous = case.assignee_id
        case.assign(actor, person, now, note)
        uow.cases.save(case)
        if previous is not None and previous != actor.id:
            uow.notifications.add(
                previous,
                case.id,
                "assignment",
                f"{actor.login} handed {case.number} to {person.login}",
                now,
            )
        if person.id != actor.id:
            uow.notifications.add(
                stored_id(person),
                case.id,
                "assignment",
                f"{actor.login} assigned you {case.number}: {case.title}",
                now,
            )
        uow.commit()
        return case


def move_case(
    uow: UnitOfWork,
    actor: User,
    ref: CaseRef,
    target: Status | str,
    *,
    note: str = "",
    solution: str | None = None,
) -> Case:
    """One lifecycle transition; finishing posts to the contract ledger, reopening reverses it."""
    with uow:
        actor = acting(uow, actor)
        case = load_case(uow, actor, ref, Action.VIEW_CASE)
        now = uow.now()
        previous = case.status
        case.move(actor, target, now, note=note, solution=solution)
        if case.status is Status.FINISHED:
            _post_consumption(uow, case, actor)
        elif is_reopen(previous, case.status):
            _reverse_consumption(uow, case, actor)
        uow.cases.save(case)
        if case.status is Status.FINISHED:
            _offer_survey(uow, case, now)
        uow.commit()
        return case


def _offer_survey(uow: UnitOfWork, case: Case, at: Any) -> None:
    """The client who opened a finished case is offered its survey once: never again after
    a reopen and a second finish, whether they answered, dismissed or ignored it."""
    assert case.id is not None
    if case.reporter_id is None:
        return
    reporter = uow.users.get(case.reporter_id)
    if not offers_survey(case, case.status, reporter):
        return
    if uow.notifications.exists(case.reporter_id, case.id, "survey"):
        return
    if uow.surveys.for_case(case.id) is not None:
        return
    uow.notifications.add(
        case.reporter_id,
        case.id,
        "survey",
        f"{case.number} is finished: how did we do? Rate it from 1 to 5: {case.title}",
        at,
    )


def _post_consumption(uow: UnitOfWork, case: Case, actor: User) -> None:
    if case.contract_id is None or not case.billable:
        return
    assert case.id is not None
    contract = uow.contracts.get(case.contract_id)
    minutes = sum(e.minutes for e in uow.time.for_case(case.id) if e.billable)
    entry = ledger.post_for_finish(
        contract, case.id, minutes, uow.now(), actor.id, hours_per_day(uow)
    )
    if entry is None:
        return
    posted = uow.contracts.post(entry)
    case.record(
        actor,
        posted.at,
        LogKind.LEDGER,
        field="contract",
        new=f"+{posted.units} {contract.unit.value} on {contract.label}",
    )


def _reverse_consumption(uow: UnitOfWork, case: Case, actor: User) -> None:
    assert case.id is not None
    post = ledger.outstanding_post(uow.contracts.ledger_for_case(case.id), case.id)
    if post is None:
        return
    reversal = uow.contracts.post(ledger.reversal_of(post, uow.now(), actor.id))
    contract = uow.contracts.get(reversal.contract_id)
    case.record(
        actor,
        reversal.at,
        LogKind.LEDGER,
        field="contract",
        new=f"{reversal.units} {contract.unit.value} on {contract.label} (reopened)",
    )


def finish_preview(uow: UnitOfWork, actor: User, ref: CaseRef) -> ledger.Preview | None:
    """What finishing the case would consume of its contract: "3.25 h → 37.25 / 40 h, 93 %"."""
    with uow:
        actor = acting(uow, actor)
        return preview_for(uow, load_case(uow, actor, ref, Action.VIEW_CASE))


def preview_for(uow: UnitOfWork, case: Case) -> ledger.Preview | None:
    """``finish_preview`` inside a transaction that already loaded the case."""
    if case.contract_id is None or not case.billable:
        return None
    assert case.id is not None
    contract = uow.contracts.get(case.contract_id)
    balance = ledger.Balance(contract, uow.contracts.used(case.contract_id))
    outstanding = ledger.outstanding_post(uow.contracts.ledger_for_case(case.id), case.id)
    if outstanding is not None:
        return None  # already finished and counted
    minutes = sum(e.minutes for e in uow.time.for_case(case.id) if e.billable)
    return ledger.preview_finish(balance, minutes, hours_per_day(uow))


def comment_case(
    uow: UnitOfWork, actor: User, ref: CaseRef, body: str, *, public: bool = False
) -> Comment:
    with uow:
        actor = acting(uow, actor)
        visibility = Visibility.PUBLIC if public else Visibility.INTERNAL
        check_client_visibility(actor.role, visibility)
        action = Action.COMMENT_PUBLIC if public else Action.COMMENT_INTERNAL
        case = load_case(uow, actor, ref, action)
        case.ensure_changeable()
        desk_limits(uow).check_comment(body)
        now = uow.now()
        assert case.id is not None and actor.id is not None
        comment = uow.comments.add(Comment(case.id, actor.id, body, visibility, now))
        if public and actor.is_staff and case.first_response_at is None:
            case.record_response(now)
            uow.cases.save(case)
        _notify_mentions(uow, actor, case, comment)
        uow.commit()
        return comment


def _notify_mentions(uow: UnitOfWork, actor: User, case: Case, comment: Comment) -> None:
    """``@login`` in a comment tells that user, if they may read the comment: an internal
    note never reaches a client, and nobody hears of a case they cannot see. Such a
    mention, or an unknown login, is passed over: the comment is saved all the same (a
    desk would rather not refuse a comment for a name in it)."""
    for login in mentioned_logins(comment.body, author=actor.login):
        person = uow.users.find(login)
        if (
            person is None
            or person.id == actor.id
            or not can_read(person, case, comment.visibility)
        ):
            continue
        uow.notifications.add(
            stored_id(person),
            case.id,
            "mention",
            f"{actor.login} mentioned you on {case.number}: {_gist(comment.body)}",
            comment.created_at,
        )


GIST_CHARS = 80
"""How much of a comment a mention's notification quotes."""


def _gist(body: str) -> str:
    """The comment's start on one line, cut with an ellipsis past ``GIST_CHARS``."""
    line = " ".join(body.split())
    return line if len(line) <= GIST_CHARS else line[: GIST_CHARS - 1].rstrip() + "…"


def issue_quote(
    uow: UnitOfWork,
    actor: User,
    ref: CaseRef,
    *,
    price: Any,
    currency: str,
    minutes: int,
    message: str = "",
) -> Case:
    """Quote the work (seed 003): the client approves it before billable work starts."""
    with uow:
        actor = acting(uow, actor)
        case = load_case(uow, actor, ref, Action.ISSUE_QUOTE)
        now = uow.now()
        case.issue_quote(
            actor, now, price=price, currency=currency, minutes=minutes, message=message
        )
        uow.cases.save(case)
        _notify_account(
            uow, case, "quote", f"{case.number} has a quote waiting for your answer", now
        )
        uow.commit()
        return case


def decide_quote(
    uow: UnitOfWork, actor: User, ref: CaseRef, *, approve: bool, note: str = ""
) -> Case:
    with uow:
        actor = acting(uow, actor)
        case = load_case(uow, actor, ref, Action.DECIDE_QUOTE)
        now = uow.now()
        issuer_id = _quote_issuer(uow, case)
        case.decide_quote(actor, now, approve=approve, note=note)
        uow.cases.save(case)
        verdict = "approved" if approve else "rejected"
        told: set[int] = set()
        for user_id in (case.assignee_id, issuer_id):
            if user_id is None or user_id == actor.id or user_id in told:
                continue
            told.add(user_id)
            if can(uow.users.get(user_id), Action.VIEW_CASE, case):
                uow.notifications.add(
                    user_id,
                    case.id,
                    "quote",
                    f"The quote of {case.number} was {verdict}",
                    now,
                )
        uow.commit()
        return case


def _quote_issuer(uow: UnitOfWork, case: Case) -> int | None:
    """Who issued the quote waiting for an answer: the log's last quote line that quoted."""
    assert case.id is not None
    issued = [
        e
        for e in uow.log.for_case(case.id)
        if e.kind is LogKind.QUOTE and e.field == "quote" and (e.new or "").startswith("quoted")
    ]
    return issued[-1].actor_id if issued else None


def set_payment(uow: UnitOfWork, actor: User, ref: CaseRef, payment: PaymentStatus | str) -> Case:
    with uow:
        actor = acting(uow, actor)
        case = load_case(uow, actor, ref, Action.SET_PAYMENT)
        try:
            status = PaymentStatus(payment)
        except ValueError:
            raise ValidationError(
                "payment.invalid",
                "{value!r} is not a payment status: unpaid, partial or paid",
                value=payment,
            ) from None
        case.set_payment(actor, uow.now(), status)
        uow.cases.save(case)
        uow.commit()
        return case


def _notify_account(uow: UnitOfWork, case: Case, kind: str, message: str, at: Any) -> None:
    """Tell every active user of the case's client account who may answer its quote."""
    for user in uow.users.of_client(case.client_id):
        if can(user, Action.DECIDE_QUOTE, case):
            uow.notifications.add(stored_id(user), case.id, kind, message, at)


# -- references -------------------------------------------------------------------


def _edit_what_was_read(
    case: Case,
    actor: User,
    fields: Mapping[str, Any],
    refused: Gathered,
    at: datetime,
    limits: Limits,
) -> list[str]:
    """Apply the fields not refused (on this unit of work's copy, never saved) so the
    cross-record rules can be told in the same answer; what they say again is dropped."""
    wrong = {error.field for error in refused.refusals}
    try:
        return case.edit(actor, {k: v for k, v in fields.items() if k not in wrong}, at, limits)
    except DomainError:
        return []


def _refs_in(values: Mapping[str, Any] | None) -> dict[str, Any]:
    return {k: v for k, v in (values or {}).items() if k in REFERENCE_FIELDS}


def _resolve_refs(
    uow: UnitOfWork, refs: Mapping[str, Any], case: Case | None = None
) -> dict[str, Any]:
    """Names or ids → ids, with the category tied to its area (seed 004: area first)."""
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
                out["contact_id"] = found_contact.id
                if client_id is None:  # seed 002: a case opened from a contact takes its client
                    client_id = out["client_id"] = found_contact.client_id
            elif client_id is not None:
                out["contact_id"] = uow.clients.contact_by_name(client_id, contact).id
    if "contract" in refs:
        with concerning("contract_id"):
            contract = FIELDS["contract_id"].parse(refs["contract"])
            out["contract_id"] = None if contract is None else uow.contracts.get(contract).id
    for name in ("coordinator", "owner", "reviewer"):
        if name in refs:
            who = refs[name]
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
        elsewhere = [c for c in uow.areas.categories() if c.name.lower() == name.strip().lower()]
        found = elsewhere[0] if elsewhere else None
    if found is None:
        raise NotFound("category.not_found", "There is no category {name!r}", name=name)
    return found


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


def _check_refs(uow: UnitOfWork, case: Case, today: date, changed: set[str] | None = None) -> None:
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
