"""Input limits (domain/limits.py) and the text no person means to send (values.clean_text)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from deskTUI.domain.comments import Comment
from deskTUI.domain.enums import Status, Visibility
from deskTUI.domain.errors import ValidationError
from deskTUI.domain.limits import (
    CEILINGS,
    DEFAULT_LIMITS,
    KIB,
    MIB,
    Limits,
    limits_from_settings,
    parse_limit,
)
from deskTUI.domain.values import clean_text

from .conftest import PEOPLE, T0, at, make_case

# -- the defaults ----------------------------------------------------------------------------


def test_the_defaults_are_200_characters_of_title_and_64_kib_of_description_and_comment() -> None:
    assert (
        DEFAULT_LIMITS.title_chars,
        DEFAULT_LIMITS.description_bytes,
        DEFAULT_LIMITS.comment_bytes,
    ) == (200, 64 * KIB, 64 * KIB)


def test_a_title_of_a_million_characters_is_refused_with_its_size_and_the_limit() -> None:
    with pytest.raises(ValidationError) as refused:
        DEFAULT_LIMITS.check_title("x" * 1_000_000)
    assert refused.value.code == "text.too_long"
    assert str(refused.value) == ("The title is 1,000,000 characters long; at most 200 are allowed")
    assert refused.value.field == "title" or refused.value.field is None


def test_a_description_is_measured_in_bytes_of_utf8_not_in_characters() -> None:
    fits = "ñ" * (32 * KIB)  # 2 bytes each: exactly 64 KiB
    DEFAULT_LIMITS.check_description(fits)
    with pytest.raises(ValidationError) as refused:
        DEFAULT_LIMITS.check_description(fits + "ñ")
    assert refused.value.code == "text.too_large"
    assert str(refused.value) == (
        "The description is 65,538 bytes (64.0 KiB) of text; "
        "at most 65,536 bytes (64.0 KiB) are allowed"
    )


def test_a_comment_past_its_limit_is_refused_with_a_sentence_naming_the_comment() -> None:
    with pytest.raises(ValidationError) as refused:
        DEFAULT_LIMITS.check_comment("a" * (2 * MIB))
    assert str(refused.value) == (
        "The comment is 2,097,152 bytes (2.0 MiB) of text; "
        "at most 65,536 bytes (64.0 KiB) are allowed"
    )


def test_surrounding_blanks_do_not_count_against_a_limit() -> None:
    DEFAULT_LIMITS.check_title("  " + "x" * 200 + "\n\n")


def test_check_case_names_the_field_for_the_form_to_show_the_refusal_there() -> None:
    with pytest.raises(ValidationError) as refused:
        DEFAULT_LIMITS.check_case({"title": "ok", "description": "d" * (64 * KIB + 1)})
    assert refused.value.field == "description"


# -- an admin's settings ---------------------------------------------------------------------


def test_limits_come_from_settings_with_the_defaults_for_the_rest() -> None:
    limits = limits_from_settings({"limits.title_chars": "80", "sla.low.resolution": "60"})
    assert limits == replace(DEFAULT_LIMITS, title_chars=80)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("200", 200), ("65_536", 65536), ("64KiB", 64 * KIB), ("1 MiB", MIB), ("128k", 128 * KIB)],
)
def test_a_limit_is_typed_as_a_whole_number_or_with_a_kib_or_mib_suffix(
    typed: str, expected: int
) -> None:
    assert parse_limit("description_bytes", typed) == expected


@pytest.mark.parametrize("typed", ["", "ten", "1.5", "-3", "٣"])
def test_a_limit_that_is_not_a_whole_number_is_refused_with_a_sentence(typed: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_limit("title_chars", typed)
    assert refused.value.code == "limits.number"
    assert "must be a whole number" in str(refused.value)


def test_an_unknown_limit_is_refused_naming_the_limits_there_are() -> None:
    with pytest.raises(ValidationError) as refused:
        parse_limit("attachment_bytes", "10")
    assert str(refused.value) == (
        "'attachment_bytes' is not a limit: the limits are title_chars, description_bytes, "
        "comment_bytes"
    )


@pytest.mark.parametrize("value", [0, -1])
def test_a_limit_below_one_is_refused(value: int) -> None:
    with pytest.raises(ValidationError) as refused:
        Limits(title_chars=value)
    assert refused.value.code == "limits.positive"


def test_a_limit_past_its_ceiling_is_refused_with_the_ceiling() -> None:
    with pytest.raises(ValidationError) as refused:
        Limits(description_bytes=CEILINGS.description_bytes + 1)
    assert str(refused.value) == (
        "The limit description_bytes can be at most 1,048,576, not 1,048,577"
    )


# -- the case and its comments ----------------------------------------------------------------


def test_editing_a_title_past_the_desks_limit_is_refused_and_changes_nothing() -> None:
    case = make_case(Status.IN_PROGRESS)
    with pytest.raises(ValidationError) as refused:
        case.edit(PEOPLE.supervisor, {"title": "x" * 81}, at(hours=1), Limits(title_chars=80))
    assert str(refused.value) == "The title is 81 characters long; at most 80 are allowed"
    assert refused.value.field == "title"
    assert case.pending_log == []


def test_a_title_may_be_as_long_as_the_limit_allows_up_to_the_columns_width() -> None:
    case = make_case(Status.IN_PROGRESS)
    case.edit(PEOPLE.supervisor, {"title": "x" * 200}, at(hours=1), Limits(title_chars=200))
    assert len(case.title) == 200


def test_a_title_stored_under_a_larger_limit_does_not_block_editing_other_fields() -> None:
    case = make_case(Status.IN_PROGRESS)
    case.edit(PEOPLE.supervisor, {"title": "x" * 150}, at(hours=1), DEFAULT_LIMITS)
    changed = case.edit(
        PEOPLE.supervisor, {"title": "x" * 150, "level": 3}, at(hours=2), Limits(title_chars=80)
    )
    assert changed == ["level"]


def test_a_case_stored_with_a_title_past_todays_limit_still_loads() -> None:
    case = make_case(Status.NEW, title="x" * 190)
    assert len(case.title) == 190


def test_no_case_holds_a_title_past_the_ceiling_whatever_the_settings() -> None:
    with pytest.raises(ValidationError) as refused:
        make_case(Status.NEW, title="x" * (CEILINGS.title_chars + 1))
    assert refused.value.code == "text.too_long"


def test_no_comment_holds_more_than_the_ceiling_of_bytes() -> None:
    with pytest.raises(ValidationError) as refused:
        Comment(42, 2, "é" * (CEILINGS.comment_bytes // 2 + 1), Visibility.PUBLIC, T0)
    assert refused.value.code == "text.too_large"


# -- NUL and text that is not UTF-8 -------------------------------------------------------------


def test_a_nul_character_is_refused_saying_where_it_is() -> None:
    with pytest.raises(ValidationError) as refused:
        clean_text("abc\x00def", "title")
    assert str(refused.value) == (
        "The title contains a NUL character (at character 4), which is not allowed"
    )


def test_bytes_that_were_not_utf8_are_refused_naming_the_first_byte() -> None:
    typed = b"caf\xe9 con leche".decode("utf-8", "surrogateescape")  # Latin-1 from a shell
    with pytest.raises(ValidationError) as refused:
        clean_text(typed, "description")
    assert refused.value.code == "text.not_utf8"
    assert str(refused.value) == (
        "The description is not UTF-8 text (the byte 0xe9 at character 4); save or type it as UTF-8"
    )


def test_a_lone_surrogate_that_is_no_byte_is_refused_too() -> None:
    with pytest.raises(ValidationError) as refused:
        clean_text("a\ud800b", "comment")
    assert "the lone surrogate U+D800 at character 2" in str(refused.value)


def test_a_case_title_of_invalid_utf8_is_refused_by_the_case_itself() -> None:
    case = make_case(Status.IN_PROGRESS)
    with pytest.raises(ValidationError) as refused:
        case.edit(PEOPLE.supervisor, {"title": "bad \udcff"}, at(hours=1))
    assert refused.value.code == "text.not_utf8"
    assert refused.value.field == "title"


def test_escape_sequences_and_bidi_controls_are_kept_as_data_for_the_display_to_neutralise() -> (
    None
):
    text = "\x1b[2J \u202e \x9b"
    assert clean_text(text, "title") == text.strip()
