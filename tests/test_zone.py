"""The operator's zone keeps its daylight-saving rules."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from deskTUI.zone import local_zone


@pytest.fixture
def tz(monkeypatch):
    def use(value: str) -> None:
        monkeypatch.setenv("TZ", value)

    return use


def test_a_named_zone_in_tz_is_the_zone_with_its_seasons(tz) -> None:
    tz("Europe/Madrid")
    zone = local_zone()
    winter = datetime(2026, 1, 15, 12, tzinfo=UTC).astimezone(zone)
    summer = datetime(2026, 7, 15, 12, tzinfo=UTC).astimezone(zone)
    assert (winter.utcoffset().total_seconds(), summer.utcoffset().total_seconds()) == (3600, 7200)  # type: ignore[union-attr]


def test_a_tz_that_names_no_zone_falls_back_without_an_error(tz) -> None:
    tz("Nowhere/Atlantis")
    assert datetime(2026, 1, 15, tzinfo=local_zone()).utcoffset() is not None
