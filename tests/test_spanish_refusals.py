"""Every refusal sentence of the domain reads Spanish to a Spanish operator (issue 20):
each template the code raises, rendered through error_text under es, shows no English
word. The parameters are figures here; the words a refusal names are checked apart
(tests/test_marked_words.py: they are passed marked, and translated when shown)."""

from __future__ import annotations

import re
import string

import pytest

from deskTUI import i18n
from deskTUI.domain.errors import DomainError
from deskTUI.i18n import error_text

from .cli.test_spanish_cli import english_pattern
from .test_marked_words import error_templates

TEMPLATES = sorted({template for _where, template in error_templates()})

CODES_TYPED = {
    *("open", "new", "status", "priority", "client", "area", "category", "end", "start"),
    "none",  # mail set --tls none (issue 22)
    "all",  # user set --email-notices all (issue 22)
}
"""Words a refusal quotes as what the operator types (query keys, option values), not as
its own English: ``como estado:abierto o status:open``."""


COMMAND = re.compile(r"desktui(\s+[-\w]+)+")
"""A command a refusal tells the operator to type (``desktui file limits --per-case``)."""


def filled(template: str) -> DomainError:
    names = {name for _t, name, _s, _c in string.Formatter().parse(template) if name}
    return DomainError("probe", template, **dict.fromkeys(names, 7))


@pytest.fixture
def spanish():
    i18n.use("es", "es")
    yield
    i18n.use("en", "en")


def test_the_scan_finds_every_template_the_survey_counted():
    assert len(TEMPLATES) >= 224


def test_every_refusal_reads_spanish_to_a_spanish_operator(spanish):
    english = english_pattern(CODES_TYPED)
    leaks = []
    for template in TEMPLATES:
        error = filled(template)
        sentence = error_text(error)
        shown = COMMAND.sub(" ", sentence.replace("`", " "))
        if sentence == str(error) or english.search(shown):  # str(): the English
            leaks.append(f"{english.findall(shown)}: {sentence!r}")
    assert leaks == []
