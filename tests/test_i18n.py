"""Sentences go through one translation function; domain errors keep code and parameters."""

from __future__ import annotations

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
