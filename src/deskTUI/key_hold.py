"""Keys are handled in order, by what they were typed for, at any speed (issue 18).

Why keys landed in the wrong place: Textual's App takes a key from its queue and posts it
to the widget focused *at that moment*, then takes the next one at once. A key's effect
comes later, in other queues: the key is handled by that widget, bubbles to its screen
and to the app, whose binding runs the action; ``Widget.focus()`` is itself a callback
queued on the app; a pushed screen composes and mounts in its own task; some actions
read the desk in a worker before they push their dialog. Keys that arrive in one burst
(an SSH link, a paste, ``tmux send-keys``) are all in the app's queue before any of that
has happened, so they all went to the old focus: ``/`` then ``new`` typed the query into
the list as commands (``n`` opened the new-case form), ``t 30m`` logged nothing.

The cure, once for the whole app: the App keeps the keys (and pastes) in a FIFO and
hands over the next one only when the desk has *settled* after the previous one:

- every node is mounted and its message queue is empty and idle (the key has finished
  its journey, every focus change, push and mount it set off has been processed);
- no worker of the groups in ``KEYS_WAIT_FOR`` is running: those decide where the next
  keys go (the dialog ``t`` opens once it has read the case; ``enter`` on the list opens
  the row the query found; the edit form fills its fields). Text typed into a field does
  not wait for the reads typing starts (``TYPING_STARTS``): a query typed letter by
  letter does not wait for each letter's read.

A read keys wait for holds them ``HOLD_LIMIT_S`` at most (a stuck read must not take the
keyboard); a write (``WRITES``: a dialog's submit, the edit form's save) holds them until
it ends, as the keys after it are for the screen it returns to; a screen still mounting
holds them longer too (it will finish: on a loaded machine the edit form took over a
second); ``SETTLE_LIMIT_S`` at most in any case. A key is never
dropped. A lone key on a quiet desk passes at once. A line feed is read as Enter
(``_as_typed``): the terminal's cooked mode makes one of an Enter typed while desktui
starts, before Textual owns the terminal.

What "settled" reads of Textual (8.2) is not public API: the app's node registry, a
node's mounted flag and pending message, and whether its task waits on its queue's
event. Should a Textual upgrade change them, ``_may_go`` logs the error and keys flow
as they did before this module (tests/tui/test_key_bursts*.py then fail and say so).
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from typing import TYPE_CHECKING, Any

from textual import events
from textual.widgets import Input, TextArea
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from textual.app import App

    # KeyHold is mixed into an App (see its docstring): the type checker reads it as
    # one, so ``self`` has the App's attributes and ``super().on_event`` is the App's.
    _MixedIntoApp = App[Any]
else:
    _MixedIntoApp = object

HOLD_LIMIT_S = 2.0
"""The longest keys wait for one read in ``KEYS_WAIT_FOR`` (then they go where focus is)."""

SETTLE_LIMIT_S = 10.0
"""The longest one key waits in any case (a handler that never returns, say)."""

POLL_S = 0.002
"""How often a waiting key looks again once the quick looks found the desk busy."""

QUICK_LOOKS = 20
"""Looks at each turn of the event loop before the first sleep (a key's own handling
takes a few turns; a read in a worker takes longer and is polled at ``POLL_S``)."""

KEYS_WAIT_FOR = frozenset(
    {
        "case-action",  # s, a, t, y, T: the dialog opens when what it needs is read
        "contacts",  # N: the contact picker opens when the contacts are read
        "editor-load",  # a case's keys (e, u, its tabs) act on the case once read
        "case-page",  # enter on the list opens the row the query found
        "fetch",  # enter on an agenda, timesheet, inbox or report row: the rows read
        "similar-load",  # the case view's Similar tab: enter and U act on its cases once read
        "new-case",  # the new-case form's lists are filled before the keys reach them
        "edit-lookups",  # the edit form's choices (and a restored draft) land first
        "dialog-load",  # a dialog's fields are filled before the keys reach them
        "path-complete",  # Tab in a path field: the keys after it follow the completion
        "dialog",  # a dialog's submit: the keys after it go to the screen under it
        "edit-save",  # the edit form's save: the keys after it go to the case
        "new-case-save",  # the new-case form's save: the keys after it go to the new case
    }
)
"""Worker groups whose result decides where the next keys go (the screens name them)."""

WRITES = frozenset({"dialog", "edit-save", "new-case-save"})
"""Of those, the writes: a submit is not a stuck read, the keys typed after its Enter are
for the screen it returns to. They wait for it to end (``SETTLE_LIMIT_S`` at most, not
``HOLD_LIMIT_S``): at 2 s a slow comment let 'c otra enter' into the closing dialog,
which saved a second comment 'holacotra'."""

TYPING_STARTS = frozenset({"case-page"})
"""Of those, the reads that typing into a field starts itself (the list follows its query
letter by letter): text typed into a field does not wait for them, or each letter would
wait for the read of the one before. Text waits for the others: a form that fills its
fields when its read lands must not overwrite what was typed into them."""

QUIET_S = 1.0
"""A popup that opens by itself (a client's survey offer) waits until no key has come for
this long: keys typed for the screen underneath must not land in it (a '3' typed into the
list's query picked score 3 of a survey that popped up meanwhile, the Enter after it sent
it)."""

_HELD = (events.Key, events.Paste)


class KeyHold(_MixedIntoApp):
    """Mixed into the App (before ``App``): see the module's docstring."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: deque[events.Event] = deque()
        self._settling = False
        """A task is waiting for the desk to settle; it hands the next key over."""
        self._settler: asyncio.Task[None] | None = None
        self._held_since: float | None = None
        """When the key at the head of the FIFO started waiting."""
        self._workers_seen: dict[Worker[Any], float] = {}
        """When each worker a key waits for was first seen running (to bound the wait)."""
        self._last_key_at: float | None = None
        """When the latest key (or paste) came from the terminal."""

    @property
    def keys_held(self) -> int:
        """How many keys (and pastes) wait for the screen they were typed for."""
        return len(self._held)

    def keys_quiet_in(self) -> float:
        """Seconds until the keyboard counts as quiet (0: it is): no key held, none typed
        for ``QUIET_S``. What opens by itself waits for it (``QUIET_S`` again if keys are
        held, as they were typed just now)."""
        if self._held:
            return QUIET_S
        if self._last_key_at is None:
            return 0.0
        return max(0.0, self._last_key_at + QUIET_S - time.monotonic())

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, _HELD) and not event.is_forwarded and not self._closing:
            self._held.append(_as_typed(event))
            self._last_key_at = time.monotonic()
            if not self._settling:
                await self._deliver_held()
            return
        await super().on_event(event)

    async def _deliver_held(self) -> None:
        """Hand keys over, oldest first, while the desk is settled (runs in the app's task)."""
        while self._held:
            head = self._held[0]
            if not self._may_go(head, inside_app=True) and not self._overdue():
                self._wait_to_settle()
                return
            self._held.popleft()
            self._held_since = None
            await super().on_event(head)

    def _overdue(self) -> bool:
        now = time.monotonic()
        if self._held_since is None:
            self._held_since = now
        if now - self._held_since < SETTLE_LIMIT_S:
            return False
        self.log.warning(f"a key waited {SETTLE_LIMIT_S} s for the screen to settle: sent on")
        return True

    def _wait_to_settle(self) -> None:
        if self._settling:
            return
        self._settling = True
        # Kept: the loop holds only a weak reference to a task.
        self._settler = asyncio.get_running_loop().create_task(self._settle())

    async def _settle(self) -> None:
        """Outside the app's task: look until the desk has settled, then let the app's
        task hand the next key over (in order with anything else it has queued)."""
        try:
            looks = 0
            while self._held and not self._closing:
                if self._may_go(self._held[0], inside_app=False) or self._overdue():
                    break
                # A key typed into a field settles within a few turns of the loop: look
                # again at once a few times before sleeping.
                looks += 1
                await asyncio.sleep(0 if looks <= QUICK_LOOKS else POLL_S)
        except Exception as error:  # a look that fails must not keep the keys: send them on
            self.log.error(f"key hold: {error!r}")
        finally:
            self._settling = False
        if self._held:
            self.call_later(self._deliver_held)

    def _may_go(self, event: events.Event, *, inside_app: bool) -> bool:
        try:
            return self._settled_for(event, inside_app=inside_app)
        except Exception as error:  # Textual's insides changed under us: keys flow as before
            self.log.error(f"key hold: {error!r}")
            return True

    def _settled_for(self, event: events.Event, *, inside_app: bool) -> bool:
        """Whether ``event`` may go now: every queue idle, every node mounted, and no
        worker running that decides where keys go (text typed into a field does not wait
        for the reads typing itself starts)."""
        if not _pump_idle(self, inside=inside_app):
            return False
        for node in self._registry:
            if node._closing or node._closed:
                continue
            if not node._is_mounted or not _pump_idle(node, inside=False):
                return False
        focused = self.screen.focused if self.screen_stack else None
        typing = _is_text(event) and isinstance(focused, (Input, TextArea))
        return not self._deciding_workers(ignore=TYPING_STARTS if typing else frozenset())

    def _deciding_workers(self, ignore: frozenset[str]) -> bool:
        now = time.monotonic()
        running = {
            worker
            for worker in self.workers
            if worker.group in KEYS_WAIT_FOR
            and worker.state in (WorkerState.PENDING, WorkerState.RUNNING)
        }
        self._workers_seen = {w: self._workers_seen.get(w, now) for w in running}
        return any(
            now - seen < (SETTLE_LIMIT_S if worker.group in WRITES else HOLD_LIMIT_S)
            for worker, seen in self._workers_seen.items()
            if worker.group not in ignore
        )


