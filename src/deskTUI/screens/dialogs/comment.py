"""Comment on a case, internal or public: a text of several lines."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Checkbox, Static, TextArea

from ...i18n import N_, _
from ...services import cases
from ...widgets.editor import EditorFailed, edit_text
from .base import ActionDialog


class CommentDialog(ActionDialog):
    """A comment: internal unless marked public (clients always write public).

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

    def __init__(self, case_id: int, number: str, *, staff: bool) -> None:
        super().__init__()
        self.case_id = case_id
        self.staff = staff
        self.title_text = _("Comment on {number}").format(number=number)

    def fields(self) -> ComposeResult:
        yield TextArea(id="body", soft_wrap=True, tab_behavior="focus", compact=True)
        yield Checkbox(
            _("public (the client sees it)"),
            value=not self.staff,
            disabled=not self.staff,
            id="public",
        )
        yield Static(
            Content(_("enter new line · ctrl+s send · ctrl+e your editor · esc cancel")),
            classes="dialog-hint",
        )

    def on_mount(self) -> None:
        self.query_one("#body", TextArea).focus()

    def action_send(self) -> None:
        body = self.query_one("#body", TextArea).text  # a pasted \r\n is a \n in it already
        public = self.query_one("#public", Checkbox).value
        self.call(
            lambda: cases.comment_case(
                self.desk.uow(), self.desk.actor, self.case_id, body, public=public
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
