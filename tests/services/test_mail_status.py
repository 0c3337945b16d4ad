"""``mail status`` (issue 22): each person reads what became of the messages they may
read, on both engines: an admin every one, a supervisor those of the cases they see and
those routed to their areas that made no case, an agent and a client none."""

from __future__ import annotations

import pytest

from deskTUI import i18n
from deskTUI.domain.errors import PermissionDenied, ValidationError
from deskTUI.domain.mail_settings import Direction, Outcome
from deskTUI.domain.values import case_number
from deskTUI.services.mail_status import status


def messages(desk) -> dict[str, int | None]:
    """Five messages: a case of Soporte, one of Desarrollo, a stranger refused at a Soporte
    address, a loop at no routed address, a notice out on the Soporte case."""
    soporte = desk.open(title="Impresora")
    desarrollo = desk.open(by=desk.diego, title="Error", category="Errores")
    with desk.uow() as uow:
        soporte_id = uow.areas.by_name("Soporte").id
        uow.mail.record(Direction.IN, "<a@acme>", "maria@acme.example", uow.now(),
                        Outcome.OPENED, case_id=soporte.id, area_id=soporte_id)  # fmt: skip
        uow.mail.record(Direction.IN, "<b@globex>", "ana@globex.example", uow.now(),
                        Outcome.COMMENTED, case_id=desarrollo.id)  # fmt: skip
        uow.mail.record(
            Direction.IN, "<c@nowhere>", "spam@nowhere.example", uow.now(),
            Outcome.REFUSED, area_id=soporte_id,
            reason=ValidationError("mail.address", "{address!r} is not an e-mail address: write "
                                   "one address as name@domain", address="spam@@nowhere"),
        )  # fmt: skip
        uow.mail.record(Direction.IN, "<d@daemon>", "mailer-daemon@mx.example", uow.now(),
                        Outcome.LOOP)  # fmt: skip
        uow.mail.record(Direction.OUT, "<e@desk>", "maria@acme.example", uow.now(),
                        Outcome.QUEUED, case_id=soporte.id)  # fmt: skip
        uow.commit()
    return {"soporte": soporte.id, "desarrollo": desarrollo.id}


def test_each_person_reads_the_messages_they_may_and_no_other(desk):
    cases = messages(desk)
    seen = {
        who: {line.record.message_id for line in status(desk.uow(), person)}
        for who, person in (("admin", desk.admin), ("sofia", desk.sofia), ("diego", desk.diego))
    }
    assert seen["admin"] == {"<a@acme>", "<b@globex>", "<c@nowhere>", "<d@daemon>", "<e@desk>"}
    assert seen["sofia"] == {"<a@acme>", "<c@nowhere>", "<e@desk>"}  # Soporte's, and its address
    assert seen["diego"] == {"<b@globex>"}
    for person in (desk.ana, desk.maria, desk.gloria):
        with pytest.raises(PermissionDenied) as refused:
            status(desk.uow(), person)
        assert refused.value.code == "permission.role"
    lines = status(desk.uow(), desk.admin, limit=2)
    assert [line.record.message_id for line in lines] == ["<e@desk>", "<d@daemon>"]  # newest first
    soporte = next(line for line in status(desk.uow(), desk.sofia) if line.record.case_id)
    assert soporte.case == case_number(cases["soporte"])


def test_a_refusals_reason_is_read_in_the_readers_language(desk):
    messages(desk)
    refused = next(
        line for line in status(desk.uow(), desk.admin) if line.record.message_id == "<c@nowhere>"
    )
    assert refused.area == "Soporte" and refused.case is None
    assert refused.record.reason_code == "mail.address"
    assert refused.why is not None
    assert str(refused.why) == (
        "'spam@@nowhere' is not an e-mail address: write one address as name@domain"
    )
    i18n.use("es", "es")
    assert i18n.error_text(refused.why) == (
        "'spam@@nowhere' no es una dirección de correo: escriba una sola dirección como "
        "nombre@dominio"
    )


def test_an_empty_desk_has_no_message_to_list(desk):
    assert status(desk.uow(), desk.admin) == []
