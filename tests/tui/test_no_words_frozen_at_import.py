"""No word is translated at import: the operator's language is known only at start-up,
and a test runs a Spanish app after an English one in the same process (issue 20).

A ``_()`` in a class body or a module constant ran once, when the module was imported,
and froze the footer keys, column headers and tab names in English for good. They are
marked with ``N_`` where declared and translated where shown: the keys by
``widgets.spoken_keys.SpokenKeys`` (every screen's first base), the headers by
``widgets.fit.spoken_columns``; Textual's own words (its widgets' keys, the command
palette) by ``widgets.textual_words``.
"""

from __future__ import annotations

import ast
import importlib
import io
import pkgutil
from pathlib import Path

from rich.console import Console
from textual.app import App
from textual.command import CommandPalette
from textual.containers import ScrollableContainer, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.scroll_view import ScrollView
from textual.widgets import (
    Button,
    Checkbox,
    DataTable,
    Input,
    OptionList,
    Select,
    TabbedContent,
    Tabs,
    TextArea,
)
from textual.widgets._footer import FooterKey
from textual.widgets._select import SelectOverlay
from textual.widgets._tabbed_content import ContentTab, ContentTabs

import deskTUI
from deskTUI import i18n
from deskTUI.screens.case_view import CaseViewScreen
from deskTUI.widgets.case_table import CaseTable
from deskTUI.widgets.spoken_keys import SpokenKeys
from deskTUI.widgets.textual_words import INPUT_KEYS, KEY_WORDS, SYSTEM_COMMANDS

from .conftest import delivered, running_app, settle

PACKAGE = Path(deskTUI.__file__).parent
TRANSLATING = {"_", "ngettext", "pgettext"}

FROZEN_ALLOWED: set[str] = set()
"""``file:line`` of calls allowed to translate at import: none, and it may only shrink."""


def translators(tree: ast.AST) -> tuple[set[str], set[str]]:
    """The names this module calls the translating functions by (``_``, ``ngettext``,
    ``pgettext`` from deskTUI.i18n or gettext), and the names of those modules in it. A
    no-op marker of the same name (the domain's ``marks.pgettext``) translates nothing."""
    functions: set[str] = set()
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            source = node.module or ""
            for alias in node.names:
                if alias.name in ("i18n", "gettext"):
                    modules.add(alias.asname or alias.name)
                elif source.split(".")[-1] in ("i18n", "gettext") and alias.name in TRANSLATING:
                    functions.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[-1] in ("i18n", "gettext"):
                    modules.add(alias.asname or alias.name)
    return functions, modules


def import_time_calls(tree: ast.AST) -> list[ast.Call]:
    """Calls of the translating functions that run when the module is imported: anywhere
    but inside a function's or a lambda's body (decorators and default values run at
    import too)."""
    functions, modules = translators(tree)
    found: list[ast.Call] = []

    def translates(called: ast.expr) -> bool:
        if isinstance(called, ast.Name):
            return called.id in functions
        return (
            isinstance(called, ast.Attribute)
            and called.attr in TRANSLATING
            and ast.unparse(called.value) in modules
        )

    def walk(node: ast.AST, deferred: bool) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            args = node.args
            for early in [*args.defaults, *(d for d in args.kw_defaults if d)]:
                walk(early, deferred)
            if not isinstance(node, ast.Lambda):
                for early in node.decorator_list:
                    walk(early, deferred)
                for statement in node.body:
                    walk(statement, True)
            else:
                walk(node.body, True)
            return
        if isinstance(node, ast.Call) and not deferred and translates(node.func):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            walk(child, deferred)

    walk(tree, False)
    return found


def test_no_sentence_is_translated_when_its_module_is_imported():
    frozen = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in import_time_calls(tree):
            where = f"{path.relative_to(PACKAGE)}:{call.lineno}"
            if where not in FROZEN_ALLOWED:
                frozen.append(f"{where}: {ast.unparse(call)[:70]}")
    assert not frozen, "translated at import (mark with N_, translate where shown):\n" + "\n".join(frozen)  # fmt: skip


