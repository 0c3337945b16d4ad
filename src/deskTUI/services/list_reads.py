"""The case list screen's reads: its query parsed once, its listing planned once.

A keystroke in the list's query line costs one parse and, for a query that names
nobody, three statements: the first page's ids, their lines and the count. What does
not change from key to key is not read again: who reads (the actor as stored, their
areas) and the desk's SLA targets are kept until the desk changes (the screen says
so: ``start(generation, fresh=True)``), and a query's names are resolved when it is
planned, once, not for each page and again for the count.

The screen calls ``use`` and ``start`` on the event loop, ``page`` and ``count`` from
its worker threads: a read of a result the screen has moved on from is abandoned
(``Cancelled``), as are the reads still running when a new result starts.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime

from ..domain.people import User
from ..domain.query import CaseQuery
from ..store.cancel import Cancel, Cancelled
from ..store.list_reader import ListReader
from .case_list import (
    OPENING_SORT,
    ListCount,
    Listing,
    ListPage,
    ListSight,
    open_listing,
    opening_query,
    read_query,
    read_sight,
)


class ListReads:
    """What the list screen shows: ``text`` parsed (``query``) in ``sort`` order, read for
    the result numbered ``generation`` (the list widget's)."""

    def __init__(
        self,
        reader: Callable[[], ListReader],
        actor: Callable[[], User],
        clock: Callable[[], datetime],
    ) -> None:
        self._reader, self._actor, self._clock = reader, actor, clock
        self.text = opening_query()
        self.query = read_query(self.text)
        self.sort = OPENING_SORT
        """updated, next (the queue to execute), priority, number or relevance."""
        self._lock = threading.Lock()
        """Guards the fields below; never held across a read (``start`` runs on the event loop)."""
        self._planning = threading.Lock()
        """Held by the worker planning a listing, so a page and a count plan it once."""
        self._asked: tuple[int, CaseQuery, str] | None = None
        """The current result: its generation, query and order, as ``start`` fixed them."""
        self._sight: ListSight | None = None
        self._sight_age = 0
        """Counts ``fresh`` starts: a sight read before the latest one is not kept."""
        self._listing: tuple[int, Listing] | None = None
        self._reads: list[Cancel] = []
        """Reads of the current result still running, or done (cancelling those is harmless)."""

    @property
    def has_words(self) -> bool:
        """Free words in the query: the list is in the text index's order."""
        return bool(self.query.words)

    def use(self, text: str) -> None:
        """Show ``text`` next (parsed here, once); a query not valid raises its refusal
        and changes nothing."""
        query = read_query(text)
        self.text, self.query = text, query

    def start(self, generation: int, *, fresh: bool = False) -> None:
        """A new result, numbered ``generation``: the reads of the last one are abandoned.
        ``fresh``: the desk may have changed, so who reads and the SLA targets are read
        again (typing reuses them)."""
        with self._lock:
            for read in self._reads:
                read.cancel()
            self._reads.clear()
            self._asked = (generation, self.query, self.sort)
            self._listing = None
            if fresh:
                self._sight = None
                self._sight_age += 1

    def stale(self) -> None:
        """The desk changed while a result is on its way: the next result reads who reads
        and the SLA targets again."""
        with self._lock:
            self._sight = None
            self._sight_age += 1

    def read(self) -> Cancel:
        """A handle on a read about to start, so a newer result can abandon it."""
        cancel = Cancel()
        with self._lock:
            self._reads.append(cancel)
        return cancel

    # -- in worker threads --------------------------------------------------------------
    def page(self, generation: int, offset: int, limit: int, cancel: Cancel) -> ListPage:
        return self._open(generation, cancel).page(offset, limit, cancel)

    def count(self, generation: int, cap: int | None, cancel: Cancel) -> ListCount:
        return self._open(generation, cancel).count(cap, cancel)

    def _open(self, generation: int, cancel: Cancel) -> Listing:
        """The listing of result ``generation``, planned by the first read that needs it."""
        with self._planning:
            with self._lock:
                asked, listing, sight, age = (
                    self._asked,
                    self._listing,
                    self._sight,
                    self._sight_age,
                )
            if asked is None or asked[0] != generation or cancel.cancelled:
                raise Cancelled  # the screen has moved on to a newer result
            if listing is not None and listing[0] == generation:
                return listing[1]
            _, query, sort = asked
            reader = self._reader()
            if sight is None:
                sight = read_sight(reader, self._actor())
            planned = open_listing(
                reader, sight, query, now=self._clock(), sort=sort, cancel=cancel
            )
            with self._lock:
                if self._sight is None and self._sight_age == age:
                    self._sight = sight
                if self._asked is asked:
                    self._listing = (generation, planned)
            return planned
