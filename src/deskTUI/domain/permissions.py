"""Who may do what (DOMAIN.md "People and places"): one table, checked by the services.

A permission is granted by a *relation* between the acting user and the case:
being an admin, a supervisor of the case's area, its assignee, its reporter,
a user of its client account, an agent of its area while it is unassigned.
Each action lists the relations that allow it. Hiding a button is never the
check: every service calls :func:`require` first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from .enums import Role
from .errors import PermissionDenied, ValidationError
from .marks import N_, Either, Word, code, pgettext
from .values import case_number

if TYPE_CHECKING:
    from .people import User


class CaseRef(Protocol):
    """What the permission rules need to know about a case.

    Read-only properties, not plain attributes: the rules only read them, and a
    settable ``area_id: int | None`` would reject a ``Case`` (whose ``area_id`` is
    an ``int``), since a writable member must match its type exactly."""

    @property
    def id(self) -> int | None: ...
    @property
    def area_id(self) -> int | None: ...
    @property
    def client_id(self) -> int: ...
    @property
    def assignee_id(self) -> int | None: ...
    @property
    def reporter_id(self) -> int | None: ...


class Relation(StrEnum):
    ADMIN = N_("an admin")
    AREA_SUPERVISOR = N_("a supervisor of its area")
    ASSIGNEE = N_("its assignee")
    REPORTER = N_("the user who opened it")
    REPORTER_CLIENT = N_("the client who opened it or is its contact")
    ACCOUNT_CLIENT = N_("a user of its client account")
    AREA_AGENT = N_("an agent of its area")
    POOL_AGENT = N_("an agent of its area while it is unassigned")


class Action(StrEnum):
    """Every user action the services offer. The value is the verb of the refusal, marked
    with its own context: "quote" here is a verb, elsewhere a noun."""

    VIEW_CASE = pgettext("refusal verb", "see")
    OPEN_CASE = pgettext("refusal verb", "open")
    EDIT_CASE = pgettext("refusal verb", "edit")
    UPDATE_PROGRESS = pgettext("refusal verb", "update the progress of")
    ASSIGN_CASE = pgettext("refusal verb", "assign")
    START_WORK = pgettext("refusal verb", "start work on")
    HOLD_CASE = pgettext("refusal verb", "put on hold")
    FINISH_CASE = pgettext("refusal verb", "finish")
    FINISH_ASSIGNED = pgettext("refusal verb", "finish before work starts on")
    REOPEN_CASE = pgettext("refusal verb", "reopen")
    CANCEL_CASE = pgettext("refusal verb", "cancel")
    COMMENT_PUBLIC = pgettext("refusal verb", "comment publicly on")
    EMAIL_COMMENT = pgettext("refusal verb", "e-mail a comment to the contact of")
    COMMENT_INTERNAL = pgettext("refusal verb", "comment internally on")
    VIEW_INTERNAL = pgettext("refusal verb", "see the internal notes of")
    ISSUE_QUOTE = pgettext("refusal verb", "quote")
    DECIDE_QUOTE = pgettext("refusal verb", "approve or reject the quote of")
    SET_PAYMENT = pgettext("refusal verb", "set the payment status of")
    LOG_TIME = pgettext("refusal verb", "log time on")
    EDIT_TIME = pgettext("refusal verb", "edit time entries of")
    SCHEDULE = pgettext("refusal verb", "schedule events and tasks for")
    UPDATE_SCHEDULE = pgettext("refusal verb", "update events and tasks of")
    ATTACH_FILE = pgettext("refusal verb", "attach files to")
    REVIEW_FILE = pgettext("refusal verb", "review files of")
    ANSWER_SURVEY = pgettext("refusal verb", "answer the survey of")
    MANAGE_USERS = pgettext("refusal verb", "manage users")
    MANAGE_AREAS = pgettext("refusal verb", "manage areas and categories")
    MANAGE_CLIENTS = pgettext("refusal verb", "manage clients and contacts")
    MANAGE_CONTRACTS = pgettext("refusal verb", "manage contracts")
    MANAGE_SETTINGS = pgettext("refusal verb", "change settings")
    MANAGE_RECORDS = pgettext("refusal verb", "manage projects and services")
    MANAGE_MAIL = pgettext("refusal verb", "set up the desk's e-mail")
    VIEW_MAIL = pgettext("refusal verb", "see the desk's e-mail")
    VIEW_REPORTS = pgettext("refusal verb", "see reports and survey averages")
    VIEW_SLA_TARGETS = pgettext("refusal verb", "see the SLA targets")
    ESCALATE_BREACHES = pgettext("refusal verb", "run the SLA escalation sweep")
    KEEP_AGENDA = pgettext("refusal verb", "keep an agenda")
    READ_DIRECTORY = pgettext("refusal verb", "read the desk's directory")
    ACT_AS_ANOTHER = pgettext("refusal verb", "act as another user")


ADMIN_ACTIONS = frozenset(
    {
        Action.MANAGE_USERS,
        Action.MANAGE_AREAS,
        Action.MANAGE_CLIENTS,
        Action.MANAGE_CONTRACTS,
        Action.MANAGE_SETTINGS,
        Action.MANAGE_RECORDS,  # projects and services (issue 21)
        Action.MANAGE_MAIL,  # the e-mail channel's settings and routes (issue 22)
    }
)

CASELESS_ROLES: dict[Action, frozenset[Role]] = {
    **{action: frozenset({Role.ADMIN}) for action in ADMIN_ACTIONS},
    Action.VIEW_REPORTS: frozenset({Role.ADMIN, Role.SUPERVISOR}),
    # What became of each message in and out (issue 22): a supervisor reads those of the
    # cases they see and those routed to their areas (MailRepository.messages).
    Action.VIEW_MAIL: frozenset({Role.ADMIN, Role.SUPERVISOR}),
    # The desk's staff: the targets are the staff's to work by (admins change them:
    # MANAGE_SETTINGS), and any staff member's open app sweeps for the whole desk.
    Action.VIEW_SLA_TARGETS: frozenset(role for role in Role if role.is_staff),
    Action.ESCALATE_BREACHES: frozenset(role for role in Role if role.is_staff),
    # Events and tasks belong to staff (DOMAIN.md): a client has no agenda to read or fill.
    Action.KEEP_AGENDA: frozenset(role for role in Role if role.is_staff),
    # Users, areas and clients are the staff's to look up; a client sees their account only.
    Action.READ_DIRECTORY: frozenset(role for role in Role if role.is_staff),
    # ``--as``: an admin may act as anyone, as they may manage anyone.
    Action.ACT_AS_ANOTHER: frozenset({Role.ADMIN}),
}
"""Actions that concern no single case: allowed by role alone."""

R = Relation
_STAFF_ON_CASE = frozenset({R.ADMIN, R.AREA_SUPERVISOR, R.ASSIGNEE})
_MANAGERS = frozenset({R.ADMIN, R.AREA_SUPERVISOR})

POLICY: dict[Action, frozenset[Relation]] = {
    Action.VIEW_CASE: _STAFF_ON_CASE | {R.REPORTER, R.ACCOUNT_CLIENT, R.POOL_AGENT},
    Action.OPEN_CASE: _MANAGERS | {R.AREA_AGENT, R.ACCOUNT_CLIENT},
    Action.EDIT_CASE: _MANAGERS,
    Action.UPDATE_PROGRESS: _STAFF_ON_CASE,
    Action.ASSIGN_CASE: _MANAGERS,
    Action.START_WORK: _STAFF_ON_CASE,
    Action.HOLD_CASE: _STAFF_ON_CASE,
    Action.FINISH_CASE: _STAFF_ON_CASE,
    # Seed 004: on an assigned case the supervisor may "cancelarlo o finalizarlo"; an
    # agent starts work first, so the log shows the work was taken up.
    Action.FINISH_ASSIGNED: _MANAGERS,
    Action.REOPEN_CASE: _MANAGERS | {R.REPORTER_CLIENT},
    Action.CANCEL_CASE: _MANAGERS,
    Action.COMMENT_PUBLIC: _STAFF_ON_CASE | {R.ACCOUNT_CLIENT},
    Action.EMAIL_COMMENT: _STAFF_ON_CASE,  # issue 22: the desk writes to its clients
    Action.COMMENT_INTERNAL: _STAFF_ON_CASE | {R.POOL_AGENT},
    Action.VIEW_INTERNAL: _STAFF_ON_CASE | {R.POOL_AGENT},
    Action.ISSUE_QUOTE: _MANAGERS,
    Action.DECIDE_QUOTE: frozenset({R.ADMIN, R.ACCOUNT_CLIENT}),
    Action.SET_PAYMENT: _MANAGERS,
    Action.LOG_TIME: _STAFF_ON_CASE,
    Action.EDIT_TIME: _STAFF_ON_CASE,
    Action.SCHEDULE: _STAFF_ON_CASE,
    Action.UPDATE_SCHEDULE: _STAFF_ON_CASE,
    Action.ATTACH_FILE: _STAFF_ON_CASE | {R.ACCOUNT_CLIENT},
    Action.REVIEW_FILE: _STAFF_ON_CASE,
    Action.ANSWER_SURVEY: frozenset({R.REPORTER_CLIENT}),
}


def relations(actor: User, case: CaseRef) -> frozenset[Relation]:
    """Every relation ``actor`` has to ``case``."""
    if not actor.active:
        return frozenset()
    found: set[Relation] = set()
    role = actor.role
    in_area = case.area_id is not None and case.area_id in actor.area_ids
    if role is Role.ADMIN:
        found.add(R.ADMIN)
    if role is Role.SUPERVISOR and in_area:
        found.add(R.AREA_SUPERVISOR)
    if role.is_staff and actor.id is not None and case.assignee_id == actor.id:
        found.add(R.ASSIGNEE)
    opened_it = actor.id is not None and case.reporter_id == actor.id
    if role is Role.CLIENT and actor.contact_id is not None:
        # The case's contact writing by e-mail (issue 22) is its reporter as a client: the
        # survey and the reopening go to the contact, who must be able to answer them.
        opened_it = opened_it or getattr(case, "contact_id", None) == actor.contact_id
    if role is Role.CLIENT:
        # A client's sight follows the account (DOMAIN.md): having opened a case that
        # moved to another client account grants nothing, as the list's Scope says.
        if of_the_account(actor, case):
            found.add(R.ACCOUNT_CLIENT)
            if opened_it:
                found |= {R.REPORTER, R.REPORTER_CLIENT}
    elif opened_it:
        found.add(R.REPORTER)  # staff who opened a case see it wherever it goes
    if role is Role.AGENT and in_area:
        found.add(R.AREA_AGENT)
        if case.assignee_id is None:
            found.add(R.POOL_AGENT)
    return frozenset(found)


def of_the_account(user: User, case: CaseRef) -> bool:
    """Whether ``user`` is a user of the case's client account (staff belong to none)."""
    return user.role is Role.CLIENT and user.client_id == case.client_id


