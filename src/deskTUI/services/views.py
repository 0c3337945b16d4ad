"""Read models: what a screen or ``case show`` displays, assembled in one read transaction."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal

from .. import sentences
from ..domain.calendar import (
    CalendarTask,
    Event,
    EventCounters,
    TaskCounters,
    event_counters,
    task_counters,
)
from ..domain.case import Case
from ..domain.case_checks import may_set_when_opening
from ..domain.catalogue import Project, Service
from ..domain.comments import Comment, visible_to
from ..domain.contracts import Balance, Contract, LedgerEntry, balance
from ..domain.enums import Status
from ..domain.errors import NotFound, no_such
from ..domain.files import Attachment, FileCounters, file_counters
from ..domain.log import PERSON_FIELDS, LogEntry
from ..domain.marks import N_
from ..domain.people import Area, Category, Client, Contact, User
from ..domain.permissions import Action, account_reach, can, within_reach
from ..domain.queue import QueueItem, next_to_execute
from ..domain.sla import SlaState
from ..domain.survey_templates import Question
from ..domain.timekeeping import TimeEntry, Totals, totals
from ..store.uow import UnitOfWork
from .admin import visible_clients
from .cases import preview_for
from .common import CaseRef, acting, load_case, sla_targets, stored_id
from .sla import state_of
from .surveys import answers_of

OPEN = tuple(s for s in Status if s.is_open)


@dataclass
class CaseDetail:
    case: Case
    names: dict[str, str | None]
    """Display names of the case's references: client, contact, area, category, people."""
    totals: Totals
    entries: list[TimeEntry]
    files: list[Attachment]
    file_counters: FileCounters
    events: list[Event]
    event_counters: EventCounters
    tasks: list[CalendarTask]
    task_counters: TaskCounters
    comments: list[Comment]
    log: list[LogEntry]
    sla: SlaState
    contract_balance: Balance | None
    finish_preview: str | None = None
    """What finishing would consume of the contract ("3.25 h → 37.25 / 40 h, 93 %"), if anything."""
    survey: list[tuple[Question, str]] = field(default_factory=list)
    """The case's answered survey, question by question (seed 004), for whoever sees it."""
    logins: dict[int, str] = field(default_factory=dict)
    """Login of every user id the detail mentions (authors, executors, log actors, people
    a log line names)."""
    log_names: dict[str, dict[int, str]] = field(default_factory=dict)
    """Names of the records the log's field lines refer to by id, by field:
    ``{"client_id": {3: "Acme SA"}, ...}`` (clients, contacts, areas, categories, contracts)."""


def case_detail(uow: UnitOfWork, actor: User, ref: CaseRef) -> CaseDetail:
    """Everything about a case its viewer may see: clients get public comments and no log."""
    with uow:
        actor = acting(uow, actor)
        case = load_case(uow, actor, ref, Action.VIEW_CASE)
        assert case.id is not None
        staff_view = can(actor, Action.VIEW_INTERNAL, case)
        entries = uow.time.for_case(case.id)
        files = uow.files.for_case(case.id)
        events = uow.calendar.events_for_case(case.id)
        tasks = uow.calendar.tasks_for_case(case.id)
        comments = visible_to(
            actor.role, uow.comments.for_case(case.id, public_only=not staff_view)
        )
        log = uow.log.for_case(case.id) if staff_view else []
        contract_balance = None
        if case.contract_id is not None:
            contract = uow.contracts.get(case.contract_id)
            contract_balance = balance(contract, uow.contracts.ledger(case.contract_id))
        people = {
            case.assignee_id,
            case.coordinator_id,
            case.reporter_id,
            case.owner_id,
            case.reviewer_id,
            *(e.executor_id for e in entries),
            *(c.author_id for c in comments),
            *(entry.actor_id for entry in log),
            *_ids_in_log(log, PERSON_FIELDS),
            *(f.uploader_id for f in files),
            *(e.owner_id for e in events),
        }
        logins = uow.users.logins(people)
        names = {
            "client": uow.clients.get(case.client_id).name,
            "contact": uow.clients.contact(case.contact_id).name if case.contact_id else None,
            "area": uow.areas.get(case.area_id).name,
            "category": uow.areas.category(case.category_id).name,
            "contract": uow.contracts.get(case.contract_id).label if case.contract_id else None,
            "project": uow.records.get("project", case.project_id).name
            if case.project_id
            else None,
            "service": uow.records.get("service", case.service_id).name
            if case.service_id
            else None,
            **{
                role: logins.get(user_id) if user_id else None
                for role, user_id in (
                    ("assignee", case.assignee_id),
                    ("coordinator", case.coordinator_id),
                    ("reporter", case.reporter_id),
                    ("owner", case.owner_id),
                    ("reviewer", case.reviewer_id),
                )
            },
        }
        return CaseDetail(
            case=case,
            names=names,
            totals=totals(entries, case.cost_per_hour, case.estimate_minutes),
            entries=entries,
            files=files,
            file_counters=file_counters(files),
            events=events,
            event_counters=event_counters(events),
            tasks=tasks,
            task_counters=task_counters(tasks),
            comments=comments,
            log=log,
            survey=answers_of(uow, case.id),
            sla=state_of(case, sla_targets(uow), uow.now()),
            contract_balance=contract_balance,
            finish_preview=(
                sentences.finish_preview(found) if (found := preview_for(uow, case)) else None
            ),
            logins=logins,
            log_names=_log_names(uow, log),
        )


