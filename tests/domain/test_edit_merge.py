"""The three-way merge of an edit that lost a race (domain/edit_merge.py), without a screen:
base (as the form opened), mine (what the operator changed), theirs (as saved meanwhile)."""

from deskTUI.domain.edit_merge import Clash, changed_by_them, clashes, taken_from_theirs

KEYS = ["title", "priority", "product", "solution"]
BASE = {"title": "Red lenta", "priority": "low", "product": "", "solution": ""}


def test_what_they_changed_is_read_field_by_field_in_the_forms_order() -> None:
    theirs = {**BASE, "solution": "Cable", "priority": "high"}
    assert changed_by_them(KEYS, BASE.__getitem__, theirs.__getitem__) == ["priority", "solution"]


def test_nobody_saved_anything_different_means_no_field_changed() -> None:
    assert changed_by_them(KEYS, BASE.__getitem__, dict(BASE).__getitem__) == []


def test_each_field_i_changed_is_asked_about_and_says_whether_they_changed_it_too() -> None:
    asked = clashes(KEYS, mine={"solution", "title"}, theirs={"priority", "solution"})
    assert asked == [Clash("title", both=False), Clash("solution", both=True)]


def test_a_field_only_they_changed_is_not_asked_about() -> None:
    assert clashes(KEYS, mine={"title"}, theirs={"priority"}) == [Clash("title", both=False)]


def test_a_merge_takes_their_value_for_every_field_but_the_ones_i_keep() -> None:
    assert taken_from_theirs(KEYS, "merge", {"title", "solution"}) == ["priority", "product"]


def test_a_reload_takes_every_field_as_they_saved_it_whatever_was_ticked() -> None:
    assert taken_from_theirs(KEYS, "reload", {"title"}) == KEYS