def check_reporter(user: User, case: CaseRef) -> None:
    """Who may stand as the user who opened ``case`` (an import names them): staff, or a
    user of its client account, as ``open_case`` lets a client open only their account's."""
    if user.role is Role.CLIENT and not of_the_account(user, case):
        raise ValidationError(
            "reporter.other_account",
            "{login} is not a user of the case's client account: "
            "a client opens cases only for their own account",
            login=user.login,
        )


def can(actor: User, action: Action, case: CaseRef | None = None) -> bool:
    """Whether ``actor`` may perform ``action`` (on ``case``, for case actions): what
    their role says, unless an admin granted or revoked it to them (domain/grants.py)."""
    if action not in CASELESS_ROLES and case is None:
        raise ValueError(f"{action.name} needs a case")
    decided = decided_for(actor, action, case)
    if decided is not None:
        return actor.active and decided
    if action in CASELESS_ROLES:
        return actor.active and actor.role in CASELESS_ROLES[action]
    assert case is not None
    return bool(relations(actor, case) & POLICY[action])


def decided_for(actor: User, action: Action, case: CaseRef | None = None) -> bool | None:
    """An admin's decision for ``actor`` and ``action`` (on ``case``'s area before a
    desk-wide one): True granted, False revoked, None none (the role decides). Only an
    employee's count: a person who became a client user keeps none of them."""
    if not actor.role.is_staff:
        return None
    code = action.name.lower()
    area_id = case.area_id if case is not None else None
    everywhere = None
    for grant in actor.grants:
        if grant.action != code:
            continue
        if grant.area_id is None:
            everywhere = grant.effect == "grant"
        elif grant.area_id == area_id:
            return grant.effect == "grant"
    return everywhere