def _ids_in_log(log: list[LogEntry], fields: frozenset[str] | set[str]) -> set[int]:
    """Every id a log line of those fields holds, old or new."""
    return {
        int(value)
        for entry in log
        if entry.field in fields
        for value in (entry.old, entry.new)
        if value and value.isascii() and value.isdigit()
    }


def _log_names(uow: UnitOfWork, log: list[LogEntry]) -> dict[str, dict[int, str]]:
    """The names of the records the log names by id; one that is gone keeps its id."""
    lookups: dict[str, Callable[[int], str]] = {
        "client_id": lambda i: uow.clients.get(i).name,
        "contact_id": lambda i: uow.clients.contact(i).name,
        "area_id": lambda i: uow.areas.get(i).name,
        "category_id": lambda i: uow.areas.category(i).name,
        "contract_id": lambda i: uow.contracts.get(i).label,
        "project_id": lambda i: uow.records.get("project", i).name,
        "service_id": lambda i: uow.records.get("service", i).name,
    }
    names: dict[str, dict[int, str]] = {}
    for name, lookup in lookups.items():
        found = names.setdefault(name, {})
        for record_id in _ids_in_log(log, {name}):
            with contextlib.suppress(NotFound):
                found[record_id] = lookup(record_id)
    return names


@dataclass(frozen=True)
class ContractView:
    balance: Balance
    ledger: list[LedgerEntry]
    client: str


def contract_view(uow: UnitOfWork, actor: User, contract_id: int) -> ContractView:
    """A contract's units, used, remaining and ledger; staff only, or the contract's client."""
    with uow:
        actor = acting(uow, actor)
        contract = uow.contracts.get(contract_id)
        if not within_reach(actor, contract.client_id):
            raise no_such(N_("contract"), contract_id)  # another account's: none, for them
        ledger = uow.contracts.ledger(contract_id)
        return ContractView(
            balance(contract, ledger), ledger, uow.clients.get(contract.client_id).name
        )


@dataclass(frozen=True)
class CaseSummary:
    id: int
    number: str
    title: str
    status: Status
    priority: str
    assignee_id: int | None
    client_id: int
    updated_at: datetime
    cost_per_hour: Decimal
    sla: SlaState | None = None
    """Its SLA clocks, where the caller read them (the queue does)."""


def next_cases(uow: UnitOfWork, actor: User, *, limit: int = 50) -> list[CaseSummary]:
    """Próximos Casos a Ejecutar (seed 001): the actor's open cases in the order to work them."""
    with uow:
        actor = acting(uow, actor)
        targets = sla_targets(uow)
        now = uow.now()
        found = [
            uow.cases.get(i)
            for i in uow.cases.ids(statuses=OPEN, assignee_id=actor.id, limit=10_000)
        ]
        states = {c.id: state_of(c, targets, now) for c in found}
        items = [
            QueueItem(
                stored_id(c),
                states[c.id].breached,
                c.priority,
                c.level,
                c.planned_close,
                c.created_at,
            )
            for c in found
        ]
        by_id = {c.id: c for c in found}
        ordered = [by_id[item.case_id] for item in next_to_execute(items)][:limit]
        return [replace(_summary(c), sla=states[c.id]) for c in ordered]


def _summary(case: Case) -> CaseSummary:
    assert case.id is not None and case.updated_at is not None
    return CaseSummary(
        case.id,
        case.number,
        case.title,
        case.status,
        case.priority.value,
        case.assignee_id,
        case.client_id,
        case.updated_at,
        case.cost_per_hour,
    )


