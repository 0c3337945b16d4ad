"""What an admin sees on the people screen (issue 21, seed 004), as SVG snapshots (frozen
clock, fixed data, UTC)."""

from __future__ import annotations

from deskTUI.services import grants

from .conftest import make_app, settle


def test_the_people_screen_with_a_grant_and_a_revocation(desk, snap_compare):
    """`P` as the admin at 100×36, cursor moved to luis: the desk's users with their role;
    luis's rights with assign_case granted in Soporte and log_time revoked beside their
    role defaults; the log of those two decisions; the footer with esc, tab, g, r, x, e."""
    grants.grant_right(desk.uow(), desk.admin, "luis", "assign_case", area="Soporte")
    grants.revoke_right(desk.uow(), desk.admin, "luis", "log_time")
    logins = [u.login for u in grants.people(desk.uow(), desk.admin)]

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("P")
        await settle(pilot)
        await pilot.press(*["down"] * logins.index("luis"))
        await settle(pilot)

    assert snap_compare(make_app(desk, desk.admin), terminal_size=(100, 36), run_before=run_before)
