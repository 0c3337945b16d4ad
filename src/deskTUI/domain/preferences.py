"""Each operator's arrangement of what they look at (issue 21): the order of the case
view's tabs and which of them show (seed 000 "Ordenar Módulos Relacionados"), and the
columns of the case list (seed 003's ticket list: contract, created date...).

An arrangement is a sequence of (code, shown) in the operator's order. It is stored as
one line, ``comments,general,-log`` (a hidden one written ``-code``), and read back
against the codes the desk knows *now*: a code it no longer knows is dropped, one it
did not know when the line was written (a tab added since) comes at the end, shown
unless hidden by default. Reading never fails: stored text is only ever a preference.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .errors import ValidationError

Arrangement = tuple[tuple[str, bool], ...]
"""(code, shown) in the operator's order."""

LIST_COLUMNS = (
    "number",
    "title",
    "client",
    "priority",
    "status",
    "assignee",
    "sla",
    "updated",
    "contract",
    "created",
)
"""Every column the case list can show, in the desk's default order."""
HIDDEN_COLUMNS = frozenset({"contract", "created"})
"""Columns off until an operator chooses them (the list as it was before issue 21)."""
ALWAYS_SHOWN = frozenset({"number"})
"""A row must say which case it is."""

STORED_MAX = 400
"""The stored line's length (tables.OperatorPreferenceRow)."""


def read_arrangement(
    known: Sequence[str], stored: str | None, hidden: Iterable[str] = ()
) -> Arrangement:
    """``stored`` read against the codes known now (never raises: see the module)."""
    hidden_now = frozenset(hidden)
    seen: dict[str, bool] = {}
    for item in (stored or "").split(","):
        code = item.strip()
        shown = not code.startswith("-")
        code = code.lstrip("-").strip().lower()
        if code in known and code not in seen:
            seen[code] = shown
    for code in known:
        seen.setdefault(code, code not in hidden_now)
    if seen and not any(seen.values()):  # nothing shown is no arrangement: the first shows
        seen[next(iter(seen))] = True
    return tuple(seen.items())


def stored_text(arrangement: Arrangement) -> str:
    return ",".join(code if shown else f"-{code}" for code, shown in arrangement)


def shown(arrangement: Arrangement) -> tuple[str, ...]:
    return tuple(code for code, on in arrangement if on)


def chosen_tabs(known: Sequence[str], typed: str) -> Arrangement:
    """``--tabs comments,general``: those tabs in that order, the others hidden."""
    names = _names(typed)
    for name in names:
        if name not in known:
            raise ValidationError(
                "prefs.no_such_tab",
                "There is no tab {name!r}; the tabs are {choices}",
                name=name,
                choices=", ".join(known),
            )
    if not names:
        raise ValidationError("prefs.no_tab", "Name at least one tab to show")
    return _arranged(known, names)


def chosen_columns(typed: str) -> Arrangement:
    """``--columns number,title,contract,created``: those columns in that order."""
    names = _names(typed)
    for name in names:
        if name not in LIST_COLUMNS:
            raise ValidationError(
                "prefs.no_such_column",
                "There is no column {name!r}; the columns are {choices}",
                name=name,
                choices=", ".join(LIST_COLUMNS),
            )
    check_columns(_arranged(LIST_COLUMNS, names))
    return _arranged(LIST_COLUMNS, names)


def check_columns(arrangement: Arrangement) -> None:
    """The number column stays: without it a row does not say which case it is."""
    off = [code for code, on in arrangement if code in ALWAYS_SHOWN and not on]
    if off:
        raise ValidationError(
            "prefs.number_column", "The number column is always shown; name it among the columns"
        )


def check_tabs(arrangement: Arrangement) -> None:
    if not any(on for _code, on in arrangement):
        raise ValidationError("prefs.no_tab", "Name at least one tab to show")


def _names(typed: str) -> list[str]:
    names = [part.strip().lower() for part in typed.split(",") if part.strip()]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ValidationError(
            "prefs.named_twice", "{name!r} is named twice; name each once", name=twice[0]
        )
    return names


def _arranged(known: Sequence[str], names: list[str]) -> Arrangement:
    return (*((n, True) for n in names), *((k, False) for k in known if k not in names))
