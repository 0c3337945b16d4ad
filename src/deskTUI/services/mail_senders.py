"""Who wrote an incoming message (issue 22): the contact their address belongs to, and the
client user that contact acts as by e-mail.

A contact who writes has no login; their comments and their steps (approving a quote,
answering a survey, reopening) must still be theirs, through the same services and
permission checks as a client at a terminal. So on their first message the desk makes
them a client user of their contact's client, ``mail.c<contact id>``, remembered in
``mail_identity``, and acts as it. It speaks the language their first message was written
in (``mail.language``), so the desk's answers are in it.
"""

from __future__ import annotations

from dataclasses import replace

from ..domain.enums import Role
from ..domain.errors import ValidationError
from ..domain.mail_settings import MailSettings, UnknownSenders
from ..domain.people import Contact, User
from ..domain.values import NAME_MAX
from ..mail.language import guess_language
from ..store.uow import UnitOfWork
from .common import stored_id
from .mail_notices import people

CONTACT_EMAIL_MAX = 120
"""The contact table's e-mail column (store.tables.ContactRow)."""


def sender_contact(uow: UnitOfWork, address: str, client_id: int | None = None) -> Contact | None:
    """The contact ``address`` belongs to: of ``client_id`` when given (a reply on that
    client's case), else the oldest one with that address."""
    for contact in uow.mail_intake.contacts_with(address):
        if client_id is None or contact.client_id == client_id:
            return contact
    return None


def unknown_sender_contact(
    uow: UnitOfWork, settings: MailSettings, address: str, name: str
) -> Contact:
    """A stranger's contact in the desk's "unknown senders" client (made on their first
    message), when the desk opens cases for strangers; refused in a sentence otherwise."""
    client_id = settings.unknown_client_id
    if settings.unknown_senders is not UnknownSenders.OPEN or client_id is None:
        raise ValidationError(
            "mail.unknown_sender",
            "{address} is not the e-mail address of any contact of the desk, so no case was "
            "opened: ask the support team to add you as a contact of your company",
            address=address,
        )
    found = sender_contact(uow, address, client_id)
    if found is not None:
        return found
    if len(address) > CONTACT_EMAIL_MAX:
        raise ValidationError(
            "mail.address_too_long",
            "The sender's address is longer than a contact's e-mail may be ({most} "
            "characters), so no contact could be made for it",
            most=CONTACT_EMAIL_MAX,
        )
    shown = " ".join(name.split())[:NAME_MAX] or address[:NAME_MAX]
    return uow.clients.add_contact(Contact(shown, client_id, email=address))


def acting_for(uow: UnitOfWork, contact: Contact, text: str) -> User:
    """The client user ``contact`` acts as by e-mail, made on their first message, in the
    language ``text`` (that message) is written in."""
    contact_id = stored_id(contact)
    user_id = people(uow).identity_user(contact_id)
    if user_id is not None:
        return replace(uow.users.get(user_id), contact_id=contact_id)
    login = _free_login(uow, f"mail.c{contact_id}")
    user = uow.users.add(
        User(
            login=login,
            name=contact.name,
            role=Role.CLIENT,
            client_id=contact.client_id,
            language=guess_language(text),
        )
    )
    uow.mail_intake.add_identity(contact_id, stored_id(user))
    return replace(user, contact_id=contact_id)


def _free_login(uow: UnitOfWork, wanted: str) -> str:
    """``wanted``, or ``wanted.2``, ``.3``… when a person already has that login."""
    login, n = wanted, 1
    while uow.users.find(login) is not None:
        n += 1
        login = f"{wanted}.{n}"
    return login
