"""What a new desk needs before a case can be opened on it (issue 18: an empty desk gave no
guidance, and `n` opened a form with empty area and client lists)."""

from __future__ import annotations

from deskTUI.services import admin
from deskTUI.store.uow import UnitOfWork


def test_a_freshly_initialised_desk_lacks_an_area_with_a_category_and_a_client(db, clock):
    root, _ = admin.init_desk(UnitOfWork(db, clock=clock), "admin")
    assert root is not None
    setup = admin.desk_setup(UnitOfWork(db, clock=clock), root)
    assert setup == admin.DeskSetup(("area", "client"), may_add=True)
    admin.add_area(UnitOfWork(db, clock=clock), root, "Soporte")  # no category yet
    assert admin.desk_setup(UnitOfWork(db, clock=clock), root).missing == ("area", "client")
    admin.add_category(UnitOfWork(db, clock=clock), root, "Soporte", "Impresoras")
    assert admin.desk_setup(UnitOfWork(db, clock=clock), root).missing == ("client",)
    admin.add_client(UnitOfWork(db, clock=clock), root, "Acme SA")
    assert admin.desk_setup(UnitOfWork(db, clock=clock), root).missing == ()


def test_only_an_admin_may_add_what_is_missing(db, clock):
    root, _ = admin.init_desk(UnitOfWork(db, clock=clock), "admin")
    assert root is not None
    agent = admin.add_user(UnitOfWork(db, clock=clock), root, "ana", role="agent")
    setup = admin.desk_setup(UnitOfWork(db, clock=clock), agent)
    assert setup == admin.DeskSetup(("area", "client"), may_add=False)


def test_the_test_desk_lacks_nothing(desk):
    assert admin.desk_setup(desk.uow(), desk.sofia) == admin.DeskSetup((), may_add=False)
    assert admin.desk_setup(desk.uow(), desk.admin).may_add