def _as_typed(event: events.Event) -> events.Event:
    """Enter typed while desktui starts, before Textual owns the terminal, was turned into
    a line feed by the terminal's cooked mode (ICRNL) and read as ctrl+j: '/ word Enter
    Enter' typed at once lost both Enters. A line feed is Enter here, as in a shell."""
    if isinstance(event, events.Key) and event.key == "ctrl+j" and event.character == "\n":
        enter = events.Key("enter", "\r")
        enter._sender = event._sender  # the key's own sender, None included
        return enter
    return event


def _is_text(event: events.Event) -> bool:
    return isinstance(event, events.Paste) or (isinstance(event, events.Key) and event.is_printable)


def _pump_idle(pump: Any, *, inside: bool) -> bool:
    """No message waiting in ``pump``'s queue, nor one being handled. ``inside``: asked
    from the pump's own task, which is handling one message now (the key itself)."""
    if pump._pending_message is not None:
        return False
    queue = vars(pump).get("_message_queue")  # created on first use: none, nothing queued
    if queue is None:
        return True
    if not queue.empty():
        return False
    if inside:
        return True
    # Textual's queue keeps no count of the message being handled: a pump whose task
    # waits on the queue's event is idle, one that does not is inside a handler.
    return bool(queue.ready_event._waiters)
