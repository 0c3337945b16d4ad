"""The one-line case query: ``status:open prio:>=high assignee:me client:"Acme SA" impresora``.

Shared by the command line (``--query``) and the case list (``/``). Free
words search the text; ``key:value`` filters; a leading ``-`` negates; values
may be comma-separated (``status:new,assigned``) or quoted. Keys and words are read
in English and in Spanish alike (``estado:abierto prio:>=alta asignado:yo``, accents
optional: query_words.py); the reader's language only says how ``01/03/2026`` reads
and which words a refusal lists. A mistake raises a ValidationError that names the word
and what would have been valid, each kind of mistake with its own code
(``query.not_a_status``...) and sentence, so the catalogue can say it in Spanish.

:func:`format_query` writes a parsed query back as text: in English, the canonical
form saved views are kept in (so a view saved in Spanish runs for everyone), or in
the reader's language for showing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .enums import OPEN_STATUSES, Priority, Status
from .errors import ValidationError
from .query_words import (
    AGE_UNIT_MINUTES,
    ASSIGNEE_OF,
    ENGLISH,
    KEY_OF,
    KEYS,
    PRIORITY_OF,
    SLA_OF,
    STATUS_OF,
    QueryWords,
    fold,
    words_of,
)
from .values import FIRST_DAY, LAST_DAY

__all__ = ["KEYS", "CaseQuery", "Condition", "format_query", "parse_query", "writes_back"]

_COMPARISON = re.compile(r"^(>=|<=|>|<|=)?(.*)$")
# A key is a word (letters of any language, accents typed as one character or two:
# ``área``) followed by a colon; anything else is a free word.
_TOKEN = re.compile(r'(-?)(?:([^\W\d][\w\u0300-\u036f]*):)?("(?:[^"]*)"|\S*)')
_AGE = re.compile(r"^(\d{1,6})(sem|m|h|d|w)$")
_AGE_MOST = 5218 * 7 * 24 * 60
"""About a hundred years: older than any case, and a date that exists when counted back."""
_LOCAL_DAY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_COMPARED = ("priority", "created", "updated", "age")
_CLOSED = frozenset({Status.FINISHED.value, Status.CANCELLED.value})
_OPEN = frozenset(s.value for s in OPEN_STATUSES)


@dataclass(frozen=True)
class Condition:
    """One ``key:value`` term. ``values`` are normalised: status and priority codes,
    logins (``me``, ``none``), names, or one ISO date for ``created``/``updated`` with
    ``op``, or minutes for ``age``."""

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


def _listed(words: dict[str, str]) -> str:
    """Choices for a refusal, in the reader's words: a plain list, the same in any language."""
    return ", ".join(words.values())


def _statuses(values: list[str], text: str, words: QueryWords) -> frozenset[str]:
    out: set[str] = set()
    for value in values:
        code = STATUS_OF.get(fold(value))
        if code is None:
            raise ValidationError(
                "query.not_a_status",
                "In the query, {text!r}: {word!r} is not a status ({choices})",
                text=text,
                word=value,
                choices=_listed(words.statuses),
            )
        out |= _OPEN if code == "open" else _CLOSED if code == "closed" else {code}
    return frozenset(out)


def _priorities(op: str, values: list[str], text: str, words: QueryWords) -> frozenset[str]:
    levels = list(Priority)
    out: set[str] = set()
    for value in values:
        code = PRIORITY_OF.get(fold(value))
        if code is None:
            raise ValidationError(
                "query.not_a_priority",
                "In the query, {text!r}: {word!r} is not a priority ({choices})",
                text=text,
                word=value,
                choices=_listed(words.priorities),
            )
        rank = levels.index(Priority(code))
        pick = {
            "=": levels[rank : rank + 1],
            ">=": levels[rank:],
            ">": levels[rank + 1 :],
            "<=": levels[: rank + 1],
            "<": levels[:rank],
        }[op]
        out |= {p.value for p in pick}
    return frozenset(out)


def _sla(values: list[str], text: str, words: QueryWords) -> frozenset[str]:
    found = [SLA_OF.get(fold(v)) for v in values]
    if None in found:
        raise ValidationError(
            "query.not_an_sla",
            "In the query, {text!r}: sla is {breached}, {soon} (about to breach) or {ok}",
            text=text,
            **words.sla,
        )
    return frozenset(code for code in found if code is not None)


def _units(words: QueryWords) -> str:
    return f"m, h, d, {words.week}"


def _age(op: str, values: list[str], text: str, words: QueryWords) -> int:
    """Minutes in ``age:>4h`` (m, h, d or w; ``sem`` in Spanish); the comparison is required."""
    example = {"key": words.keys["age"], "units": _units(words)}
    if op == "=" or len(values) != 1:
        raise ValidationError(
            "query.age_comparison",
            "In the query, {text!r}: {key} takes one comparison, like {key}:>4h or "
            "{key}:<1d ({units})",
            text=text,
            **example,
        )
    found = _AGE.match(values[0].lower())
    if found is None:
        raise ValidationError(
            "query.not_an_age",
            "In the query, {text!r}: {word!r} is not an age, like {key}:>4h or {key}:<1d ({units})",
            text=text,
            word=values[0].lower(),
            **example,
        )
    minutes = int(found.group(1)) * AGE_UNIT_MINUTES[found.group(2)]
    if minutes > _AGE_MOST:
        raise ValidationError(
            "query.age_too_old",
            "In the query, {text!r}: an age is at most 100 years ({most})",
            text=text,
            most=f"5218{words.week}",
        )
    return minutes


