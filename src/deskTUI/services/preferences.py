"""Each operator's own arrangement of the case view's tabs and the case list's columns
(issue 21; domain.preferences). A person arranges their own; an admin acts as another
with ``--as``. Nothing of a case is read or changed, so nothing goes in a case's log."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..domain.people import User
from ..domain.preferences import (
    HIDDEN_COLUMNS,
    LIST_COLUMNS,
    Arrangement,
    check_columns,
    check_tabs,
    read_arrangement,
    stored_text,
)
from ..store.uow import UnitOfWork
from .common import acting


@dataclass(frozen=True)
class Preferences:
    """What one operator chose, read against what the desk knows now."""

    tabs: Arrangement
    columns: Arrangement


def my_preferences(uow: UnitOfWork, actor: User, tabs: Sequence[str] = ()) -> Preferences:
    """The actor's arrangements; ``tabs``: the case view's tab codes, in the view's order
    (the view owns them: screens/case_sections.TABS)."""
    with uow:
        me = acting(uow, actor)
        stored_tabs = uow.preferences.get(_id(me), "case_tabs")
        stored_columns = uow.preferences.get(_id(me), "list_columns")
    return Preferences(
        read_arrangement(tabs, stored_tabs),
        read_arrangement(LIST_COLUMNS, stored_columns, HIDDEN_COLUMNS),
    )


def set_tabs(uow: UnitOfWork, actor: User, arrangement: Arrangement | None) -> None:
    """Save the actor's order of the case view's tabs (None: back to the desk's)."""
    if arrangement is not None:
        check_tabs(arrangement)
    _save(uow, actor, "case_tabs", arrangement)


def set_columns(uow: UnitOfWork, actor: User, arrangement: Arrangement | None) -> None:
    """Save the actor's columns of the case list (None: back to the desk's)."""
    if arrangement is not None:
        check_columns(arrangement)
    _save(uow, actor, "list_columns", arrangement)


def contract_names(uow: UnitOfWork, ids: set[int]) -> dict[int, str]:
    """The names of the contracts of cases already found for the actor (their id for one
    with no name): the list's contract column."""
    with uow:
        found = {i: uow.contracts.get(i) for i in sorted(ids)}
    return {i: c.name or str(i) for i, c in found.items()}


def _save(uow: UnitOfWork, actor: User, kind: str, arrangement: Arrangement | None) -> None:
    text = None if arrangement is None else stored_text(arrangement)
    with uow:
        me = acting(uow, actor)
        uow.preferences.put(_id(me), "case_tabs" if kind == "case_tabs" else "list_columns", text)
        uow.commit()


def _id(user: User) -> int:
    assert user.id is not None  # read from the store
    return user.id
