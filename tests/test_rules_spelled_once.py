"""Each rule is spelled once (issue 19, "each rule once"): the priority order is the
declaration order of ``domain.enums.Priority`` (``PRIORITIES_BY_URGENCY``, ``Priority.rank``);
a module that lists the priorities by hand in that order is a second spelling that a new
priority would leave behind."""

from __future__ import annotations

import ast
import re
from enum import StrEnum
from pathlib import Path

import pytest

import deskTUI
from deskTUI.domain import enums
from deskTUI.domain.errors import ValidationError
from deskTUI.domain.values import codes, one_of
from deskTUI.i18n import error_text

SOURCE = Path(deskTUI.__file__).parent
BY_HAND = re.compile(
    r"Priority\.CRITICAL,\s*Priority\.HIGH,\s*Priority\.MEDIUM,\s*Priority\.LOW"
    r"|['\"]critical['\"],\s*['\"]high['\"],\s*['\"]medium['\"],\s*['\"]low['\"]"
    r"|low, medium, high,? (or )?critical"
)


def test_no_module_spells_the_priority_order_by_hand():
    spelled = sorted(
        path.relative_to(SOURCE).as_posix()
        for path in SOURCE.rglob("*.py")
        if "migrations" not in path.parts and BY_HAND.search(path.read_text(encoding="utf-8"))
    )
    assert spelled == []


def _enums_with_codes() -> list[type[StrEnum]]:
    return [
        e
        for e in vars(enums).values()
        if isinstance(e, type) and issubclass(e, StrEnum) and e is not StrEnum and len(e) >= 3
    ]


def test_no_service_writes_an_enums_codes_into_a_sentence_by_hand():
    """A refusal lists the codes through domain.values.codes/one_of: a member added to the
    enum is named in the sentence too, instead of a hand-written list left behind."""
    by_hand = {codes(e): e.__name__ for e in _enums_with_codes()}
    found = sorted(
        f"{path.relative_to(SOURCE).as_posix()}: {by_hand[text]}"
        for path in (SOURCE / "services").rglob("*.py")
        for text in by_hand
        if text in path.read_text(encoding="utf-8")
    )
    assert found == []


def test_a_code_that_is_no_member_is_refused_with_every_code_of_the_enum():
    assert (
        one_of(enums.TrackingUnit, "days", "c", "{value!r}: {choices}") is enums.TrackingUnit.DAYS
    )
    with pytest.raises(ValidationError) as refused:
        one_of(
            enums.EventKind,
            "lunch",
            "event.kind",
            "{kind!r} is not a kind of event: {choices}",
            param="kind",
        )
    assert refused.value.code == "event.kind"
    assert error_text(refused.value) == (
        "'lunch' is not a kind of event: call, meeting, follow_up, visit or other"
    )


def _calls_of(name: str, path: Path) -> int:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return sum(
        1
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Name) and node.func.id == name)
            or (isinstance(node.func, ast.Attribute) and node.func.attr == name)
        )
    )


def test_only_domain_sla_state_of_hands_a_cases_fields_to_sla_state():
    """Which field of a case is which argument of ``sla_state`` (a cancelled case stops at
    its last change, reopened time comes off the resolution clock) is spelled once, in
    ``domain.sla.state_of``: the list, the board, search, views and escalation judge a case
    through it, so a new argument cannot be forgotten in one of them."""
    callers = sorted(
        path.relative_to(SOURCE).as_posix()
        for path in SOURCE.rglob("*.py")
        if "migrations" not in path.parts and _calls_of("sla_state", path)
    )
    assert callers == ["domain/sla.py"]
    assert _calls_of("sla_state", SOURCE / "domain" / "sla.py") == 1


WHOLE_MINUTES_BY_HAND = re.compile(r"total_seconds\(\)\s*//\s*60")


def test_only_domain_durations_counts_the_whole_minutes_of_a_span():
    """How the desk rounds a span to minutes (down: -30 s is -1) is ``whole_minutes``; an
    inline ``total_seconds() // 60`` is a second spelling that could round another way."""
    spelled = sorted(
        path.relative_to(SOURCE).as_posix()
        for path in SOURCE.rglob("*.py")
        if "migrations" not in path.parts
        and WHOLE_MINUTES_BY_HAND.search(path.read_text(encoding="utf-8"))
    )
    assert spelled == ["domain/durations.py"]
