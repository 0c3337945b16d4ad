"""The domain's figures as whole sentences in the operator's language: an SLA clock, a
contract's balance, what finishing a case will use.

The domain decides (a clock is running, met, breached or stopped; how many units are
used and left) and may not speak (it imports no i18n); the case view, ``desktui case
show`` and the finish preview all read the same sentence from here, each a whole
sentence with named placeholders so a translator can order the words as Spanish does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import TypeVar

from . import formats, words
from .domain.contracts import Balance, Level, Preview, rounded_units, units_text
from .domain.durations import format_minutes
from .domain.enums import TrackingUnit
from .domain.sla import SlaClock
from .i18n import _, ngettext

NO_DUE = "—"
"""What a clock with no deadline shows where the deadline goes."""


def sla_clock(clock: SlaClock, when: Callable[[datetime], str]) -> str:
    """One clock in words, for the case view and ``desktui case show``: the time left or
    overdue while it runs, met or breached once it stopped. ``when`` writes an instant in
    the reader's zone."""
    due = when(clock.due) if clock.due is not None else NO_DUE
    if clock.minutes_left is not None:
        if clock.minutes_left >= 0:
            return _("{left} left · due {due}").format(
                left=format_minutes(clock.minutes_left), due=due
            )
        return _("breached {late} ago · was due {due}").format(
            late=format_minutes(-clock.minutes_left), due=due
        )
    if clock.met:
        return _("met · due {due}").format(due=due)
    if clock.breached:
        return _("breached · was due {due}").format(due=due)
    return _("stopped · was due {due}").format(due=due)


def balance(found: Balance) -> str:
    """``12.5 / 40 h used, 27.5 h left (31 %)``, with the level once it matters. Left is
    the difference of the two figures shown, so the three always add up on screen."""
    unit = found.contract.unit
    total, used = rounded_units(found.contract.total_units), rounded_units(found.used)
    values = {
        "used": _figure(used),
        "total": _amount(total, unit),
        "left": _amount(total - used, unit),
        "percent": formats.number(found.rounded_percent),
    }
    if found.level is Level.OK:
        return _("{used} / {total} used, {left} left ({percent} %)").format(**values)
    return _("{used} / {total} used, {left} left ({percent} %, {level})").format(
        **values, level=words.label(found.level)
    )


def finish_preview(preview: Preview) -> str:
    """``3.25 h → 37.25 / 40 h, 93 %``: what finishing the case uses, and the balance after."""
    unit = preview.balance.contract.unit
    after = preview.after
    return (
        f"{_amount(preview.units, unit)} → {_figure(after.used)} / "
        f"{_amount(preview.balance.contract.total_units, unit)}, "
        f"{formats.number(after.rounded_percent)} %"
    )


def _amount(value: Decimal, unit: TrackingUnit) -> str:
    """``3.25 h``, ``1.5 d``, ``1 incident``, ``4 incidents``."""
    figure = _figure(value)
    if unit is TrackingUnit.INCIDENTS:
        return ngettext("{figure} incident", "{figure} incidents", _plural_count(value)).format(
            figure=figure
        )
    return f"{figure} {'h' if unit is TrackingUnit.HOURS else 'd'}"


def _figure(value: Decimal) -> str:
    """Units as :func:`units_text` rounds them (2 decimals at most, ``<0.01`` for a sliver),
    written in the operator's locale (``2,56`` in Spanish)."""
    text = units_text(value)
    if text[:1] in ("<", ">"):  # a sliver: "<0.01" or ">-0.01"
        return text[0] + formats.number(Decimal(text[1:]))
    return formats.number(Decimal(text))


def _plural_count(value: Decimal) -> int:
    """The count ngettext chooses the form by: a whole number as it is, a fraction as
    "many" (1.5 incidents, as English and Spanish both say)."""
    whole = abs(value)
    return int(whole) if whole == whole.to_integral_value() else 2


_UNNAMED_CONTRACT = re.compile(r"contract (\d{1,19})")
V = TypeVar("V")


def report_cell(value: V) -> V | str:
    """A report's cell as a person reads it: a vocabulary's word (words.shown), and a
    contract without a name in the reader's words ('póliza 1'): the domain labels it
    'contract 1', which --json and CSV keep."""
    shown = words.shown(value)
    if isinstance(shown, str) and (unnamed := _UNNAMED_CONTRACT.fullmatch(shown)):
        return _("contract {id}").format(id=unnamed.group(1))
    return shown
