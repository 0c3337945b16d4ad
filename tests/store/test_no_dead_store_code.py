"""The store's repositories hold no code nothing calls: a method or read model no
caller names is dead weight the next reader has to understand (issue 19 found the
case list's ``list_lines``/``ListLine``, a second list read path nobody used)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import deskTUI

SOURCE = Path(deskTUI.__file__).parent
REPOSITORIES = SOURCE / "store" / "repositories"
"""The repositories' package: one module per aggregate, read as one."""
TESTS = Path(__file__).parents[1]


def _defined(tree: ast.Module) -> list[str]:
    """The classes and functions of the module, and the methods of its classes."""
    names = []
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            names.append(node.name)
        if isinstance(node, ast.ClassDef):
            names += [
                item.name
                for item in node.body
                if isinstance(item, ast.FunctionDef) and not item.name.startswith("__")
            ]
    return names


def _named_times(name: str, text: str) -> int:
    return len(re.findall(rf"\b{re.escape(name)}\b", text))


def test_every_class_function_and_method_of_the_repositories_has_a_caller():
    # The package's __init__ only re-exports: a name it lists is not a caller.
    modules = sorted(path for path in REPOSITORIES.glob("*.py") if path.name != "__init__.py")
    own = "\n".join(path.read_text(encoding="utf-8") for path in modules)
    others = "\n".join(
        path.read_text(encoding="utf-8")
        for folder in (SOURCE, TESTS)
        for path in folder.rglob("*.py")
        if path.parent != REPOSITORIES and path != Path(__file__) and "migrations" not in path.parts
    )
    assert len(modules) > 1, "the repositories' package was not found"
    uncalled = [
        name
        for path in modules
        for name in _defined(ast.parse(path.read_text(encoding="utf-8")))
        # Named once (its definition) in its own file, nowhere else in the program or
        # its tests (``category_by_name`` is left to the tests' own helpers).
        if _named_times(name, own) == 1 and _named_times(name, others) == 0
    ]
    assert uncalled == []