def contracts_overview(
    uow: UnitOfWork, actor: User, client: str | None = None
) -> list[ContractView]:
    """Every contract with its balance: staff see all, a client user their account's."""
    with uow:
        actor = acting(uow, actor)
        client_id = uow.clients.by_name(client).id if client else None
        if (own := account_reach(actor)) is not None:
            client_id = own
        names = {c.id: c.name for c in uow.clients.list()}
        out = []
        for contract in uow.contracts.list(client_id):
            assert contract.id is not None
            ledger = uow.contracts.ledger(contract.id)
            out.append(ContractView(balance(contract, ledger), ledger, names[contract.client_id]))
        return out


def names_for(uow: UnitOfWork, actor: User, cases: list[Case]) -> dict[str, dict[int, str]]:
    """Client names and logins for a page of cases: two queries, not two per case."""
    with uow:
        acting(uow, actor)
        clients = {c.id: c.name for c in uow.clients.list() if c.id in {x.client_id for x in cases}}
        logins = uow.users.logins({c.assignee_id for c in cases})
        return {"clients": clients, "logins": logins}


@dataclass(frozen=True)
class MoveOption:
    target: Status
    note_required: bool
    solution_required: bool


@dataclass(frozen=True)
class MoveOptions:
    number: str
    status: Status
    solution: str
    options: list[MoveOption]
    finish_preview: str | None
    """What finishing consumes of the contract ("3.25 h → 37.25 / 40 h, 93 %"), if anything."""


def move_options(uow: UnitOfWork, actor: User, ref: int | str) -> MoveOptions:
    """What the status dialog offers this operator for this case."""
    from ..domain.lifecycle import moves_for

    with uow:
        actor = acting(uow, actor)
        case = load_case(uow, actor, ref, Action.VIEW_CASE)
        options = [
            MoveOption(to, rule.note_required, rule.solution_required)
            for to, rule in moves_for(actor, case)
        ]
        preview = None
        if any(o.target is Status.FINISHED for o in options):
            found = preview_for(uow, case)
            preview = sentences.finish_preview(found) if found else None
    return MoveOptions(case.number, case.status, case.solution, options, preview)


def assignees_for(uow: UnitOfWork, actor: User, ref: int | str) -> list[tuple[str, str]]:
    """(login, name) of the active staff who may be assigned the case: its area's, and admins."""
    from ..domain.case import check_works_in_area
    from ..domain.errors import ValidationError

    with uow:
        actor = acting(uow, actor)
        case = load_case(uow, actor, ref, Action.ASSIGN_CASE)
        out = []
        for user in uow.users.list():
            try:
                check_works_in_area(case, user, N_("be assigned"))
            except ValidationError:
                continue
            out.append((user.login, user.name))
        return out


@dataclass(frozen=True)
class FormChoices:
    """What a case form offers in its look-ups, limited to what the operator may see."""

    clients: list[Client]
    contacts: list[Contact]
    areas: list[Area]
    categories: list[Category]
    staff: list[User]
    """Active staff: coordinators, owners and reviewers are chosen among them."""
    contracts: list[Contract]
    projects: list[Project | Service]
    """The active projects (issue 21); a case's own inactive one the form keeps."""
    services: list[Project | Service]


def form_choices(uow: UnitOfWork, actor: User) -> FormChoices:
    """Staff choose among everything; a client user among their own account's records."""
    with uow:
        actor = acting(uow, actor)
        clients, contacts = visible_clients(uow, actor)
        staff = [u for u in uow.users.list() if u.is_staff and u.active] if actor.is_staff else []
        contracts = uow.contracts.list(account_reach(actor))
        # Deactivated records are offered to no case (issue 21); the form keeps a case's
        # own, "no longer offered", while it is unchanged.
        return FormChoices(
            clients=[c for c in clients if c.active],
            contacts=contacts,
            areas=[a for a in uow.areas.list() if a.active],
            categories=[c for c in uow.areas.categories() if c.active],
            staff=staff,
            contracts=contracts,
            # The desk's staff link them (a client user sets neither field).
            projects=[
                p
                for p in uow.records.list("project")
                if p.active and may_set_when_opening(actor, "project_id")
            ],
            services=[
                s
                for s in uow.records.list("service")
                if s.active and may_set_when_opening(actor, "service_id")
            ],
        )
