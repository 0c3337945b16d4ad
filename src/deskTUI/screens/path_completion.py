"""Tab in a path field (widgets/path_input.py), answered by a worker: the folder is read
off the event loop, the line completed unless it changed meanwhile, the candidates shown."""

from __future__ import annotations

from pathlib import Path

from textual.content import Content
from textual.widgets import Static

from ..i18n import ngettext
from ..safe_text import safe
from ..widgets.path_input import PathInput
from ..widgets.path_words import Completion, complete
from .loading import ServiceCalls


def candidates_text(found: Completion) -> str:
    """The candidates Tab found, side by side, and how many more there are."""
    names = "  ".join(safe(name, one_line=True) for name in found.candidates)
    if found.more:
        more = ngettext("… and {count} more", "… and {count} more", found.more)
        names += "  " + more.format(count=found.more)
    return names


def complete_in_worker(
    node: ServiceCalls, asked: PathInput.Complete, cwd: Path, shown: Static
) -> None:
    line = asked.line

    def answer(found: Completion) -> None:
        asked.field.completed(line, found.line)
        shown.update(Content(candidates_text(found)))

    node.call_service(
        lambda: complete(line, cwd),
        answer,
        failed=lambda text: shown.update(Content(text)),
        group="path-complete",  # keys typed after Tab wait for it (key_hold)
        exclusive=True,
    )
