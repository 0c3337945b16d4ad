"""Words of the desk declared as data in the domain, marked for the catalogue.

The domain may not import ``deskTUI.i18n`` (it is pure Python), yet it declares text a
person reads: field labels, the names of records a refusal says it cannot find, the
phrases of the permission rules. :func:`N_` marks such text where it is declared, so
the catalogue's extraction (``scripts/catalogue.py``: pybabel finds every ``N_(``) sees
it; whoever shows it translates it with ``i18n._``.

The mark also stays on the value: ``N_`` returns a :class:`Word`, a ``str`` that says
"translate me", so a refusal that carries one as a parameter ("There is no {what} {id}"
with ``what=N_("time entry")``) is shown with the word translated by ``i18n.error_text``
while ``str(error)`` stays English and ``error.params`` stays plain strings (JSON).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import ClassVar, Literal, Self


class Word(str):
    """Text of the desk's own vocabulary (not a name nor anything a person typed): shown
    in the reader's language. Equal to, and serialised as, its English text."""

    context: str | None = None
    """The catalogue's context, for a word that means two things ("quote": a noun in the
    log, a verb in a refusal): see :func:`pgettext`."""


class Either(str):
    """A list of choices, "a, b or c" in English; shown, each word is translated and the
    list joined as the reader's language joins one ("a, b o c")."""

    words: tuple[str, ...]
    style: ClassVar[Literal["or", "standard"]] = "or"
    """Babel's list style: how the reader's language joins the words."""

    def __new__(cls, words: Iterable[str]) -> Self:
        listed = tuple(words)
        made = super().__new__(cls, cls.english(listed))
        made.words = listed
        return made

    @staticmethod
    def english(words: tuple[str, ...]) -> str:
        return "".join(words) if len(words) < 2 else ", ".join(words[:-1]) + " or " + words[-1]

    def __getnewargs__(self) -> tuple[tuple[str, ...]]:  # type: ignore[override]
        return (self.words,)  # a copy or a pickle is made from the words, not the text


class Each(Either):
    """Several things at once, "a, b, c" in English ("a, b y c" in Spanish)."""

    style: ClassVar[Literal["or", "standard"]] = "standard"

    @staticmethod
    def english(words: tuple[str, ...]) -> str:
        return ", ".join(words)


class AnyOf(Either):
    """Alternatives written "a or b or c" in English (the lifecycle's refusals say so)."""

    @staticmethod
    def english(words: tuple[str, ...]) -> str:
        return " or ".join(words)


class OneOf(Either):
    """Choices listed "a, b, c" in English ("a, b o c" in Spanish): "choose one of …"."""

    @staticmethod
    def english(words: tuple[str, ...]) -> str:
        return ", ".join(words)


class Code(Word):
    """A vocabulary's code carried by a refusal (a status, a role: ``in_progress``):
    ``str(error)`` and English keep the code; another language reads the vocabulary's
    word, the catalogue's ``pgettext(enum name, code with spaces)`` that deskTUI.words
    declares ("in progress" → "En proceso")."""


def code(member: Enum) -> Code:
    """``member``'s code, marked as a word of its vocabulary."""
    word = Code(str(member.value))
    word.context = type(member).__name__
    return word


def N_(message: str) -> Word:  # noqa: N802 (gettext's name for the marker, known to pybabel)
    """Mark ``message`` for the catalogue; it is translated where it is shown."""
    return Word(message)


def pgettext(context: str, message: str) -> Word:
    """Mark ``message`` for the catalogue under ``context`` (pybabel reads ``pgettext``'s
    first argument as the context): the marker twin of ``i18n.pgettext``, which shows it."""
    word = Word(message)
    word.context = context
    return word
