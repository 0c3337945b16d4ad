"""What the time dialog offers (seed 001's Actividades): the Ejecutor and Artículo lists."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.activities import executors_for
from ..domain.people import User
from ..domain.permissions import Action, visibility_scope
from ..store.uow import UnitOfWork
from .common import CaseRef, acting, load_case

ARTICLES_OFFERED = 500
"""At most this many articles in the look-up; a longer list is typed into, not read."""


@dataclass(frozen=True)
class TimeForm:
    """The choices of one case's time dialog, limited to what the operator may do and see."""

    case_id: int
    number: str
    billable: bool
    """The case's flag: a new entry's default."""
    executors: list[tuple[str, str]]
    """(login, name): the operator first, then whom they may log for."""
    articles: list[str]
    """Seed 001: the case's product/article and the activities' article share one
    list, the articles in use on the cases the operator sees; a new one is typed freely."""
    entry_executor: str = ""
    """The login of the executor of the entry being changed, if one is."""


def time_form(
    uow: UnitOfWork, actor: User, ref: CaseRef, executor_id: int | None = None
) -> TimeForm:
    """The choices of ``ref``'s time dialog (``executor_id``: of the entry being changed)."""
    with uow:
        actor = acting(uow, actor)
        case = load_case(uow, actor, ref, Action.LOG_TIME)
        assert case.id is not None
        people = executors_for(actor, case, uow.users.list())
        return TimeForm(
            case_id=case.id,
            number=case.number,
            billable=case.billable,
            executors=[(p.login, p.name) for p in people],
            articles=uow.time.articles(visibility_scope(actor), ARTICLES_OFFERED),
            entry_executor="" if executor_id is None else uow.users.get(executor_id).login,
        )


def articles(uow: UnitOfWork, actor: User) -> list[str]:
    """The articles in use on the cases ``actor`` sees (``desktui time articles``)."""
    with uow:
        actor = acting(uow, actor)
        return uow.time.articles(visibility_scope(actor), ARTICLES_OFFERED)
