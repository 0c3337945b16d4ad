"""The Spanish catalogue is whole, current and safe to format (issue 20).

One Babel extraction of the package (``scripts/catalogue.py extract``, what ``update``
writes) is shared by the module: the committed template must list exactly what the code
asks for, the Spanish ``.po`` must translate every one of those messages (each plural
form too), the committed ``.mo`` must be the compile of that ``.po``, and no translation
may name a placeholder or a Rich markup tag its English does not (a renamed ``{case}``
is a KeyError in front of an operator; a stray ``[b]`` styles the rest of a line). Then
what ships: a wheel carries the compiled catalogue, and ``desktui --help`` speaks Spanish
under ``DESKTUI_LANG=es`` (argparse's own words included: "uso:", "opciones").
"""

from __future__ import annotations

import re
import shutil
import string
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from rich.markup import RE_TAGS

from deskTUI.cli import main

from .catalogue_script import catalogue_script

ROOT = Path(__file__).resolve().parents[1]
SPANISH = "es"


catalogue = catalogue_script()


@pytest.fixture(scope="module")
def extracted() -> Catalog:
    """What the code asks for now: one extraction (about a second) for every test here."""
    return catalogue.extract()


@pytest.fixture(scope="module")
def spanish() -> Catalog:
    return catalogue.read(catalogue.po_path(SPANISH), SPANISH)


def keys(catalog: Catalog) -> set[tuple[str | None, object]]:
    """Each message as (context, msgid) — a plural's msgid is its (singular, plural) pair."""
    return {(message.context, message.id) for message in catalog if message.id}


def shown(found: set[tuple[str | None, object]]) -> list[str]:
    return sorted(repr(each) for each in found)[:20]


# -- (a) the template is what the code asks for -----------------------------------------


def test_the_committed_template_lists_exactly_the_messages_the_code_has(extracted):
    template = catalogue.read(catalogue.TEMPLATE)
    missing = keys(extracted) - keys(template)
    gone = keys(template) - keys(extracted)
    assert not missing, (
        f"in the code, not in desktui.pot (run catalogue.py update): {shown(missing)}"
    )
    assert not gone, f"in desktui.pot, gone from the code (run catalogue.py update): {shown(gone)}"


# -- (b) Spanish has every message, all translated ---------------------------------------


def test_the_spanish_catalogue_has_exactly_the_codes_messages(extracted, spanish):
    missing = keys(extracted) - keys(spanish)
    gone = keys(spanish) - keys(extracted)
    assert not missing, f"not in es/desktui.po (run catalogue.py update): {shown(missing)}"
    assert not gone, f"in es/desktui.po, gone from the code: {shown(gone)}"


def untranslated(message: Message, forms: int) -> bool:
    if isinstance(message.id, (list, tuple)):
        strings = message.string if isinstance(message.string, (list, tuple)) else ()
        return len(strings) != forms or not all(strings)
    return not message.string


def test_every_spanish_message_is_translated_every_plural_form_too(spanish):
    assert spanish.num_plurals == 3  # Babel's CLDR rule for es: one, many (millions), other
    missing = [m.id for m in spanish if m.id and untranslated(m, spanish.num_plurals)]
    assert not missing, f"{len(missing)} untranslated in es/desktui.po, e.g. {missing[:15]}"
    # A fuzzy translation (a merge's guess, or a sentence that became a plural) is left
    # out of the .mo: the operator would read English though the .po has Spanish.
    fuzzy = [m.id for m in spanish if m.id and m.fuzzy]
    assert not fuzzy, f"{len(fuzzy)} fuzzy in es/desktui.po (left out of the .mo): {fuzzy[:15]}"


# -- (c) the committed .mo is the compile of the committed .po --------------------------


def test_the_committed_spanish_mo_is_the_compile_of_the_committed_po(spanish):
    committed = catalogue.mo_path(SPANISH).read_bytes()
    assert committed == catalogue.mo_bytes(spanish), (
        "es/desktui.mo is stale: run scripts/catalogue.py update (never edit the .po by hand)"
    )


# -- (d) a translation formats with the same arguments and markup ------------------------

# A %-placeholder as argparse fills them ("%s", "%(prog)s", "%r", "%%"). Stricter than
# Babel's own PYTHON_FORMAT, which takes "% cumplido" for "% c": here a conversion must
# end the word and the space flag (unused by argparse) is no flag, so "Met %" -> "% cumplido",
# "% de" and "50 % o más" are words.
PRINTF = re.compile(
    r"%(?:\([^)]*\))?[-#0+]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa%](?![^\W\d_])"
)


def placeholders(text: str) -> tuple[frozenset[str], Counter[str]]:
    """The ``{named}`` fields ``str.format`` fills and the ``%`` conversions argparse's
    ``%`` fills. A text ``str.format`` cannot parse keeps its braces as they are."""
    try:
        fields = frozenset(
            name
            for _literal, name, _spec, _conv in string.Formatter().parse(text)
            if name is not None
        )
    except ValueError:
        fields = frozenset({"<braces: " + "".join(c for c in text if c in "{}") + ">"})
    return fields, Counter(match.group(0) for match in PRINTF.finditer(text))


def tags(text: str) -> Counter[str]:
    """Rich markup tags (``[b]``, ``[/]``, ``[@click=…]``): escaped ``\\[`` ones excluded."""
    return Counter(tag for _all, escapes, tag in RE_TAGS.findall(text) if len(escapes) % 2 == 0)


