"""Who may do what (permissions.py, DOMAIN.md "People and places")."""

from __future__ import annotations

import pytest

from deskTUI.domain.enums import Role, Status
from deskTUI.domain.errors import PermissionDenied, ValidationError
from deskTUI.domain.people import User, parse_login
from deskTUI.domain.permissions import (
    ADMIN_ACTIONS,
    Action,
    Relation,
    can,
    relations,
    require,
    require_entry_owner,
    require_visible,
)

from .conftest import ACTOR_NAMES, AREA, CLIENT, PEOPLE, make_case, make_user

R = Relation
A = Action

# -- relations ----------------------------------------------------------------------------

ON_ASSIGNED_CASE: dict[str, set[Relation]] = {
    "admin": {R.ADMIN},
    "supervisor": {R.AREA_SUPERVISOR},
    "other_supervisor": set(),
    "assignee": {R.ASSIGNEE, R.AREA_AGENT},
    "other_agent": {R.AREA_AGENT},
    "reporter": {R.REPORTER, R.ACCOUNT_CLIENT, R.REPORTER_CLIENT},
    "colleague": {R.ACCOUNT_CLIENT},
    "stranger": set(),
    "far_agent": set(),
}


@pytest.mark.parametrize("who", ACTOR_NAMES)
def test_relations_to_an_assigned_case_follow_the_role(who: str) -> None:
    assert relations(PEOPLE[who], make_case(Status.ASSIGNED)) == ON_ASSIGNED_CASE[who]


@pytest.mark.parametrize("who", ["assignee", "other_agent"])
def test_agents_of_the_area_see_an_unassigned_case_from_the_pool(who: str) -> None:
    assert relations(PEOPLE[who], make_case(Status.NEW)) == {R.AREA_AGENT, R.POOL_AGENT}


def test_an_agent_of_another_area_has_no_pool_relation() -> None:
    assert relations(PEOPLE.far_agent, make_case(Status.NEW)) == set()


def test_a_supervisor_assigned_to_their_areas_case_is_both() -> None:
    case = make_case(Status.ASSIGNED, assignee_id=PEOPLE.supervisor.id)
    assert relations(PEOPLE.supervisor, case) == {R.AREA_SUPERVISOR, R.ASSIGNEE}


def test_staff_who_opened_a_case_are_its_reporter_but_not_its_reporting_client() -> None:
    case = make_case(Status.NEW, reporter_id=PEOPLE.other_agent.id)
    assert relations(PEOPLE.other_agent, case) == {R.REPORTER, R.AREA_AGENT, R.POOL_AGENT}


def test_a_client_whose_id_is_the_assignee_id_is_not_an_assignee() -> None:
    case = make_case(Status.ASSIGNED, assignee_id=PEOPLE.colleague.id)
    assert relations(PEOPLE.colleague, case) == {R.ACCOUNT_CLIENT}


def test_a_case_without_area_has_no_area_supervisor_or_agent() -> None:
    case = make_case(Status.NEW)
    case.area_id = None  # type: ignore[assignment]
    assert relations(PEOPLE.supervisor, case) == set()
    assert relations(PEOPLE.other_agent, case) == set()


@pytest.mark.parametrize("who", ACTOR_NAMES)
def test_an_inactive_user_has_no_relation_and_may_do_nothing(who: str) -> None:
    active = PEOPLE[who]
    inactive = make_user(
        active.login,
        active.role,
        active.id or 0,
        areas=tuple(active.area_ids),
        client_id=active.client_id,
        active=False,
    )
    case = make_case(Status.ASSIGNED)
    assert relations(inactive, case) == set()
    assert not any(can(inactive, action, case) for action in MAY)
    with pytest.raises(PermissionDenied) as error:
        require(inactive, A.VIEW_CASE, case)
    assert error.value.code == "permission.inactive"
    assert str(error.value) == f"User {active.login} is deactivated and may not act on the desk"


def test_an_inactive_admin_may_not_manage_anything() -> None:
    admin = make_user("ana", Role.ADMIN, 1, active=False)
    assert not can(admin, A.MANAGE_USERS)
    with pytest.raises(PermissionDenied) as error:
        require(admin, A.MANAGE_SETTINGS)
    assert error.value.code == "permission.inactive"


# -- what each person may do on an assigned case ----------------------------------------------

