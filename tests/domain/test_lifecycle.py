"""The case lifecycle (DOMAIN.md "Case lifecycle"), driven through Case.move and Case.assign.

The expected table below is written from DOMAIN.md, not read from
``deskTUI.domain.lifecycle``: a change to the code's table must break a test.
"""

from __future__ import annotations

import contextlib
import itertools
from datetime import datetime

import pytest

from deskTUI.domain.case import Case
from deskTUI.domain.enums import LogKind, QuoteStatus, Status
from deskTUI.domain.errors import (
    CaseClosed,
    DomainError,
    PermissionDenied,
    TransitionRefused,
    ValidationError,
)
from deskTUI.domain.lifecycle import TRANSITIONS, allowed_targets
from deskTUI.domain.people import User
from deskTUI.domain.quotes import Quote

from .conftest import (
    ACTOR_NAMES,
    APPROVED_QUOTE,
    AREA,
    CASE_ID,
    CASE_NUMBER,
    PEOPLE,
    at,
    make_case,
    make_user,
)

S = Status
NEW, ASSIGNED, IN_PROGRESS, ON_HOLD, FINISHED, CANCELLED = (
    S.NEW,
    S.ASSIGNED,
    S.IN_PROGRESS,
    S.ON_HOLD,
    S.FINISHED,
    S.CANCELLED,
)

MANAGERS = frozenset({"admin", "supervisor"})
WORKERS = MANAGERS | {"assignee"}

# (from, to) → (who may, the verb of the refusal), from the table in DOMAIN.md.
ROWS: dict[tuple[Status, Status], tuple[frozenset[str], str]] = {
    (NEW, ASSIGNED): (MANAGERS, "assign"),
    (ASSIGNED, ASSIGNED): (MANAGERS, "assign"),
    (ASSIGNED, IN_PROGRESS): (WORKERS, "start work on"),
    (ON_HOLD, IN_PROGRESS): (WORKERS, "start work on"),
    (IN_PROGRESS, ON_HOLD): (WORKERS, "put on hold"),
    (ASSIGNED, FINISHED): (MANAGERS, "finish before work starts on"),
    (IN_PROGRESS, FINISHED): (WORKERS, "finish"),
    (ON_HOLD, FINISHED): (WORKERS, "finish"),
    (FINISHED, IN_PROGRESS): (MANAGERS | {"reporter"}, "reopen"),
    (NEW, CANCELLED): (MANAGERS, "cancel"),
    (ASSIGNED, CANCELLED): (MANAGERS, "cancel"),
    (IN_PROGRESS, CANCELLED): (MANAGERS, "cancel"),
    (ON_HOLD, CANCELLED): (MANAGERS, "cancel"),
}

# Allowed targets per status, in lifecycle order, as the refusal names them.
TARGETS: dict[Status, list[Status]] = {
    NEW: [ASSIGNED, CANCELLED],
    ASSIGNED: [ASSIGNED, IN_PROGRESS, FINISHED, CANCELLED],
    IN_PROGRESS: [ON_HOLD, FINISHED, CANCELLED],
    ON_HOLD: [IN_PROGRESS, FINISHED, CANCELLED],
    FINISHED: [IN_PROGRESS],
    CANCELLED: [],
}

NOTE_ROWS = [
    row for row in ROWS if row[1] in (ON_HOLD, CANCELLED) or row == (FINISHED, IN_PROGRESS)
]
START_ROWS = [(ASSIGNED, IN_PROGRESS), (ON_HOLD, IN_PROGRESS)]
NOT_IN_TABLE = [
    (frm, to)
    for frm, to in itertools.product(Status, Status)
    if (frm, to) not in ROWS and frm is not CANCELLED
]


def row_id(row: tuple[Status, Status]) -> str:
    return f"{row[0].value}->{row[1].value}"


