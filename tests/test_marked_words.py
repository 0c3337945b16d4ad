"""Text declared as data reaches the catalogue, and is shown translated (issue 20).

A word written outside ``_()`` (a field's label in a table, a report's column heading, the
noun of "There is no {what} {id}", a phrase of the permission rules) is invisible to the
catalogue's extraction unless it is marked ``N_`` where it is declared; a ``_()`` of a
variable translates only what was marked. These tests read the source (``ast``) and one
Babel extraction (``scripts/catalogue.py extract``, what ``update`` writes) and check that
each such text is in the catalogue; then that a Spanish operator reads a refusal's words
in Spanish while ``str(error)`` and ``error.params`` stay English.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from deskTUI import i18n, log_text
from deskTUI.domain import permissions
from deskTUI.domain.agenda import Span
from deskTUI.domain.case_fields import CASE_FIELDS, FIELDS, Figure, Joined
from deskTUI.domain.enums import Role
from deskTUI.domain.errors import NotFound, ValidationError, no_such
from deskTUI.domain.marks import N_, Each, Either, Word
from deskTUI.domain.people import User
from deskTUI.services.notices import TEMPLATES as NOTIFICATION_TEMPLATES
from deskTUI.services.saved_views import BUILT_IN

from .catalogue_script import catalogue_script

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "deskTUI"
ERROR_CLASSES = catalogue_script().ERROR_CLASSES


@pytest.fixture(scope="module")
def extracted() -> set[tuple[str | None, str]]:
    """(context, msgid) of every message the code asks for now: one extraction."""
    catalog: Catalog = catalogue_script().extract()
    return {(m.context, m.id) for m in catalog if isinstance(m.id, str) and m.id}


def missing(texts: object, extracted: set[tuple[str | None, str]], context: str | None = None):
    return sorted({t for t in texts if (context, t) not in extracted})  # type: ignore[attr-defined]


# -- the source, read ---------------------------------------------------------------------


@cache
def _parsed() -> tuple[tuple[str, ast.Module], ...]:
    return tuple(
        (path.relative_to(SRC).as_posix(), ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted(SRC.rglob("*.py"))
    )


def modules() -> Iterator[tuple[str, ast.Module]]:
    """Every module of the package, parsed once for the whole file."""
    yield from _parsed()


def called(node: ast.AST) -> str | None:
    if isinstance(node, ast.Call):
        if isinstance(node.func, ast.Name):
            return node.func.id
        if isinstance(node.func, ast.Attribute):
            return node.func.attr
    return None


def literal(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def marked(node: ast.AST) -> str | None:
    """The text of ``N_("text")``, else None."""
    if called(node) == "N_" and isinstance(node, ast.Call) and node.args:
        return literal(node.args[0])
    return None


def calls(name: str, under: str = "") -> Iterator[tuple[str, ast.Call]]:
    for path, tree in modules():
        if path.startswith(under):
            for node in ast.walk(tree):
                if isinstance(node, ast.Call) and called(node) == name:
                    yield path, node


def argument(call: ast.Call, position: int) -> ast.AST | None:
    return call.args[position] if len(call.args) > position else None


# -- every text declared as data is in the catalogue ------------------------------------


def test_every_case_field_label_and_prompt_is_in_the_catalogue(extracted):
    shown = {f.label for f in CASE_FIELDS} | {f.asked_as for f in CASE_FIELDS if f.asked_as}
    named = {spec.label for spec in FIELDS.values()}
    assert len(shown) >= 35 and len(named) >= 30
    assert missing(shown | named, extracted) == []


def report_texts() -> tuple[list[str], list[str]]:
    """(marked, unmarked): every heading, title and note services/reports.py declares."""
    tree = ast.parse((SRC / "services" / "reports.py").read_text(encoding="utf-8"))
    found, bare = [], []
    for node in ast.walk(tree):
        if called(node) == "Column" and isinstance(node, ast.Call):
            heading = argument(node, 1)
            (found.append(marked(heading)) if marked(heading) else bare.append(ast.unparse(node)))
        elif called(node) == "make" and isinstance(node, ast.Call):
            title = argument(node, 1)
            if isinstance(title, ast.Subscript):  # a title per grouping, in a table
                continue
            (found.append(marked(title)) if marked(title) else bare.append(ast.unparse(node)))
        elif isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id in ("notes", "_HOURS_TITLES", "_SATISFACTION_TITLES")
            for t in node.targets
        ):
            inside = {id(n) for m in ast.walk(node.value) if marked(m) for n in ast.walk(m)}
            keys = set(map(id, node.value.keys)) if isinstance(node.value, ast.Dict) else set()
            for item in ast.walk(node.value):
                if marked(item):
                    found.append(marked(item))
                elif literal(item) is not None and id(item) not in inside | keys:
                    bare.append(repr(literal(item)))
    return [text for text in found if text], bare


def test_every_report_heading_title_and_note_is_marked_and_in_the_catalogue(extracted):
    found, bare = report_texts()
    assert bare == []
    assert len(found) > 50
    assert missing(found, extracted) == []


def test_every_report_column_key_has_a_csv_header_in_the_catalogue(extracted):
    from deskTUI.cli.cmd_report import csv_headers

    keys = {literal(argument(call, 0)) for _path, call in calls("Column", "services/reports")}
    assert len(keys) > 35
    assert sorted(keys - set(csv_headers())) == []
    assert missing(keys, extracted, context="CSV header") == []


def error_templates() -> list[tuple[str, str]]:
    """(where, template) of every ``Class(code, "template", ...)`` of a domain error."""
    found = []
    for path, tree in modules():
        for node in ast.walk(tree):
            if called(node) in ERROR_CLASSES and isinstance(node, ast.Call):
                template = argument(node, 1)
                if literal(template) is not None:
                    found.append((f"{path}:{node.lineno}", literal(template)))
    return found


def test_every_domain_error_template_is_in_the_catalogue(extracted):
    templates = error_templates()
    assert len(templates) >= 224  # the survey's count (issue 20 plan, section 2)
    assert [(where, t) for where, t in templates if (None, t) not in extracted] == []


NOUN_ARGUMENT = {"no_such": ("", 0), "_row": ("store/", 2), "_update": ("store/", 3)}
"""Where each call takes the noun of "There is no {what} {id}" (the repositories' row
getters pass theirs to ``no_such``)."""
PASSED_ON = {("store/repositories/base.py", "what")}
"""The repository base passes its caller's (marked) noun on."""


