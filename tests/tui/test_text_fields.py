"""No text field of the desk selects its whole content when it gains focus (issue 18).

Textual's Input does by default: an operator who tabs into a title and types one
letter replaces the title. Every field is a ``TextInput``, which never does; the
first test walks the source of every screen, dialog and widget so a new one
cannot bring the old behaviour back, the second looks at the fields on screen.
"""

from __future__ import annotations

import ast
from pathlib import Path

from textual.widgets import Input

import deskTUI
from deskTUI.screens.dialogs import QuoteDialog, TimeDialog
from deskTUI.screens.edit_case import EditCaseScreen
from deskTUI.screens.new_case import NewCaseScreen
from deskTUI.widgets.text_input import TextInput

from .conftest import make_app, settle
from .test_edit_case import open_edit

PACKAGE = Path(deskTUI.__file__).parent
HOME = PACKAGE / "widgets" / "text_input.py"


def textual_inputs_made_in(path: Path) -> list[str]:
    """Where ``path`` builds or subclasses Textual's Input itself (name imported from
    ``textual.widgets``), as "file:line"."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("textual.widgets")
        for alias in node.names
        if alias.name in ("Input", "MaskedInput")
    }
    found = []
    for node in ast.walk(tree):
        made = isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        if made and node.func.id in names:  # type: ignore[union-attr]
            found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
        if isinstance(node, ast.ClassDef):
            for base in node.bases:
                if isinstance(base, ast.Name) and base.id in names:
                    found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
        if isinstance(node, ast.keyword) and node.arg == "select_on_focus":
            found.append(f"{path.relative_to(PACKAGE)}:{node.value.lineno} select_on_focus")
    return found


def test_every_text_field_of_every_screen_and_dialog_is_one_that_never_selects_on_focus():
    sources = [p for p in sorted(PACKAGE.rglob("*.py")) if p != HOME]
    assert len(sources) > 50  # the whole package, not an empty folder
    offenders = [where for path in sources for where in textual_inputs_made_in(path)]
    assert offenders == [], "Textual's Input made directly (selects on focus): " + ", ".join(
        offenders
    )


async def test_the_fields_on_the_forms_and_dialogs_do_not_select_their_text_on_focus(desk, queue):
    app = make_app(desk, desk.sofia)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_edit(app, pilot, queue[1].id)
        forms = [screen]
        for make in (
            NewCaseScreen,
            lambda: TimeDialog(queue[1].id, queue[1].number, billable=False),
            lambda: QuoteDialog(queue[1].id, queue[1].number),
        ):
            await app.push_screen(make())
            await settle(pilot)
            forms.append(app.screen)
        fields = [(type(form).__name__, field) for form in forms for field in form.query(Input)]
        assert {name for name, _field in fields} >= {
            "EditCaseScreen",
            "NewCaseScreen",
            "TimeDialog",
            "QuoteDialog",
        }
        assert [(name, field.id) for name, field in fields if field.select_on_focus] == []
        assert [
            (name, field.id) for name, field in fields if not isinstance(field, TextInput)
        ] == []
        assert isinstance(forms[0], EditCaseScreen)
