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