def record_nouns() -> tuple[list[str], list[str]]:
    found, bare = [], []
    for name, (under, position) in NOUN_ARGUMENT.items():
        for path, call in calls(name, under):
            noun = argument(call, position)
            if noun is None:
                continue
            if marked(noun):
                found.append(marked(noun))
            elif (path, ast.unparse(noun)) not in PASSED_ON:
                bare.append(f"{path}:{call.lineno}: {ast.unparse(call)}")
    return [n for n in found if n], bare


def test_every_noun_a_refusal_of_a_missing_record_names_is_marked(extracted):
    found, bare = record_nouns()
    assert bare == []
    assert {"time entry", "file", "event", "task", "user", "contract", "contact"} <= set(found)
    assert missing(found, extracted) == []


def test_the_permission_rules_phrases_are_in_the_catalogue(extracted):
    relations = [r.value for r in permissions.Relation]
    verbs = [a.value for a in permissions.Action]
    roles = list(permissions._ROLE_PHRASES.values())
    assert missing(relations + roles + ["this case"], extracted) == []
    assert missing(verbs, extracted, context="refusal verb") == []


WORD_ARGUMENTS = {
    "parse_day": 1,
    "parse_number": 1,
    "parse_clock": 1,
    "parse_moment": 1,
    "local": 2,
    "local_instant": 3,
    "instant_of": 2,
    "_moved": 3,
    "positive_minutes": 1,
    "check_works_in_area": 2,
    "text_field": 0,
    "int_in": 0,
    "optional_int": 0,
    "choice_of": 1,
    "yes_no": 0,
    "iso_date": 0,
    "clean_text": 1,
    "parse_decimal": 1,
}
"""Functions that name what they check in their refusal ("The start time '25:00' is not a
time"), and where: a literal passed there must be marked (a variable passes one on)."""


