"""argparse's own words ("usage: ", "options", "invalid choice: …") in the operator's
language (issue 20).

argparse looks its words up through the module-level ``gettext.gettext`` and ``ngettext``
it imported as ``argparse._`` and ``argparse.ngettext``: the global gettext domain
("messages") in the language the *environment* names. Pointing that global domain at
ours (``gettext.textdomain``) would not do: it would answer in LANG's language, not the
operator's choice (DESKTUI_LANG, their desk setting), and would hand our catalogue to
every other library in the process. So argparse's two lookups are pointed at the desk's
own ``_``/``ngettext`` instead, which read the operator's language at call time; in
English they return the words unchanged. argparse reads both names as module globals at
call time (CPython 3.11–3.13); tests/test_catalogue.py runs ``desktui --help`` in Spanish,
so a Python that stops doing so is seen at once.

The words are listed here with ``N_`` so the catalogue's extraction keeps them (argparse's
own source is not extracted). Only what a person at the shell can see is listed:
argparse's complaints about a badly built parser are for us, in English.
"""

from __future__ import annotations

import argparse

from ..i18n import N_, _, ngettext


def N_plural(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802 (pybabel's marker)
    """Mark a singular/plural pair for the catalogue (extracted like ``ngettext``)."""
    return singular, plural


WORDS = (
    # help pages
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("optional arguments"),  # the "options" heading before Python 3.10
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    # usage errors
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
)

PLURAL_WORDS = (N_plural("expected %s argument", "expected %s arguments"),)


def speak_the_operators_language() -> None:
    """From now on argparse asks the desk's catalogue for its words (idempotent)."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
