"""``case edit N --contract`` (and ``case new --contract``) take the contract's name as well
as its id, like ``--client``, ``--area`` and ``--contact`` (issue 19). A name that matches
nothing, or several, is one sentence; a client user names only their account's contracts,
another account's answered as one that does not exist. Both engines; each refusal writes
nothing."""

from __future__ import annotations

import pytest

from .conftest import YEAR

BOLSA = f"Bolsa de horas {YEAR}"
"""The shop's contract 1: 40 hours of Acme SA."""


def _contract(shop, name: str, client: str = "Acme SA", unit: str = "hours") -> str:
    return shop.ok(
        "contract", "add", "--client", client, "--unit", unit, "--total", "8",
        "--start", f"{YEAR}-01-01", "--end", f"{YEAR}-12-31", "--name", name,
    ).out.strip()  # fmt: skip


def _contract_of(shop, number: str) -> object:
    return shop.show(number)["contract"]


def test_case_edit_names_the_contract_by_its_name(shop):
    number = shop.open_case()
    assert shop.ok("case", "edit", number, "--contract", BOLSA.upper()).out == (
        f"{number}: changed contract.\n"
    )
    assert _contract_of(shop, number) == 1


def test_case_edit_still_names_the_contract_by_its_id_and_clears_it_with_nothing(shop):
    number = shop.open_case()
    shop.ok("case", "edit", number, "--contract", "1")
    assert _contract_of(shop, number) == 1
    shop.ok("case", "edit", number, "--contract", "")
    assert _contract_of(shop, number) is None


def test_case_new_names_the_contract_by_its_name(shop):
    number = shop.open_case("--contract", BOLSA, as_="maria")
    assert _contract_of(shop, number) == 1


def test_a_name_no_contract_has_is_one_sentence(shop):
    number = shop.open_case()
    shop.refused("case", "edit", number, "--contract", "Nada", says="There is no contract 'Nada'")


def test_a_name_several_contracts_share_lists_them(shop):
    days = _contract(shop, BOLSA, unit="days")
    number = shop.open_case()
    shop.refused(
        "case", "edit", number, "--contract", BOLSA,
        says=f"Several contracts are named '{BOLSA}': "
        f"1 (Acme SA, hours, {YEAR}-01-01 to {YEAR}-12-31), "
        f"{days} (Acme SA, days, {YEAR}-01-01 to {YEAR}-12-31); name one by its id",
    )  # fmt: skip
    shop.ok("case", "edit", number, "--contract", days)
    assert _contract_of(shop, number) == int(days)


@pytest.mark.parametrize("command", ["new", "edit"])
def test_another_accounts_contract_is_for_a_client_user_one_that_does_not_exist(shop, command):
    secret = _contract(shop, "Secreto Globex", client="Globex Ltda")
    number = shop.open_case(as_="maria")

    def refused(ref: str) -> str:
        if command == "new":
            args = [
                "case", "new", "--title", "Otra", "--client", "Acme SA",
                "--category", "Impresoras", "--description", "x",
            ]  # fmt: skip
        else:
            args = ["case", "edit", number]
        result = shop.refused(*args, "--contract", ref, as_="maria")
        assert "Globex" not in result.err.replace(repr(ref), "")
        return result.err

    assert refused("Secreto Globex") == "error: There is no contract 'Secreto Globex'\n"
    assert refused("secreto globex") == "error: There is no contract 'secreto globex'\n"
    assert refused("Nada") == "error: There is no contract 'Nada'\n"
    assert refused(secret) == f"error: There is no contract {secret}\n"
    assert refused("99") == "error: There is no contract 99\n"


@pytest.mark.parametrize(
    ("ref", "says"),
    [
        ("a\x01\x1b[31m", "There is no contract 'a\\x01\\x1b[31m'"),
        ("1e26", "There is no contract '1e26'"),
        (str(2**63), f"The contract must be from 0 to 2147483647, not {2**63}"),
        ("x" * 10_000, f"There is no contract '{'x' * 10_000}'"),
    ],
    ids=["control characters", "1e26", "2^63", "10,000 characters"],
)
@pytest.mark.parametrize("command", ["new", "edit"])
def test_hostile_contract_names_are_one_sentence_and_write_nothing(shop, command, ref, says):
    number = shop.open_case()
    if command == "new":
        args = [
            "case", "new", "--title", "Otra", "--client", "Acme SA",
            "--category", "Impresoras", "--description", "x",
        ]  # fmt: skip
    else:
        args = ["case", "edit", number]
    result = shop.refused(*args, "--contract", ref, says=says)
    assert "\x1b" not in result.err and "\x01" not in result.err