def test_every_word_a_refusal_names_is_passed_marked(extracted):
    bare, found = [], []
    for name, position in WORD_ARGUMENTS.items():
        for path, call in calls(name):
            word = argument(call, position)
            if word is None or literal(word) == "":
                continue
            if marked(word):
                found.append(marked(word))
            elif literal(word) is not None:
                bare.append(f"{path}:{call.lineno}: {ast.unparse(call)}")
    assert bare == []
    assert len(found) > 60
    assert missing(found, extracted) == []


def test_views_log_labels_progress_and_agenda_spans_are_in_the_catalogue(extracted):
    progress = [marked(argument(call, 0)) for _path, call in calls("progress", "cli/")]
    assert progress and None not in progress  # every progress bar's description is marked
    texts = [
        *(name for name, _query in BUILT_IN),
        *log_text.LABELS.values(),
        *log_text.KIND_LABELS.values(),
        *(span.value for span in Span),
        *progress,
    ]
    assert missing(texts, extracted) == []


# -- a `_()` of a variable translates only marked text ---------------------------------


def page_labels() -> list[str]:
    """The labels of a case's page: its fields' and the figures the CLI and TUI add."""
    from deskTUI.cli import render
    from deskTUI.screens import case_sections as case_view

    layouts = (render.SHOW_GENERAL, render.SHOW_OTHERS, case_view.GENERAL_PAGE)
    entries = [e for layout in (*layouts, case_view.OTHERS_PAGE) for e in layout]
    return [f.label for f in CASE_FIELDS] + [
        e.label for e in entries if isinstance(e, Joined | Figure)
    ]


def form_labels() -> list[str]:
    return [f.form_label for f in CASE_FIELDS]


def field_labels() -> list[str]:
    return [spec.label for spec in FIELDS.values()]


def progress_texts() -> list[str]:
    found = [marked(argument(call, 0)) for _path, call in calls("progress", "cli/")]
    assert None not in found, "a progress bar's description is not marked N_"
    return [text for text in found if text]


def reports_marked() -> list[str]:
    found, bare = report_texts()
    assert bare == [], bare
    return found


def nouns_and_words() -> list[str]:
    found, bare = record_nouns()
    assert bare == [], bare
    return found + [r.value for r in permissions.Relation]


def textual_words() -> list[str]:
    return []  # Textual's system commands: their English is Textual's (widgets/textual_words.py)


def marked_arguments(names: tuple[str, ...], position: int, keyword: str) -> list[str]:
    """The texts passed to these calls at ``position`` (or as ``keyword``): each must be
    marked ``N_`` (or be empty, or a variable passing a marked one on)."""
    found, bare = [], []
    for name in names:
        for path, call in calls(name):
            text = argument(call, position)
            text = text or next((k.value for k in call.keywords if k.arg == keyword), None)
            if text is None or literal(text) == "":
                continue
            if marked(text):
                found.append(marked(text))
            elif literal(text) is not None:
                bare.append(f"{path}:{call.lineno}: {ast.unparse(call)}")
    assert bare == [], bare
    return [text for text in found if text]


def shell_headings() -> list[str]:
    """The headings the CLI's commands pass to ``render.table``."""
    found = []
    for _path, call in calls("table", "cli/"):
        headings = argument(call, 1)
        if isinstance(headings, ast.List | ast.Tuple):
            found += [literal(h) or "" for h in headings.elts if literal(h) is not None]
    return [h for h in found if h]


def typed_words() -> list[str]:
    """What a typed day or number is called in its refusal ("The due date 'x' is not…")."""
    return marked_arguments(("parse_day", "parse_number"), 1, "what")


def column_headers() -> list[str]:
    return marked_arguments(("Col",), 1, "header")


def binding_descriptions() -> list[str]:
    return marked_arguments(("Binding",), 2, "description")


def stored_sentences() -> tuple[tuple[object, str, str], ...]:
    """The log's stored details and the msgids that say them again (log_text)."""
    from deskTUI.log_text import STORED_SENTENCES

    return STORED_SENTENCES


