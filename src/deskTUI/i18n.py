"""Every sentence shown to a person, in the operator's language (English or Spanish).

English is the source language; ``locale/es/LC_MESSAGES/desktui.mo`` carries the
Spanish (Latin American) catalogue, compiled from its ``.po`` and committed so that
an editable install and a wheel both have it. Each operator runs their own process
(an SSH session, a shell), so the language is a process-wide choice made once at
start-up with :func:`use`; it is read at call time, never frozen at import, so a test
can run a Spanish app after an English one in the same process.

Which language: ``DESKTUI_LANG`` first, then the operator's own setting on the desk
(``desktui user set LOGIN --language es``), then the session's locale as SSH passes it
(``LC_ALL``, ``LC_MESSAGES``, ``LANG``: the first one set wins, as POSIX says). ``C``,
``POSIX`` and any language without a catalogue mean English.

Domain errors carry a code and parameters besides their English template:
:func:`error_text` renders them through the catalogue. Text marked with :func:`N_`
(labels declared at import, before the language is known) is translated where it is
shown.
"""

from __future__ import annotations

import gettext
import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from pathlib import Path

from .domain.errors import DomainError, Refusals
from .domain.marks import Code, Either, Word

DOMAIN = "desktui"
LOCALE_DIR = Path(__file__).with_name("locale")
ENGLISH = "en"
SPANISH = "es"
LANGUAGES = (ENGLISH, SPANISH)
"""The languages the desk speaks: codes stored in the user's setting, typed after
``--language`` and in ``DESKTUI_LANG``."""

_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
_translations: dict[str, gettext.NullTranslations] = {}
_current = ENGLISH
_locale = "en"
_speaking: ContextVar[tuple[str, str] | None] = ContextVar("speaking", default=None)
"""A language spoken for a while in this thread only (:func:`speaking`)."""


def language_of(tag: str | None) -> str | None:
    """The desk language a locale tag names ("es_MX.UTF-8" → "es"), None when it names
    none the desk speaks ("C", "fr_FR", "")."""
    if not tag:
        return None
    base = tag.split(".", 1)[0].split("@", 1)[0].replace("-", "_").lower()
    language = base.split("_", 1)[0]
    return language if language in LANGUAGES else None


def locale_tag(tag: str | None) -> str | None:
    """The locale part of a tag, for numbers and dates ("es_MX.UTF-8" → "es_MX")."""
    if not tag:
        return None
    base = tag.split(".", 1)[0].split("@", 1)[0].replace("-", "_")
    language, _sep, territory = base.partition("_")
    if language.lower() not in LANGUAGES:
        return None
    return f"{language.lower()}_{territory.upper()}" if territory else language.lower()


def session_locale(environ: Mapping[str, str] | None = None) -> str | None:
    """The locale the session's environment names (LC_ALL > LC_MESSAGES > LANG), raw."""
    env = os.environ if environ is None else environ
    for name in _LOCALE_VARIABLES:
        value = env.get(name, "").strip()
        if value:
            return value
    return None