def test_the_scan_finds_a_translation_in_a_class_body_a_constant_and_a_default():
    tree = ast.parse(
        "from ..i18n import _, ngettext\n"
        "from deskTUI import i18n\n"
        "from .marks import pgettext\n"
        "M = pgettext('a no-op marker', 'of the domain')\n"
        "X = _('a')\n"
        "class C:\n    B = [Binding('q', 'quit', _('Quit'))]\n"
        "def f(x=i18n.pgettext('c', 'd')):\n    return _('fine here')\n"
        "g = lambda: ngettext('fine', 'too', 2)\n"
    )
    assert [c.lineno for c in import_time_calls(tree)] == [5, 7, 8]


def desk_screens() -> list[type[Screen]]:
    for module in pkgutil.walk_packages([str(PACKAGE)], "deskTUI."):
        if module.name.startswith(("deskTUI.screens", "deskTUI.app", "deskTUI.widgets")):
            importlib.import_module(module.name)
    found, todo = [], [Screen]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("deskTUI."):
                found.append(sub)
    return found


def test_every_screen_and_dialog_of_the_desk_says_its_keys_in_the_operators_language():
    screens = desk_screens()
    assert len(screens) >= 15, screens
    silent = [s.__qualname__ for s in screens if not issubclass(s, SpokenKeys)]
    assert not silent, silent
    # First among the bases that define keys: Textual's Screen would answer before it.
    wrong = [s.__qualname__ for s in screens if s.__mro__.index(SpokenKeys) > s.__mro__.index(Screen)]  # fmt: skip
    assert not wrong, wrong


TEXTUAL_WIDGETS = (
    App,
    CommandPalette,
    Screen,
    ModalScreen,
    Input,
    TextArea,
    DataTable,
    OptionList,
    Tabs,
    ContentTabs,
    TabbedContent,
    Select,
    SelectOverlay,
    Checkbox,
    Button,
    ScrollableContainer,
    VerticalScroll,
    ScrollView,
)


def test_every_key_word_of_textuals_widgets_the_desk_uses_is_in_the_catalogue_list():
    listed = {*KEY_WORDS, INPUT_KEYS, *SYSTEM_COMMANDS}
    words = {
        text
        for widget in TEXTUAL_WIDGETS
        for _key, binding in widget._merged_bindings or ()
        if not binding.system
        for text in (binding.description, binding.tooltip)
        if text
    }
    assert words <= listed, sorted(words - listed)


def test_every_system_command_of_the_palette_is_in_the_catalogue_list():
    said = {
        text
        for command in App.get_system_commands(App(), Screen())
        for text in (command.title, command.help)
    }
    assert said and said <= set(SYSTEM_COMMANDS), sorted(said - set(SYSTEM_COMMANDS))


# -- one process, English then Spanish then English -------------------------------------

ENGLISH = {
    # The case list's footer keys (the list's own, the case actions', the app's, the table's).
    "footer": ("Query", "New", "Status", "Assign", "Comment", "Open", "Keys"),
    "header": ("NUMBER", "STATUS"),  # the case table's
    "panel": ("Page down", "Query"),  # a key of the table in focus and one of the screen's
    "palette": ("Search for commands…", "Quit"),  # Textual's placeholder and system command
    "tabs": ("General", "Log"),  # the case view's
}


