"""What an edit that lost a race keeps: a three-way merge of a form's fields.

The base is the case as the form opened it, *mine* the fields the operator changed,
*theirs* the case as someone else saved it meanwhile. Fields are compared as the form
shows them (one text per field), so the rule holds for any form over any record.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

How = Literal["theirs", "reload", "merge"]
"""Drop my edits; load their version into the form to edit again; or save their version
with the fields I choose to keep set to mine."""


@dataclass(frozen=True)
class Clash:
    """A field the operator changed; ``both``: the other save changed it too."""

    key: str
    both: bool


def changed_by_them(
    keys: Iterable[str], base: Callable[[str], str], theirs: Callable[[str], str]
) -> list[str]:
    """The fields (in ``keys``' order) whose text differs between the base and theirs."""
    return [key for key in keys if base(key) != theirs(key)]


def clashes(keys: Sequence[str], mine: Collection[str], theirs: Collection[str]) -> list[Clash]:
    """Each field I changed, in the form's order, and whether they changed it too: the
    fields the operator is asked about (one they changed alone is simply theirs)."""
    return [Clash(key, key in theirs) for key in keys if key in mine]


def taken_from_theirs(keys: Iterable[str], how: How, keep_mine: Collection[str]) -> list[str]:
    """After the choice, the fields the form shows as they saved them: all of them but
    the ones a merge keeps as mine. (After "theirs" the form closes: nothing is shown.)"""
    keep = keep_mine if how == "merge" else frozenset()
    return [key for key in keys if key not in keep]