def _read_day(value: str, words: QueryWords) -> date:
    """ISO always; ``01/03/2026`` day first in Spanish, month first in English."""
    local = _LOCAL_DAY.match(value)
    if local is None:
        return date.fromisoformat(value)
    first, second, year = (int(part) for part in local.groups())
    day, month = (first, second) if words.day_first else (second, first)
    return date(year, month, day)


def _day(value: str, text: str, words: QueryWords) -> date:
    """A day of ``created:``/``updated:``, within the desk's calendar: the day after
    9999-12-31 is no date, and a whole-day comparison needs it."""
    try:
        day = _read_day(value, words)
    except ValueError:
        raise ValidationError(
            "query.not_a_date",
            "In the query, {text!r}: {word!r} is not a date (YYYY-MM-DD or {local})",
            text=text,
            word=value,
            local=words.local_date,
        ) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValidationError(
            "query.outside_calendar",
            "In the query, {text!r}: {word} is outside the desk's calendar ({first} to {last})",
            text=text,
            word=value,
            first=FIRST_DAY.isoformat(),
            last=LAST_DAY.isoformat(),
        )
    return day


def _assignees(values: list[str]) -> frozenset[str]:
    """Logins lowered; ``me``/``yo`` and ``none``/``nadie``/``sin asignar`` as the store's
    ``me`` and ``none``."""
    return frozenset(ASSIGNEE_OF.get(fold(v), v.lower()) for v in values)


def _condition(
    raw: str, negated: bool, typed_key: str, value: str, quoted: bool, words: QueryWords
) -> Condition:
    key = KEY_OF.get(fold(typed_key))
    if key is None:
        raise ValidationError(
            "query.not_a_filter",
            "In the query, {text!r}: {word!r} is not a filter; use one of {choices}",
            text=raw,
            word=typed_key.lower(),
            choices=_listed(words.keys),
        )
    op_match = _COMPARISON.match(value)
    assert op_match is not None
    op, rest = op_match.group(1) or "=", op_match.group(2)
    values = [rest.strip()] if quoted else [v.strip() for v in rest.split(",") if v.strip()]
    if not values or not all(values):
        raise ValidationError(
            "query.no_value", "In the query, {text!r}: a value is missing after the colon", text=raw
        )
    if op != "=" and key not in _COMPARED:
        raise ValidationError(
            "query.no_comparison",
            "In the query, {text!r}: {key} takes no comparison",
            text=raw,
            key=words.keys[key],
        )
    if key == "status":
        found = _statuses([v.lower() for v in values], raw, words)
    elif key == "priority":
        found = _priorities(op, [v.lower() for v in values], raw, words)
        op = "="
    elif key == "sla":
        found = _sla(values, raw, words)
    elif key == "age":
        found = frozenset({str(_age(op, values, raw, words))})
    elif key in ("created", "updated"):
        if len(values) != 1:
            raise ValidationError(
                "query.one_date",
                "In the query, {text!r}: give one date, like {key}:>={example}",
                text=raw,
                key=words.keys[key],
                example=_written_day(date(2026, 3, 1), words),
            )
        found = frozenset({_day(values[0], raw, words).isoformat()})
    elif key in ("assignee", "reporter"):  # reporter: who opened it ("Mis tickets")
        found = _assignees(values)
    else:
        found = frozenset(values)
    return Condition(key, found, negated, op)


def parse_query(text: str, language: str = ENGLISH) -> CaseQuery:
    """Parse the one-line query, read by a person of ``language`` ("en", "es"); raise
    ValidationError naming the first wrong word, in that person's words."""
    words = words_of(language)
    if text.count('"') % 2:
        raise ValidationError(
            "query.unclosed_quote",
            "In the query, {text!r}: a quotation mark is not closed",
            text=text,
        )
    conditions: list[Condition] = []
    free: list[str] = []
    excluded: list[str] = []
    for raw, negated, key, value, quoted in _tokens(text or ""):
        if key is None:
            if value:
                (excluded if negated else free).append(value.lower())
            continue
        conditions.append(_condition(raw, negated, key, value, quoted, words))
    return CaseQuery(tuple(conditions), tuple(free), tuple(excluded))


_TWO_WORDS = {
    "status": {("en", "proceso"), ("en", "espera"), ("in", "progress"), ("on", "hold")},
    "assignee": {("sin", "asignar")},
}
"""Values of two words typed without quotes (``estado:en proceso``, ``asignado:sin
asignar``): read as one, not as ``en`` and a free word (which would find nothing)."""

Token = tuple[str, bool, str | None, str, bool]
"""As typed, negated, key (None: a free word), value, quoted."""


