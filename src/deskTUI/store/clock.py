"""The desk's clock: aware UTC instants (tests pass a frozen one instead)."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    return datetime.now(UTC)
