"""The inbox reads a user's newest notifications in index order, never sorting them all.

With only (user_id, read_at), the newest 500 of a user's 200,000 notifications were
sorted: 176 ms; read in (user_id, id) order, 10 ms.
"""

from __future__ import annotations

import pytest

from deskTUI.domain.permissions import Scope
from deskTUI.store.uow import UnitOfWork

from .conftest import query_plan, statements_issued

pytestmark = pytest.mark.sqlite_only


@pytest.mark.parametrize("unread_only", [False, True], ids=["all", "unread"])
@pytest.mark.parametrize("sees", [None, Scope(client_id=1)], ids=["staff", "client"])
def test_the_newest_notifications_are_read_in_index_order(demo_desk, unread_only, sees):
    """A client's inbox is cut to their account's cases: one probe per row, same order."""
    with statements_issued(demo_desk) as issued, UnitOfWork(demo_desk) as uow:
        uow.notifications.for_user(1, unread_only=unread_only, limit=500, sees=sees)
    ((statement, parameters),) = [s for s in issued if "FROM notification" in s[0]]
    plan = query_plan(demo_desk, statement, parameters)
    assert plan[0].startswith("SEARCH notification USING INDEX ix_notification_user_"), plan
    assert not any("TEMP B-TREE" in line for line in plan), plan
