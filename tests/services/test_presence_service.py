"""Presence: an open edit form is seen by others until it closes or stops beating."""

from __future__ import annotations

import pytest

from deskTUI.domain.errors import NotFound, PermissionDenied
from deskTUI.domain.presence import BEAT_EVERY, FRESH_FOR
from deskTUI.services.presence import editing, editors, stopped_editing


def test_an_open_edit_form_is_seen_by_others_but_not_by_its_own_editor(desk):
    case = desk.open()
    editing(desk.uow(), desk.ana, case.number)
    assert editors(desk.uow(), desk.sofia, case.number) == ["ana"]
    assert editors(desk.uow(), desk.ana, case.number) == []
    editing(desk.uow(), desk.luis, case.number)
    assert editors(desk.uow(), desk.sofia, case.number) == ["ana", "luis"]  # earliest first


def test_a_closed_form_is_no_longer_shown(desk):
    case = desk.open()
    editing(desk.uow(), desk.ana, case.number)
    stopped_editing(desk.uow(), desk.ana, case.number)
    assert editors(desk.uow(), desk.sofia, case.number) == []


def test_an_editor_who_stopped_beating_for_a_minute_has_gone(desk):
    case = desk.open()
    editing(desk.uow(), desk.ana, case.number)
    desk.clock.advance(seconds=BEAT_EVERY.total_seconds())
    editing(desk.uow(), desk.ana, case.number)  # still there, a beat later
    desk.clock.advance(seconds=FRESH_FOR.total_seconds())
    assert editors(desk.uow(), desk.sofia, case.number) == ["ana"]  # exactly a minute: still
    desk.clock.advance(seconds=1)
    assert editors(desk.uow(), desk.sofia, case.number) == []  # a dropped session fades


def test_presence_is_told_only_to_those_who_may_see_the_case(desk):
    case = desk.open()
    editing(desk.uow(), desk.ana, case.number)
    with pytest.raises((PermissionDenied, NotFound)):
        editors(desk.uow(), desk.gloria, case.number)  # a client of another company