def in_spanish(words: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """The same words as the Spanish catalogue has them (each must have one)."""
    i18n.use("es")
    try:
        spanish = {part: tuple(i18n._(w) for w in found) for part, found in words.items()}
    finally:
        i18n.use("en")
    untranslated = [
        w for part in words for w, s in zip(words[part], spanish[part], strict=True) if w == s
    ]
    assert not untranslated, untranslated
    return spanish


def footer_words(app) -> set[str]:
    return {str(key.description) for key in app.screen.query(FooterKey) if key.description}


def keys_panel_text(app) -> str:
    table = app.screen.query_one("KeyPanel BindingsTable").render()
    console = Console(file=io.StringIO(), width=160, record=True)
    console.print(table)
    return console.export_text()


async def palette_words(app, pilot, typed: str) -> list[str]:
    await pilot.press("ctrl+p", *typed)
    await settle(pilot)
    await pilot.pause(0.3)  # the palette searches in a task of its own
    assert isinstance(app.screen, CommandPalette), app.screen
    found = app.screen.query_one(OptionList)
    titles = [str(found.get_option_at_index(i).prompt) for i in range(found.option_count)]
    placeholder = str(app.screen.query_one(Input).placeholder)
    await pilot.press("escape")
    await settle(pilot)
    return [placeholder, *titles]


async def what_the_operator_reads(desk, case_id: int, quit_word: str) -> dict[str, str]:
    """Each part of the screen as one text: the footer's keys, the case table's header,
    the ``?`` panel, the palette searched for ``quit_word``, the case view's tabs."""
    async with running_app(desk, desk.sofia) as (app, pilot):
        seen = {"footer": " | ".join(sorted(footer_words(app)))}
        seen["header"] = app.screen.query_one(CaseTable).render_line(0).text
        await pilot.press("question_mark")
        await settle(pilot)
        seen["panel"] = keys_panel_text(app)
        await pilot.press("escape")
        await settle(pilot)
        seen["palette"] = " | ".join(await palette_words(app, pilot, quit_word[:3]))
        await app.push_screen(CaseViewScreen(case_id))
        await delivered(pilot)
        seen["tabs"] = " | ".join(str(tab.label) for tab in app.screen.query(ContentTab))
        return seen


def assert_reads(seen: dict[str, str], words: dict[str, tuple[str, ...]]) -> None:
    for part, expected in words.items():
        for word in expected:
            assert word in seen[part], (part, word, seen[part])


async def test_a_spanish_app_after_an_english_one_in_one_process_speaks_spanish_then_english_again(
    desk, queue
):
    case_id = queue[0].id
    spanish_words = in_spanish(ENGLISH)
    english = await what_the_operator_reads(desk, case_id, "Quit")
    assert_reads(english, ENGLISH)

    i18n.use("es")
    try:
        spanish = await what_the_operator_reads(desk, case_id, spanish_words["palette"][1])
    finally:
        i18n.use("en")
    assert_reads(spanish, spanish_words)
    footer = set(spanish["footer"].split(" | "))
    assert not footer & set(ENGLISH["footer"]), footer  # no English key left among them
    assert "NUMBER" not in spanish["header"] and "General" not in spanish["tabs"].split(" | ")

    again = await what_the_operator_reads(desk, case_id, "Quit")
    assert_reads(again, ENGLISH)


async def test_the_palette_says_it_found_nothing_in_the_operators_language(desk, queue):
    i18n.use("es")
    try:
        async with running_app(desk, desk.sofia) as (app, pilot):
            await pilot.press("ctrl+p", *"zqxzqx")
            await settle(pilot)
            await pilot.pause(0.8)  # Textual says "no matches" half a second after the search
            found = app.screen.query_one(OptionList)
            said = [str(found.get_option_at_index(i).prompt) for i in range(found.option_count)]
            nothing = i18n._("No matches found")
    finally:
        i18n.use("en")
    assert nothing != "No matches found"
    assert any(nothing in line for line in said), said


async def test_a_text_fields_keys_are_listed_under_a_spanish_heading_in_the_keys_panel(desk, queue):
    i18n.use("es")
    try:
        async with running_app(desk, desk.sofia) as (app, pilot):
            await pilot.press("slash")  # the query field: an Input, with Textual's own keys
            await settle(pilot)
            app.action_show_help_panel()
            await settle(pilot)
            panel = keys_panel_text(app)
            heading, submit = i18n._("Input"), i18n._("Submit")
    finally:
        i18n.use("en")
    assert (heading, submit) != ("Input", "Submit")
    assert heading in panel and submit in panel, panel
    assert "Input" not in panel.split() and "Submit" not in panel, panel
