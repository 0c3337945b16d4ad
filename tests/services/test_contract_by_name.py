"""A case's contract named as people name it: by its name (any case, blanks around it
ignored) or by its id, resolved in services/case_refs.py like the client, area and
contact (issue 19). A name that matches nothing, or several, is a sentence; a client user
reaches only their account's contracts, and another account's, by name or by id, is
answered as one that does not exist. Both engines; every refusal changes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from deskTUI.domain.contracts import Contract
from deskTUI.domain.errors import DomainError, NotFound, ValidationError
from deskTUI.i18n import error_text
from deskTUI.services import admin, cases, views

YEAR = {"start": date(2026, 1, 1), "end": date(2026, 12, 31)}


def _contract(desk, name: str, client: str = "Acme SA", unit: str = "hours") -> Contract:
    return admin.add_contract(
        desk.uow(), desk.admin, client=client, unit=unit, total=8, name=name, **YEAR
    )


def _contract_of(desk, number: str) -> int | None:
    return views.case_detail(desk.uow(), desk.admin, number).case.contract_id


def _refusal(call) -> DomainError:
    with pytest.raises(DomainError) as refused:
        call()
    return refused.value


def test_a_supervisor_names_the_cases_contract_by_its_name_in_any_case(desk):
    bolsa = _contract(desk, "Bolsa de horas 2026")
    case = desk.open()
    changed = cases.edit_case(
        desk.uow(), desk.sofia, case.number, {"contract": " bolsa DE horas 2026 "}
    )
    assert changed == ["contract_id"]
    assert _contract_of(desk, case.number) == bolsa.id


def test_the_contracts_id_still_names_it_as_a_number_or_as_digits(desk):
    case = desk.open()
    cases.edit_case(desk.uow(), desk.sofia, case.number, {"contract": desk.incidents.id})
    assert _contract_of(desk, case.number) == desk.incidents.id
    cases.edit_case(desk.uow(), desk.sofia, case.number, {"contract": str(desk.days.id)})
    assert _contract_of(desk, case.number) == desk.days.id
    cases.edit_case(desk.uow(), desk.sofia, case.number, {"contract": ""})
    assert _contract_of(desk, case.number) is None


def test_a_contract_called_by_digits_is_found_by_its_name_when_no_contract_has_that_id(desk):
    called = _contract(desk, "2026")
    case = desk.open()
    cases.edit_case(desk.uow(), desk.sofia, case.number, {"contract": "2026"})
    assert _contract_of(desk, case.number) == called.id


def test_a_case_opens_with_its_contract_named(desk):
    bolsa = _contract(desk, "Bolsa de horas 2026")
    case = desk.open(contract="Bolsa de horas 2026")
    assert _contract_of(desk, case.number) == bolsa.id


def test_a_name_no_contract_has_is_a_sentence_and_changes_nothing(desk, snapshot):
    case = desk.open()
    before = snapshot(case.number)
    error = _refusal(
        lambda: cases.edit_case(desk.uow(), desk.sofia, case.number, {"contract": "Nada"})
    )
    assert isinstance(error, NotFound)
    assert error_text(error) == "There is no contract 'Nada'"
    assert snapshot(case.number) == before


def test_a_name_several_contracts_share_lists_them_to_be_named_by_id(desk, snapshot):
    first = _contract(desk, "Bolsa 2026")
    second = _contract(desk, "bolsa 2026", unit="days")
    case = desk.open()
    before = snapshot(case.number)
    error = _refusal(
        lambda: cases.edit_case(desk.uow(), desk.sofia, case.number, {"contract": "Bolsa 2026"})
    )
    assert isinstance(error, ValidationError)
    assert error_text(error) == (
        "Several contracts are named 'Bolsa 2026': "
        f"{first.id} (Acme SA, hours, 2026-01-01 to 2026-12-31), "
        f"{second.id} (Acme SA, days, 2026-01-01 to 2026-12-31); name one by its id"
    )
    assert snapshot(case.number) == before


def test_a_name_shared_across_clients_is_the_one_of_the_cases_client(desk):
    ours = _contract(desk, "Soporte anual")
    _contract(desk, "Soporte anual", client="Globex Ltda")
    case = desk.open()
    cases.edit_case(desk.uow(), desk.sofia, case.number, {"contract": "Soporte anual"})
    assert _contract_of(desk, case.number) == ours.id


def test_a_client_user_names_their_own_accounts_contract_when_opening_a_case(desk):
    bolsa = _contract(desk, "Bolsa de horas 2026")
    case = desk.open(by=desk.maria, contract="bolsa de horas 2026")
    assert _contract_of(desk, case.number) == bolsa.id


@pytest.mark.parametrize("how", ["open", "edit"])
def test_another_accounts_contract_is_for_a_client_user_a_contract_that_does_not_exist(
    desk, snapshot, how
):
    """By name or by id: the very sentence of a name or id that names nothing, and neither
    the contract's name nor its client in it."""
    secret = _contract(desk, "Secreto Globex", client="Globex Ltda")
    case = desk.open()
    before = snapshot(case.number)

    def refused(ref: object) -> str:
        if how == "open":
            call = lambda: desk.open(by=desk.maria, contract=ref)  # noqa: E731
        else:
            call = lambda: cases.edit_case(  # noqa: E731
                desk.uow(), desk.maria, case.number, {"contract": ref}
            )
        error = _refusal(call)
        assert isinstance(error, NotFound)
        return error_text(error)

    assert refused("Secreto Globex") == "There is no contract 'Secreto Globex'"
    assert refused("Nada") == "There is no contract 'Nada'"
    assert refused(secret.id) == f"There is no contract {secret.id}"
    assert refused(str(secret.id)) == f"There is no contract {secret.id}"
    assert refused(99) == "There is no contract 99"
    assert "Globex" not in refused(secret.id)
    assert snapshot(case.number) == before


@pytest.mark.parametrize(
    ("ref", "says"),
    [
        ("a\x01\x1b[31m", "There is no contract 'a\\x01\\x1b[31m'"),
        ("a\x00b", "There is no contract 'a\\x00b'"),
        ("1e26", "There is no contract '1e26'"),
        (str(2**63), f"The contract must be from 0 to 2147483647, not {2**63}"),
        (2**63, f"The contract must be from 0 to 2147483647, not {2**63}"),
        ("x" * 10_000, f"There is no contract '{'x' * 10_000}'"),
    ],
    ids=["control characters", "NUL", "1e26", "2^63 typed", "2^63", "10,000 characters"],
)
def test_hostile_contract_names_are_a_sentence_and_change_nothing(desk, snapshot, ref, says):
    case = desk.open()
    before = snapshot(case.number)
    error = _refusal(
        lambda: cases.edit_case(desk.uow(), desk.sofia, case.number, {"contract": ref})
    )
    assert error_text(error) == says
    assert snapshot(case.number) == before
