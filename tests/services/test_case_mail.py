"""A case's e-mail messages as its case view lists them (issue 22), on both engines: the
staff who see the case read each of its records, newest first, with when a notice put off
is tried again; a client and staff who do not see the case are refused in a sentence."""

from __future__ import annotations

from datetime import timedelta

import pytest

from deskTUI import i18n
from deskTUI.domain.errors import PermissionDenied, ValidationError
from deskTUI.domain.mail_settings import Direction, Outcome
from deskTUI.services.case_mail import case_messages


def thread(desk):
    """A Soporte case of Acme SA with four messages, and a Desarrollo case with one."""
    case = desk.open(title="Impresora")
    other = desk.open(by=desk.diego, title="Error", category="Errores")
    with desk.uow() as uow:
        now = uow.now()
        uow.mail.record(Direction.IN, "<in@acme>", "Maria@Acme.example", now,
                        Outcome.OPENED, case_id=case.id)  # fmt: skip
        queued = uow.mail.record(Direction.OUT, "<q@desk>", "maria@acme.example",
                                 now + timedelta(minutes=1), Outcome.QUEUED, case_id=case.id)  # fmt: skip
        uow.mail.queue(queued, "maria@acme.example", "es", "Subject: x\n\nx", now)
        later = uow.mail.record(Direction.OUT, "<t@desk>", "maria@acme.example",
                                now + timedelta(minutes=2), Outcome.QUEUED, case_id=case.id)  # fmt: skip
        uow.mail.queue(later, "maria@acme.example", "es", "Subject: y\n\ny", now)
        uow.mail.set_outcome(later, Outcome.FAILED_TEMPORARY)
        uow.mail.release(later, done_at=None, next_attempt_at=now + timedelta(minutes=17))
        gone = uow.mail.record(Direction.OUT, "<p@desk>", "nadie@acme.example",
                               now + timedelta(minutes=3), Outcome.QUEUED, case_id=case.id)  # fmt: skip
        uow.mail.set_outcome(
            gone, Outcome.FAILED_PERMANENT,
            reason=ValidationError("mail.address_failing", "The address {address} bounced",
                                   address="nadie@acme.example"),
        )  # fmt: skip
        uow.mail.record(Direction.IN, "<d@dev>", "ana@globex.example", now,
                        Outcome.COMMENTED, case_id=other.id)  # fmt: skip
        uow.commit()
        return case, now


def test_staff_who_see_the_case_read_each_of_its_messages_newest_first(desk):
    case, now = thread(desk)
    for person in (desk.admin, desk.sofia, desk.ana):  # ana: an agent of its area's pool
        messages = case_messages(desk.uow(), person, case.number)
        assert [m.record.message_id for m in messages] == [
            "<p@desk>", "<t@desk>", "<q@desk>", "<in@acme>",
        ]  # fmt: skip
    gone, later, queued, opened = messages
    assert (opened.record.direction, opened.record.address) == (Direction.IN, "maria@acme.example")
    assert queued.record.outcome is Outcome.QUEUED and queued.next_try is None
    assert later.record.outcome is Outcome.FAILED_TEMPORARY
    assert later.next_try == now + timedelta(minutes=17)
    assert gone.why is not None and gone.why.code == "mail.address_failing"
    assert str(gone.why) == "The address nadie@acme.example bounced"
    assert [m.record.message_id for m in case_messages(desk.uow(), desk.admin, case.id, limit=1)] == ["<p@desk>"]  # fmt: skip


def test_a_client_of_the_case_is_refused_in_a_sentence(desk):
    case, _ = thread(desk)
    with pytest.raises(PermissionDenied) as refused:
        case_messages(desk.uow(), desk.maria, case.number)
    assert refused.value.code == "permission.case_mail"
    assert str(refused.value) == (
        f"maria (client) may not see the e-mail record of {case.number}: only the desk's staff may"
    )
    i18n.use("es", "es")
    assert "maria" in i18n.error_text(refused.value)
    assert "may not" not in i18n.error_text(refused.value)


@pytest.mark.parametrize("who", ["pedro", "gloria"])
def test_those_who_do_not_see_the_case_are_told_there_is_no_such_case(desk, who):
    case, _ = thread(desk)
    with pytest.raises(PermissionDenied) as refused:
        case_messages(desk.uow(), getattr(desk, who), case.number)
    assert refused.value.code == "permission.not_visible"
    assert str(refused.value) == f"There is no case {case.number} that {who} can see"


def test_a_case_without_mail_has_no_message(desk):
    case = desk.open(title="Sin correo")
    assert case_messages(desk.uow(), desk.sofia, case.number) == []


def mail_set_up(desk) -> None:
    """The desk writes from soporte@desk.example; Acme SA's contact Carla has an address."""
    from deskTUI.services import admin

    with desk.uow() as uow:
        settings = uow.mail.settings()
        settings.addresses = ["soporte@desk.example"]
        uow.mail.save_settings(settings)
        uow.commit()
    admin.add_contact(desk.uow(), desk.admin, "Acme SA", "Carla Núñez", email="carla@acme.example")


def test_the_comment_dialog_is_offered_the_e_mail_to_a_contact_with_an_address(desk):
    from deskTUI.services.case_mail import comment_mail_reach

    mail_set_up(desk)
    case = desk.open(title="Impresora", contact="Carla Núñez")
    reach = comment_mail_reach(desk.uow(), desk.sofia, case.number)
    assert reach is not None and reach.why_not is None
    assert reach.contact == "Carla Núñez <carla@acme.example>"
    # A client user is offered none, nor an agent of the area's pool, who may write only
    # internal notes on an unassigned case; an agent of another area sees no such case.
    assert comment_mail_reach(desk.uow(), desk.maria, case.number) is None
    assert comment_mail_reach(desk.uow(), desk.ana, case.number) is None
    with pytest.raises(PermissionDenied):
        comment_mail_reach(desk.uow(), desk.pedro, case.number)
    # Once the address bounced for good, the choice says so.
    with desk.uow() as uow:
        uow.mail.mark_failing("CARLA@acme.example", uow.now(), "550 5.1.1 User unknown")
        uow.commit()
    reach = comment_mail_reach(desk.uow(), desk.sofia, case.number)
    assert reach is not None and reach.why_not is not None
    assert str(reach.why_not) == (
        "The desk no longer writes to carla@acme.example: a message to it failed for good"
    )


def test_the_e_mail_choice_says_why_a_case_cannot_be_written_about(desk):
    from deskTUI.services.case_mail import comment_mail_reach

    no_contact = desk.open(title="Sin contacto")
    no_address = desk.open(title="Sin correo", contact="John Smith")
    assert comment_mail_reach(desk.uow(), desk.sofia, no_contact.number) is None  # no mail set up
    mail_set_up(desk)
    said = {
        case.number: comment_mail_reach(desk.uow(), desk.sofia, case.number)
        for case in (no_contact, no_address)
    }
    assert [(r.contact, str(r.why_not)) for r in said.values() if r is not None] == [
        ("", "The case has no contact to e-mail the comment to"),
        ("John Smith", "The case's contact John Smith has no e-mail address"),
    ]