DYNAMIC_SITES: dict[tuple[str, str], Callable[[], list[str]]] = {
    ("cli/cmd_report.py", "c.heading"): reports_marked,
    ("cli/cmd_report.py", "found.title"): reports_marked,
    ("cli/cmd_report.py", "note"): reports_marked,
    ("screens/reports.py", "c.heading"): reports_marked,
    ("screens/reports.py", "n"): reports_marked,
    ("screens/reports.py", "self.current.title"): reports_marked,
    ("cli/arguments/cases.py", "spec.label"): field_labels,
    ("cli/render.py", "h"): lambda: shell_headings(),
    ("cli/context.py", "description"): progress_texts,
    ("cli/render.py", "label"): page_labels,
    ("screens/case_sections.py", "label"): page_labels,
    ("log_text.py", "FIELDS[field].label"): field_labels,
    ("log_text.py", "sentence"): lambda: [s for _p, s, _b in stored_sentences()],
    ("log_text.py", "billable_sentence"): lambda: [b for _p, _s, b in stored_sentences() if b],
    ("screens/dialogs/edit_conflict.py", "clash.label"): form_labels,
    ("screens/edit_case.py", "label"): form_labels,
    ("screens/edit_case_fields.py", "field.form_label"): form_labels,
    ("screens/agenda.py", "result.span.value"): lambda: [s.value for s in Span],
    ("services/saved_views.py", "self.name"): lambda: [n for n, _q in BUILT_IN],
    ("services/saved_views.py", "name"): lambda: [n for n, _q in BUILT_IN],
    ("services/mail_notices.py", "sentence"): lambda: list(NOTIFICATION_TEMPLATES),
    ("i18n.py", "error.template"): lambda: [t for _w, t in error_templates()],
    ("i18n.py", "value"): nouns_and_words,
    ("words.py", "value"): lambda: ["yes", "no"],  # the domain's marked flags (case_fields)
    ("formats.py", "what"): typed_words,
    ("widgets/fit.py", "c.header"): column_headers,
    ("widgets/spoken_keys.py", "text"): binding_descriptions,
    ("widgets/textual_words.py", "command.title"): textual_words,
    ("widgets/textual_words.py", "command.help"): textual_words,
}
"""Each ``_()`` of a variable whose text comes from afar, and what reaches it. A ``_()`` of
a module's own constant (or of a loop over one) needs no entry: its marks are checked
where it stands."""


def _constants(tree: ast.Module) -> dict[str, ast.AST]:
    found: dict[str, ast.AST] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
            found[node.target.id] = node.value
    return found


def _imported(tree: ast.Module, path: str) -> dict[str, ast.AST]:
    """Constants a module imports from another module of the package (one level)."""
    found: dict[str, ast.AST] = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.level and node.module:
            base = Path(path).parent
            for _up in range(node.level - 1):
                base = base.parent
            source = SRC / base / (node.module.replace(".", "/") + ".py")
            if source.exists():
                theirs = _constants(ast.parse(source.read_text(encoding="utf-8")))
                for alias in node.names:
                    if alias.name in theirs:
                        found[alias.asname or alias.name] = theirs[alias.name]
    return found


def _all_marked(
    value: ast.AST, keys: bool = False, constants: dict[str, ast.AST] | None = None
) -> bool:
    """Every string in ``value`` is inside an ``N_()``: a dict's values (its keys need not
    be), or with ``keys`` its keys only (a loop over ``.items()`` shows the keys). A tuple
    of other constants (``TEMPLATES = (ASSIGNED, ...)``) is marked when each of them is."""
    if constants and isinstance(value, ast.Tuple | ast.List) and value.elts:
        named = [e for e in value.elts if isinstance(e, ast.Name) and e.id in constants]
        if len(named) == len(value.elts):
            return all(_all_marked(constants[e.id]) for e in named)
    inside: set[int] = set()
    keys_at: set[int] = set()
    for node in ast.walk(value):
        if called(node) in ("N_", "pgettext"):
            inside |= {id(n) for n in ast.walk(node)}
        if isinstance(node, ast.Dict):
            keys_at |= {id(n) for k in node.keys if k is not None for n in ast.walk(k)}
    strings = [n for n in ast.walk(value) if literal(n) is not None]
    if keys:
        strings = [n for n in strings if id(n) in keys_at]
    else:
        strings = [n for n in strings if id(n) not in keys_at]
    return bool(strings) and all(id(n) in inside for n in strings)


