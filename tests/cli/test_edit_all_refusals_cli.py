"""``desktui case edit`` tells every refused option at once, and writes nothing (issue 18).

The estimate was read by the command before the service and refused alone; the
progress and the date were each told only once the one before was fixed.
"""

from __future__ import annotations


def test_case_edit_tells_every_refused_option_in_one_sentence_and_changes_nothing(shop):
    number = shop.open_case()
    shop.refused(
        "case",
        "edit",
        number,
        "--progress",
        "150",
        "--start",
        "2026-13-45",
        "--estimate",
        "soon",
        "--product",
        "Router X",
        says="'soon' is not a duration: write 1h30m, 1:30, 90m or 1.5 (hours); "
        "The progress must be from 0 to 100, not 150; "
        "The planned start date '2026-13-45' is not a date: write mm/dd/yyyy or yyyy-mm-dd",
    )


def test_case_edit_still_reads_an_estimate_as_people_type_it_and_clears_it_when_empty(shop):
    number = shop.open_case()
    shop.ok("case", "edit", number, "--estimate", "1h30m")
    assert shop.show(number)["estimate_minutes"] == 90
    shop.ok("case", "edit", number, "--estimate", "")
    assert shop.show(number)["estimate_minutes"] is None
