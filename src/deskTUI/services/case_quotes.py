"""The quote of a case (seed 003): issued by the staff, approved or rejected by the
client's account, then its payment recorded."""

from __future__ import annotations

from typing import Any

from ..domain.case import Case
from ..domain.enums import LogKind, PaymentStatus
from ..domain.people import User
from ..domain.permissions import Action, can
from ..domain.values import one_of
from ..store.uow import UnitOfWork
from .common import CaseRef, acting, load_case, stored_id
from .mail_notices import ClientNotice, queue_to_contact
from .notices import QUOTE_APPROVED, QUOTE_REJECTED


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
        queue_to_contact(uow, case, ClientNotice.QUOTE)
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
        notice = (QUOTE_APPROVED if approve else QUOTE_REJECTED).format(number=case.number)
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
                    notice,
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
        status = one_of(
            PaymentStatus,
            payment,
            "payment.invalid",
            "{value!r} is not a payment status: {choices}",
        )
        case.set_payment(actor, uow.now(), status)
        uow.cases.save(case)
        uow.commit()
        return case


def _notify_account(uow: UnitOfWork, case: Case, kind: str, message: str, at: Any) -> None:
    """Tell every active user of the case's client account who may answer its quote."""
    for user in uow.users.of_client(case.client_id):
        if can(user, Action.DECIDE_QUOTE, case):
            uow.notifications.add(stored_id(user), case.id, kind, message, at)
