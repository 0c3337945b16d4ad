"""Comment on a case, internal or public, or public and e-mailed to the case's contact
(issue 22): a text of several lines."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Checkbox, Static, TextArea

from ...i18n import N_, _, error_text
from ...safe_text import safe
from ...services import cases
from ...services.case_mail import MailReach
from ...widgets.editor import EditorFailed, edit_text
from .base import ActionDialog


class CommentDialog(ActionDialog):
    """A comment: internal unless marked public (clients always write public); staff may
    also have it e-mailed to the case's contact (``reach``: to whom, or why it cannot be;
    None: not offered, a client or a desk without e-mail). Ticking the e-mail ticks public,
    unticking public unticks the e-mail: an e-mailed comment is always public.

    The box takes several lines: enter starts a new one, ctrl+s sends. ctrl+e opens the
    text in the operator's editor ($VISUAL, $EDITOR, vi) and brings it back into the box.
    """

    CSS_PATH = "comment.tcss"

    # Priority: the text box has ctrl+e (end of line) and would take the key first.
    BINDINGS = [
        *ActionDialog.BINDINGS,
        Binding("ctrl+s", "send", N_("Send"), priority=True, id="comment.send"),
        Binding("ctrl+e", "editor", N_("Editor"), priority=True, id="comment.editor"),
    ]

    def __init__(
        self, case_id: int, number: str, *, staff: bool, reach: MailReach | None = None
    ) -> None:
        super().__init__()
        self.case_id = case_id
        self.staff = staff
        self.reach = reach if staff else None
        if self.reach is not None:  # two lines more below the box (comment.tcss)
            self.add_class("-with-email")
        self.title_text = _("Comment on {number}").format(number=number)

    def fields(self) -> ComposeResult:
        yield TextArea(id="body", soft_wrap=True, tab_behavior="focus", compact=True)
        yield Checkbox(
            _("public (the client sees it)"),
            value=not self.staff,
            disabled=not self.staff,
            id="public",
        )
        yield from self._email_choice()
        yield Static(
            Content(_("enter new line · ctrl+s send · ctrl+e your editor · esc cancel")),
            classes="dialog-hint",
        )

    def _email_choice(self) -> ComposeResult:
        """The third choice; offered disabled, with the reason under it, when the contact
        cannot be written to (no contact, no address, an address that bounced)."""
        reach = self.reach
        if reach is None:
            return
        yield Checkbox(
            _("public, and e-mailed to the case's contact"),
            disabled=reach.why_not is not None,
            id="email",
        )
        # Whom it goes to on a line of its own: a name and an address of any length end in
        # an ellipsis there (comment.tcss) instead of being cut inside the choice's box.
        if reach.why_not is None:
            to = _("to {address}").format(address=safe(reach.contact, one_line=True))
            yield Static(Content(to), classes="dialog-hint", id="email-to")
        else:
            why = safe(error_text(reach.why_not), one_line=True)
            yield Static(Content(why), classes="dialog-hint", id="email-why")

    def on_mount(self) -> None:
        self.query_one("#body", TextArea).focus()

    @on(Checkbox.Changed, "#email")
    def _email_is_public(self, event: Checkbox.Changed) -> None:
        if event.value:
            self.query_one("#public", Checkbox).value = True

    @on(Checkbox.Changed, "#public")
    def _internal_is_not_emailed(self, event: Checkbox.Changed) -> None:
        if not event.value and self.reach is not None:
            self.query_one("#email", Checkbox).value = False

    def action_send(self) -> None:
        body = self.query_one("#body", TextArea).text  # a pasted \r\n is a \n in it already
        email = self.reach is not None and self.query_one("#email", Checkbox).value
        public = email or self.query_one("#public", Checkbox).value
        self.call(
            lambda: cases.comment_case(
                self.desk.uow(), self.desk.actor, self.case_id, body, public=public, email=email
            )
        )

    def action_editor(self) -> None:
        """The text in $VISUAL / $EDITOR; back in the box when the editor quits well."""
        if self._answering:
            return  # sent already: the text is on its way
        box = self.query_one("#body", TextArea)
        try:
            box.text = edit_text(self.app, box.text)
        except EditorFailed as failed:
            self.show_error(str(failed))
            return
        self.show_error("")
        box.focus()
        box.move_cursor(box.document.end)

    # Kept for the callers and tests that submit the dialog by name.
    submit = action_send
