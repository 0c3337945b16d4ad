"""Commenting on a case: internal or public, the first public answer of the staff
recorded as the case's first response, and ``@login`` mentions told to whoever may read."""

from __future__ import annotations

from ..domain.case import Case
from ..domain.comments import Comment, can_read, check_client_visibility, mentioned_logins
from ..domain.enums import Visibility
from ..domain.errors import ValidationError
from ..domain.people import User
from ..domain.permissions import Action, require
from ..store.uow import UnitOfWork
from .common import CaseRef, acting, desk_limits, load_case, stored_id
from .mail_notices import ClientNotice, StaffNotice, queue_to_contact, queue_to_staff
from .notices import MENTIONED


def comment_case(
    uow: UnitOfWork,
    actor: User,
    ref: CaseRef,
    body: str,
    *,
    public: bool = False,
    email: bool = False,
) -> Comment:
    """``email`` also sends a public comment to the case's contact by e-mail (a notice
    in the outbox, written in the same unit of work: the comment and its notice are
    kept together or neither is)."""
    if email and not public:
        raise ValidationError(
            "comment.email_needs_public",
            "Only a public comment can be e-mailed to the case's contact",
        )
    with uow:
        actor = acting(uow, actor)
        visibility = Visibility.PUBLIC if public else Visibility.INTERNAL
        check_client_visibility(actor.role, visibility)
        action = Action.COMMENT_PUBLIC if public else Action.COMMENT_INTERNAL
        case = load_case(uow, actor, ref, action)
        if email:
            require(actor, Action.EMAIL_COMMENT, case)
        case.ensure_changeable()
        desk_limits(uow).check_comment(body)
        now = uow.now()
        assert case.id is not None and actor.id is not None
        comment = uow.comments.add(Comment(case.id, actor.id, body, visibility, now))
        if public and actor.is_staff and case.first_response_at is None:
            case.record_response(now)
            uow.cases.save(case)
        _notify_mentions(uow, actor, case, comment)
        if email:
            queue_to_contact(uow, case, ClientNotice.COMMENT, comment=comment)
        uow.commit()
        return comment


def _notify_mentions(uow: UnitOfWork, actor: User, case: Case, comment: Comment) -> None:
    """``@login`` in a comment tells that user, if they may read the comment: an internal
    note never reaches a client, and nobody hears of a case they cannot see. Such a
    mention, or an unknown login, is passed over: the comment is saved all the same (a
    desk would rather not refuse a comment for a name in it)."""
    for login in mentioned_logins(comment.body, author=actor.login):
        person = uow.users.find(login)
        if (
            person is None
            or person.id == actor.id
            or not can_read(person, case, comment.visibility)
        ):
            continue
        values = {"actor": actor.login, "number": case.number, "gist": _gist(comment.body)}
        uow.notifications.add(
            stored_id(person), case.id, "mention", MENTIONED.format(**values), comment.created_at
        )
        queue_to_staff(
            uow, person, StaffNotice.MENTION, case_id=stored_id(case), title=case.title,
            sentence=MENTIONED, values=values,
        )  # fmt: skip


GIST_CHARS = 80
"""How much of a comment a mention's notification quotes."""


def _gist(body: str) -> str:
    """The comment's start on one line, cut with an ellipsis past ``GIST_CHARS``."""
    line = " ".join(body.split())
    return line if len(line) <= GIST_CHARS else line[: GIST_CHARS - 1].rstrip() + "…"
