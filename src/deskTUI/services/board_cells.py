"""The numbers of the queue board's count tables, each with the case-list query of exactly
its cases (board.py and board_links.py build them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cell:
    """A number on the board and the case-list query of exactly those cases."""

    count: int
    query: str | None
    """None where no query holds exactly these cases (a login the query language reads
    as a word of its own): enter opens nothing rather than the wrong list."""


@dataclass(frozen=True)
class CountRow:
    label: str
    cells: tuple[Cell, ...]
    """One per column of its table, the row's total last."""


@dataclass(frozen=True)
class CountTable:
    columns: tuple[str, ...]
    """Column headings, "Total" last."""
    rows: tuple[CountRow, ...]
    """The table's rows, the totals row last."""


def quoted(name: str) -> str | None:
    """A name as one query value, or None when the query language cannot hold it: a
    quote inside, or a leading comparison (``area:>VIP`` reads as "greater than")."""
    if '"' in name or name.startswith(("<", ">", "=")):
        return None
    return f'"{name}"' if any(ch.isspace() or ch in ",:" for ch in name) else name


def query(*terms: str) -> str:
    return " ".join(t for t in terms if t)
