"""Each rule is spelled once (issue 19, "each rule once"): the priority order is the
declaration order of ``domain.enums.Priority`` (``PRIORITIES_BY_URGENCY``, ``Priority.rank``);
a module that lists the priorities by hand in that order is a second spelling that a new
priority would leave behind."""

from __future__ import annotations

import re
from pathlib import Path

import deskTUI

SOURCE = Path(deskTUI.__file__).parent
BY_HAND = re.compile(
    r"Priority\.CRITICAL,\s*Priority\.HIGH,\s*Priority\.MEDIUM,\s*Priority\.LOW"
    r"|['\"]critical['\"],\s*['\"]high['\"],\s*['\"]medium['\"],\s*['\"]low['\"]"
)


def test_no_module_spells_the_priority_order_by_hand():
    spelled = sorted(
        path.relative_to(SOURCE).as_posix()
        for path in SOURCE.rglob("*.py")
        if "migrations" not in path.parts and BY_HAND.search(path.read_text(encoding="utf-8"))
    )
    assert spelled == []
