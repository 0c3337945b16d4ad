"""Run one action (assign, move, priority) on every selected case."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ... import formats
from ...i18n import _, ngettext
from ...safe_text import safe
from ...widgets.text_input import TextInput
from .base import ActionDialog

BULK_OPERATIONS = ("assign", "move", "priority")


class BulkDialog(ActionDialog):
    """The same action on every selected case; a summary says what was done and what refused."""

    def __init__(self, case_ids: list[int]) -> None:
        super().__init__()
        self.case_ids = case_ids
        self.finished = False
        self.title_text = ngettext(
            "{count} selected case", "{count} selected cases", len(case_ids)
        ).format(count=formats.number(len(case_ids)))

    def fields(self) -> ComposeResult:
        yield OptionList(
            Option(Content(_("assign to…")), id="assign"),
            Option(Content(_("move to status…")), id="move"),
            Option(Content(_("set priority…")), id="priority"),
            id="operation",
        )
        yield TextInput(placeholder=_("login, status or priority"), id="value")
        yield TextInput(placeholder=_("note (when the rule needs one)"), id="note")
        yield Static(id="summary")

    def on_mount(self) -> None:
        self.query_one("#operation", OptionList).focus()

    @on(OptionList.OptionSelected, "#operation")
    def _to_value(self) -> None:
        self.query_one("#value", Input).focus()

    @on(Input.Submitted)
    def submit(self) -> None:
        if self.finished:
            self.dismiss(True)
            return
        from ...services import bulk

        operation = self.query_one("#operation", OptionList)
        index = operation.highlighted or 0
        kind = BULK_OPERATIONS[index]
        value = self.query_one("#value", Input).value.strip()
        note = self.query_one("#note", Input).value
        desk, ids = self.desk, list(self.case_ids)
        runs = {
            "assign": lambda: bulk.bulk_assign(desk.uow, desk.actor, ids, value, note),
            "move": lambda: bulk.bulk_move(desk.uow, desk.actor, ids, value, note),
            "priority": lambda: bulk.bulk_priority(desk.uow, desk.actor, ids, value),
        }
        self._run_bulk(runs[kind])

    def _run_bulk(self, run: Callable[[], list[Any]]) -> None:
        """A write (ActionDialog.call, group dialog): the keys typed after its enter wait
        for the summary, and a second enter meanwhile does not run it twice."""
        self.call(run, self._summary, closes=False)

    def _summary(self, results: list[Any]) -> None:
        self.finished = True
        done = [r.number for r in results if r.done]
        lines = [_("Done: {numbers}").format(numbers=", ".join(done) or "—")]
        lines += [f"{r.number}: {safe(r.reason, one_line=True)}" for r in results if not r.done]
        lines.append(_("Press enter or escape to close."))
        self.query_one("#summary", Static).update(Content("\n".join(lines)))

    def action_cancel(self) -> None:
        self.dismiss(self.finished)
