"""One gettext-style function for every sentence shown to a person.

English is the source language. Domain errors carry a code and parameters
besides their English sentence; :func:`error_text` renders them through the
catalogue, so a Spanish catalogue (the seeds' users) can be added without
touching any place that raises or shows an error.
"""

from __future__ import annotations

import gettext
from pathlib import Path

from .domain.errors import DomainError, Refusals

_LOCALE_DIR = Path(__file__).with_name("locale")
_translation = gettext.translation("desktui", localedir=_LOCALE_DIR, fallback=True)


def _(message: str) -> str:
    """Translate a user-facing sentence (English when no catalogue matches)."""
    return _translation.gettext(message)


def error_text(error: DomainError) -> str:
    """A domain error's sentence in the operator's language."""
    if isinstance(error, Refusals):  # each in its own words, in the order they were found
        return "; ".join(error_text(each) for each in error.refusals)
    try:
        return _(error.template).format(**error.params)
    except (KeyError, IndexError, ValueError):
        return str(error)
