"""Issue 19 item 2: one way from a screen to a service. Screens and widgets call services
through screens/loading.ServiceCalls (call_service, fetch): no thread worker, no
``except Exception`` and no hand-written message class of their own for it. Read from
the source (AST), so a new screen that starts its own worker fails here and says where."""

from __future__ import annotations

import ast
from pathlib import Path

from textual import on
from textual.screen import Screen

import deskTUI
from deskTUI.widgets.case_table import CaseTable

PACKAGE = Path(deskTUI.__file__).parent
ROOMS = ("screens", "widgets")

THE_ONE_WAY = {"screens/loading.py"}
"""Where the thread worker, the one ``except Exception`` and the answer messages live."""

STILL_OWN_WAY: dict[str, dict[str, int]] = {}
"""Named exceptions, with the reason; the test fails if one goes (the list only shrinks)."""


def _is_message_base(base: ast.expr) -> bool:
    return (isinstance(base, ast.Name) and base.id == "Message") or (
        isinstance(base, ast.Attribute) and base.attr == "Message"
    )


def _widget_events(node: ast.ClassDef) -> bool:
    """A message a widget posts about itself (a key, a need): a dataclass naming the
    widget as its ``control``, as ServiceCalls' answers do; not a service's answer."""
    dataclass = any(isinstance(d, ast.Name) and d.id == "dataclass" for d in node.decorator_list)
    control = any(
        isinstance(item, ast.FunctionDef) and item.name == "control" for item in node.body
    )
    return dataclass and control


def own_ways(source: str) -> dict[str, int]:
    """How often a module starts a thread worker, catches every exception, or declares a
    message class other than a widget's own event (dataclass with a control)."""
    found = {"thread worker": 0, "run_worker": 0, "except Exception": 0, "message class": 0}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name == "run_worker":
                found["run_worker"] += 1
            if name == "work" and any(
                k.arg == "thread" and isinstance(k.value, ast.Constant) and k.value.value
                for k in node.keywords
            ):
                found["thread worker"] += 1
        elif isinstance(node, ast.ExceptHandler):
            every = isinstance(node.type, ast.Name) and node.type.id in (
                "Exception",
                "BaseException",
            )
            found["except Exception"] += every
        elif isinstance(node, ast.ClassDef):
            message = any(_is_message_base(b) for b in node.bases)
            found["message class"] += message and not _widget_events(node)
    return {kind: count for kind, count in found.items() if count}


def test_screens_and_widgets_call_services_only_through_service_calls():
    seen: dict[str, dict[str, int]] = {}
    for room in ROOMS:
        for path in sorted((PACKAGE / room).rglob("*.py")):
            name = path.relative_to(PACKAGE).as_posix()
            if name in THE_ONE_WAY:
                continue
            ways = own_ways(path.read_text(encoding="utf-8"))
            if ways:
                seen[name] = ways
    assert seen == STILL_OWN_WAY


def test_service_calls_holds_the_one_thread_worker_and_the_one_catch_all():
    ways = own_ways((PACKAGE / "screens" / "loading.py").read_text(encoding="utf-8"))
    assert ways == {"run_worker": 1, "except Exception": 1}  # its answers: dataclasses


def test_the_case_tables_messages_name_the_table_so_a_screen_picks_them_by_its_id():
    table = CaseTable(id="cases")
    opened = CaseTable.Open(table, 7)
    need_rows = CaseTable.NeedRows(table, 0, 50, 1)
    need_count = CaseTable.NeedCount(table, None, 1)
    assert opened.control is table and opened.case_id == 7
    assert need_rows.control is table and need_rows.offset == 0
    assert need_count.control is table and need_count.cap is None

    # Without a control, Textual refuses a selector here (OnDecoratorError).
    class TwoLists(Screen[None]):
        @on(CaseTable.Open, "#cases")
        def opened(self, message: CaseTable.Open) -> None: ...

    assert TwoLists
