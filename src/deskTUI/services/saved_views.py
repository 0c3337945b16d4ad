"""The side panel's views: the desk's own, and the queries each operator saved, with counts."""

from __future__ import annotations

from dataclasses import dataclass

from .. import formats
from ..domain.errors import DomainError, ValidationError
from ..domain.people import User
from ..domain.query import writes_back
from ..domain.values import clean_text
from ..i18n import N_, _
from ..store.list_sql import COUNT_CAP
from ..store.sql_executor import UnitSource
from ..store.uow import UnitOfWork
from .case_list import ListSight, open_listing, read_query, written_query
from .common import acting, sla_targets, stored_id

BUILT_IN: tuple[tuple[str, str], ...] = (
    (N_("My queue"), "status:open assignee:me"),
    (N_("Unassigned"), "status:open assignee:none"),
    (N_("Urgent"), "status:open prio:>=high"),
    (N_("Breaching SLA"), "status:open sla:breached"),
    (N_("All open"), "status:open"),
    (N_("Finished"), "status:finished"),
    (N_("My tickets"), "reporter:me"),  # seed 004's "Mis tickets": the cases I opened
)
"""Every operator's views; the scope already narrows them to what each may see. Their
names are English msgids: the panel shows them in the reader's language
(``ViewCount.label``), nothing stores them."""

VIEW_NAME_MAX = 60


@dataclass(frozen=True)
class ViewCount:
    name: str
    query: str
    count: int
    built_in: bool
    more: bool = False
    """The count stopped at its cap: there are more than ``count``."""
    refusal: DomainError | None = None
    """Why the view's query no longer runs (saved under an older, looser version): the
    view is listed without a count, and picking it says why."""

    @property
    def label(self) -> str:
        """The name the panel shows: a desk's own view in the reader's language, an
        operator's view as they named it (a name is data, never translated)."""
        return _(self.name) if self.built_in else self.name

    def count_text(self) -> str:
        if self.refusal is not None:
            return "—"
        shown = formats.number(self.count)  # 1.500 (es), 1,500 (en)
        return f"{shown}+" if self.more else shown


def panel(uow: UnitOfWork, actor: User, *, cap: int | None = COUNT_CAP) -> list[ViewCount]:
    """Each view with how many cases it holds now, for this operator; counts stop at
    ``cap`` (a view of 340,000 open cases reads "10,000+", at a fraction of the cost).

    Pass a read-only unit of work: counting must not hold the write lock.
    """
    with uow:
        me = acting(uow, actor)
        sight, source, now = ListSight(me, sla_targets(uow)), UnitSource(uow), uow.now()
        views = [(name, query, True) for name, query in BUILT_IN]
        views += [(name, query, False) for name, query in uow.saved_views.for_user(stored_id(me))]
        out = []
        for name, query, built_in in views:
            try:
                parsed = read_query(query)
            except DomainError as refusal:  # one stale view must not empty the panel
                out.append(ViewCount(name, query, 0, built_in, refusal=refusal))
                continue
            count = open_listing(source, sight, parsed, now=now).count(cap)
            shown = written_query(parsed, query)  # in the operator's words, whoever saved it
            out.append(ViewCount(name, shown, count.total, built_in, more=count.more))
        return out


def _built_in_names() -> set[str]:
    """The desk's own view names, in English and in the reader's language, folded: an
    operator's view may not take one (the panel would show two "Mi cola")."""
    return {shown.casefold() for name, _query in BUILT_IN for shown in (name, _(name))}


def save_view(uow: UnitOfWork, actor: User, name: str, query: str) -> None:
    """Keep the current query under a name (the same name replaces it)."""
    label = clean_text(name, N_("view name"), required=True, max_len=VIEW_NAME_MAX)
    if label.casefold() in _built_in_names():
        raise ValidationError(
            "view.built_in",
            "{name!r} is one of the desk's own views; choose another name",
            name=label,
        )
    canonical = _canonical(query)  # a view always runs, the same for every operator
    with uow:
        me = acting(uow, actor)
        uow.saved_views.put(stored_id(me), label, canonical)
        uow.commit()


def _canonical(typed: str) -> str:
    """What a view keeps: the query's meaning in canonical English (``status:open
    created:>=2026-03-01``), not the words typed (``estado:abierto creado:>=01/03/2026``
    reads 1 March only in Spanish). A query whose text cannot be written back the same
    (a stray quotation mark inside a name) is kept as typed."""
    return writes_back(read_query(typed)) or typed


def delete_view(uow: UnitOfWork, actor: User, name: str) -> bool:
    with uow:
        me = acting(uow, actor)
        gone = uow.saved_views.delete(stored_id(me), name)
        uow.commit()
        return gone
