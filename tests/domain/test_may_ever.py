"""What a screen may offer before it knows the case (issue 18: a client was offered s, a, t):
``may_ever`` must agree with ``can`` on every case, never offering what no case allows nor
hiding what some case allows."""

from __future__ import annotations

import itertools

import pytest

from deskTUI.domain.enums import Status
from deskTUI.domain.lifecycle import may_move_some_case, moves_for
from deskTUI.domain.permissions import (
    CASELESS_ROLES,
    Action,
    can,
    may_ever,
    possible_relations,
    relations,
)

from .conftest import ACTOR_NAMES, PEOPLE, make_case


def every_case():
    """Case 42 in every status, assigned to each of the cast or to nobody, opened by each."""
    people = [PEOPLE[name] for name in ACTOR_NAMES]
    for status, assignee, reporter in itertools.product(Status, [None, *people], people):
        yield make_case(
            status,
            assignee_id=assignee.id if assignee else None,
            reporter_id=reporter.id,
        )


CASES = list(every_case())


@pytest.mark.parametrize("who", ACTOR_NAMES)
def test_the_relations_a_person_could_have_are_all_those_some_case_gives_them(who: str) -> None:
    actor = PEOPLE[who]
    seen = set().union(*(relations(actor, case) for case in CASES))
    assert possible_relations(actor) >= seen
    # and nothing more than a case in their area or account could give
    if who in ("other_supervisor", "far_agent", "stranger"):
        return  # their area or account is not case 42's
    assert possible_relations(actor) == seen


@pytest.mark.parametrize("action", [a for a in Action if a not in CASELESS_ROLES])
@pytest.mark.parametrize("who", ACTOR_NAMES)
def test_may_ever_is_true_exactly_when_some_case_allows_it(who: str, action: Action) -> None:
    actor = PEOPLE[who]
    some_case = any(can(actor, action, case) for case in CASES)
    if some_case:
        assert may_ever(actor, action)
    elif who not in ("other_supervisor", "far_agent", "stranger"):
        assert not may_ever(actor, action)


def test_a_client_may_never_log_time_assign_or_schedule_and_an_agent_may_not_assign() -> None:
    for action in (Action.LOG_TIME, Action.ASSIGN_CASE, Action.SCHEDULE):
        assert not may_ever(PEOPLE.reporter, action)
    assert not may_ever(PEOPLE.assignee, Action.ASSIGN_CASE)
    assert may_ever(PEOPLE.assignee, Action.LOG_TIME)
    assert may_ever(PEOPLE.reporter, Action.COMMENT_PUBLIC)


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("who", ACTOR_NAMES)
def test_a_status_move_is_offered_on_a_status_exactly_when_some_case_there_has_one(
    who: str, status: Status
) -> None:
    actor = PEOPLE[who]
    some_case = any(moves_for(actor, case) for case in CASES if case.status is status)
    if some_case:
        assert may_move_some_case(actor, status)
    elif who not in ("other_supervisor", "far_agent", "stranger"):
        assert not may_move_some_case(actor, status)


def test_a_client_is_offered_a_status_change_only_on_a_finished_case() -> None:
    client = PEOPLE.reporter
    assert [s for s in Status if may_move_some_case(client, s)] == [Status.FINISHED]
