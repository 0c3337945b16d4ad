"""The input limits an admin sets (services/limits.py) hold wherever people send text."""

from __future__ import annotations

import pytest

from deskTUI.domain.errors import PermissionDenied, ValidationError
from deskTUI.services import cases, limits, views


def test_the_desk_starts_with_the_default_limits(desk):
    current = limits.get_limits(desk.uow())
    assert (current.title_chars, current.description_bytes, current.comment_bytes) == (
        200,
        65536,
        65536,
    )


def test_opening_a_case_with_a_million_character_title_is_refused_and_stores_nothing(desk):
    first = desk.open()
    with pytest.raises(ValidationError) as refused:
        desk.open(title="A" * 1_000_000)
    assert str(refused.value) == "The title is 1,000,000 characters long; at most 200 are allowed"
    assert refused.value.field == "title"
    assert desk.open().id == first.id + 1  # the refused case stored nothing, took no number


def test_an_admin_lowers_the_title_limit_and_new_titles_must_fit_it(desk):
    limits.set_limit(desk.uow(), desk.admin, "title_chars", "40")
    desk.open(title="x" * 40)
    with pytest.raises(ValidationError) as refused:
        desk.open(title="x" * 41)
    assert str(refused.value) == "The title is 41 characters long; at most 40 are allowed"


def test_an_admin_raises_the_description_limit_and_a_larger_description_is_accepted(desk):
    big = "d" * (100 * 1024)
    with pytest.raises(ValidationError):
        desk.open(description=big)
    limits.set_limit(desk.uow(), desk.admin, "description_bytes", "128KiB")
    case = desk.open(description=big)
    assert len(case.description) == 100 * 1024


def test_an_edit_past_the_limit_is_refused_with_the_field_named(desk):
    case = desk.open()
    limits.set_limit(desk.uow(), desk.admin, "description_bytes", "1000")
    with pytest.raises(ValidationError) as refused:
        cases.edit_case(desk.uow(), desk.sofia, case.number, {"description": "é" * 501})
    assert refused.value.field == "description"
    assert str(refused.value) == (
        "The description is 1,002 bytes of text; at most 1,000 bytes are allowed"
    )


def test_a_case_whose_text_predates_a_lowered_limit_can_still_be_edited_elsewhere(desk):
    case = desk.open(title="t" * 150)
    limits.set_limit(desk.uow(), desk.admin, "title_chars", "100")
    changed = cases.edit_case(desk.uow(), desk.sofia, case.number, {"level": 4})
    assert changed == ["level"]


def test_a_comment_past_the_limit_is_refused_and_the_case_keeps_no_comment(desk):
    case = desk.open()
    limits.set_limit(desk.uow(), desk.admin, "comment_bytes", "10")
    with pytest.raises(ValidationError) as refused:
        cases.comment_case(desk.uow(), desk.sofia, case.number, "once bytes!")
    assert str(refused.value) == "The comment is 11 bytes of text; at most 10 bytes are allowed"
    assert views.case_detail(desk.uow(), desk.sofia, case.number).comments == []


def test_only_an_admin_changes_the_limits(desk):
    with pytest.raises(PermissionDenied):
        limits.set_limit(desk.uow(), desk.sofia, "title_chars", "100")
    assert limits.get_limits(desk.uow()).title_chars == 200


def test_a_limit_past_its_ceiling_is_refused_and_not_stored(desk):
    with pytest.raises(ValidationError) as refused:
        limits.set_limit(desk.uow(), desk.admin, "title_chars", "201")
    assert str(refused.value) == "The limit title_chars can be at most 200, not 201"
    assert limits.get_limits(desk.uow()).title_chars == 200


@pytest.mark.parametrize(
    ("field", "text", "code"),
    [
        ("title", "abc\x00def", "text.nul"),
        ("description", "abc\x00def", "text.nul"),
        ("title", b"caf\xe9".decode("utf-8", "surrogateescape"), "text.not_utf8"),
        ("description", b"\xff\xfe".decode("utf-8", "surrogateescape"), "text.not_utf8"),
    ],
    ids=["nul-title", "nul-description", "latin1-title", "bad-bytes-description"],
)
def test_nul_and_text_that_is_not_utf8_are_refused_before_the_database_sees_them(
    desk, field, text, code
):
    with pytest.raises(ValidationError) as refused:
        desk.open(**{field: text})
    assert refused.value.code == code


def test_a_comment_of_bytes_that_are_not_utf8_is_refused_with_a_sentence(desk):
    case = desk.open()
    with pytest.raises(ValidationError) as refused:
        cases.comment_case(
            desk.uow(), desk.sofia, case.number, b"\xe9t\xe9".decode("utf-8", "surrogateescape")
        )
    assert str(refused.value) == (
        "The comment is not UTF-8 text (the byte 0xe9 at character 1); save or type it as UTF-8"
    )
