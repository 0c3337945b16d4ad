"""A case changing hands and moving through its lifecycle: assigning it, moving it
(finishing posts to the contract ledger and offers the survey; reopening reverses the
post), and what finishing would consume."""

from __future__ import annotations

from typing import Any

from ..domain import contracts as ledger
from ..domain.case import Case
from ..domain.enums import LogKind, Status
from ..domain.lifecycle import is_reopen
from ..domain.people import User
from ..domain.permissions import Action
from ..domain.surveys import offers_survey
from ..store.uow import UnitOfWork
from .common import CaseRef, acting, hours_per_day, load_case, resolve_user, stored_id
from .mail_notices import ClientNotice, StaffNotice, queue_to_contact, queue_to_staff
from .notices import ASSIGNED, HANDED, SURVEY_OFFER


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
            handed = {"actor": actor.login, "number": case.number, "person": person.login}
            uow.notifications.add(previous, case.id, "assignment", HANDED.format(**handed), now)
            _email_assignment(uow, uow.users.get(previous), case, HANDED, handed)
        if person.id != actor.id:
            assigned = {"actor": actor.login, "number": case.number, "title": case.title}
            uow.notifications.add(
                stored_id(person), case.id, "assignment", ASSIGNED.format(**assigned), now
            )
            _email_assignment(uow, person, case, ASSIGNED, assigned)
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
            queue_to_contact(uow, case, ClientNotice.FINISHED)
            _offer_survey(uow, case, now)
        uow.commit()
        return case


def _email_assignment(
    uow: UnitOfWork, person: User, case: Case, sentence: str, values: dict[str, str]
) -> None:
    """The assignment notification by e-mail too, when the person asked for it."""
    queue_to_staff(
        uow, person, StaffNotice.ASSIGNMENT, case_id=stored_id(case), title=case.title,
        sentence=sentence, values=values,
    )  # fmt: skip


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
        SURVEY_OFFER.format(number=case.number, title=case.title),
        at,
    )
    queue_to_contact(uow, case, ClientNotice.SURVEY)


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