def possible_relations(actor: User) -> frozenset[Relation]:
    """Every relation ``actor`` could have to some case (what :func:`relations` can grant
    them): a client is never an assignee, an agent without areas never of an area's pool."""
    if not actor.active:
        return frozenset()
    role = actor.role
    found: set[Relation] = {R.REPORTER}
    if role is Role.CLIENT:
        return frozenset({R.ACCOUNT_CLIENT, R.REPORTER, R.REPORTER_CLIENT})
    found.add(R.ASSIGNEE)
    if role is Role.ADMIN:
        found.add(R.ADMIN)
    if role is Role.SUPERVISOR and actor.area_ids:
        found.add(R.AREA_SUPERVISOR)
    if role is Role.AGENT and actor.area_ids:
        found |= {R.AREA_AGENT, R.POOL_AGENT}
    return frozenset(found)


def may_ever(actor: User, action: Action) -> bool:
    """Whether ``actor`` may do ``action`` on some case (or at all, for caseless actions):
    what a screen offers before it knows the case (a client is offered no time logging)."""
    if action in CASELESS_ROLES:
        return can(actor, action)
    code = action.name.lower()
    decisions = [g for g in actor.grants if g.action == code]
    if actor.active and any(g.effect == "grant" for g in decisions):
        return True  # granted somewhere: offered, and refused with a reason elsewhere
    if any(g.effect == "revoke" and g.area_id is None for g in decisions):
        return False
    return bool(possible_relations(actor) & POLICY[action])