def _source_of(arg: ast.AST) -> str | None:
    """The constant a ``_()`` argument reads: ``NAME``, ``NAME[k]``, ``NAME.get(k, d)``."""
    if isinstance(arg, ast.Name):
        return arg.id
    if isinstance(arg, ast.Subscript) and isinstance(arg.value, ast.Name):
        return arg.value.id
    if (
        isinstance(arg, ast.Call)
        and isinstance(arg.func, ast.Attribute)
        and arg.func.attr == "get"
        and isinstance(arg.func.value, ast.Name)
    ):
        return arg.func.value.id
    return None


def _loop_source(parents: dict[int, ast.AST], call: ast.Call, name: str) -> tuple[str, bool] | None:
    """(constant, keys?) the nearest loop or comprehension around ``call`` iterates into
    ``name``: ``for t in TABS``, ``for name, query in QUERIES.items()`` (keys)."""
    node: ast.AST | None = call
    while node is not None:
        loops: list[ast.For | ast.comprehension] = []
        if isinstance(node, ast.For):
            loops = [node]
        elif isinstance(node, ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp):
            loops = list(node.generators)
        for loop in loops:
            target, source = loop.target, loop.iter
            bound = [e.id for e in ast.walk(target) if isinstance(e, ast.Name)]
            if name not in bound:
                continue
            keys = False
            if (
                isinstance(source, ast.Call)
                and isinstance(source.func, ast.Attribute)
                and isinstance(source.func.value, ast.Name)
            ):
                keys = source.func.attr in ("items", "keys") and bound[0] == name
                source = source.func.value
            return (source.id, keys) if isinstance(source, ast.Name) else None
        node = parents.get(id(node))
    return None


@cache
def dynamic_sites() -> tuple[tuple[str, str, bool], ...]:
    return tuple(_dynamic_sites())


def _dynamic_sites() -> Iterator[tuple[str, str, bool]]:
    """(path, argument, marked where it stands) of every ``_()`` of a non-literal."""
    for path, tree in modules():
        constants = {**_imported(tree, path), **_constants(tree)}
        parents = {
            id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)
        }
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and called(node) == "_" and node.args):
                continue
            arg = node.args[0]
            if literal(arg) is not None:
                continue
            source = _source_of(arg)
            here = source in constants and _all_marked(constants[source], False, constants)
            if not here and isinstance(arg, ast.Name):
                loop = _loop_source(parents, node, arg.id)
                here = loop is not None and loop[0] in constants
                here = here and _all_marked(constants[loop[0]], loop[1], constants)  # type: ignore[index]
            yield path, ast.unparse(arg), here


def test_every_underscore_of_a_variable_is_fed_marked_text(extracted):
    unknown = []
    for path, text, here in dynamic_sites():
        if not here and (path, text) not in DYNAMIC_SITES:
            unknown.append(f"{path}: _({text})")
    assert unknown == [], (
        "a _() of a variable whose source is not marked N_ where it is declared: mark it, "
        "and list the site in DYNAMIC_SITES with what reaches it"
    )
    present = {(path, text) for path, text, _here in dynamic_sites()}
    for (path, text), reaching in DYNAMIC_SITES.items():
        if (path, text) in present:  # an entry for a site not (or no longer) in the code waits
            assert missing(reaching(), extracted) == [], f"{path}: _({text})"


# -- shown in Spanish ---------------------------------------------------------------------


@pytest.fixture
def spanish() -> Iterator[None]:
    i18n.use("es")
    yield
    i18n.use("en")


def test_a_missing_record_is_refused_with_its_noun_in_spanish(spanish):
    refusal = no_such(N_("time entry"), 7)
    assert i18n.error_text(refusal) == "No existe registro de tiempo 7"
    # The machine's side keeps English: the sentence, the code and plain JSON params.
    assert str(refusal) == "There is no time entry 7"
    assert refusal.code == "time entry.not_found"
    assert json.loads(json.dumps(refusal.params)) == {"what": "time entry", "id": 7}