def take(case: Case, actor: User, target: Status, when: datetime | None = None) -> None:
    """Move ``case`` to ``target`` with everything a guard could ask for."""
    assignee = None
    if target is ASSIGNED:
        assignee = PEOPLE.other_agent if case.assignee_id == PEOPLE.assignee.id else PEOPLE.assignee
    solution = "Replaced the pickup roller." if target is FINISHED else None
    case.move(
        actor,
        target,
        when or at(hours=3),
        note="Explained to the customer",
        solution=solution,
        assignee=assignee,
    )


def transitions(case: Case) -> list:
    return [entry for entry in case.pending_log if entry.is_transition]


# -- the table itself ------------------------------------------------------------


def test_the_lifecycle_table_has_exactly_the_rows_of_the_domain_reference() -> None:
    assert set(TRANSITIONS) == set(ROWS)


@pytest.mark.parametrize("status", list(Status), ids=lambda s: s.value)
def test_allowed_targets_list_the_rows_of_a_status_in_lifecycle_order(status: Status) -> None:
    assert allowed_targets(status) == TARGETS[status]


# -- every allowed row, by everyone who may take it ------------------------------

ALLOWED_CASES = [(row, who) for row, (names, _) in ROWS.items() for who in sorted(names)]


@pytest.mark.parametrize(
    ("row", "who"), ALLOWED_CASES, ids=[f"{row_id(r)}-by-{w}" for r, w in ALLOWED_CASES]
)
def test_an_allowed_move_changes_the_status_and_logs_one_transition(
    row: tuple[Status, Status], who: str
) -> None:
    frm, to = row
    case = make_case(frm)
    actor = PEOPLE[who]
    when = at(days=2)

    take(case, actor, to, when)

    assert case.status is to
    logged = transitions(case)
    assert len(logged) == 1
    entry = logged[0]
    assert (entry.from_status, entry.to_status) == (frm, to)
    assert entry.kind is LogKind.TRANSITION
    assert entry.case_id == CASE_ID
    assert entry.actor_id == actor.id
    assert entry.at == when
    assert entry.note == "Explained to the customer"
    assert case.updated_at == when


# -- every allowed row, refused to everyone else ---------------------------------

REFUSED_CASES = [
    (row, who) for row, (names, _) in ROWS.items() for who in ACTOR_NAMES if who not in names
]


@pytest.mark.parametrize(
    ("row", "who"), REFUSED_CASES, ids=[f"{row_id(r)}-by-{w}" for r, w in REFUSED_CASES]
)
def test_a_move_by_someone_without_the_relation_is_refused_and_changes_nothing(
    row: tuple[Status, Status], who: str
) -> None:
    frm, to = row
    case = make_case(frm)
    actor = PEOPLE[who]
    verb = ROWS[row][1]

    with pytest.raises(PermissionDenied) as refused:
        take(case, actor, to)

    assert refused.value.code == "permission.denied"
    assert f"{actor.login} ({actor.role.value}) may not {verb} {CASE_NUMBER}: only " in str(
        refused.value
    )
    assert case.status is frm
    assert case.pending_log == []


def test_the_refusal_to_cancel_names_who_may() -> None:
    case = make_case(IN_PROGRESS)
    with pytest.raises(PermissionDenied) as refused:
        case.move(PEOPLE.assignee, CANCELLED, at(hours=2), note="Not needed")
    assert str(refused.value) == (
        "alex (agent) may not cancel CS-000042: only an admin or a supervisor of its area may"
    )


def test_the_assignee_of_an_assigned_case_starts_work_before_finishing_it() -> None:
    """Seed 004: the supervisor may finish an assigned case; its agent is told who may."""
    case = make_case(ASSIGNED)
    with pytest.raises(PermissionDenied) as refused:
        case.move(PEOPLE.assignee, FINISHED, at(hours=2), solution="Reinstalled")
    assert str(refused.value) == (
        "alex (agent) may not finish before work starts on CS-000042: only an admin or a "
        "supervisor of its area may"
    )
    assert case.status is ASSIGNED
    assert case.pending_log == []


def test_a_supervisor_finishes_an_assigned_case_with_its_solution() -> None:
    case = make_case(ASSIGNED)
    case.move(PEOPLE.supervisor, FINISHED, at(hours=2), solution="Reinstalled the driver")
    assert (case.status, case.solution, case.resolved_at) == (
        FINISHED,
        "Reinstalled the driver",
        at(hours=2),
    )


