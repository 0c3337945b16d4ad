"""A staff member's e-mail address and the notices they want by e-mail (issue 22):
``desktui user set LOGIN --email ADDRESS --email-notices assignment,escalation,mention``.

Admins set them (MANAGE_USERS), as they set a user's role and areas. A client user has
none: what a client hears by e-mail goes to their contact's address (client contact
--email). The inbox keeps every notification whatever is chosen here.
"""

from __future__ import annotations

from ..domain.errors import ValidationError
from ..domain.mail_notices import EVERY_STAFF_NOTICE, parse_staff_notices
from ..domain.mail_settings import check_address
from ..domain.people import User
from ..domain.permissions import Action, require
from ..store.repositories.mail_people import MailPeopleRepository, MailPerson
from ..store.uow import UnitOfWork
from .common import acting, stored_id

__all__ = ["MailPerson", "check_mail_person", "set_mail_person", "staff_mail"]


def check_mail_person(email: str | None, notices: str | None) -> None:
    """The address and the kinds as typed, refused in a sentence before anything is read."""
    if email is not None and email.strip():
        check_address(email)
    if notices is not None:
        parse_staff_notices(notices)


def set_mail_person(
    uow: UnitOfWork,
    actor: User,
    login: str,
    *,
    email: str | None = None,
    notices: str | None = None,
) -> MailPerson | None:
    """Change ``login``'s address (``""``: forget it and every notice by e-mail) and the
    kinds they receive (``assignment,mention`` / ``all`` / ``none``); None: kept. An
    address set for the first time receives every kind unless ``notices`` says. Returns
    what is stored now (None: no address)."""
    chosen = parse_staff_notices(notices) if notices is not None else None
    with uow:
        actor = acting(uow, actor)
        require(actor, Action.MANAGE_USERS)
        user = uow.users.by_login(login.strip())
        if not user.role.is_staff:
            raise ValidationError(
                "mail.client_notices",
                "{login} is a client user: the desk writes to a client at their contact's "
                "address (desktui client contact CLIENT NAME --email ADDRESS)",
                login=user.login,
            )
        people = MailPeopleRepository(uow.session)
        before = people.person(user.id)
        user_id = stored_id(user)
        if email is not None and not email.strip():
            people.forget_person(user_id)
            uow.commit()
            return None
        address = check_address(email) if email is not None else None
        if address is None and before is None:
            raise ValidationError(
                "mail.no_person_address",
                "{login} has no e-mail address yet: give one with --email ADDRESS",
                login=user.login,
            )
        kinds = chosen if chosen is not None else (before.notices if before else EVERY_STAFF_NOTICE)
        stored = address or (before.address if before is not None else "")
        people.set_person(user_id, stored, kinds)
        uow.commit()
        return people.person(user_id)


def staff_mail(uow: UnitOfWork, actor: User) -> dict[int, MailPerson]:
    """Every staff member's address and choice, by user id: for the staff's directory."""
    with uow:
        actor = acting(uow, actor)
        if not actor.role.is_staff:
            return {}
        return MailPeopleRepository(uow.session).people()
