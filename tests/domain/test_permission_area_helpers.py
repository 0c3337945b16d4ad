"""Who reads an area's agenda, and which areas the reports count (permissions.py): the
two area-wise rules the services used to spell by hand (issue 19, item 4)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from deskTUI.domain.permissions import (
    account_reach,
    can_read_area_agenda,
    report_areas,
    within_reach,
)

from .conftest import AREA, CLIENT, OTHER_AREA, OTHER_CLIENT, PEOPLE

AREA_AGENDA = {
    "admin": (True, True),
    "supervisor": (True, False),
    "other_supervisor": (False, True),
    "assignee": (False, False),
    "reporter": (False, False),
}
"""who: (reads the agenda of AREA, of OTHER_AREA)."""


@pytest.mark.parametrize("who", AREA_AGENDA)
def test_an_areas_agenda_is_its_supervisors_and_the_admins_to_read(who):
    actor = PEOPLE[who]
    assert (can_read_area_agenda(actor, AREA), can_read_area_agenda(actor, OTHER_AREA)) == (
        AREA_AGENDA[who]
    )


def test_a_deactivated_admin_reads_no_areas_agenda():
    assert not can_read_area_agenda(replace(PEOPLE.admin, active=False), AREA)


def test_the_reports_count_every_area_for_an_admin_and_a_supervisors_own_otherwise():
    assert report_areas(PEOPLE.admin) is None
    assert report_areas(PEOPLE.supervisor) == frozenset({AREA})
    assert report_areas(PEOPLE.other_supervisor) == frozenset({OTHER_AREA})


CONTRACTS = {
    "admin": (None, True, True),
    "supervisor": (None, True, True),
    "assignee": (None, True, True),
    "reporter": (CLIENT, True, False),
    "stranger": (OTHER_CLIENT, False, True),
}
"""who: (whose contracts they reach, None for every account's; reads a contract of
CLIENT; of OTHER_CLIENT). The services' contract list, contract view, the new-case
form's choices and naming a case's contract all ask these two."""


@pytest.mark.parametrize("who", CONTRACTS)
def test_staff_reach_every_accounts_contracts_and_a_client_user_only_their_own(who):
    actor = PEOPLE[who]
    assert (
        account_reach(actor),
        within_reach(actor, CLIENT),
        within_reach(actor, OTHER_CLIENT),
    ) == CONTRACTS[who]