def test_the_refusal_to_reopen_names_the_client_who_opened_it() -> None:
    case = make_case(FINISHED)
    with pytest.raises(PermissionDenied) as refused:
        case.move(PEOPLE.colleague, IN_PROGRESS, at(days=2), note="Still jams")
    assert str(refused.value) == (
        "carlos (client) may not reopen CS-000042: only an admin, a supervisor of its area "
        "or the client who opened it or is its contact may"
    )


# -- every pair outside the table --------------------------------------------------


@pytest.mark.parametrize(("frm", "to"), NOT_IN_TABLE, ids=[row_id(r) for r in NOT_IN_TABLE])
def test_a_move_outside_the_table_is_refused_naming_the_status_and_allowed_targets(
    frm: Status, to: Status
) -> None:
    case = make_case(frm)

    with pytest.raises(TransitionRefused) as refused:
        take(case, PEOPLE.admin, to)

    allowed = " or ".join(t.value for t in TARGETS[frm])
    assert refused.value.code == "transition.not_allowed"
    assert str(refused.value) == (
        f"Cannot move {CASE_NUMBER} from {frm.value} to {to.value}: "
        f"from {frm.value} it can go to {allowed}"
    )
    assert case.status is frm
    assert case.pending_log == []


# Who may take which move, per status, from ROWS: what a refusal may offer each person.
OFFERED: dict[tuple[str, Status], list[Status]] = {
    (who, frm): [to for to in TARGETS[frm] if who in ROWS[(frm, to)][0]]
    for who in ACTOR_NAMES
    for frm in Status
}


@pytest.mark.parametrize(
    ("who", "frm", "to"),
    [
        (who, frm, to)
        for who in ("assignee", "reporter", "colleague")
        for frm, to in NOT_IN_TABLE
        if frm is not CANCELLED
    ],
    ids=lambda v: v if isinstance(v, str) else v.value,
)
def test_a_refusal_outside_the_table_offers_only_the_moves_the_person_may_make(
    who: str, frm: Status, to: Status
) -> None:
    case = make_case(frm)
    actor = getattr(PEOPLE, who)

    with pytest.raises(TransitionRefused) as refused:
        take(case, actor, to)

    offered = OFFERED[(who, frm)]
    said = str(refused.value)
    assert refused.value.code == "transition.not_allowed"
    assert said.startswith(f"Cannot move {CASE_NUMBER} from {frm.value} to {to.value}: ")
    if offered == TARGETS[frm]:  # every move there is: the table's own sentence
        assert said.endswith(
            f"from {frm.value} it can go to " + " or ".join(t.value for t in offered)
        )
    elif offered:
        assert said.endswith(
            f"from {frm.value} {actor.login} may move it to "
            + " or ".join(t.value for t in offered)
        )
    else:
        assert said.endswith(
            f"from {frm.value} {actor.login} ({actor.role.value}) may not move it at all"
        )
    assert CANCELLED.value not in said.split(": ", 1)[1] or CANCELLED in offered
    assert case.status is frm
    assert case.pending_log == []


def test_an_agent_refused_a_move_is_not_told_the_case_can_go_to_cancelled() -> None:
    case = make_case(IN_PROGRESS)
    with pytest.raises(TransitionRefused) as refused:
        case.move(PEOPLE.assignee, NEW, at(hours=2), note="Start over")
    assert str(refused.value) == (
        f"Cannot move {CASE_NUMBER} from in_progress to new: "
        "from in_progress alex may move it to on_hold or finished"
    )


def test_an_unknown_status_names_only_the_moves_the_person_may_make() -> None:
    case = make_case(IN_PROGRESS)
    with pytest.raises(TransitionRefused) as refused:
        case.move(PEOPLE.assignee, "closed", at(hours=2))  # type: ignore[arg-type]
    assert str(refused.value) == (
        f"'closed' is not a status; from in_progress {CASE_NUMBER} can go to on_hold or finished"
    )


