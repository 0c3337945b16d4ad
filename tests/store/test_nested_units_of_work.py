"""Unit-of-work blocks nest (issue 22's intake calls the TUI's services inside its own
transaction): an inner block's commit joins the outer transaction, and the outermost block
alone commits or rolls back."""

from __future__ import annotations

import pytest

from deskTUI.domain.people import Contact


def _contacts(desk, client_id: int) -> list[str]:
    with desk.uow() as uow:
        return [c.name for c in uow.clients.contacts(client_id)]


def test_an_inner_commit_is_undone_when_the_outer_block_fails_and_kept_when_it_commits(desk):
    uow = desk.uow()
    with uow:
        client_id = uow.clients.by_name("Globex Ltda").id
    with pytest.raises(RuntimeError), uow:
        with uow:
            uow.clients.add_contact(Contact("Rolled Back", client_id))
            uow.commit()  # joins the outer transaction: nothing committed yet
        raise RuntimeError("the outer block fails after the inner one committed")
    assert "Rolled Back" not in _contacts(desk, client_id)

    with uow:
        with uow:
            uow.clients.add_contact(Contact("Kept", client_id))
            uow.commit()
        assert uow.nested is False
        uow.commit()
    assert "Kept" in _contacts(desk, client_id)
    with uow:  # the unit is usable again after its blocks closed
        assert uow.nested is False
