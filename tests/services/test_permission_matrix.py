"""Every role × every service action × own/other case, against one explicit table.

The table below is written by hand from DOMAIN.md ("People and places", the
lifecycle table, quotes, surveys) and the README's decisions; it does not read
the code's own policy, so a change to who may do what fails here until the
table is changed too. A cell missing from the table fails the test.

"Own" is the case that belongs to the actor: for a supervisor a case of their
area, for an agent a case assigned to them, for a client a case their account
opened. "Other" is a case of another area (supervisor), assigned to another
agent of the same area (agent), or of another client (client). For an admin,
own and other are a case of each area.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, timedelta

import pytest
from sqlalchemy import inspect

from deskTUI.domain.enums import Role
from deskTUI.domain.errors import NotFound, PermissionDenied
from deskTUI.domain.permissions import Action
from deskTUI.domain.sla import Targets
from deskTUI.services import (
    admin,
    agenda,
    calendar,
    cases,
    files,
    identity,
    mail_settings,
    mail_status,
    records,
    sla,
    surveys,
    views,
    worklog,
)

ROLES = ("admin", "supervisor", "agent", "client")
RELATIONS = ("own", "other")

# action: {role: "own other"} with Y = allowed, N = refused.
EXPECTED: dict[str, dict[str, str]] = {
    "view case": {"admin": "YY", "supervisor": "YN", "agent": "YN", "client": "YN"},
    "open case": {"admin": "YY", "supervisor": "YN", "agent": "YN", "client": "YN"},
    "edit fields": {"admin": "YY", "supervisor": "YN", "agent": "NN", "client": "NN"},
    "update progress": {"admin": "YY", "supervisor": "YN", "agent": "YN", "client": "NN"},
    "assign": {"admin": "YY", "supervisor": "YN", "agent": "NN", "client": "NN"},
    "start work": {"admin": "YY", "supervisor": "YN", "agent": "YN", "client": "NN"},
    "put on hold": {"admin": "YY", "supervisor": "YN", "agent": "YN", "client": "NN"},
    "finish": {"admin": "YY", "supervisor": "YN", "agent": "YN", "client": "NN"},
    "finish assigned": {"admin": "YY", "supervisor": "YN", "agent": "NN", "client": "NN"},
    "reopen": {"admin": "YY", "supervisor": "YN", "agent": "NN", "client": "YN"},
    "cancel": {"admin": "YY", "supervisor": "YN", "agent": "NN", "client": "NN"},
    "comment publicly": {"admin": "YY", "supervisor": "YN", "agent": "YN", "client": "YN"},
    "comment internally": {"admin": "YY", "supervisor": "YN", "agent": "YN", "client": "NN"},
    "e-mail a comment": {"admin": "YY", "supervisor": "YN", "agent": "YN", "client": "NN"},
    "issue quote": {"admin": "YY", "supervisor": "YN", "agent": "NN", "client": "NN"},
    "decide quote": {"admin": "YY", "supervisor": "NN", "agent": "NN", "client": "YN"},
    "set payment": {"admin": "YY", "supervisor": "YN", "agent": "NN", "client": "NN"},
    "log time": {"admin": "YY", "supervisor": "YN", "agent": "YN", "client": "NN"},
    "edit time": {"admin": "YY", "supervisor": "YN", "agent": "YN", "client": "NN"},
    "delete time": {"admin": "YY", "supervisor": "YN", "agent": "YN", "client": "NN"},
    "schedule event": {"admin": "YY", "supervisor": "YN", "agent": "YN", "client": "NN"},
    "update event": {"admin": "YY", "supervisor": "YN", "agent": "YN", "client": "NN"},
    "attach file": {"admin": "YY", "supervisor": "YN", "agent": "YN", "client": "YN"},
    "review file": {"admin": "YY", "supervisor": "YN", "agent": "YN", "client": "NN"},
    "answer survey": {"admin": "NN", "supervisor": "NN", "agent": "NN", "client": "YN"},
    "manage users": {"admin": "YY", "supervisor": "NN", "agent": "NN", "client": "NN"},
    "manage areas": {"admin": "YY", "supervisor": "NN", "agent": "NN", "client": "NN"},
    "manage clients": {"admin": "YY", "supervisor": "NN", "agent": "NN", "client": "NN"},
    "manage contracts": {"admin": "YY", "supervisor": "NN", "agent": "NN", "client": "NN"},
    "change settings": {"admin": "YY", "supervisor": "NN", "agent": "NN", "client": "NN"},
    "manage projects": {"admin": "YY", "supervisor": "NN", "agent": "NN", "client": "NN"},
    "manage mail": {"admin": "YY", "supervisor": "NN", "agent": "NN", "client": "NN"},
    "see mail": {"admin": "YY", "supervisor": "YY", "agent": "NN", "client": "NN"},
    "see reports": {"admin": "YY", "supervisor": "YY", "agent": "NN", "client": "NN"},
    "escalate breaches": {"admin": "YY", "supervisor": "YY", "agent": "YY", "client": "NN"},
    "keep agenda": {"admin": "YY", "supervisor": "YY", "agent": "YY", "client": "NN"},
    "read directory": {"admin": "YY", "supervisor": "YY", "agent": "YY", "client": "NN"},
    "act as another": {"admin": "YY", "supervisor": "NN", "agent": "NN", "client": "NN"},
}


@dataclass
class Target:
    """The case an action is tried on, prepared in the state the action needs."""

    number: str
    entry_id: int | None = None
    event_id: int | None = None
    file_id: int | None = None


Shape = tuple[str, str, str, str]
"""(category, reporter, assignee, manager) of a case."""

SOPORTE_ANA: Shape = ("Impresoras", "maria", "ana", "sofia")
DESARROLLO_PEDRO: Shape = ("Errores", "gloria", "pedro", "diego")
SOPORTE_LUIS: Shape = ("Impresoras", "maria", "luis", "sofia")


def shape_for(role: str, relation: str, action: str) -> Shape:
    if relation == "own":
        return SOPORTE_ANA
    # An agent's "other" case is a colleague's; for opening a case, it is another area's.
    return SOPORTE_LUIS if role == "agent" and action != "open case" else DESARROLLO_PEDRO


def prepare(desk, shape: Shape, state: str) -> Target:
    """Open a case as its client and drive it, as its supervisor, to ``state``."""
    category, reporter, assignee, manager = shape
    people = {
        u.login: u
        for u in (desk.sofia, desk.diego, desk.ana, desk.luis, desk.pedro, desk.maria, desk.gloria)
    }
    boss = people[manager]
    client = "Acme SA" if reporter == "maria" else "Globex Ltda"
    case = desk.open(by=people[reporter], client=client, category=category)
    number = case.number
    if state in ("billable", "quoted", "approved"):
        cases.edit_case(desk.uow(), boss, number, {"billable": True})
    cases.assign_case(desk.uow(), boss, number, assignee)
    if state in ("quoted", "approved"):
        cases.issue_quote(desk.uow(), boss, number, price="100", currency="USD", minutes=120)
    if state == "approved":
        cases.decide_quote(desk.uow(), people[reporter], number, approve=True)
    target = Target(number)
    if state in ("in_progress", "finished", "with entry"):
        cases.move_case(desk.uow(), boss, number, "in_progress")
    if state == "finished":
        cases.move_case(desk.uow(), boss, number, "finished", solution="Resuelto")
    if state == "with entry":
        start = desk.clock.now - timedelta(hours=3)
        entry = worklog.log_time(
            desk.uow(),
            boss,
            number,
            work_date=start.date(),
            start=start,
            end=start + timedelta(hours=1),
            executor=assignee,
        )
        target.entry_id = entry.id
    if state == "with event":
        event = calendar.schedule_event(
            desk.uow(),
            boss,
            number,
            kind="call",
            title="Llamar",
            start=desk.clock.now,
            end=desk.clock.now + timedelta(minutes=30),
            owner=assignee,
        )
        target.event_id = event.id
    if state == "with file":
        item = files.attach_file(
            desk.uow(), people[assignee], number, io.BytesIO(b"log"), name="log.txt"
        )
        target.file_id = item.id
    return target


Run = Callable[..., object]


def _open(desk, actor, shape: Shape, _target: Target | None) -> object:
    category, reporter, _, _ = shape
    client = "Acme SA" if reporter == "maria" else "Globex Ltda"
    return cases.open_case(
        desk.uow(), actor, title="Nuevo", client=client, category=category, description="Algo pasa"
    )


def _assign(desk, actor, shape: Shape, target: Target) -> object:
    other = {"ana": "luis", "luis": "ana", "pedro": "diego"}[shape[2]]
    return cases.assign_case(desk.uow(), actor, target.number, other)


# action: (state to prepare, call). A state of None means the action takes no case.
ACTIONS: dict[str, tuple[str | None, Run]] = {
    "view case": ("assigned", lambda d, a, s, t: views.case_detail(d.uow(), a, t.number)),
    "open case": ("none", _open),
    "edit fields": (
        "assigned",
        lambda d, a, s, t: cases.edit_case(d.uow(), a, t.number, {"title": "Otro título"}),
    ),
    "update progress": (
        "assigned",
        lambda d, a, s, t: cases.edit_case(d.uow(), a, t.number, {"progress": 50}),
    ),
    "assign": ("assigned", _assign),
    "start work": (
        "assigned",
        lambda d, a, s, t: cases.move_case(d.uow(), a, t.number, "in_progress"),
    ),
    "put on hold": (
        "in_progress",
        lambda d, a, s, t: cases.move_case(d.uow(), a, t.number, "on_hold", note="Esperando datos"),
    ),
    "finish": (
        "in_progress",
        lambda d, a, s, t: cases.move_case(d.uow(), a, t.number, "finished", solution="Listo"),
    ),
    "finish assigned": (
        "assigned",
        lambda d, a, s, t: cases.move_case(d.uow(), a, t.number, "finished", solution="Listo"),
    ),
    "reopen": (
        "finished",
        lambda d, a, s, t: cases.move_case(
            d.uow(), a, t.number, "in_progress", note="Volvió a fallar"
        ),
    ),
    "cancel": (
        "assigned",
        lambda d, a, s, t: cases.move_case(d.uow(), a, t.number, "cancelled", note="Duplicado"),
    ),
    "comment publicly": (
        "assigned",
        lambda d, a, s, t: cases.comment_case(d.uow(), a, t.number, "Hola", public=True),
    ),
    "comment internally": (
        "assigned",
        lambda d, a, s, t: cases.comment_case(d.uow(), a, t.number, "Nota"),
    ),
    "e-mail a comment": (
        "assigned",
        lambda d, a, s, t: cases.comment_case(
            d.uow(), a, t.number, "Hola", public=True, email=True
        ),
    ),
    "issue quote": (
        "billable",
        lambda d, a, s, t: cases.issue_quote(
            d.uow(), a, t.number, price="80", currency="USD", minutes=60
        ),
    ),
    "decide quote": (
        "quoted",
        lambda d, a, s, t: cases.decide_quote(d.uow(), a, t.number, approve=True),
    ),
    "set payment": ("approved", lambda d, a, s, t: cases.set_payment(d.uow(), a, t.number, "paid")),
    "log time": (
        "assigned",
        lambda d, a, s, t: worklog.log_time(
            d.uow(), a, t.number, work_date=date(2026, 3, 2), minutes=30
        ),
    ),
    "edit time": (
        "with entry",
        lambda d, a, s, t: worklog.edit_time(d.uow(), a, t.entry_id, {"description": "x"}),
    ),
    "delete time": ("with entry", lambda d, a, s, t: worklog.delete_time(d.uow(), a, t.entry_id)),
    "schedule event": (
        "assigned",
        lambda d, a, s, t: calendar.schedule_event(
            d.uow(),
            a,
            t.number,
            kind="visit",
            title="Visita",
            start=d.clock.now,
            end=d.clock.now + timedelta(hours=1),
            owner=s[2],
        ),
    ),
    "update event": (
        "with event",
        lambda d, a, s, t: calendar.update_event(d.uow(), a, t.event_id, {"status": "held"}),
    ),
    "attach file": (
        "assigned",
        lambda d, a, s, t: files.attach_file(
            d.uow(), a, t.number, io.BytesIO(b"png"), name="captura.png"
        ),
    ),
    "review file": (
        "with file",
        lambda d, a, s, t: files.review_file(d.uow(), a, t.file_id, "valid"),
    ),
    "answer survey": (
        "finished",
        lambda d, a, s, t: surveys.answer_survey(d.uow(), a, t.number, score=5),
    ),
    "manage users": (None, lambda d, a, s, t: admin.add_user(d.uow(), a, "nuevo", role="agent")),
    "manage areas": (None, lambda d, a, s, t: admin.add_area(d.uow(), a, "Redes")),
    "manage clients": (None, lambda d, a, s, t: admin.add_client(d.uow(), a, "Initech")),
    "manage projects": (None, lambda d, a, s, t: records.add(d.uow(), a, "project", "ERP")),
    "manage contracts": (
        None,
        lambda d, a, s, t: admin.add_contract(
            d.uow(),
            a,
            client="Acme SA",
            unit="hours",
            total=10,
            start=date(2026, 1, 1),
            end=date(2026, 6, 30),
        ),
    ),
    "change settings": (
        None,
        lambda d, a, s, t: sla.set_targets(d.uow(), a, "critical", Targets(30, 120)),
    ),
    "see reports": (None, lambda d, a, s, t: surveys.survey_averages(d.uow(), a, "area")),
    "manage mail": (
        None,
        lambda d, a, s, t: mail_settings.set_settings(
            d.uow(), a, mail_settings.MailChanges(rate_per_minute=7)
        ),
    ),
    "see mail": (None, lambda d, a, s, t: mail_status.status(d.uow(), a)),
    "escalate breaches": (None, lambda d, a, s, t: sla.escalate_breaches(d.uow(), a)),
    "keep agenda": (
        None,
        lambda d, a, s, t: agenda.agenda(d.uow(), a, day=date(2026, 3, 2), span="week", zone=UTC),
    ),
    "read directory": (None, lambda d, a, s, t: admin.directory(d.uow(), a)),
    "act as another": (
        None,
        lambda d, a, s, t: identity.resolve_actor(
            d.uow(), a.login, as_user=(d.ana if a is not d.ana else d.sofia).login
        ),
    ),
}

# Which domain permission each service action exercises, so a new Action
# without a row in the matrix fails ``test_every_domain_action_is_in_the_matrix``.
COVERS: dict[str, Action] = {
    "view case": Action.VIEW_CASE,
    "open case": Action.OPEN_CASE,
    "edit fields": Action.EDIT_CASE,
    "update progress": Action.UPDATE_PROGRESS,
    "assign": Action.ASSIGN_CASE,
    "start work": Action.START_WORK,
    "put on hold": Action.HOLD_CASE,
    "finish": Action.FINISH_CASE,
    "finish assigned": Action.FINISH_ASSIGNED,
    "reopen": Action.REOPEN_CASE,
    "cancel": Action.CANCEL_CASE,
    "comment publicly": Action.COMMENT_PUBLIC,
    "comment internally": Action.COMMENT_INTERNAL,
    "e-mail a comment": Action.EMAIL_COMMENT,
    "issue quote": Action.ISSUE_QUOTE,
    "decide quote": Action.DECIDE_QUOTE,
    "set payment": Action.SET_PAYMENT,
    "log time": Action.LOG_TIME,
    "edit time": Action.EDIT_TIME,
    "delete time": Action.EDIT_TIME,
    "schedule event": Action.SCHEDULE,
    "update event": Action.UPDATE_SCHEDULE,
    "attach file": Action.ATTACH_FILE,
    "review file": Action.REVIEW_FILE,
    "answer survey": Action.ANSWER_SURVEY,
    "manage users": Action.MANAGE_USERS,
    "manage areas": Action.MANAGE_AREAS,
    "manage clients": Action.MANAGE_CLIENTS,
    "manage contracts": Action.MANAGE_CONTRACTS,
    "change settings": Action.MANAGE_SETTINGS,
    "manage projects": Action.MANAGE_RECORDS,
    "manage mail": Action.MANAGE_MAIL,
    "see mail": Action.VIEW_MAIL,
    "see reports": Action.VIEW_REPORTS,
    "escalate breaches": Action.ESCALATE_BREACHES,
    "keep agenda": Action.KEEP_AGENDA,
    "read directory": Action.READ_DIRECTORY,
    "act as another": Action.ACT_AS_ANOTHER,
}
READ_ONLY = {
    "view case",
    "see reports",
    "see mail",
    "escalate breaches",
    "keep agenda",
    "read directory",
    "act as another",
}
"""Actions that change nothing when allowed (a read, a sweep with nothing due)."""
INDIRECT = {Action.VIEW_INTERNAL, Action.VIEW_SLA_TARGETS}
"""Checked through what a viewer is shown (views.case_detail), not by a call of its own;
the SLA targets are offered by the app to whom the policy allows (tests/tui/
test_keys_by_role.py): every session reads them (the list's SLA column needs them)."""


def snapshot(db) -> dict[str, object]:
    """Everything a refused action must leave untouched: every table's rows, read through
    the desk's own engine (so on SQLite and PostgreSQL alike), in an order that does not
    depend on how the engine breaks ties."""
    with db.read_engine.connect() as connection:
        tables = inspect(connection).get_table_names()
        return {
            t: sorted(
                (tuple(row) for row in connection.exec_driver_sql(f'SELECT * FROM "{t}"')), key=repr
            )
            for t in tables
        }


def actor_for(desk, role: str):
    return {"admin": desk.admin, "supervisor": desk.sofia, "agent": desk.ana, "client": desk.maria}[
        role
    ]


CELLS = [(action, role, relation) for action in ACTIONS for role in ROLES for relation in RELATIONS]

BY_ID: dict[str, tuple[str, str]] = {
    "edit time": ("time entry", "entry_id"),
    "delete time": ("time entry", "entry_id"),
    "update event": ("event", "event_id"),
    "review file": ("file", "file_id"),
}
"""Actions that name a record of a case by its id: (what the record is, Target field)."""

NOWHERE = 999_999
"""An id no record of the test desk has."""


def refused(desk, actor, action: str, shape: Shape, target: Target | None, sees: bool) -> None:
    """The action is refused and changes nothing. A record named by id on a case the actor
    may not see does not exist for them: the very sentence of an id that names nothing,
    which names no case; every other refusal is a PermissionDenied."""
    _, run = ACTIONS[action]
    if action not in BY_ID or sees:
        with pytest.raises(PermissionDenied):
            run(desk, actor, shape, target)
        return
    what, field = BY_ID[action]
    assert target is not None
    with pytest.raises(NotFound) as hidden:
        run(desk, actor, shape, target)
    with pytest.raises(NotFound) as missing:
        run(desk, actor, shape, replace(target, **{field: NOWHERE}))
    assert str(hidden.value) == f"There is no {what} {getattr(target, field)}"
    assert str(missing.value) == f"There is no {what} {NOWHERE}"
    assert (hidden.value.code, hidden.value.template) == (
        missing.value.code,
        missing.value.template,
    )


@pytest.mark.parametrize(("action", "role", "relation"), CELLS, ids=["-".join(c) for c in CELLS])
def test_each_role_may_do_exactly_what_the_table_says(desk, db, action, role, relation):
    expected = EXPECTED[action][role][RELATIONS.index(relation)]  # a missing cell is a KeyError
    state, run = ACTIONS[action]
    shape = shape_for(role, relation, action)
    target = prepare(desk, shape, state) if state not in (None, "none") else None
    actor = actor_for(desk, role)
    before = snapshot(db)
    if expected == "Y":
        run(desk, actor, shape, target)
        if action not in READ_ONLY:
            assert snapshot(db) != before, f"{action} by {role} on {relation} changed nothing"
    else:
        sees = EXPECTED["view case"][role][RELATIONS.index(relation)] == "Y"
        refused(desk, actor, action, shape, target, sees)
        assert snapshot(db) == before, (
            f"refused {action} by {role} on {relation} still changed data"
        )


ON_A_CASE = [action for action, (state, _) in ACTIONS.items() if state not in (None, "none")]


@pytest.mark.parametrize("action", ON_A_CASE)
def test_the_client_who_opened_a_case_may_do_nothing_on_it_once_it_moves_to_another_account(
    desk, db, action
):
    """Having opened a case grants a client nothing once it belongs to another client
    account: refused as a stranger is (DOMAIN.md: a client's sight follows the account)."""
    state, _ = ACTIONS[action]
    target = prepare(desk, SOPORTE_ANA, state)  # opened by María, of Acme SA
    cases.edit_case(desk.uow(), desk.admin, target.number, {"client": "Globex Ltda"})
    before = snapshot(db)
    refused(desk, desk.maria, action, SOPORTE_ANA, target, sees=False)
    assert snapshot(db) == before, f"refused {action} on a case moved away still changed data"


def test_the_table_has_a_cell_for_every_role_action_and_relation():
    for action in ACTIONS:
        assert set(EXPECTED[action]) == set(ROLES), action
        for role in ROLES:
            assert len(EXPECTED[action][role]) == len(RELATIONS) and set(
                EXPECTED[action][role]
            ) <= {"Y", "N"}
    assert set(EXPECTED) == set(ACTIONS)


def test_every_domain_action_is_in_the_matrix():
    assert set(COVERS) == set(ACTIONS)
    assert set(COVERS.values()) | INDIRECT == set(Action)


def test_staff_see_internal_notes_and_the_log_and_clients_see_neither(desk):
    target = prepare(desk, SOPORTE_ANA, "assigned")
    cases.comment_case(desk.uow(), desk.sofia, target.number, "Nota interna")
    cases.comment_case(desk.uow(), desk.sofia, target.number, "Respuesta", public=True)
    staff = views.case_detail(desk.uow(), desk.ana, target.number)
    client = views.case_detail(desk.uow(), desk.maria, target.number)
    assert [c.body for c in staff.comments] == ["Nota interna", "Respuesta"]
    assert staff.log
    assert [c.body for c in client.comments] == ["Respuesta"]
    assert client.log == []
    assert Role(desk.maria.role) is Role.CLIENT