def test_the_pairs_outside_the_table_are_all_the_other_pairs() -> None:
    assert len(NOT_IN_TABLE) == 6 * 6 - 13 - 6


@pytest.mark.parametrize("frm", [s for s in Status if s is not CANCELLED], ids=lambda s: s.value)
def test_nothing_returns_to_new(frm: Status) -> None:
    case = make_case(frm)
    with pytest.raises(TransitionRefused) as refused:
        case.move(PEOPLE.admin, NEW, at(hours=2), note="Start over", assignee=PEOPLE.assignee)
    assert refused.value.code == "transition.not_allowed"
    assert f"from {frm.value} to new" in str(refused.value)
    assert case.status is frm


# -- cancelled is terminal -------------------------------------------------------------


@pytest.mark.parametrize("target", list(Status), ids=lambda s: s.value)
@pytest.mark.parametrize("who", ["admin", "supervisor", "assignee", "reporter"])
def test_a_cancelled_case_refuses_every_move(target: Status, who: str) -> None:
    case = make_case(CANCELLED)

    with pytest.raises(TransitionRefused) as refused:
        take(case, PEOPLE[who], target)

    assert refused.value.code == "transition.cancelled"
    assert str(refused.value) == (
        "Cannot move CS-000042 from cancelled: a cancelled case is closed for good"
    )
    assert case.status is CANCELLED
    assert case.pending_log == []


# -- guards ---------------------------------------------------------------------------


def test_assigning_a_new_case_needs_an_assignee() -> None:
    case = make_case(NEW)
    with pytest.raises(TransitionRefused) as refused:
        case.move(PEOPLE.supervisor, ASSIGNED, at(30))
    assert refused.value.code == "transition.assignee_required"
    assert str(refused.value) == (
        "Cannot move CS-000042 to assigned without an assignee: assign it to someone"
    )
    assert case.status is NEW
    assert case.assignee_id is None


def test_assigning_a_new_case_sets_the_assignee_logs_it_and_counts_as_first_response() -> None:
    case = make_case(NEW)
    assert case.first_response_at is None

    case.move(PEOPLE.supervisor, ASSIGNED, at(30), assignee=PEOPLE.assignee)

    assert case.assignee_id == PEOPLE.assignee.id
    assert case.first_response_at == at(30)
    (entry,) = case.pending_log
    assert (entry.field, entry.old, entry.new) == ("assignee_id", None, "4")
    assert (entry.from_status, entry.to_status) == (NEW, ASSIGNED)


def test_re_assigning_needs_a_different_assignee() -> None:
    case = make_case(ASSIGNED)
    with pytest.raises(TransitionRefused) as refused:
        case.move(PEOPLE.supervisor, ASSIGNED, at(hours=2), assignee=PEOPLE.assignee)
    assert refused.value.code == "transition.same_assignee"
    assert str(refused.value) == "CS-000042 is already assigned to alex"
    assert case.pending_log == []


def test_re_assigning_logs_the_old_and_new_assignee_and_keeps_the_first_response() -> None:
    case = make_case(ASSIGNED)
    first_response = case.first_response_at

    case.move(PEOPLE.supervisor, ASSIGNED, at(hours=2), assignee=PEOPLE.other_agent)

    assert case.assignee_id == PEOPLE.other_agent.id
    assert case.first_response_at == first_response
    (entry,) = case.pending_log
    assert (entry.field, entry.old, entry.new) == ("assignee_id", "4", "5")
    assert (entry.from_status, entry.to_status) == (ASSIGNED, ASSIGNED)