def resolve(setting: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The operator's language: DESKTUI_LANG, then their desk setting, then the locale."""
    env = os.environ if environ is None else environ
    for candidate in (env.get("DESKTUI_LANG", "").strip(), setting, session_locale(env)):
        language = language_of(candidate)
        if language:
            return language
    return ENGLISH


def resolve_locale(language: str, environ: Mapping[str, str] | None = None) -> str:
    """The locale for numbers and dates: the session's own when it is of the chosen
    language (es_MX formats as Mexico does), else the language alone ("es", "en")."""
    env = os.environ if environ is None else environ
    for candidate in (env.get("DESKTUI_LANG", "").strip(), session_locale(env)):
        tag = locale_tag(candidate)
        if tag and language_of(tag) == language:
            return tag
    return language


def catalogue(language: str) -> gettext.NullTranslations:
    """The loaded catalogue of ``language`` (English: none), loaded once per process."""
    found = _translations.get(language)
    if found is None:
        if language == ENGLISH:
            found = gettext.NullTranslations()
        else:
            found = gettext.translation(
                DOMAIN, localedir=LOCALE_DIR, languages=[language], fallback=True
            )
        _translations[language] = found
    return found


def use(language: str, locale: str | None = None) -> None:
    """Speak ``language`` from now on in this process (an unknown one means English)."""
    global _current, _locale
    _current = language if language in LANGUAGES else ENGLISH
    _locale = locale if locale and language_of(locale) == _current else _current
    catalogue(_current)


@contextmanager
def speaking(language: str, locale: str | None = None) -> Iterator[None]:
    """Speak ``language`` inside the block, in this thread only: a notice written for its
    recipient (an e-mail to a Spanish client from an English agent's TUI) is in the
    recipient's language, while the operator's screen, drawn by another thread, keeps
    theirs. A context variable, so each thread (each worker) has its own."""
    language = language if language in LANGUAGES else ENGLISH
    chosen = locale if locale and language_of(locale) == language else language
    token = _speaking.set((language, chosen))
    try:
        yield
    finally:
        _speaking.reset(token)


def current() -> str:
    """The language sentences are in now: "en" or "es"."""
    spoken = _speaking.get()
    return _current if spoken is None else spoken[0]


def current_locale() -> str:
    """The locale numbers and dates are written in now ("en", "es", "es_MX"…)."""
    spoken = _speaking.get()
    return _locale if spoken is None else spoken[1]


def _(message: str) -> str:
    """Translate a user-facing sentence (English when no catalogue matches)."""
    if not message:  # gettext answers "" with the catalogue's header, never wanted here
        return message
    return catalogue(current()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The sentence for ``count`` things, in the plural form the language asks for."""
    return catalogue(current()).ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """Translate a word that means different things in different places ("Open" a case,
    "open" as a state), told apart by ``context``."""
    return catalogue(current()).pgettext(context, message)


def N_(message: str) -> Word:  # noqa: N802 (gettext's name for the marker, known to pybabel)
    """Mark text for the catalogue where it is declared (class bodies, tables built at
    import); it is translated with :func:`_` where it is shown. Like the domain's own
    marker (``domain.marks.N_``) it returns a ``Word``: passed to a refusal, it is shown
    translated by :func:`error_text`."""
    return Word(message)


def error_text(error: DomainError) -> str:
    """A domain error's sentence in the operator's language, with the desk's own words
    among its parameters (marked ``N_`` in the domain: a ``Word``; an ``Either`` or
    ``Each`` list of them)
    translated too; names, numbers and what a person typed are left as they are."""
    if isinstance(error, Refusals):  # each in its own words, in the order they were found
        return "; ".join(error_text(each) for each in error.refusals)
    try:
        params = {name: _shown(value) for name, value in error.params.items()}
        return _(error.template).format(**params)
    except (KeyError, IndexError, ValueError):
        return str(error)


def word_text(value: Word) -> str:
    """A word the domain marked (``domain.marks.Word``), in the operator's language."""
    return pgettext(value.context, value) if value.context else _(value)


def _spaced(code: str) -> str:
    return code.replace("_", " ")  # "in_progress" → the msgid "in progress"


def _shown(value: object) -> object:
    """A refusal's parameter as the reader reads it."""
    if isinstance(value, Either):
        if current() == ENGLISH:  # its own English text, as str(error) writes it
            return value
        from babel.lists import format_list  # only here: Babel stays off the start-up path

        return format_list(
            [str(_shown(word)) for word in value.words], style=value.style, locale=current_locale()
        )
    if isinstance(value, Code):  # English keeps the code, as the desk always wrote it
        return value if current() == ENGLISH else pgettext(value.context or "", _spaced(value))
    if isinstance(value, Word):
        return word_text(value)
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return Grouped(value)  # "{limit:,}", "{size:.1f}": as the reader's locale writes
    return value


_FIGURE_SPEC = re.compile(r"(,?)(?:\.(\d{1,2})f)?")


class Grouped:
    """A number for a sentence whose template groups it or fixes its decimals
    (``{count:,}``, ``{size:,.1f}``, ``{share:.1f}``): written with the marks of the
    operator's locale ("1.500,5" in es), so the English template (and its msgid) stays as
    it is. A plain ``{id}`` (or any other format) is written as Python writes it: ids and
    years are never grouped."""

    def __init__(self, value: int | float | Decimal) -> None:
        self.value = value

    def __format__(self, spec: str) -> str:
        shape = _FIGURE_SPEC.fullmatch(spec)
        if not spec or shape is None or current_locale() == ENGLISH:
            return format(self.value, spec)
        from babel.numbers import format_decimal  # only here: Babel stays off the start-up

        grouped, digits = shape.group(1), int(shape.group(2) or 0)
        pattern = ("#,##0" if grouped else "0") + ("." + "0" * digits if digits else "")
        return str(format_decimal(self.value, format=pattern, locale=current_locale()))

    def __str__(self) -> str:
        return str(self.value)

    def __repr__(self) -> str:
        return repr(self.value)
