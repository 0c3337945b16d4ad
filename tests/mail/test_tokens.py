"""Reply addresses that name a case, signed so they cannot be forged; the subject's tag."""

from __future__ import annotations

import pytest

from deskTUI.domain.errors import ValidationError
from deskTUI.mail.tokens import (
    SIGNATURE_CHARS,
    TokenState,
    find_token,
    read_token,
    reply_address,
    signature,
    subject_case,
)

SECRET = b"the desk's secret, 32 bytes long!"


def test_a_reply_address_names_its_case_and_reads_back_as_valid():
    address = reply_address("soporte@example.com", 123, SECRET)
    local, domain = address.split("@")
    assert domain == "example.com"
    assert local.startswith("soporte+CS-000123.")
    assert len(local.rpartition(".")[2]) == SIGNATURE_CHARS
    token = read_token(address, SECRET)
    assert (token.state, token.case_id) == (TokenState.VALID, 123)


def test_a_token_still_reads_when_a_mail_server_changed_its_letter_case():
    address = reply_address("Soporte@Example.com", 7, SECRET)
    assert read_token(address.lower(), SECRET).state is TokenState.VALID
    assert read_token(address.upper(), SECRET).state is TokenState.VALID


def test_a_changed_case_number_or_signature_is_forged_not_absent():
    address = reply_address("soporte@example.com", 123, SECRET)
    other_case = address.replace("CS-000123", "CS-000124")
    assert read_token(other_case, SECRET).state is TokenState.FORGED
    sig = signature(123, SECRET)
    altered = address.replace(sig, ("b" if sig[0] == "a" else "a") + sig[1:])
    assert read_token(altered, SECRET).state is TokenState.FORGED
    assert read_token(address.replace(sig, sig[:-1]), SECRET).state is TokenState.FORGED
    assert read_token(address, b"another desk's secret").state is TokenState.FORGED
    assert read_token("soporte+CS-000000.aaaa@example.com", SECRET).state is TokenState.FORGED


@pytest.mark.parametrize(
    "address",
    [
        "soporte@example.com",
        "juan+facturas@example.com",
        "",
        "not an address",
        "+@",
        "soporte+CS-12@x.com",
    ],
)
def test_an_address_without_a_token_says_none(address):
    assert read_token(address, SECRET).state is TokenState.NONE


def test_the_valid_token_among_the_recipients_wins_over_a_forged_one():
    good = reply_address("soporte@example.com", 5, SECRET)
    forged = good.replace("CS-000005", "CS-000006")
    assert find_token(["juan@x.com", forged, good], SECRET).case_id == 5
    found = find_token(["juan@x.com", forged], SECRET)
    assert (found.state, found.case_id, found.address) == (TokenState.FORGED, 6, forged)
    assert find_token(["juan@x.com"], SECRET).state is TokenState.NONE


def test_a_desk_without_a_secret_makes_no_reply_address():
    with pytest.raises(ValidationError) as refused:
        reply_address("soporte@example.com", 5, b"")
    assert refused.value.code == "mail.no_secret"
    assert (
        read_token(reply_address("soporte@example.com", 5, SECRET), b"").state is TokenState.FORGED
    )


@pytest.mark.parametrize(
    ("subject", "case_id"),
    [
        ("RE: [CS-000123] La impresora no imprime", 123),
        ("Fwd: re: [cs-42] otra cosa [CS-000077]", 42),
        ("[ CS-000009 ]", 9),
        ("[CS-000000] [CS-000011]", 11),
        ("CS-000123 without brackets", None),
        ("[CS-] nothing", None),
        ("", None),
    ],
)
def test_the_subject_tag_gives_the_case_number(subject, case_id):
    assert subject_case(subject) == case_id
