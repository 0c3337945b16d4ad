"""Choosing the language one reads the desk in (issue 20): anyone their own, a client
too; an admin anyone's; nobody else another's; a wrong code changes nothing."""

from __future__ import annotations

import pytest

from deskTUI.domain.errors import PermissionDenied, ValidationError
from deskTUI.services import admin


def language_of(desk, login: str) -> str | None:
    with desk.uow() as uow:
        return uow.users.by_login(login).language


@pytest.mark.parametrize("who", ["ana", "sofia", "maria", "admin"])
def test_anyone_chooses_their_own_language_and_auto_gives_it_back_to_their_session(desk, who):
    person = getattr(desk, who)
    assert admin.set_language(desk.uow(), person, who, "es").language == "es"
    assert language_of(desk, who) == "es"
    admin.set_language(desk.uow(), person, who, "EN")
    assert language_of(desk, who) == "en"
    assert admin.set_language(desk.uow(), person, who, "auto").language is None
    assert language_of(desk, who) is None


def test_an_admin_chooses_anyones_language(desk):
    admin.set_language(desk.uow(), desk.admin, "luis", "es")
    admin.update_user(desk.uow(), desk.admin, "maria", language="en")
    assert (language_of(desk, "luis"), language_of(desk, "maria")) == ("es", "en")
    admin.update_user(desk.uow(), desk.admin, "maria", name="María P.")  # language kept
    assert language_of(desk, "maria") == "en"


@pytest.mark.parametrize(("who", "whose"), [("ana", "luis"), ("maria", "jorge"), ("sofia", "ana")])
def test_nobody_but_an_admin_chooses_another_persons_language(desk, who, whose):
    with pytest.raises(PermissionDenied, match="may not manage users"):
        admin.set_language(desk.uow(), getattr(desk, who), whose, "es")
    assert language_of(desk, whose) is None
    with pytest.raises(PermissionDenied):  # nor through the admin's own command
        admin.update_user(desk.uow(), getattr(desk, who), whose, language="es")


def test_a_login_that_is_no_one_gets_the_same_refusal_as_anothers_so_it_names_no_account(desk):
    with pytest.raises(PermissionDenied) as nobody:
        admin.set_language(desk.uow(), desk.ana, "nadie", "es")
    with pytest.raises(PermissionDenied) as someone:
        admin.set_language(desk.uow(), desk.ana, "luis", "es")
    assert str(nobody.value) == str(someone.value)


@pytest.mark.parametrize("typed", ["fr", "español", "es-419x", "en;es"])
def test_a_language_the_desk_does_not_speak_is_refused_and_nothing_changes(desk, typed):
    admin.set_language(desk.uow(), desk.ana, "ana", "es")
    with pytest.raises(ValidationError, match=r"write es \(Spanish\), en \(English\) or auto"):
        admin.set_language(desk.uow(), desk.ana, "ana", typed)
    with pytest.raises(ValidationError):
        admin.update_user(desk.uow(), desk.admin, "ana", language=typed)
    assert language_of(desk, "ana") == "es"


def test_an_inactive_person_cannot_choose_any_more(desk):
    admin.update_user(desk.uow(), desk.admin, "luis", active=False)
    with pytest.raises(PermissionDenied):
        admin.set_language(desk.uow(), desk.luis, "luis", "es")
    assert language_of(desk, "luis") is None