def _who(allowed: Iterable[Relation]) -> Either:
    return Either(Word(r.value) for r in Relation if r in set(allowed))


def _verb(action: Action) -> Word:
    return pgettext("refusal verb", action.value)  # a member's value is a plain str


_ROLE_PHRASES = {
    Role.ADMIN: N_("an admin"),
    Role.SUPERVISOR: N_("a supervisor"),
    Role.AGENT: N_("an agent"),
    Role.CLIENT: N_("a client"),
}
"""Who holds a role, as the sentence "only an admin or a supervisor may" names them."""


def require_active(actor: User) -> User:
    """``actor``, unless deactivated: a deactivated user may not act on the desk at all."""
    if not actor.active:
        raise PermissionDenied(
            "permission.inactive",
            "User {login} is deactivated and may not act on the desk",
            login=actor.login,
        )
    return actor


def require(actor: User, action: Action, case: CaseRef | None = None) -> None:
    """Raise PermissionDenied, naming the rule, unless ``actor`` may do ``action``."""
    if can(actor, action, case):
        return
    require_active(actor)
    if decided_for(actor, action, case) is False:
        who = {"login": actor.login, "role": code(actor.role), "verb": _verb(action)}
        if case is None:
            raise PermissionDenied(
                "permission.revoked",
                "{login} ({role}) may not {verb}: an admin withdrew this right from them",
                **who,
            )
        raise PermissionDenied(
            "permission.revoked",
            "{login} ({role}) may not {verb} {case}: an admin withdrew this right from them",
            case=case_number(case.id) if case.id is not None else N_("this case"),
            **who,
        )
    if action in CASELESS_ROLES:
        roles = sorted(CASELESS_ROLES[action], key=lambda r: r.value)
        raise PermissionDenied(
            "permission.role",
            "{login} ({role}) may not {verb}: only {roles} may",
            login=actor.login,
            role=code(actor.role),
            verb=_verb(action),
            roles=Either(_ROLE_PHRASES[r] for r in roles),
        )
    assert case is not None
    target = case_number(case.id) if case.id is not None else N_("this case")
    raise PermissionDenied(
        "permission.denied",
        "{login} ({role}) may not {verb} {case}: only {who} may",
        login=actor.login,
        role=code(actor.role),
        verb=_verb(action),
        case=target,
        who=_who(POLICY[action]),
    )


def require_entry_owner(actor: User, case: CaseRef, executor_id: int) -> None:
    """An agent changes only their own time entries; managers of the case change any."""
    if relations(actor, case) & _MANAGERS or executor_id == actor.id:
        return
    raise PermissionDenied(
        "permission.entry_owner",
        "{login} may only change their own time entries on {case}",
        login=actor.login,
        case=case_number(case.id) if case.id is not None else "this case",
    )


def require_visible(actor: User, case: CaseRef) -> None:
    """Cases a user may not see are answered as if they did not exist for them."""
    if not can(actor, Action.VIEW_CASE, case):
        raise PermissionDenied(
            "permission.not_visible",
            "There is no case {case} that {login} can see",
            case=case_number(case.id) if case.id is not None else "?",
            login=actor.login,
        )


def reads_case_mail(actor: User) -> bool:
    """Whether ``actor`` reads the e-mail records of the cases they see (issue 22): the
    desk's staff. The records name the desk's addresses, its staff's and a refusal's
    reason; a client reads the comments the messages became, never the records."""
    return actor.active and actor.role.is_staff