def pairs(message: Message):
    """(English, Spanish) pairs to compare.

    A plural's Spanish form [0] is used for exactly one thing and is held to the English
    singular's placeholders: Spanish says for one what English says for one (if the English
    singular spells "one case" without ``{count}``, so may the Spanish). Forms [1] (exact
    millions, "1 000 000 de casos") and [2] (every other number) must fill what the English
    plural fills: they are shown for any count but one, so the number must be in them.
    """
    if isinstance(message.id, (list, tuple)):
        singular, plural = message.id
        strings = list(message.string) if isinstance(message.string, (list, tuple)) else []
        for index, form in enumerate(strings):
            if form:
                yield (singular if index == 0 else plural), form
    elif message.string:
        yield message.id, message.string


def test_every_translation_fills_the_same_placeholders_as_its_english(spanish):
    wrong = [
        (english, translation)
        for message in spanish
        if message.id
        for english, translation in pairs(message)
        if placeholders(english) != placeholders(translation)
    ]
    assert not wrong, f"{len(wrong)} translations with other placeholders: {wrong[:10]}"


def test_no_translation_brings_rich_markup_its_english_has_not(spanish):
    wrong = [
        (english, translation)
        for message in spanish
        if message.id
        for english, translation in pairs(message)
        if tags(english) != tags(translation)
    ]
    assert not wrong, f"{len(wrong)} translations with other markup: {wrong[:10]}"


def test_the_parity_checks_see_a_renamed_field_a_dropped_count_and_a_stray_tag():
    # The checks above are only as good as these two helpers: each must catch its fault.
    assert placeholders("Cannot move {case}") != placeholders("No se puede mover {caso}")
    assert placeholders("{count} cases") != placeholders("casos")
    assert placeholders("usage: %(prog)s") != placeholders("uso: ")
    assert placeholders("Met %") == placeholders("% cumplido")
    assert placeholders("50 % or more") == placeholders("50 % o más")
    assert placeholders("%(prog)s: error: %(message)s\n") == placeholders(
        "%(prog)s: error: %(message)s\n"
    )
    assert placeholders("expected %s argument") != placeholders("se esperaba %d argumento")
    assert placeholders("{a} and {b}") == placeholders("{b} y {a}")
    assert tags("Saved") != tags("[b]Guardado")
    assert tags("[b]{n}[/b] open") == tags("[b]{n}[/b] abiertos")
    assert tags(r"\[not a tag]") == tags("")


# -- (e) a wheel carries the compiled catalogue ------------------------------------------


@pytest.mark.slow
def test_a_wheel_built_from_the_committed_tree_carries_the_spanish_mo(tmp_path):
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs the git checkout to archive what is committed")
    source = tmp_path / "source"
    source.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", "HEAD"],
        check=True,
        capture_output=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
    built = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path / "dist")],
        cwd=source,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    with zipfile.ZipFile(wheel) as archive_file:
        names = set(archive_file.namelist())
        assert "deskTUI/locale/es/LC_MESSAGES/desktui.mo" in names
        shipped = archive_file.read("deskTUI/locale/es/LC_MESSAGES/desktui.mo")
    committed = subprocess.run(
        ["git", "-C", str(ROOT), "show", "HEAD:src/deskTUI/locale/es/LC_MESSAGES/desktui.mo"],
        check=True,
        capture_output=True,
    ).stdout
    assert shipped == committed


# -- (f) the shell speaks Spanish, argparse's own words included -------------------------


def run(argv: list[str], monkeypatch, capsys, language: str = SPANISH) -> tuple[int, str, str]:
    """``desktui ARGV`` in this process as the shell runs it, under DESKTUI_LANG."""
    monkeypatch.setenv("DESKTUI_LANG", language)
    try:
        code = main(argv)
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_desktui_help_reads_in_spanish_under_desktui_lang_es(monkeypatch, capsys):
    code, out, _err = run(["--help"], monkeypatch, capsys)
    assert code == 0
    assert "mesa de ayuda" in out  # the description
    assert "uso: desktui" in out
    assert "opciones:" in out
    assert "mostrar este mensaje de ayuda y salir" in out
    assert "mostrar la versión del programa y salir" in out
    assert "show program's version" not in out
    assert "usage:" not in out and "show this help message" not in out


def test_a_commands_help_has_argparses_words_in_spanish(monkeypatch, capsys):
    code, out, _err = run(["case", "--help"], monkeypatch, capsys)
    assert code == 0
    assert out.startswith("uso: desktui case")
    assert "opciones:" in out
    assert "options:" not in out and "positional arguments" not in out


def test_a_wrong_choice_is_refused_in_spanish_without_a_traceback(monkeypatch, capsys):
    code, out, err = run(["nonsense"], monkeypatch, capsys)
    assert code == 2
    assert out == ""
    assert "opción no válida: 'nonsense'" in err
    assert "elija entre" in err
    assert "uso: desktui" in err
    assert "Traceback" not in err and "invalid choice" not in err


def test_a_missing_argument_is_refused_in_spanish(monkeypatch, capsys):
    code, _out, err = run(["case", "show"], monkeypatch, capsys)
    assert code == 2
    assert "se requieren los siguientes argumentos" in err
    assert "the following arguments are required" not in err


def test_argparses_words_stay_english_under_english(monkeypatch, capsys):
    code, out, _err = run(["case", "--help"], monkeypatch, capsys, language="en")
    assert code == 0
    assert out.startswith("usage: desktui case")
    assert "options:" in out
