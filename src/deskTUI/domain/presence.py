"""Presence: who else has a case's edit form open, told to whoever looks at the case.

An open edit form says so with a heartbeat; someone whose terminal went away
(a dropped SSH session, a killed process) stops beating and, a minute later,
is no longer shown. Nobody is ever blocked by it: it is a courtesy that saves
two people editing the same case at once, and the version check still refuses
a save over another.
"""

from __future__ import annotations

from datetime import datetime, timedelta

BEAT_EVERY = timedelta(seconds=20)
"""How often an open edit form says it is still open."""
FRESH_FOR = timedelta(seconds=60)
"""A heartbeat older than this is someone who has gone (three beats missed)."""


def present_since(now: datetime) -> datetime:
    """Heartbeats at or after this moment are people still editing."""
    return now - FRESH_FOR
