"""Every one-line text field of the desk: focus puts the cursor at the end, never selects.

Textual's Input selects its whole text when it gains focus (``select_on_focus``).
An operator who tabs into a field and types a letter then replaces what was there:
a case's log showed "title: Pegado largo → W" (issue 18). Here focus leaves the
text alone, the cursor where it was (at the end of the text the field was given),
and every field of every screen and dialog is one of these, so no screen can
forget it (tests/tui/test_text_fields.py walks them).
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from ..i18n import _
from .textual_words import INPUT_KEYS


class TextInput(Input):
    @property
    def BINDING_GROUP_TITLE(self) -> str:  # type: ignore[override]  # noqa: N802 (Textual's name)
        """The heading of its keys in the `?` panel, in the operator's language."""
        return _(INPUT_KEYS)

    def __init__(self, value: str | None = None, placeholder: str = "", **kwargs: Any) -> None:
        # Never selects: the rule of the desk, not a choice per field (passing it is an error).
        super().__init__(value, placeholder, select_on_focus=False, **kwargs)
