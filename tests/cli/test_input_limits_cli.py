"""``desktui limits`` and what the command line does with text no terminal should obey."""

from __future__ import annotations

import json

import pytest

CASE = ("--title", "T", "--description", "d")
"""A new case's title and description; its client and category come with each test."""


def test_limits_shows_the_defaults_to_anyone(shop):
    assert shop.ok("limits", as_="ana").out == (
        "title: at most 200 characters\n"
        "description: at most 65,536 bytes\n"
        "comment: at most 65,536 bytes\n"
    )


def test_an_admin_sets_limits_with_sizes_as_people_write_them(shop):
    assert shop.json("limits", "--title-chars", "120", "--description-bytes", "128KiB") == {
        "title_chars": 120,
        "description_bytes": 131072,
        "comment_bytes": 65536,
    }
    shop.refused(
        "case", "new", "--title", "x" * 121, "--client", "Acme SA", "--category", "Impresoras",
        "--description", "d",
        says="The title is 121 characters long; at most 120 are allowed",
    )  # fmt: skip


def test_a_supervisor_cannot_change_the_limits(shop):
    shop.refused("limits", "--title-chars", "900", as_="sofia", contains="sofia")


def test_a_limit_that_is_not_a_number_is_refused_with_a_sentence(shop):
    shop.refused(
        "limits",
        "--comment-bytes",
        "lots",
        says="The limit comment_bytes must be a whole number (like 200, 65536 or 64KiB), "
        "not 'lots'",
    )


def test_a_million_character_title_from_the_shell_is_refused_with_a_sentence(shop):
    shop.refused(
        "case", "new", "--title", "T" * 1_000_000, "--client", "Acme SA", "--category",
        "Impresoras", "--description", "d",
        says="The title is 1,000,000 characters long; at most 200 are allowed",
    )  # fmt: skip


def test_an_argument_of_bytes_that_are_not_utf8_is_refused_with_a_sentence_not_a_traceback(shop):
    latin1 = b"Cami\xf3n averiado".decode("utf-8", "surrogateescape")  # as Python reads argv
    result = shop.refused(
        "case", "new", "--title", latin1, "--client", "Acme SA", "--category", "Impresoras",
        "--description", "d",
        says="The title is not UTF-8 text (the byte 0xf3 at character 5); save or type it as UTF-8",
    )  # fmt: skip
    assert "\udcf3" not in result.err


def test_a_comment_with_a_nul_from_the_shell_is_refused(shop):
    number = shop.open_case()
    shop.refused(
        "case", "comment", number, "antes\x00después",
        says="The comment contains a NUL character (at character 6), which is not allowed",
    )  # fmt: skip


def test_json_output_escapes_c1_controls_and_bidi_overrides_but_keeps_the_data(shop):
    title = "pago\x9b2J\u202etxt.exe\x7f\U000e0041"
    number = shop.open_case(title=title)
    result = shop.ok("case", "show", number, "--json")
    for char in ("\x9b", "\u202e", "\x7f", "\U000e0041", "\x1b"):
        assert char not in result.out
    assert "\\u009b" in result.out and "\\udb40\\udc41" in result.out
    assert json.loads(result.out)["title"] == title


def test_a_usage_error_quotes_what_was_typed_only_after_the_sanitizer(shop):
    result = shop.usage_error("case", "list", "\x1b]0;pwned\x07", contains="\\x1b]0;pwned\\x07")
    assert "\x1b" not in result.err and "\x07" not in result.err


NUL = "a\x00b"


