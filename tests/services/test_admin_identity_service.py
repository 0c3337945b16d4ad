"""admin.init_desk, admin.update_user and identity.resolve_actor: who runs the desk and who is acting."""

from __future__ import annotations

from datetime import date

import pytest

from deskTUI.domain.enums import Role
from deskTUI.domain.errors import NotFound, PermissionDenied, ValidationError
from deskTUI.services import admin, cases, identity, worklog


def _users(uow_factory):
    with uow_factory() as uow:
        return {u.login: (u.role, u.active, u.area_ids, u.client_id) for u in uow.users.list()}


# -- init_desk -----------------------------------------------------------------------


def test_the_first_login_on_an_empty_desk_becomes_its_admin(new_uow):
    user, made = admin.init_desk(new_uow(), "carmen")
    assert made is True
    assert user is not None and user.role is Role.ADMIN
    assert _users(new_uow) == {"carmen": (Role.ADMIN, True, frozenset(), None)}


def test_init_is_idempotent(new_uow):
    first, _ = admin.init_desk(new_uow(), "carmen")
    again, made = admin.init_desk(new_uow(), "carmen")
    assert made is False
    assert again == first
    assert _users(new_uow) == {"carmen": (Role.ADMIN, True, frozenset(), None)}


def test_init_on_a_desk_with_an_admin_creates_nobody(new_uow):
    admin.init_desk(new_uow(), "carmen")
    user, made = admin.init_desk(new_uow(), "intruso")
    assert (user, made) == (None, False)
    assert set(_users(new_uow)) == {"carmen"}


def test_init_on_a_desk_with_an_admin_does_not_promote_an_agent(desk):
    before = _users(desk.uow)
    user, made = admin.init_desk(desk.uow(), "ana")
    assert made is False
    assert user is not None and user.role is Role.AGENT
    assert _users(desk.uow) == before


def test_init_refuses_a_login_that_is_not_an_os_login(new_uow):
    with pytest.raises(ValidationError) as caught:
        admin.init_desk(new_uow(), "Not A Login")
    assert caught.value.code == "login.invalid"
    assert _users(new_uow) == {}


# -- update_user ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "change", [{"role": "supervisor"}, {"active": False}], ids=["demoted", "deactivated"]
)
def test_the_last_admin_cannot_be_removed_and_nothing_changes(desk, change):
    before = _users(desk.uow)
    with pytest.raises(ValidationError) as caught:
        admin.update_user(desk.uow(), desk.admin, "admin", name="Otro nombre", **change)
    assert caught.value.code == "user.last_admin"
    assert _users(desk.uow) == before
    with desk.uow() as uow:
        assert uow.users.by_login("admin").name == "admin"


def test_an_admin_may_step_down_when_another_admin_remains(desk):
    admin.update_user(desk.uow(), desk.admin, "sofia", role="admin")
    admin.update_user(desk.uow(), desk.admin, "admin", role="supervisor", areas=["Soporte"])
    users = _users(desk.uow)
    assert users["admin"][0] is Role.SUPERVISOR
    assert users["sofia"][0] is Role.ADMIN


def test_only_admins_manage_users(desk):
    before = _users(desk.uow)
    with pytest.raises(PermissionDenied) as caught:
        admin.update_user(desk.uow(), desk.sofia, "ana", role="supervisor")
    assert caught.value.code == "permission.role"
    with pytest.raises(PermissionDenied):
        admin.add_user(desk.uow(), desk.sofia, "nuevo", role="admin")
    assert _users(desk.uow) == before


def test_a_users_areas_are_replaced(desk):
    admin.update_user(desk.uow(), desk.admin, "ana", areas=["Desarrollo"])
    with desk.uow() as uow:
        development = uow.areas.by_name("Desarrollo").id
    assert _users(desk.uow)["ana"][2] == frozenset({development})