STAFF_ON_CASE = {"admin", "supervisor", "assignee"}
MAY: dict[Action, set[str]] = {
    A.VIEW_CASE: STAFF_ON_CASE | {"reporter", "colleague"},
    A.OPEN_CASE: {"admin", "supervisor", "assignee", "other_agent", "reporter", "colleague"},
    A.EDIT_CASE: {"admin", "supervisor"},
    A.UPDATE_PROGRESS: STAFF_ON_CASE,
    A.ASSIGN_CASE: {"admin", "supervisor"},
    A.CANCEL_CASE: {"admin", "supervisor"},
    A.REOPEN_CASE: {"admin", "supervisor", "reporter"},
    A.COMMENT_PUBLIC: STAFF_ON_CASE | {"reporter", "colleague"},
    A.COMMENT_INTERNAL: STAFF_ON_CASE,
    A.VIEW_INTERNAL: STAFF_ON_CASE,
    A.ISSUE_QUOTE: {"admin", "supervisor"},
    A.DECIDE_QUOTE: {"admin", "reporter", "colleague"},
    A.LOG_TIME: STAFF_ON_CASE,
    A.ATTACH_FILE: STAFF_ON_CASE | {"reporter", "colleague"},
    A.REVIEW_FILE: STAFF_ON_CASE,
    A.ANSWER_SURVEY: {"reporter"},
}
MATRIX = [(action, who) for action in MAY for who in ACTOR_NAMES]


@pytest.mark.parametrize(
    ("action", "who"), MATRIX, ids=[f"{a.name.lower()}-{w}" for a, w in MATRIX]
)
def test_who_may_act_on_an_assigned_case(action: Action, who: str) -> None:
    assert can(PEOPLE[who], action, make_case(Status.ASSIGNED)) is (who in MAY[action])


@pytest.mark.parametrize("who", ["assignee", "other_agent"])
def test_an_agent_of_the_area_sees_and_annotates_an_unassigned_case(who: str) -> None:
    case = make_case(Status.NEW)
    assert can(PEOPLE[who], A.VIEW_CASE, case)
    assert can(PEOPLE[who], A.COMMENT_INTERNAL, case)
    assert not can(PEOPLE[who], A.LOG_TIME, case)
    assert not can(PEOPLE[who], A.ASSIGN_CASE, case)


def test_clients_never_see_internal_notes() -> None:
    case = make_case(Status.ASSIGNED)
    for who in ("reporter", "colleague", "stranger"):
        assert not can(PEOPLE[who], A.VIEW_INTERNAL, case)
        assert not can(PEOPLE[who], A.COMMENT_INTERNAL, case)


# -- admin-only actions -------------------------------------------------------------------------


@pytest.mark.parametrize("action", sorted(ADMIN_ACTIONS), ids=lambda a: a.name.lower())
def test_only_an_admin_may_manage_the_desk(action: Action) -> None:
    assert can(PEOPLE.admin, action)
    for who in ACTOR_NAMES[1:]:
        assert not can(PEOPLE[who], action)


def test_the_admin_only_actions_are_the_seven_management_ones() -> None:
    expected = {
        A.MANAGE_USERS,
        A.MANAGE_AREAS,
        A.MANAGE_CLIENTS,
        A.MANAGE_CONTRACTS,
        A.MANAGE_SETTINGS,
        A.MANAGE_RECORDS,
        A.MANAGE_MAIL,
    }
    assert expected == ADMIN_ACTIONS


def test_the_refusal_of_an_admin_only_action_says_only_an_admin_may() -> None:
    with pytest.raises(PermissionDenied) as error:
        require(PEOPLE.supervisor, A.MANAGE_USERS)
    assert error.value.code == "permission.role"
    assert str(error.value) == "sofia (supervisor) may not manage users: only an admin may"


@pytest.mark.parametrize("who", ACTOR_NAMES)
def test_reports_are_for_admins_and_supervisors(who: str) -> None:
    user = PEOPLE[who]
    assert can(user, A.VIEW_REPORTS) is (user.role in (Role.ADMIN, Role.SUPERVISOR))


def test_the_refusal_to_see_reports_names_the_roles_that_may() -> None:
    with pytest.raises(PermissionDenied) as error:
        require(PEOPLE.assignee, A.VIEW_REPORTS)
    assert error.value.code == "permission.role"
    assert str(error.value) == (
        "alex (agent) may not see reports and survey averages: only an admin or a supervisor may"
    )