def test_a_permission_refusal_names_the_verb_and_who_may_in_spanish(spanish):
    ana = User(login="ana", name="Ana", role=Role.AGENT, area_ids=frozenset({1}), id=3)
    with pytest.raises(permissions.PermissionDenied) as caught:
        permissions.require(ana, permissions.Action.MANAGE_USERS)
    assert i18n.error_text(caught.value) == (
        "ana (agente) no puede administrar usuarios: solo puede hacerlo un administrador"
    )
    assert str(caught.value) == "ana (agent) may not manage users: only an admin may"


def test_a_list_of_choices_is_joined_as_the_reader_s_language_joins_one(spanish):
    choices = Either([N_("an admin"), N_("a supervisor of its area"), N_("its assignee")])
    assert str(choices) == "an admin, a supervisor of its area or its assignee"
    error = NotFound("x", "Only {who} may", who=choices)
    assert (
        i18n.error_text(error)
        == "Only un administrador, un supervisor de su área o su ejecutor may"
    )
    fields = Each([N_("title"), N_("priority")])
    assert i18n.error_text(NotFound("x", "{f}", f=fields)) == "título y prioridad"
    i18n.use("en")
    assert i18n.error_text(error) == "Only an admin, a supervisor of its area or its assignee may"


def test_a_word_typed_by_a_person_is_never_translated(spanish):
    """Only marked words are: a login, a name or a typed value that happens to be a msgid
    ("Title") stays as it was written."""
    error = NotFound("x", "{a} / {b}", a="Title", b=Word("Title"))
    assert i18n.error_text(error) == "Title / Título"


def test_a_refused_move_names_the_statuses_in_spanish_and_keeps_the_codes_in_english(spanish):
    from deskTUI.domain.enums import Status
    from deskTUI.domain.errors import TransitionRefused
    from deskTUI.domain.marks import AnyOf, code

    refusal = TransitionRefused(
        "transition.not_allowed",
        "Cannot move {case} from {current} to {target}: from {current} it can go to {allowed}",
        case="CS-000501",
        current=code(Status.NEW),
        target=code(Status.IN_PROGRESS),
        allowed=AnyOf(code(s) for s in (Status.ASSIGNED, Status.ON_HOLD, Status.CANCELLED)),
    )
    spanish_text = i18n.error_text(refusal)
    assert "Registrado" in spanish_text or "registrado" in spanish_text, spanish_text
    assert "en proceso" in spanish_text.lower(), spanish_text
    assert "in_progress" not in spanish_text and "on_hold" not in spanish_text
    expected = (
        "Cannot move CS-000501 from new to in_progress: "
        "from new it can go to assigned or on_hold or cancelled"
    )
    assert str(refusal) == expected
    assert json.loads(json.dumps(refusal.params))["allowed"] == "assigned or on_hold or cancelled"
    i18n.use("en")
    assert i18n.error_text(refusal) == expected  # English reads the codes, as it always did


def test_a_field_out_of_its_range_is_one_whole_sentence_in_spanish(spanish):
    """The bound was an English fragment ("from 0 to 100") glued into the sentence."""
    for key, typed, english in (
        ("progress", "200", "The progress must be from 0 to 100, not 200"),
        ("estimate_minutes", "-3", "The estimate must be 0 or more, not -3"),
    ):
        with pytest.raises(ValidationError) as refused:
            FIELDS[key].parse(typed)
        assert str(refused.value) == english
        spanish_text = i18n.error_text(refused.value)
        assert spanish_text.startswith("El campo "), spanish_text
        assert not {"from", "more", "must", "progress", "estimate"} & set(spanish_text.split())


def test_the_desk_s_own_views_read_in_spanish_and_keep_their_english_names(spanish):
    from deskTUI.services.saved_views import ViewCount, _built_in_names

    mine = ViewCount("My queue", "status:open assignee:me", 3, built_in=True)
    theirs = ViewCount("My queue", "status:open", 1, built_in=False)  # typed by a person
    assert mine.label == "Mi cola" and mine.name == "My queue"
    assert theirs.label == "My queue"
    # An operator's view may take neither language's name of one (the panel shows both).
    assert {"my queue", "mi cola", "urgentes"} <= _built_in_names()
