"""Sentences go through one translation function; domain errors keep code and parameters."""

from __future__ import annotations

import subprocess
import sys

import pytest

from deskTUI import i18n
from deskTUI.domain.errors import TransitionRefused
from deskTUI.i18n import _, error_text


def test_an_error_renders_the_same_english_sentence_through_the_catalogue():
    error = TransitionRefused(
        "transition.cancelled",
        "Cannot move {case} from cancelled: a cancelled case is closed for good",
        case="CS-000042",
    )
    assert error.code == "transition.cancelled"
    assert error.params == {"case": "CS-000042"}
    assert (
        error_text(error)
        == "Cannot move CS-000042 from cancelled: a cancelled case is closed for good"
    )
    assert _("Desk ready") == "Desk ready"


# -- Which language an operator reads (issue 20) ---------------------------------------


@pytest.mark.parametrize(
    ("environ", "setting", "language"),
    [
        ({"LANG": "es_MX.UTF-8"}, None, "es"),
        ({"LANG": "C.UTF-8"}, None, "en"),
        ({"LANG": "POSIX"}, None, "en"),
        ({"LANG": "fr_FR.UTF-8"}, None, "en"),
        ({}, None, "en"),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "es_CO.UTF-8"}, None, "es"),
        ({"LC_ALL": "en_GB.UTF-8", "LC_MESSAGES": "es_CO.UTF-8"}, None, "en"),
        ({"LANG": "en_US.UTF-8"}, "es", "es"),
        ({"LANG": "es_AR.UTF-8"}, "en", "en"),
        ({"LANG": "es_AR.UTF-8", "DESKTUI_LANG": "en"}, "es", "en"),
        ({"LANG": "en_US.UTF-8", "DESKTUI_LANG": "es"}, "en", "es"),
        ({"LANG": "es_AR.UTF-8", "DESKTUI_LANG": "klingon"}, None, "es"),
        ({"LANG": "en_US.UTF-8"}, "klingon", "en"),
    ],
)
def test_the_language_is_desktui_lang_then_the_setting_then_the_locale(environ, setting, language):
    assert i18n.resolve(setting, environ) == language


def test_numbers_and_dates_follow_the_sessions_territory_when_it_speaks_the_language():
    assert i18n.resolve_locale("es", {"LANG": "es_MX.UTF-8"}) == "es_MX"
    assert i18n.resolve_locale("es", {"LANG": "en_US.UTF-8"}) == "es"
    assert i18n.resolve_locale("en", {"LANG": "en_GB.UTF-8"}) == "en_GB"
    assert i18n.resolve_locale("en", {"LANG": "C.UTF-8"}) == "en"


def test_the_language_is_read_when_a_sentence_is_shown_not_when_it_was_imported():
    i18n.use("es")
    assert i18n.current() == "es"
    i18n.use("en")
    assert i18n.current() == "en"
    assert i18n._("Desk ready") == "Desk ready"
    i18n.use("xx")
    assert i18n.current() == "en"


def test_n_marks_text_for_the_catalogue_and_leaves_it_as_it_is():
    assert i18n.N_("Status") == "Status"


def test_english_counts_take_the_singular_for_one():
    i18n.use("en")
    assert i18n.ngettext("{count} case", "{count} cases", 1) == "{count} case"
    assert i18n.ngettext("{count} case", "{count} cases", 2) == "{count} cases"


def test_a_fresh_process_speaks_spanish_from_the_committed_catalogue():
    """What it costs is measured by benchmarks/bench_language.py (not a timed test)."""
    code = "from deskTUI import i18n; i18n.use('es'); print(i18n._('Status'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "Estado"


def test_an_empty_text_stays_empty_in_spanish_not_the_catalogues_header():
    """gettext answers "" with the .po header ("Project-Id-Version: ..."): a blank stage
    or origin named in a sentence would have shown it."""
    i18n.use("es")
    assert i18n._("") == ""
