"""The case's e-mail under its Comments tab (issue 22): each message in and out, newest
first, with whether it was sent, when, and to whom.

Under the comments because that is where an agent reads the conversation with the client:
a message in became one of those comments, a notice out carries one of them; there they
see whether their public answer reached the client. Shown only to the desk's staff
(services.case_mail) and only when the case has a message: a case without mail, and a
desk without the channel, look as they did.

Subjects and addresses come from strangers' mail: sanitized, never read as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from .. import words
from ..domain.errors import DomainError
from ..domain.mail_settings import Direction, Outcome
from ..domain.permissions import reads_case_mail
from ..formats import when
from ..i18n import N_, _, error_text, ngettext
from ..safe_text import safe
from ..services.case_mail import CASE_MAIL_LIMIT, CaseMessage, case_messages
from ..session import DeskSession
from ..widgets.fit import Col, FittedTable, spoken_columns
from .failures import failure_text

MAIL_COLUMNS = [
    Col("when", N_("When"), whole=True),
    Col("way", N_("In/out"), whole=True, gives_way=2),
    Col("address", N_("From / to"), least=12),
    Col("subject", N_("Subject"), least=8, gives_way=1),
    Col("what", N_("What became of it"), least=16),
]


class MailTable(FittedTable):
    """The messages, one a row; the whole of the highlighted one's outcome is written
    under the table (``#mail-why``): a refusal's reason is longer than its column."""

    outcomes: tuple[str, ...] = ()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.parent is None or not 0 <= event.cursor_row < len(self.outcomes):
            return
        why = self.parent.query_one("#mail-why", Static)
        why.update(Content(self.outcomes[event.cursor_row]))


def outcome_text(message: CaseMessage) -> str:
    """What became of one message, in the operator's words: a notice's sending with its
    moment, a refusal or failure with its reason."""
    record = message.record
    if record.outcome is Outcome.SENT and record.sent_at is not None:
        return _("sent {when}").format(when=when(record.sent_at))
    if record.outcome is Outcome.FAILED_TEMPORARY and message.next_try is not None:
        return _("failed for now, next try {when}").format(when=when(message.next_try))
    why = message.why
    if why is None:
        return words.mail_word(record.outcome)
    return _("{outcome}: {reason}").format(
        outcome=words.mail_word(record.outcome), reason=error_text(why)
    )


def _address(message: CaseMessage) -> str:
    """The other side: who wrote a message in, to whom a notice went."""
    record = message.record
    if record.direction is Direction.IN:
        return _("from {address}").format(address=record.address)
    return _("to {address}").format(address=record.address)


def _cell(value: str) -> Text:
    return Text(safe(value, one_line=True))


@dataclass(frozen=True)
class CaseMail:
    """The case's e-mail as the view read it: its messages, or why they could not be read."""

    messages: list[CaseMessage]
    failure: str = ""
    more: bool = False
    """The case has older messages than those read (``CASE_MAIL_LIMIT``)."""


def read_case_mail(desk: DeskSession, case_id: int, log: object = None) -> CaseMail | None:
    """In the view's worker, beside the case: None for an operator who reads no mail
    records (a client). A record that cannot be read (a code written by hand) is said in
    the e-mail part: the case's own tabs still show."""
    if not reads_case_mail(desk.actor):
        return None
    try:
        read = case_messages(desk.read_uow(), desk.actor, case_id, limit=CASE_MAIL_LIMIT + 1)
        return CaseMail(read[:CASE_MAIL_LIMIT], more=len(read) > CASE_MAIL_LIMIT)
    except DomainError as error:  # a damaged record is a fault of the store's: a sentence
        return CaseMail([], failure_text(error, log))


def show_mail(screen: Screen[Any], mail: CaseMail | None) -> None:
    """Fill the Comments tab's e-mail part; hidden when there is nothing to show (None:
    the operator may not read the case's mail records, a client)."""
    summary = screen.query_one("#mail-summary", Static)
    table = screen.query_one("#mail-table", MailTable)
    why = screen.query_one("#mail-why", Static)
    messages = mail.messages if mail is not None else []
    summary.display = bool(messages or (mail is not None and mail.failure))
    table.display = why.display = bool(messages)
    if mail is not None and mail.failure:
        summary.update(Content(safe(mail.failure, one_line=True)))
    if not messages:
        return
    table.outcomes = tuple(safe(outcome_text(m)) for m in messages)
    counted = (
        ngettext(
            "E-mail: the newest {count} message in or out; older ones are not listed",
            "E-mail: the newest {count} messages in or out, newest first; older ones are not "
            "listed",
            len(messages),
        )
        if mail is not None and mail.more
        else ngettext(
            "E-mail: {count} message in or out, newest first",
            "E-mail: {count} messages in or out, newest first",
            len(messages),
        )
    )
    summary.update(Content(counted.format(count=len(messages))))
    table.set_rows(
        spoken_columns(MAIL_COLUMNS),
        [
            [
                when(m.record.at),
                words.mail_word(m.record.direction),
                _cell(_address(m)),
                _cell(m.record.subject),
                _cell(outcome),
            ]
            for m, outcome in zip(messages, table.outcomes, strict=True)
        ],
    )
    row = min(max(table.cursor_row, 0), len(messages) - 1)  # the cursor kept by set_rows
    why.update(Content(table.outcomes[row]))
