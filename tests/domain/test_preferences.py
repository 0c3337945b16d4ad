"""Issue 21: an operator's stored arrangement is read against what the desk knows now."""

from __future__ import annotations

import pytest

from deskTUI.domain.errors import ValidationError
from deskTUI.domain.preferences import chosen_tabs, read_arrangement, shown, stored_text

KNOWN = ("general", "activities", "others", "comments", "files", "log", "similar")


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        (None, KNOWN),
        ("comments,-general,bitácora,,--,-x", ("comments", *KNOWN[1:3], *KNOWN[4:])),
        # A tab added since the line was written comes last, shown; unknown ones go.
        ("log,general,calendar", ("log", "general", *KNOWN[1:5], "similar")),
        ("-general,-activities,-others,-comments,-files,-log,-similar", ("general",)),
        ("\x00[bold]" * 1000, KNOWN),
    ],
)
def test_a_stored_order_never_fails_and_keeps_one_tab(stored, expected):
    arrangement = read_arrangement(KNOWN, stored)
    assert shown(arrangement) == expected
    assert read_arrangement(KNOWN, stored_text(arrangement)) == arrangement


def test_a_typed_order_names_known_tabs_once():
    assert shown(chosen_tabs(KNOWN, " Log , general ")) == ("log", "general")
    with pytest.raises(ValidationError, match="There is no tab 'calendar'"):
        chosen_tabs(KNOWN, "general,calendar")
    with pytest.raises(ValidationError, match="named twice"):
        chosen_tabs(KNOWN, "log,LOG")