def test_a_case_action_without_a_case_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="VIEW_CASE needs a case"):
        can(PEOPLE.admin, A.VIEW_CASE)


# -- the refusal sentence ---------------------------------------------------------------------------


def test_a_refusal_names_the_actor_the_action_the_case_and_who_may() -> None:
    with pytest.raises(PermissionDenied) as error:
        require(PEOPLE.other_supervisor, A.CANCEL_CASE, make_case(Status.ASSIGNED))
    assert error.value.code == "permission.denied"
    assert str(error.value) == (
        "otto (supervisor) may not cancel CS-000042: only an admin or a supervisor of its area may"
    )
    assert error.value.params["who"] == "an admin or a supervisor of its area"


def test_a_refusal_with_a_single_relation_names_it_alone() -> None:
    with pytest.raises(PermissionDenied) as error:
        require(PEOPLE.colleague, A.ANSWER_SURVEY, make_case(Status.FINISHED))
    assert str(error.value) == (
        "carlos (client) may not answer the survey of CS-000042: only the client who opened it or is its contact may"
    )


def test_a_refusal_on_a_case_not_yet_numbered_says_this_case() -> None:
    with pytest.raises(PermissionDenied) as error:
        require(PEOPLE.stranger, A.VIEW_CASE, make_case(Status.NEW, id=None))
    assert str(error.value).startswith("dora (client) may not see this case: only ")


def test_require_is_silent_when_the_actor_may() -> None:
    require(PEOPLE.assignee, A.LOG_TIME, make_case(Status.IN_PROGRESS))
    require(PEOPLE.admin, A.MANAGE_CONTRACTS)


# -- users ----------------------------------------------------------------------------------------


def test_a_client_user_needs_a_client_account() -> None:
    with pytest.raises(ValidationError) as error:
        User(login="zoe", name="Zoe", role=Role.CLIENT)
    assert error.value.code == "user.client_required"
    assert str(error.value) == "User zoe has the client role, so it needs a client account"


def test_staff_do_not_belong_to_a_client_account() -> None:
    with pytest.raises(ValidationError) as error:
        User(login="zoe", name="Zoe", role=Role.AGENT, area_ids=frozenset({AREA}), client_id=CLIENT)
    assert error.value.code == "user.client_for_staff"


@pytest.mark.parametrize("login", ["Ana", "1ana", "", "ana smith", "a" * 33, "ana/..", "añá"])
def test_a_login_must_be_an_operating_system_login(login: str) -> None:
    with pytest.raises(ValidationError) as error:
        parse_login(login)
    assert error.value.code == "login.invalid"
    assert "is not a valid login" in str(error.value)


@pytest.mark.parametrize("login", ["ana", "_svc", "ana.smith-2", "a" * 32])
def test_ordinary_logins_are_accepted(login: str) -> None:
    assert parse_login(f" {login} ") == login


def test_a_user_without_a_name_is_called_by_the_login() -> None:
    assert User(login="ana", name="", role=Role.ADMIN).name == "ana"


# -- time entries and visibility ----------------------------------------------------------------


@pytest.mark.parametrize("who", ["admin", "supervisor"])
def test_managers_of_the_case_change_anyones_time_entries(who: str) -> None:
    require_entry_owner(PEOPLE[who], make_case(Status.IN_PROGRESS), PEOPLE.other_agent.id or 0)


def test_an_agent_changes_their_own_time_entries() -> None:
    require_entry_owner(PEOPLE.assignee, make_case(Status.IN_PROGRESS), PEOPLE.assignee.id or 0)


def test_an_agent_may_not_change_someone_elses_time_entries() -> None:
    with pytest.raises(PermissionDenied) as error:
        require_entry_owner(
            PEOPLE.assignee, make_case(Status.IN_PROGRESS), PEOPLE.other_agent.id or 0
        )
    assert error.value.code == "permission.entry_owner"
    assert str(error.value) == "alex may only change their own time entries on CS-000042"


def test_a_case_someone_may_not_see_is_answered_as_if_it_did_not_exist() -> None:
    case = make_case(Status.ASSIGNED)
    require_visible(PEOPLE.colleague, case)
    with pytest.raises(PermissionDenied) as error:
        require_visible(PEOPLE.stranger, case)
    assert error.value.code == "permission.not_visible"
    assert str(error.value) == "There is no case CS-000042 that dora can see"
