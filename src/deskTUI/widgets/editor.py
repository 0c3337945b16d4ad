"""Write a text in the operator's own editor, as git and RT's CLI do (ctrl+e).

The text goes to a private temporary file; ``$VISUAL``, else ``$EDITOR``, else ``vi``
is run on it with the terminal handed over (``App.suspend``), split as a shell splits
words (``shlex``: ``EDITOR="code --wait"`` works) but never run through a shell, so
nothing in the variable or the file's name is interpreted. What the file holds when
the editor quits comes back, cleaned as typed text is: line ends made ``\\n``, other
control characters (an ESC starting a terminal sequence, a NUL) dropped, bytes that
were not UTF-8 shown as "�". An editor that is missing or fails leaves the text as it
was and says why in a sentence.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

from textual.app import App, SuspendNotSupported

from ..i18n import _

FALLBACK = "vi"
"""The editor of last resort, present on every Unix (git's default too)."""

_NOT_TYPED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters but tab and newline: no key types them into a text box."""


def editor_command(environ: Mapping[str, str] | None = None) -> list[str]:
    """``$VISUAL``, else ``$EDITOR``, else ``vi``, as words (an unbalanced quote: ``vi``)."""
    env = os.environ if environ is None else environ
    for name in ("VISUAL", "EDITOR"):
        value = env.get(name, "").strip()
        if value:
            try:
                words = shlex.split(value)
            except ValueError:
                continue
            if words:
                return words
    return [FALLBACK]


def as_typed(text: str) -> str:
    """What came back from a file, as a person could have typed it into the box."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_TYPED.sub("", text)


class EditorFailed(Exception):
    """The editor could not be run, or quit with an error: ``str()`` is the sentence."""


def edit_text(app: App[object], text: str, suffix: str = ".txt") -> str:
    """``text`` after the operator edited it in their editor (the terminal handed over
    while it runs); :class:`EditorFailed`, the text untouched, when it could not be."""
    command = editor_command()
    handle, name = tempfile.mkstemp(prefix="desktui-", suffix=suffix)
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        try:
            with app.suspend():
                done = subprocess.run([*command, str(path)], check=False, shell=False)
        except FileNotFoundError:
            raise EditorFailed(
                _("The editor {editor} was not found: set $VISUAL or $EDITOR.").format(
                    editor=command[0]
                )
            ) from None
        except SuspendNotSupported:
            raise EditorFailed(_("No terminal to hand over to an editor here.")) from None
        except OSError as error:
            raise EditorFailed(
                _("The editor {editor} could not be run: {why}.").format(
                    editor=command[0], why=error.strerror or error
                )
            ) from None
        if done.returncode != 0:
            raise EditorFailed(
                _("The editor {editor} quit with an error ({code}); the text is as it was.").format(
                    editor=command[0], code=done.returncode
                )
            )
        return as_typed(path.read_bytes().decode("utf-8", errors="replace"))
    finally:
        path.unlink(missing_ok=True)
