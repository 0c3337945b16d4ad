"""Attach files to a case from the Files tab: paths typed as a shell reads them.

Several paths on the line, separated by blanks (``informe.pdf ~/fotos/*.png``); Tab
completes the last one (the longest common prefix, the candidates listed when there
are several); enter attaches them all, or none with the sentence that says which file
could not be added (services/file_batch.py).
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Static

from ...i18n import _, ngettext
from ...services import file_batch
from ...widgets.path_input import PathInput
from ...widgets.path_words import named_paths
from ..path_completion import complete_in_worker
from .base import ActionDialog


class AttachFilesDialog(ActionDialog):
    """One line of paths; Tab completes, enter attaches, escape attaches nothing."""

    def __init__(self, case_id: int, number: str, cwd: Path | None = None) -> None:
        super().__init__()
        self.case_id = case_id
        self.cwd = cwd or Path.cwd()
        self.title_text = _("Attach files to {number}").format(number=number)

    def fields(self) -> ComposeResult:
        yield Static(
            Content(
                _("Paths separated by blanks; Tab completes, ~ and *.png work; enter attaches.")
            ),
            classes="dialog-hint",
        )
        yield PathInput(placeholder=_("path of a file"), id="paths")
        yield Static(id="candidates", classes="dialog-hint")

    @on(PathInput.Complete)
    def _complete(self, asked: PathInput.Complete) -> None:
        complete_in_worker(self, asked, self.cwd, self.query_one("#candidates", Static))

    @on(Input.Submitted, "#paths")
    def submit(self) -> None:
        line, cwd, desk, case_id = (
            self.query_one("#paths", Input).value,
            self.cwd,
            self.desk,
            self.case_id,
        )

        def attach() -> int:
            paths = named_paths(line, cwd)
            return len(file_batch.attach_paths(desk.uow(), desk.actor, case_id, paths))

        def told(count: int) -> None:
            said = ngettext("Attached {count} file.", "Attached {count} files.", count)
            self.app.notify(said.format(count=count), markup=False)

        self.call(attach, told)