@pytest.mark.parametrize(
    ("assignee", "code", "phrase"),
    [
        (PEOPLE.reporter, "assignee.not_staff", "only active agents, supervisors or admins"),
        (
            make_user("ivan", PEOPLE.assignee.role, 20, areas=(AREA,), active=False),
            "assignee.not_staff",
            "only active agents, supervisors or admins",
        ),
        (PEOPLE.far_agent, "assignee.other_area", "they are not in the case's area"),
        (PEOPLE.other_supervisor, "assignee.other_area", "they are not in the case's area"),
    ],
    ids=["client", "inactive-agent", "agent-of-another-area", "supervisor-of-another-area"],
)
def test_only_active_staff_of_the_area_can_be_assigned(
    assignee: User, code: str, phrase: str
) -> None:
    case = make_case(NEW)
    with pytest.raises(ValidationError) as refused:
        case.move(PEOPLE.supervisor, ASSIGNED, at(30), assignee=assignee)
    assert refused.value.code == code
    assert f"{assignee.login} cannot be assigned CS-000042: {phrase}" in str(refused.value)
    assert case.status is NEW
    assert case.assignee_id is None


@pytest.mark.parametrize("who", ["admin", "supervisor"])
def test_an_admin_or_the_supervisor_may_be_assigned_themselves(who: str) -> None:
    case = make_case(NEW)
    case.move(PEOPLE.supervisor, ASSIGNED, at(30), assignee=PEOPLE[who])
    assert case.assignee_id == PEOPLE[who].id


@pytest.mark.parametrize("row", NOTE_ROWS, ids=row_id)
@pytest.mark.parametrize("note", ["", "   "], ids=["empty", "blank"])
def test_holding_reopening_and_cancelling_need_a_note(
    row: tuple[Status, Status], note: str
) -> None:
    frm, to = row
    case = make_case(frm)

    with pytest.raises(TransitionRefused) as refused:
        case.move(PEOPLE.admin, to, at(days=2), note=note)

    assert refused.value.code == "transition.note_required"
    assert str(refused.value) == (
        f"Moving CS-000042 from {frm.value} to {to.value} needs a note explaining why"
    )
    assert case.status is frm
    assert case.pending_log == []


def test_the_note_is_logged_without_surrounding_blanks() -> None:
    case = make_case(IN_PROGRESS)
    case.move(PEOPLE.assignee, ON_HOLD, at(hours=2), note="  Waiting for the part  ")
    assert case.pending_log[0].note == "Waiting for the part"


def test_a_note_with_a_nul_character_is_refused() -> None:
    case = make_case(IN_PROGRESS)
    with pytest.raises(ValidationError) as refused:
        case.move(PEOPLE.assignee, ON_HOLD, at(hours=2), note="wait\x00ing")
    assert refused.value.code == "text.nul"
    assert case.status is IN_PROGRESS


@pytest.mark.parametrize("frm", [ASSIGNED, IN_PROGRESS, ON_HOLD], ids=lambda s: s.value)
@pytest.mark.parametrize("solution", [None, "", "  "], ids=["none", "empty", "blank"])
def test_finishing_needs_a_solution(frm: Status, solution: str | None) -> None:
    case = make_case(frm)
    assert case.solution == ""
    who = PEOPLE.supervisor if frm is ASSIGNED else PEOPLE.assignee

    with pytest.raises(TransitionRefused) as refused:
        case.move(who, FINISHED, at(hours=4), solution=solution)

    assert refused.value.code == "transition.solution_required"
    assert str(refused.value) == "Cannot finish CS-000042 without a solution: say what solved it"
    assert case.status is frm
    assert case.resolved_at is None
    assert case.pending_log == []


def test_a_solution_already_on_the_case_is_enough_to_finish() -> None:
    case = make_case(IN_PROGRESS, solution="Cleaned the rollers.")
    case.move(PEOPLE.assignee, FINISHED, at(hours=4))
    assert case.status is FINISHED
    assert len(case.pending_log) == 1


def test_a_solution_given_with_the_finish_is_stored_and_logged_as_a_field_change() -> None:
    case = make_case(IN_PROGRESS, solution="Tried cleaning.")

    case.move(PEOPLE.assignee, FINISHED, at(hours=4), solution="  Replaced the roller.  ")

    assert case.solution == "Replaced the roller."
    field_entries = [e for e in case.pending_log if e.kind is LogKind.FIELD]
    assert len(field_entries) == 1
    assert (field_entries[0].field, field_entries[0].old, field_entries[0].new) == (
        "solution",
        "Tried cleaning.",
        "Replaced the roller.",
    )
    assert not field_entries[0].is_transition
    assert len(transitions(case)) == 1