@pytest.mark.parametrize(
    ("args", "login", "says"),
    [
        (("case", "list"), NUL, "There is no user 'a\\x00b' on this desk"),
        (("case", "assign", "CS-000001", NUL), "sofia", "There is no user 'a\\x00b' on this desk"),
        (("user", "set", NUL, "--active"), None, "There is no user 'a\\x00b' on this desk"),
        (("agenda", "--owner", NUL), None, "There is no user 'a\\x00b' on this desk"),
        (("area", "category", NUL, "Redes"), None, "There is no area 'a\\x00b'"),
        (("contract", "list", "--client", NUL), None, "There is no client 'a\\x00b'"),
        (
            ("case", "new", *CASE, "--client", NUL, "--category", "Redes"),
            None,
            "There is no client 'a\\x00b'",
        ),
        (
            ("case", "new", *CASE, "--client", "Acme SA", "--category", NUL),
            None,
            "There is no category 'a\\x00b'",
        ),
        (
            ("case", "new", *CASE, "--client", "Acme SA", "--category", "Redes", "--contact", NUL),
            None,
            "The client has no contact named 'a\\x00b'",
        ),
    ],
    ids=["as", "assignee", "user", "owner", "area", "client", "new case's client", "category",
         "contact"],
)  # fmt: skip
def test_a_name_with_a_nul_is_looked_up_like_any_other_unknown_name(shop, args, login, says):
    """No stored name holds a NUL (every write refuses one), and PostgreSQL refuses a NUL even
    in a comparison: the lookup says "no such" on both engines, never a driver's traceback."""
    shop.open_case()
    shop.refused(*args, as_=login, says=says)


def test_an_import_naming_a_client_with_a_nul_says_there_is_none(shop, tmp_path):
    csv = tmp_path / "casos.csv"
    csv.write_text(
        "title,client,category,description\nT,Acme\x00SA,Impresoras,d\n",
        encoding="utf-8",
    )
    shop.refused(
        "import",
        "cases",
        str(csv),
        says="Line 2: There is no client 'Acme\\x00SA'; nothing was imported",
    )


PAST = "2147483648"
"""One past the largest row id and whole number every engine stores (PostgreSQL's integer)."""
TOO_BIG = f"The contract must be from 0 to 2147483647, not {PAST}"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("contract", "show", PAST), f"There is no contract {PAST}"),
        (("time", "edit", PAST, "--duration", "1h"), f"There is no time entry {PAST}"),
        (("time", "delete", PAST), f"There is no time entry {PAST}"),
        (("event", "set", PAST, "held"), f"There is no event {PAST}"),
        (("task", "set", PAST, "completed"), f"There is no task {PAST}"),
        (("file", "open", PAST, "--print"), f"There is no file {PAST}"),
        (("file", "review", PAST, "valid"), f"There is no file {PAST}"),
        (("case", "show", PAST), f"There is no case CS-{PAST}"),
        (("case", "edit", "CS-000001", "--contract", PAST), TOO_BIG),
        (
            ("case", "new", *CASE, "--client", "Acme SA", "--category", "Redes", "--contract", PAST),
            TOO_BIG,
        ),
    ],
    ids=["contract", "time edit", "time delete", "event", "task", "file open", "file review",
         "case", "case's contract", "new case's contract"],
)  # fmt: skip
def test_an_id_past_the_largest_a_desk_holds_is_not_found_like_any_other(shop, args, says):
    """PostgreSQL refuses to compare an integer column with a larger number (a driver
    error); no row has such an id on either engine, so the lookup says "no such"."""
    shop.open_case()
    shop.refused(*args, says=says)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (
            ("case", "edit", "CS-000001", "--estimate", "99999999999h"),
            "'99999999999h' is longer than a desk can store: at most 35791394h07m",
        ),
        (
            ("case", "quote", "CS-000001", "--price", "10", "--currency", "USD", "--hours",
             "99999999999"),
            "'99999999999' is longer than a desk can store: at most 35791394h07m",
        ),
    ],
    ids=["estimate", "quote"],
)  # fmt: skip
def test_a_duration_longer_than_a_desk_can_store_is_refused_with_a_sentence(shop, args, says):
    shop.open_case("--billable")
    shop.refused(*args, says=says)


@pytest.mark.parametrize(
    ("column", "value", "says"),
    [
        ("number", f"CS-{PAST}", f"CS-{PAST} is past the last case number a desk can hold, CS-2147483647"),
        ("estimate_minutes", PAST, f"The estimate must be from 0 to 2147483647, not {PAST}"),
    ],
    ids=["number", "estimate"],
)  # fmt: skip
def test_an_import_of_a_number_larger_than_a_desk_can_store_is_refused_by_its_line(
    shop, tmp_path, column, value, says
):
    csv = tmp_path / "casos.csv"
    csv.write_text(
        f"title,client,category,description,{column}\nT,Acme SA,Impresoras,d,{value}\n",
        encoding="utf-8",
    )
    shop.refused("import", "cases", str(csv), says=f"Line 2: {says}; nothing was imported")
