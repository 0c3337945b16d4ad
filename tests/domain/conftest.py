"""Shared builders for the domain tests: people around one area, and case 42.

The cast, always with the same ids so messages can be asserted word for word:

- ``admin`` (ana, id 1) — admin, no area.
- ``supervisor`` (sofia, id 2) — supervisor of the case's area.
- ``other_supervisor`` (otto, id 3) — supervisor of another area.
- ``assignee`` (alex, id 4) — agent of the case's area; the assignee once assigned.
- ``other_agent`` (bruno, id 5) — agent of the case's area, not assigned.
- ``reporter`` (carla, id 6) — client user who opened the case.
- ``colleague`` (carlos, id 7) — client user of the same account who did not open it.
- ``stranger`` (dora, id 8) — client user of another account.
- ``far_agent`` (ezra, id 9) — agent of another area.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from deskTUI.domain.case import Case
from deskTUI.domain.enums import QuoteStatus, Role, Status
from deskTUI.domain.people import User
from deskTUI.domain.quotes import Quote

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
"""When case 42 was opened (a Monday, 09:00 UTC)."""

CASE_ID = 42
CASE_NUMBER = "CS-000042"
AREA = 7
OTHER_AREA = 8
CLIENT = 100
OTHER_CLIENT = 200
CATEGORY = 30


def at(minutes: int = 0, *, hours: int = 0, days: int = 0) -> datetime:
    """An instant after T0: ``at(90)`` is 10:30 UTC on 2026-03-02."""
    return T0 + timedelta(minutes=minutes, hours=hours, days=days)


def make_user(
    login: str,
    role: Role,
    user_id: int,
    *,
    areas: tuple[int, ...] = (),
    client_id: int | None = None,
    active: bool = True,
) -> User:
    return User(
        login=login,
        name=login.title(),
        role=role,
        area_ids=frozenset(areas),
        client_id=client_id,
        active=active,
        id=user_id,
    )


@dataclass(frozen=True)
class People:
    admin: User
    supervisor: User
    other_supervisor: User
    assignee: User
    other_agent: User
    reporter: User
    colleague: User
    stranger: User
    far_agent: User

    def __getitem__(self, name: str) -> User:
        return getattr(self, name)


def make_people() -> People:
    return People(
        admin=make_user("ana", Role.ADMIN, 1),
        supervisor=make_user("sofia", Role.SUPERVISOR, 2, areas=(AREA,)),
        other_supervisor=make_user("otto", Role.SUPERVISOR, 3, areas=(OTHER_AREA,)),
        assignee=make_user("alex", Role.AGENT, 4, areas=(AREA,)),
        other_agent=make_user("bruno", Role.AGENT, 5, areas=(AREA,)),
        reporter=make_user("carla", Role.CLIENT, 6, client_id=CLIENT),
        colleague=make_user("carlos", Role.CLIENT, 7, client_id=CLIENT),
        stranger=make_user("dora", Role.CLIENT, 8, client_id=OTHER_CLIENT),
        far_agent=make_user("ezra", Role.AGENT, 9, areas=(OTHER_AREA,)),
    )


PEOPLE = make_people()
ACTOR_NAMES = (
    "admin",
    "supervisor",
    "other_supervisor",
    "assignee",
    "other_agent",
    "reporter",
    "colleague",
    "stranger",
    "far_agent",
)

APPROVED_QUOTE = Quote(
    status=QuoteStatus.APPROVED,
    price=Decimal("300.00"),
    currency="USD",
    minutes=600,
    decided_by=6,
    decided_at=T0,
)


def make_case(status: Status = Status.NEW, **overrides: Any) -> Case:
    """Case CS-000042 of client 100, area 7, opened by carla at T0, in ``status``.

    A case past ``new`` is assigned to alex (and was answered an hour after
    opening); a finished case has a solution and was resolved a day later.
    """
    fields: dict[str, Any] = {
        "id": CASE_ID,
        "title": "Printer on floor 2 jams",
        "client_id": CLIENT,
        "category_id": CATEGORY,
        "area_id": AREA,
        "description": "Every third page jams since Friday.",
        "reporter_id": PEOPLE.reporter.id,
        "created_at": T0,
        "status": status,
    }
    if status is not Status.NEW:
        fields["assignee_id"] = PEOPLE.assignee.id
        fields["first_response_at"] = at(hours=1)
    if status is Status.FINISHED:
        fields["solution"] = "Replaced the pickup roller."
        fields["resolved_at"] = at(days=1)
    fields.update(overrides)
    return Case(**fields)


@pytest.fixture
def people() -> People:
    return make_people()