def test_a_deactivated_user_cannot_act(desk, started):
    case = started()
    admin.update_user(desk.uow(), desk.admin, "ana", active=False)
    assert desk.ana.active, "the stale object in the test still says active: the store decides"
    attempts = [
        lambda: cases.comment_case(desk.uow(), desk.ana, case.number, "Hola"),
        lambda: cases.move_case(desk.uow(), desk.ana, case.number, "finished", solution="x"),
        lambda: worklog.log_time(
            desk.uow(), desk.ana, case.number, work_date=date(2026, 3, 2), minutes=30
        ),
        lambda: desk.open(by=desk.ana),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied) as caught:
            attempt()
        assert caught.value.code == "permission.inactive"
    with pytest.raises(PermissionDenied) as resolved:
        identity.resolve_actor(desk.uow(), "ana")
    assert resolved.value.code == "permission.inactive"


def test_a_reactivated_user_acts_again(desk, started):
    case = started()
    admin.update_user(desk.uow(), desk.admin, "ana", active=False)
    admin.update_user(desk.uow(), desk.admin, "ana", active=True)
    comment = cases.comment_case(desk.uow(), desk.ana, case.number, "De vuelta")
    assert comment.author_id == desk.ana.id


def test_a_deactivated_agent_cannot_be_assigned(desk):
    case = desk.open()
    admin.update_user(desk.uow(), desk.admin, "luis", active=False)
    with pytest.raises(ValidationError) as caught:
        cases.assign_case(desk.uow(), desk.sofia, case.number, "luis")
    assert caught.value.code == "assignee.not_staff"


# -- resolve_actor -------------------------------------------------------------------


def test_the_terminal_login_resolves_to_its_desk_user(desk):
    assert identity.resolve_actor(desk.uow(), "ana") == desk.ana


def test_an_unknown_login_is_not_a_user_of_the_desk(desk):
    with pytest.raises(NotFound) as caught:
        identity.resolve_actor(desk.uow(), "desconocido")
    assert caught.value.code == "identity.unknown"
    assert caught.value.params == {"login": "desconocido"}


def test_only_admins_act_as_another_user(desk):
    with pytest.raises(PermissionDenied) as caught:
        identity.resolve_actor(desk.uow(), "sofia", as_user="ana")
    assert caught.value.code == "identity.as_not_admin"
    assert identity.resolve_actor(desk.uow(), "admin", as_user="maria") == desk.maria


def test_acting_as_oneself_is_not_acting_as_another(desk):
    assert identity.resolve_actor(desk.uow(), "ana", as_user="ana") == desk.ana


def test_an_admin_acting_as_an_unknown_user_is_told_it_does_not_exist(desk):
    with pytest.raises(NotFound) as caught:
        identity.resolve_actor(desk.uow(), "admin", as_user="nadie")
    assert caught.value.code == "user.not_found"


@pytest.mark.parametrize(
    ("area", "client", "category", "contact"),
    [
        ("área técnica", "ñandú sa", "óptica", "íñigo"),
        ("ÁREA TÉCNICA", "ÑANDÚ SA", "ÓPTICA", "ÍÑIGO"),
    ],
)
def test_names_with_accented_capitals_are_found_in_any_case(desk, area, client, category, contact):
    """SQLite's own lower() folds ASCII only: "Área" and "área" must still be one name."""
    from deskTUI.services.search import search_cases

    admin.add_area(desk.uow(), desk.admin, "Área Técnica", ["Óptica"])
    admin.add_client(desk.uow(), desk.admin, "Ñandú SA", ["Íñigo"])
    case = cases.open_case(
        desk.uow(),
        desk.admin,
        title="Lente rayado",
        client=client,
        category=category,
        description="d",
        fields={"area": area, "contact": contact},
    )
    found = search_cases(desk.uow(), desk.admin, f'area:"{area}" client:"{client}"')
    assert [c.id for c in found.cases] == [case.id]


def test_the_operator_is_the_account_the_process_runs_as_not_what_user_says(monkeypatch):
    """On a shared server anyone can set $USER; the desk asks the system."""
    import os
    import pwd

    from deskTUI.services.identity import os_login

    monkeypatch.setenv("USER", "admin-impostor")
    monkeypatch.setenv("LOGNAME", "admin-impostor")
    assert os_login() == pwd.getpwuid(os.geteuid()).pw_name != "admin-impostor"
