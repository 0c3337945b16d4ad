"""The desk's knowledge from past solutions (seed 000: "crear una base de conocimientos
para futuros problemas similares"): the solved cases most like the one at hand.

Only cases the operator may see are offered, and of them only what anyone who sees
them reads (title, description, solution): store/similar_sql.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.errors import ValidationError
from ..domain.people import User
from ..domain.permissions import Action, visibility_scope
from ..domain.values import case_number
from ..store import similar_sql
from ..store.sql_executor import UnitSource
from ..store.uow import UnitOfWork
from .common import CaseRef, acting, load_case

MOST = 50
"""The most similar cases one request may ask for."""


@dataclass(frozen=True)
class SimilarCase:
    id: int
    number: str
    title: str
    solution: str
    score: float
    """Higher is more alike; comparable only within one answer."""

    @property
    def solution_first_line(self) -> str:
        """The solution's first line with words on it (the rest is for the case view)."""
        return next((line.strip() for line in self.solution.splitlines() if line.strip()), "")


def similar_cases(
    uow: UnitOfWork, actor: User, case_id: CaseRef, limit: int = 5
) -> list[SimilarCase]:
    """The finished cases ``actor`` may see whose title, description and solution best
    match case ``case_id``'s, best first; never the case itself. A case with no word
    worth matching (all short or common words) has none."""
    if not 1 <= limit <= MOST:
        raise ValidationError(
            "similar.limit", "The limit must be a whole number from 1 to {most}", most=MOST
        )
    with uow:
        actor = acting(uow, actor)
        case = load_case(uow, actor, case_id, Action.VIEW_CASE)
        terms = similar_sql.terms_of(case.title, case.description, case.solution)
        source = UnitSource(uow)
        rows = similar_sql.similar(
            source.executor(),
            source.dialect,
            terms,
            visibility_scope(actor),
            case.id or 0,
            limit,
        )
    return [SimilarCase(r.id, case_number(r.id), r.title, r.solution, r.score) for r in rows]
