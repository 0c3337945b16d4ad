"""The one sanitizer for data that reaches a terminal (safe_text.py).

The unsafe set is written out here, not read from ``deskTUI.safe_text``: a
character dropped from the module's set must break a test.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deskTUI.safe_text import FORMULA_STARTS, from_spreadsheet, safe, safe_json, to_spreadsheet

C0_KEPT = "\t\n"
C0_ESCAPED = [chr(c) for c in range(0x20) if chr(c) not in C0_KEPT]
DEL = "\x7f"
C1 = [chr(c) for c in range(0x80, 0xA0)]
BIDI_AND_ZERO_WIDTH = [
    "\u061c",  # ARABIC LETTER MARK
    "\u200b",  # ZERO WIDTH SPACE
    "\u200c",  # ZERO WIDTH NON-JOINER
    "\u200d",  # ZERO WIDTH JOINER
    "\u200e",  # LEFT-TO-RIGHT MARK
    "\u200f",  # RIGHT-TO-LEFT MARK
    "\u202a",  # LEFT-TO-RIGHT EMBEDDING
    "\u202b",  # RIGHT-TO-LEFT EMBEDDING
    "\u202c",  # POP DIRECTIONAL FORMATTING
    "\u202d",  # LEFT-TO-RIGHT OVERRIDE
    "\u202e",  # RIGHT-TO-LEFT OVERRIDE
    "\u2060",  # WORD JOINER
    "\u2066",  # LEFT-TO-RIGHT ISOLATE
    "\u2067",  # RIGHT-TO-LEFT ISOLATE
    "\u2068",  # FIRST STRONG ISOLATE
    "\u2069",  # POP DIRECTIONAL ISOLATE
    "\ufeff",  # ZERO WIDTH NO-BREAK SPACE (byte order mark)
]
INVISIBLE_OTHERS = [
    "\u00ad",  # SOFT HYPHEN
    "\u180e",  # MONGOLIAN VOWEL SEPARATOR
    "\u2028",  # LINE SEPARATOR: str.splitlines() breaks on it
    "\u2029",  # PARAGRAPH SEPARATOR
    *(chr(c) for c in range(0x2061, 0x2065)),  # invisible operators
    *(chr(c) for c in range(0x206A, 0x2070)),  # deprecated format characters
    *(chr(c) for c in range(0xE0000, 0xE0080)),  # tag characters
    *(chr(c) for c in range(0xD800, 0xE000)),  # lone surrogates (surrogateescape names)
]
UNSAFE = frozenset([*C0_ESCAPED, DEL, *C1, *BIDI_AND_ZERO_WIDTH, *INVISIBLE_OTHERS])
UNSAFE_ONE_LINE = UNSAFE | set(C0_KEPT)


# --- what is escaped --------------------------------------------------------------------------


def test_an_escape_sequence_is_shown_instead_of_obeyed() -> None:
    assert safe("\x1b[31mrojo\x1b[0m") == "\\x1b[31mrojo\\x1b[0m"


def test_a_terminal_title_sequence_is_shown_instead_of_obeyed() -> None:
    assert safe("\x1b]0;pwned\x07") == "\\x1b]0;pwned\\x07"


@pytest.mark.parametrize("char", C0_ESCAPED, ids=lambda c: f"{ord(c):#04x}")
def test_every_c0_control_but_newline_and_tab_becomes_a_two_digit_hex_escape(char: str) -> None:
    assert safe(f"a{char}b") == f"a\\x{ord(char):02x}b"


def test_a_carriage_return_is_escaped_even_where_newlines_are_kept() -> None:
    assert safe("línea uno\r\nlínea dos") == "línea uno\\x0d\nlínea dos"


def test_nul_is_escaped() -> None:
    assert safe("\x00") == "\\x00"


def test_del_is_escaped() -> None:
    assert safe("borrar\x7f") == "borrar\\x7f"


@pytest.mark.parametrize("char", C1, ids=lambda c: f"{ord(c):#04x}")
def test_every_c1_control_becomes_a_two_digit_hex_escape(char: str) -> None:
    assert safe(f"a{char}b") == f"a\\x{ord(char):02x}b"


def test_the_single_byte_csi_is_escaped() -> None:
    assert safe("\x9b31m") == "\\x9b31m"


@pytest.mark.parametrize("char", BIDI_AND_ZERO_WIDTH, ids=lambda c: f"U+{ord(c):04X}")
def test_every_bidi_and_zero_width_character_becomes_a_code_point_escape(char: str) -> None:
    assert safe(f"a{char}b") == f"a<U+{ord(char):04X}>b"


def test_a_right_to_left_override_cannot_reverse_a_file_name() -> None:
    assert safe("factura\u202efdp.exe") == "factura<U+202E>fdp.exe"


def test_a_zero_width_joiner_is_escaped_even_inside_an_emoji_sequence() -> None:
    assert safe("👨\u200d👩\u200d👧") == "👨<U+200D>👩<U+200D>👧"


def test_several_unsafe_characters_in_a_row_are_each_escaped() -> None:
    assert safe("\x1b\x1b\u202e\x00") == "\\x1b\\x1b<U+202E>\\x00"


# --- newline and tab --------------------------------------------------------------------------


def test_newline_and_tab_are_kept_by_default() -> None:
    assert safe("uno\ndos\tTres") == "uno\ndos\tTres"


def test_newline_and_tab_are_escaped_on_one_line() -> None:
    assert safe("uno\ndos\tTres", one_line=True) == "uno\\x0ados\\x09Tres"


def test_one_line_still_escapes_everything_else() -> None:
    assert safe("\x1b[2J\u202e\x7f\x85", one_line=True) == "\\x1b[2J<U+202E>\\x7f\\x85"


def test_one_line_is_given_by_name_only() -> None:
    with pytest.raises(TypeError):
        safe("a\nb", True)  # type: ignore[misc]


# --- what is left alone -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "La impresora de Peñalolén no imprime: ¿qué pasó? ¡Urgente!",
        "áéíóú ÁÉÍÓÚ üÜ ñÑ ç « » — … ° º ª €",
        "Año 2026, señora Muñoz, cañería del baño",
        "🖨️ 🔥 👍🏽 ✅",
        "打印机坏了",
        "プリンターが動かない",
        "프린터가 고장났어요",
        "مرحبا",
        "שלום",
        "ÿ\u00a0",
        "ruta C:\\Users\\ana\\x1b.txt",
        "",
    ],
)
def test_ordinary_text_is_unchanged_on_one_or_many_lines(text: str) -> None:
    assert safe(text) == text
    assert safe(text, one_line=True) == text


def test_the_first_character_after_the_c1_block_is_kept() -> None:
    assert safe("\x9f\xa0") == "\\x9f\xa0"


@pytest.mark.parametrize("one_line", [False, True])
def test_none_becomes_the_empty_string(one_line: bool) -> None:
    assert safe(None, one_line=one_line) == ""


def test_a_value_that_is_not_text_is_shown_as_its_string() -> None:
    assert safe(42) == "42"
    assert safe(1.5) == "1.5"


# --- properties -------------------------------------------------------------------------------

TEXT = st.text(alphabet=st.one_of(st.characters(), st.sampled_from(sorted(UNSAFE_ONE_LINE))))


@given(TEXT, st.booleans())
def test_no_unsafe_character_survives_and_safe_is_idempotent(text: str, one_line: bool) -> None:
    result = safe(text, one_line=one_line)
    unsafe = UNSAFE_ONE_LINE if one_line else UNSAFE
    assert not unsafe.intersection(result)
    assert safe(result, one_line=one_line) == result


@given(st.text(alphabet=st.characters().filter(lambda c: c not in UNSAFE_ONE_LINE)))
def test_text_without_unsafe_characters_is_returned_as_it_is(text: str) -> None:
    assert safe(text) == text
    assert safe(text, one_line=True) == text


@given(TEXT)
def test_the_default_keeps_exactly_the_newlines_and_tabs_of_the_input(text: str) -> None:
    result = safe(text)
    assert result.count("\n") == text.count("\n")
    assert result.count("\t") == text.count("\t")


@pytest.mark.parametrize("char", ["\u00ad", "\u2028", "\u2029", "\U000e0041", "\udcff", "\u2062"])
def test_invisible_separators_tags_and_lone_surrogates_are_shown_as_escapes(char: str) -> None:
    result = safe(f"a{char}b", one_line=True)
    assert char not in result
    assert result.startswith("a") and result.endswith("b") and len(result) > 3


# --- JSON documents ---------------------------------------------------------------------------


def test_a_json_document_writes_the_single_byte_csi_and_a_bidi_override_as_u_escapes() -> None:
    document = json.dumps({"title": "a\x9b2Jb\u202ec"}, ensure_ascii=False)
    assert safe_json(document) == '{"title": "a\\u009b2Jb\\u202ec"}'


def test_a_json_document_writes_a_character_beyond_the_bmp_as_a_surrogate_pair() -> None:
    assert safe_json(json.dumps("\U000e0041", ensure_ascii=False)) == '"\\udb40\\udc41"'


def test_a_json_documents_own_newlines_and_indentation_are_kept() -> None:
    document = json.dumps({"a": ["ñ", "b"]}, ensure_ascii=False, indent=2)
    assert safe_json(document) == document


@given(st.recursive(TEXT, lambda inner: st.lists(inner) | st.dictionaries(TEXT, inner)))
def test_a_json_document_keeps_its_data_and_loses_every_unsafe_character(value: object) -> None:
    result = safe_json(json.dumps(value, ensure_ascii=False, indent=2))
    assert not (UNSAFE - {"\n", "\t"}).intersection(result)
    assert json.loads(result) == value


SPREADSHEET_STARTS = st.text(alphabet="'=+-@\t\r a", max_size=4)
"""Quotes, every formula start, a blank and a letter: the prefixes that decide a cell."""


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ('=HYPERLINK("http://x.example","clic")', '\'=HYPERLINK("http://x.example","clic")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcon tabulador", "'\tcon tabulador"),
        ("\rcon retorno", "'\rcon retorno"),
        ("'=ya citado", "''=ya citado"),
        ("'tis the season", "'tis the season"),
        ("'", "'"),
        ("", ""),
        ("normal", "normal"),
    ],
)
def test_a_cell_that_starts_like_a_formula_gets_one_quote_and_loses_it_on_the_way_back(
    text: str, cell: str
) -> None:
    assert to_spreadsheet(text) == cell
    assert from_spreadsheet(cell) == text


@given(SPREADSHEET_STARTS, TEXT)
def test_every_text_comes_back_exactly_from_its_spreadsheet_cell(start: str, rest: str) -> None:
    text = start + rest
    cell = to_spreadsheet(text)
    assert not cell.startswith(FORMULA_STARTS)
    assert from_spreadsheet(cell) == text
    assert to_spreadsheet(from_spreadsheet(cell)) == cell
