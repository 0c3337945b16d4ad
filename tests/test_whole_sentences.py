"""Every sentence a person reads is one msgid a translator sees whole (issue 20).

A scan of the package's source (AST, not text) fails on the three ways English grammar
leaks into the code, each of which a Spanish translation cannot fix:

- a translated piece glued to another with ``+`` or ``+=`` (``_("file") + name``,
  ``text += "  " + _("reading…")``): the translator sees fragments and cannot reorder
  them;
- a hand-made plural (``"incident" + ("" if n == 1 else "s")``): only English plurals
  like that; ``ngettext`` asks the catalogue, which knows Spanish has three forms;
- a count written into a ``_()`` msgid next to an English plural noun (``_("{count}
  cases")``): reads "1 cases", and "1 casos" in Spanish; ``ngettext`` it is.

Domain error templates are not ``_()`` calls and are not scanned for counts: a refusal
that must name a count is worded so no plural is needed ("as many attachments as a case
may have ({count})").
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import deskTUI

SOURCE = Path(deskTUI.__file__).parent

TRANSLATORS = {"_", "pgettext", "ngettext"}
"""Calls whose result is a translated sentence."""

SINGLE = {"_", "pgettext", "N_"}
"""Calls that take one msgid, with no plural form: a count in it must not sit by a noun."""

PLURAL_NOUNS = (
    "cases|items|attachments|contents|files|users|entries|rows|bytes|characters|comments|"
    "minutes|hours|days|weeks|events|tasks|contracts|clients|areas|categories|views|"
    "notifications|incidents|people|lines|errors|units|answers|surveys|seconds|values|"
    "records|changes|cells|logins|contacts|words|results"
)
COUNTED_NOUN = re.compile(
    # "{count} cases", "{n:,} bytes", "{count} selected cases": one word may stand between.
    r"\{\w+(?:\.\w+)?(?:[:!][^}]*)?\}\s+(?:[a-z-]+\s+)?(?:" + PLURAL_NOUNS + r")\b"
)


def _is_translated(node: ast.AST) -> bool:
    """``_("…")``, ``ngettext(…)``, ``pgettext(…)``, or any of them ``.format(...)``-ed."""
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if isinstance(func, ast.Name):
        return func.id in TRANSLATORS
    if isinstance(func, ast.Attribute) and func.attr == "format":
        return _is_translated(func.value)
    return False


def _holds_translated(node: ast.AST) -> bool:
    return any(_is_translated(inner) for inner in ast.walk(node))


LISTS = (ast.List, ast.ListComp, ast.Tuple, ast.GeneratorExp)
"""``lines += [_(note) for note in notes]`` adds sentences to a list: each stays whole."""


def _glued(piece: ast.AST, other: ast.AST) -> bool:
    """A translated ``piece`` joined to ``other``, unless ``other`` is only an indent."""
    indent = (
        isinstance(other, ast.Constant) and isinstance(other.value, str) and not other.value.strip()
    )
    return _is_translated(piece) and not indent


def _is_text(node: ast.AST) -> bool:
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


def _is_hand_plural(node: ast.IfExp) -> bool:
    """``"" if n == 1 else "s"``: two bits of text chosen by comparing with 1."""
    test = node.test
    if not isinstance(test, ast.Compare):
        return False
    operands = [test.left, *test.comparators]
    by_one = any(isinstance(o, ast.Constant) and o.value == 1 for o in operands)
    return by_one and _is_text(node.body) and _is_text(node.orelse)


def _call_name(node: ast.Call) -> str | None:
    return node.func.id if isinstance(node.func, ast.Name) else None


def offences(root: Path) -> list[str]:
    """What in the sources under ``root`` breaks a sentence into pieces, one line each."""
    found = []
    for path in sorted(root.rglob("*.py")):
        where = path.relative_to(root)
        nodes = ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        for node in sorted(nodes, key=lambda n: getattr(n, "lineno", 0)):
            line = f"{where}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
                if _glued(node.left, node.right) or _glued(node.right, node.left):
                    found.append(f"{line}: a translated piece glued with +")
            elif isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Add):
                if not isinstance(node.value, LISTS) and _holds_translated(node.value):
                    found.append(f"{line}: a translated piece added with +=")
            elif isinstance(node, ast.IfExp) and _is_hand_plural(node):
                found.append(f"{line}: a plural made by hand: {ast.unparse(node)}")
            elif isinstance(node, ast.Call) and _call_name(node) in SINGLE:
                for arg in node.args:
                    literal = isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                    if literal and COUNTED_NOUN.search(arg.value):
                        found.append(f"{line}: a count by a plural noun: {arg.value!r}")
    return found


def test_no_sentence_is_glued_from_pieces_or_pluralised_by_hand() -> None:
    assert offences(SOURCE) == []


def test_the_scan_finds_each_kind_of_offence(tmp_path: Path) -> None:
    """The rules themselves, on a sample of what the desk wrote before issue 20."""
    (tmp_path / "sample.py").write_text(
        "text = _('file') + name\n"
        "text += '  ' + _('reading…')\n"
        "unit = f\"incident{'' if value == 1 else 's'}\"\n"
        "count = _('{count} cases').format(count=n)\n"
        "fine = ngettext('{count} case', '{count} cases', n).format(count=n)\n"
        "also_fine = '  '.join([_('(g: by {by})'), _('reading…')])\n"
        "indented = '  ' + _('{status} · {priority} priority')\n"
        "lines += [_(note) for note in notes]\n",
        encoding="utf-8",
    )
    assert [entry.split(": ", 1)[1].split(":")[0] for entry in offences(tmp_path)] == [
        "a translated piece glued with +",
        "a translated piece added with +=",
        "a plural made by hand",
        "a count by a plural noun",
    ]
