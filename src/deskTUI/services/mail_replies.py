"""A reply's step on its case (issue 22, "the client's steps by reply, no login"): its first
line read as a keyword (domain.mail_commands), carried out as its sender through the same
services and permission checks as the TUI, and the one sentence that answers it.

Runs inside the intake's unit of work (blocks nest: the services' own commits join it),
so the step, the files, the message's record and the answer commit together or not at all.
A refusal (no quote waiting, a case not finished…) is raised to the intake, which rolls
everything back and answers with that sentence instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.case import Case
from ..domain.enums import Status
from ..domain.errors import DomainError, ValidationError
from ..domain.mail_commands import CommandKind, MailCommand
from ..domain.mail_settings import Outcome
from ..domain.people import User
from ..store.uow import UnitOfWork
from .case_comments import comment_case
from .case_moves import move_case
from .case_quotes import decide_quote
from .common import stored_id
from .surveys import answer_survey


@dataclass(frozen=True)
class Step:
    outcome: Outcome
    answer: DomainError | None = None
    """The sentence the sender gets by e-mail (None: a plain comment needs no answer)."""
    comment_id: int | None = None


def carry_out(
    uow: UnitOfWork, person: User, case: Case, command: MailCommand, *, with_files: bool
) -> Step:
    """Do what ``command`` asks on ``case`` as ``person`` (the contact's client user)."""
    number, case_id = case.number, stored_id(case)
    if command.kind is CommandKind.COMMENT:
        if not command.text:
            if with_files:
                return Step(Outcome.COMMENTED)  # files alone: the intake attaches them
            raise ValidationError(
                "mail.empty",
                "Your message to {number} holds no new text and no file, so nothing was "
                "added to it",
                number=number,
            )
        comment = comment_case(uow, person, case_id, command.text, public=True)
        return Step(Outcome.COMMENTED, comment_id=comment.id)
    if command.kind in (CommandKind.APPROVE, CommandKind.REJECT):
        approve = command.kind is CommandKind.APPROVE
        decide_quote(uow, person, case_id, approve=approve, note=command.text)
        if approve:
            answer = DomainError(
                "mail.quote_approved",
                "You approved the quote of {number}: the support team goes on with the work",
                number=number,
            )
        else:
            answer = DomainError(
                "mail.quote_rejected",
                "You rejected the quote of {number}: the support team has your answer",
                number=number,
            )
        return Step(Outcome.ACTED, answer)
    if command.kind is CommandKind.SURVEY:
        answer_survey(uow, person, case_id, score=command.score, comment=command.text)
        return Step(
            Outcome.ACTED,
            DomainError(
                "mail.survey_answered",
                "Thank you: your answer ({score} of 5) about {number} is recorded",
                score=command.score,
                number=number,
            ),
        )
    move_case(uow, person, case_id, Status.IN_PROGRESS, note=command.text)
    return Step(
        Outcome.ACTED,
        DomainError(
            "mail.reopened",
            "{number} is open again: the support team will look at it",
            number=number,
        ),
    )