def require_case_mail(actor: User, case: CaseRef) -> None:
    """Refuse, in a sentence, unless ``actor`` may read ``case``'s e-mail records."""
    require_visible(actor, case)
    if not reads_case_mail(actor):
        raise PermissionDenied(
            "permission.case_mail",
            "{login} ({role}) may not see the e-mail record of {case}: only the desk's staff may",
            login=actor.login,
            role=code(actor.role),
            case=case_number(case.id) if case.id is not None else N_("this case"),
        )


@dataclass(frozen=True)
class Scope:
    """Which cases a user sees, as data a query can use (the VIEW_CASE relations, set-wise).

    A case is visible when any part matches: ``everything``; its area in
    ``area_ids``; unassigned and its area in ``pool_area_ids``; assigned to or
    opened by ``user_id`` (staff only: a client's sight follows the account); of
    the account ``client_id``. It must say what :func:`can` says for VIEW_CASE.
    """

    everything: bool = False
    area_ids: frozenset[int] = frozenset()
    pool_area_ids: frozenset[int] = frozenset()
    user_id: int | None = None
    client_id: int | None = None
    assignee_id: int | None = None
    """Assigned to this user (``user_id`` also admits the cases they opened)."""
    notes: Scope | None = None
    """The visible cases whose internal notes this user may read (VIEW_INTERNAL): a
    free-text search matches internal notes on those cases only; None, on no case."""


def visibility_scope(actor: User) -> Scope:
    if not actor.active:
        return Scope()
    notes = internal_notes_scope(actor)
    if actor.role is Role.ADMIN:
        return Scope(everything=True, notes=notes)
    if actor.role is Role.SUPERVISOR:
        return Scope(area_ids=actor.area_ids, user_id=actor.id, notes=notes)
    if actor.role is Role.AGENT:
        return Scope(pool_area_ids=actor.area_ids, user_id=actor.id, notes=notes)
    return Scope(client_id=actor.client_id)


def report_areas(actor: User) -> frozenset[int] | None:
    """The areas whose cases the reports and the board count for ``actor`` (who may
    VIEW_REPORTS): None, every area, for an admin; a supervisor's own areas. Their sight
    of cases (:func:`visibility_scope`), area-wise."""
    scope = visibility_scope(actor)
    return None if scope.everything else scope.area_ids


def internal_notes_scope(actor: User) -> Scope | None:
    """The cases whose internal notes ``actor`` reads, set-wise: what :func:`can` says for
    VIEW_INTERNAL (an admin; a supervisor of the area; the assignee; an agent of the area
    while unassigned). Opening a case is not among them, and a client has none."""
    if not actor.active or not actor.role.is_staff:
        return None
    if actor.role is Role.ADMIN:
        return Scope(everything=True)
    if actor.role is Role.SUPERVISOR:
        return Scope(area_ids=actor.area_ids, assignee_id=actor.id)
    return Scope(pool_area_ids=actor.area_ids, assignee_id=actor.id)


def can_read_calendar(actor: User, owner: User) -> bool:
    """Your own agenda; a supervisor also those of their areas' staff; an admin everyone's."""
    if actor.id == owner.id or (actor.active and actor.role is Role.ADMIN):
        return True
    return actor.active and actor.role is Role.SUPERVISOR and bool(actor.area_ids & owner.area_ids)


def account_reach(actor: User) -> int | None:
    """Whose records of an account (its contacts, its contracts) ``actor`` reads, names
    and is offered: None for every account's (staff); a client user's own
    account's only (``people.User`` refuses a client user without one). Another account's
    record is, for them, one that does not exist: named by id or by name, the same
    sentence as one nobody has."""
    return None if actor.role.is_staff else actor.client_id


def within_reach(actor: User, client_id: int) -> bool:
    """Whether a record of the account ``client_id`` is within ``actor``'s reach
    (:func:`account_reach`)."""
    reach = account_reach(actor)
    return reach is None or reach == client_id


def can_read_area_agenda(actor: User, area_id: int | None) -> bool:
    """A whole area's agenda: an admin's to read, and its supervisors' (as each of its
    staff's own agenda is, :func:`can_read_calendar`)."""
    if not actor.active:
        return False
    in_area = area_id is not None and area_id in actor.area_ids
    return actor.role is Role.ADMIN or (actor.role is Role.SUPERVISOR and in_area)