def _tokens(text: str) -> list[Token]:
    found = [m for m in _TOKEN.finditer(text) if m.group(0)]
    out: list[Token] = []
    at = 0
    while at < len(found):
        match, after = found[at], found[at + 1] if at + 1 < len(found) else None
        raw, key, value = match.group(0), match.group(2), match.group(3)
        quoted = value.startswith('"')
        if key is not None and not quoted and after is not None and _joined(key, value, after):
            raw, value = f"{raw} {after.group(0)}", f"{value}_{after.group(3)}"
            at += 1
        out.append((raw, match.group(1) == "-", key, value.strip('"'), quoted))
        at += 1
    return out


def _joined(key: str, value: str, after: re.Match[str]) -> bool:
    """Whether the free word ``after`` is the second word of ``value``'s last item."""
    if after.group(1) or after.group(2) is not None or after.group(3).startswith('"'):
        return False
    pair = (fold(value.rsplit(",", 1)[-1]), fold(after.group(3)))
    return pair in _TWO_WORDS.get(KEY_OF.get(fold(key), ""), set())


# --- writing a query back -----------------------------------------------------------------


def _written_day(day: date, words: QueryWords) -> str:
    if words.day_first:
        return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"
    return day.isoformat()


def _quoted(value: str) -> str:
    """A value as one token: quoted when blanks, a comma or a colon would split it."""
    if any(ch.isspace() for ch in value) or any(ch in value for ch in ",:"):
        return f'"{value}"'
    return value


def _status_words(values: frozenset[str], words: QueryWords) -> list[str]:
    out, left = [], set(values)
    for group, members in (("open", _OPEN), ("closed", _CLOSED)):
        if members <= left:
            out.append(words.statuses[group])
            left -= members
    return out + [words.statuses[s.value] for s in Status if s.value in left]


def _priority_text(values: frozenset[str], words: QueryWords) -> str:
    """The set of priorities as typed: ``>=high`` for high and critical."""
    levels = [p.value for p in Priority]
    named = words.priorities
    if not values:
        return "<" + named[levels[0]]
    picked = [p for p in levels if p in values]
    first, last = levels.index(picked[0]), levels.index(picked[-1])
    if len(picked) > 1 and len(picked) == last - first + 1:
        if last == len(levels) - 1:
            return ">=" + named[picked[0]]
        if first == 0:
            return "<=" + named[picked[-1]]
    return ",".join(named[p] for p in picked)


def _age_text(minutes: int, words: QueryWords) -> str:
    for unit, size in (("w", 7 * 24 * 60), ("d", 24 * 60), ("h", 60)):
        if minutes and minutes % size == 0:
            return f"{minutes // size}{words.week if unit == 'w' else unit}"
    return f"{minutes}m"


def _value_text(cond: Condition, words: QueryWords) -> str:
    op = "" if cond.op == "=" else cond.op
    if cond.key == "status":
        return ",".join(_status_words(cond.values, words))
    if cond.key == "priority":
        return _priority_text(cond.values, words)
    if cond.key == "sla":
        return ",".join(words.sla[c] for c in ("breached", "soon", "ok") if c in cond.values)
    if cond.key == "age":
        return op + _age_text(int(next(iter(cond.values))), words)
    if cond.key in ("created", "updated"):
        return op + _written_day(date.fromisoformat(next(iter(cond.values))), words)
    names = sorted(cond.values)
    if cond.key in ("assignee", "reporter"):
        names = [words.assignees.get(n, n) for n in names]
    # A name that starts like a comparison keeps it: an "=" first is read and dropped.
    keep = "=" if names[0][:1] in ("<", ">", "=") else ""
    if len(names) == 1:
        return _quoted(keep + names[0])
    return keep + ",".join(names)


def format_query(query: CaseQuery, language: str = ENGLISH) -> str:
    """``query`` as text that :func:`parse_query` reads back (in ``language``) as the
    same query: English is the canonical form kept for saved views; Spanish is for
    showing to a Spanish reader. A comma list of names with blanks in them cannot be
    written (no query typed can give one)."""
    words = words_of(language)
    terms = [
        ("-" if c.negated else "") + f"{words.written_key(c.key)}:{_value_text(c, words)}"
        for c in query.conditions
    ]
    terms += [_free(word) for word in query.words]
    terms += ["-" + _free(word) for word in query.not_words]
    return " ".join(terms)


def writes_back(query: CaseQuery, language: str = ENGLISH) -> str | None:
    """:func:`format_query`'s text when it reads back as ``query``; None when no text can
    hold it (a quotation mark inside a word, as ``a"b"`` leaves one)."""
    text = format_query(query, language)
    try:
        return text if parse_query(text, language) == query else None
    except ValidationError:
        return None


def _free(word: str) -> str:
    """A free word: quoted when it would read as a negation, or as the second word of
    a value before it (``asignado:sin asignar``)."""
    if word.startswith("-") or any(
        fold(word) == two for pairs in _TWO_WORDS.values() for _one, two in pairs
    ):
        return f'"{word}"'
    return _quoted(word)