def test_finishing_sets_resolved_at() -> None:
    case = make_case(IN_PROGRESS)
    case.move(PEOPLE.assignee, FINISHED, at(hours=5), solution="Fixed")
    assert case.resolved_at == at(hours=5)


@pytest.mark.parametrize("row", START_ROWS, ids=row_id)
@pytest.mark.parametrize(
    "quote_status", [QuoteStatus.PENDING, QuoteStatus.QUOTED, QuoteStatus.REJECTED]
)
def test_work_on_a_billable_case_without_contract_waits_for_an_approved_quote(
    row: tuple[Status, Status], quote_status: QuoteStatus
) -> None:
    frm, to = row
    case = make_case(frm, billable=True, quote=Quote(status=quote_status))

    with pytest.raises(TransitionRefused) as refused:
        case.move(PEOPLE.assignee, to, at(hours=2), note="Go")

    assert refused.value.code == "transition.quote_required"
    assert str(refused.value) == (
        "Cannot start work on CS-000042: it is billable without a contract, so its quote "
        f"must be approved first (the quote is {quote_status.value})"
    )
    assert case.status is frm
    assert case.pending_log == []


@pytest.mark.parametrize("row", START_ROWS, ids=row_id)
@pytest.mark.parametrize(
    "overrides",
    [
        {"billable": True, "quote": APPROVED_QUOTE},
        {"billable": True, "contract_id": 9},
        {"billable": False},
    ],
    ids=["approved-quote", "under-contract", "not-billable"],
)
def test_work_starts_without_a_quote_question_when_someone_pays_or_nobody_has_to(
    row: tuple[Status, Status], overrides: dict
) -> None:
    frm, to = row
    case = make_case(frm, **overrides)
    case.move(PEOPLE.assignee, to, at(hours=2))
    assert case.status is to


def test_reopening_adds_the_time_spent_finished_and_clears_resolved_at() -> None:
    case = make_case(FINISHED, resolved_at=at(days=1), closed_minutes=30)

    case.move(PEOPLE.reporter, IN_PROGRESS, at(days=1, hours=2, minutes=15), note="Jams again")

    assert case.status is IN_PROGRESS
    assert case.resolved_at is None
    assert case.closed_minutes == 30 + 135


def test_finishing_again_after_a_reopen_sets_a_new_resolved_at() -> None:
    case = make_case(FINISHED, resolved_at=at(days=1))
    case.move(PEOPLE.supervisor, IN_PROGRESS, at(days=2), note="Jams again")
    case.move(PEOPLE.assignee, FINISHED, at(days=2, hours=3))
    assert case.resolved_at == at(days=2, hours=3)
    assert case.closed_minutes == 24 * 60


def test_a_whole_life_is_logged_transition_by_transition() -> None:
    case = make_case(NEW)
    sup, agent = PEOPLE.supervisor, PEOPLE.assignee
    case.move(sup, ASSIGNED, at(10), assignee=agent)
    case.move(agent, IN_PROGRESS, at(20))
    case.move(agent, ON_HOLD, at(30), note="Waiting for the part")
    case.move(agent, IN_PROGRESS, at(40))
    case.move(agent, FINISHED, at(50), solution="Replaced the roller")
    case.move(PEOPLE.reporter, IN_PROGRESS, at(60), note="Still jams")
    case.move(sup, CANCELLED, at(70), note="Printer replaced instead")

    assert [(e.from_status, e.to_status) for e in transitions(case)] == [
        (NEW, ASSIGNED),
        (ASSIGNED, IN_PROGRESS),
        (IN_PROGRESS, ON_HOLD),
        (ON_HOLD, IN_PROGRESS),
        (IN_PROGRESS, FINISHED),
        (FINISHED, IN_PROGRESS),
        (IN_PROGRESS, CANCELLED),
    ]
    assert [e.actor_id for e in transitions(case)] == [2, 4, 4, 4, 4, 6, 2]
    assert case.closed_minutes == 10


# -- Case.assign -----------------------------------------------------------------------


