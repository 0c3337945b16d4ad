"""The one-line case query: ``status:open prio:>=high assignee:me client:"Acme SA" impresora``.

Shared by the command line (``--query``) and the case list (``/``). Free
words search the text; ``key:value`` filters; a leading ``-`` negates; values
may be comma-separated (``status:new,assigned``) or quoted. A mistake raises a
ValidationError that names the word and what would have been valid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .enums import OPEN_STATUSES, Priority, Status
from .errors import ValidationError
from .values import FIRST_DAY, LAST_DAY

KEYS = (
    "status",
    "priority",
    "assignee",
    "client",
    "area",
    "category",
    "created",
    "updated",
    "sla",
    "age",
)
ALIASES = {
    "prio": "priority",
    "state": "status",
    "is": "status",
    "to": "assignee",
    "assigned": "assignee",
}
_COMPARISON = re.compile(r"^(>=|<=|>|<|=)?(.*)$")
_TOKEN = re.compile(r'(-?)(?:([A-Za-z_]\w*):)?("(?:[^"]*)"|\S*)')
_AGE = re.compile(r"^(\d{1,6})(m|h|d|w)$")
_AGE_UNIT = {"m": 1, "h": 60, "d": 24 * 60, "w": 7 * 24 * 60}
_AGE_MOST = 5218 * 7 * 24 * 60
"""About a hundred years: older than any case, and a date that exists when counted back."""


@dataclass(frozen=True)
class Condition:
    """One ``key:value`` term. ``values`` are normalised: status and priority codes,
    logins, names, or one ISO date for ``created``/``updated`` with ``op``."""

    key: str
    values: frozenset[str]
    negated: bool = False
    op: str = "="


@dataclass(frozen=True)
class CaseQuery:
    conditions: tuple[Condition, ...] = ()
    words: tuple[str, ...] = ()
    """Free text: every word must appear in the title, description or comments."""
    not_words: tuple[str, ...] = field(default=())

    def plus(self, *conditions: Condition) -> CaseQuery:
        return CaseQuery((*self.conditions, *conditions), self.words, self.not_words)

    def values_of(self, key: str) -> list[Condition]:
        return [c for c in self.conditions if c.key == key]


def _refuse(text: str, reason: str) -> ValidationError:
    return ValidationError(
        "query.invalid", "In the query, {text!r}: {reason}", text=text, reason=reason
    )


def _statuses(values: list[str], text: str) -> frozenset[str]:
    out: set[str] = set()
    for value in values:
        if value == "open":
            out |= {s.value for s in OPEN_STATUSES}
        elif value == "closed":
            out |= {Status.FINISHED.value, Status.CANCELLED.value}
        else:
            try:
                out.add(Status(value.replace("-", "_")).value)
            except ValueError:
                choices = ", ".join(["open", "closed", *(s.value for s in Status)])
                raise _refuse(text, f"{value!r} is not a status ({choices})") from None
    return frozenset(out)


_PRIORITY_BY_SHORT = {p.short: p.value for p in Priority}
"""``prio:crit`` and ``prio:med``: the list column's words are accepted too."""


def _priorities(op: str, values: list[str], text: str) -> frozenset[str]:
    levels = list(Priority)
    out: set[str] = set()
    for value in values:
        try:
            level = Priority(_PRIORITY_BY_SHORT.get(value, value))
        except ValueError:
            choices = ", ".join(p.value for p in Priority)
            raise _refuse(text, f"{value!r} is not a priority ({choices})") from None
        rank = levels.index(level)
        pick = {
            "=": [level],
            ">=": levels[rank:],
            ">": levels[rank + 1 :],
            "<=": levels[: rank + 1],
            "<": levels[:rank],
        }[op]
        out |= {p.value for p in pick}
    return frozenset(out)


def _age(op: str, values: list[str], text: str) -> int:
    """Minutes in ``age:>4h`` (m, h, d or w); the comparison is required."""
    example = "like age:>4h or age:<1d (m, h, d, w)"
    if op == "=" or len(values) != 1:
        raise _refuse(text, f"age takes one comparison, {example}")
    found = _AGE.match(values[0].lower())
    if found is None:
        raise _refuse(text, f"{values[0]!r} is not an age, {example}")
    minutes = int(found.group(1)) * _AGE_UNIT[found.group(2)]
    if minutes > _AGE_MOST:
        raise _refuse(text, "an age is at most 100 years (5218w)")
    return minutes


def _day(value: str, text: str) -> date:
    """A day of ``created:``/``updated:``, within the desk's calendar: the day after
    9999-12-31 is no date, and a whole-day comparison needs it."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise _refuse(text, f"{value!r} is not a date (YYYY-MM-DD)") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise _refuse(
            text,
            f"{value} is outside the desk's calendar ({FIRST_DAY.isoformat()} to "
            f"{LAST_DAY.isoformat()})",
        )
    return day


def parse_query(text: str) -> CaseQuery:
    """Parse the one-line query; raise ValidationError naming the first wrong word."""
    if text.count('"') % 2:
        raise _refuse(text, "a quotation mark is not closed")
    conditions: list[Condition] = []
    words: list[str] = []
    not_words: list[str] = []
    for match in _TOKEN.finditer(text or ""):
        raw = match.group(0)
        if not raw:
            continue
        negated = match.group(1) == "-"
        key = match.group(2)
        quoted = match.group(3).startswith('"')
        value = match.group(3).strip('"')
        if key is None:
            if value:
                (not_words if negated else words).append(value.lower())
            continue
        key = ALIASES.get(key.lower(), key.lower())
        if key not in KEYS:
            raise _refuse(raw, f"{key!r} is not a filter; use one of {', '.join(KEYS)}")
        op_match = _COMPARISON.match(value)
        assert op_match is not None
        op, rest = op_match.group(1) or "=", op_match.group(2)
        values = [rest.strip()] if quoted else [v.strip() for v in rest.split(",") if v.strip()]
        if not values or not all(values):
            raise _refuse(raw, "a value is missing after the colon")
        if op != "=" and key not in ("priority", "created", "updated", "age"):
            raise _refuse(raw, f"{key} takes no comparison")
        if key == "status":
            found = _statuses([v.lower() for v in values], raw)
        elif key == "priority":
            found = _priorities(op, [v.lower() for v in values], raw)
            op = "="
        elif key == "sla":
            if {v.lower() for v in values} - {"breached", "ok", "soon"}:
                raise _refuse(raw, "sla is breached, soon (about to breach) or ok")
            found = frozenset(v.lower() for v in values)
        elif key == "age":
            found = frozenset({str(_age(op, values, raw))})
        elif key in ("created", "updated"):
            if len(values) != 1:
                raise _refuse(raw, f"give one date, like {key}:>=2026-03-01")
            found = frozenset({_day(values[0], raw).isoformat()})
        else:
            found = frozenset(v.lower() if key == "assignee" else v for v in values)
        conditions.append(Condition(key, found, negated, op))
    return CaseQuery(tuple(conditions), tuple(words), tuple(not_words))