def test_assign_takes_a_new_case_to_assigned() -> None:
    case = make_case(NEW)
    case.assign(PEOPLE.supervisor, PEOPLE.assignee, at(15), note="Yours")
    assert case.status is ASSIGNED
    assert case.assignee_id == PEOPLE.assignee.id
    (entry,) = case.pending_log
    assert (entry.from_status, entry.to_status, entry.note) == (NEW, ASSIGNED, "Yours")


def test_assign_re_assigns_an_assigned_case_through_the_table() -> None:
    case = make_case(ASSIGNED)
    case.assign(PEOPLE.admin, PEOPLE.other_agent, at(hours=2))
    assert case.assignee_id == PEOPLE.other_agent.id
    (entry,) = case.pending_log
    assert (entry.from_status, entry.to_status) == (ASSIGNED, ASSIGNED)


@pytest.mark.parametrize("status", [IN_PROGRESS, ON_HOLD], ids=lambda s: s.value)
def test_a_case_being_worked_changes_hands_without_changing_status(status: Status) -> None:
    case = make_case(status)

    case.assign(PEOPLE.supervisor, PEOPLE.other_agent, at(hours=3), note=" Alex is ill ")

    assert case.status is status
    assert case.assignee_id == PEOPLE.other_agent.id
    (entry,) = case.pending_log
    assert entry.kind is LogKind.ASSIGNMENT
    assert not entry.is_transition
    assert (entry.field, entry.old, entry.new, entry.note) == (
        "assignee_id",
        "4",
        "5",
        "Alex is ill",
    )


@pytest.mark.parametrize("who", ["assignee", "other_agent", "other_supervisor", "reporter"])
def test_only_managers_hand_over_a_case_being_worked(who: str) -> None:
    case = make_case(IN_PROGRESS)
    with pytest.raises(PermissionDenied) as refused:
        case.assign(PEOPLE[who], PEOPLE.other_agent, at(hours=3))
    assert refused.value.code == "permission.denied"
    assert "may not assign CS-000042" in str(refused.value)
    assert case.assignee_id == PEOPLE.assignee.id
    assert case.pending_log == []


def test_a_hand_over_to_the_same_assignee_is_refused() -> None:
    case = make_case(IN_PROGRESS)
    with pytest.raises(TransitionRefused) as refused:
        case.assign(PEOPLE.supervisor, PEOPLE.assignee, at(hours=3))
    assert refused.value.code == "transition.same_assignee"


def test_a_hand_over_to_a_client_is_refused() -> None:
    case = make_case(ON_HOLD)
    with pytest.raises(ValidationError) as refused:
        case.assign(PEOPLE.supervisor, PEOPLE.reporter, at(hours=3))
    assert refused.value.code == "assignee.not_staff"
    assert case.assignee_id == PEOPLE.assignee.id


def test_a_finished_case_is_reopened_before_it_changes_hands() -> None:
    case = make_case(FINISHED)
    with pytest.raises(TransitionRefused) as refused:
        case.assign(PEOPLE.supervisor, PEOPLE.other_agent, at(days=2))
    assert refused.value.code == "assign.finished"
    assert str(refused.value) == (
        "CS-000042 is finished: reopen it before handing it to someone else"
    )
    assert case.assignee_id == PEOPLE.assignee.id


def test_a_cancelled_case_cannot_be_assigned() -> None:
    case = make_case(CANCELLED)
    with pytest.raises(CaseClosed) as refused:
        case.assign(PEOPLE.admin, PEOPLE.other_agent, at(days=2))
    assert refused.value.code == "case.cancelled"
    assert str(refused.value) == "CS-000042 is cancelled: a cancelled case is closed for good"
    assert case.pending_log == []


def test_a_move_that_is_not_an_assignment_cannot_change_the_assignee() -> None:
    case = make_case(IN_PROGRESS)
    with contextlib.suppress(DomainError):
        case.move(PEOPLE.assignee, ON_HOLD, at(hours=2), note="Waiting", assignee=PEOPLE.stranger)
    assert case.assignee_id == PEOPLE.assignee.id
