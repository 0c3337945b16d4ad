"""Record the payment of a case's approved quote (seed 003 "Estado de pago")."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ... import words
from ...domain.enums import PaymentStatus
from ...i18n import _
from ...services import cases
from .base import ActionDialog


class PaymentDialog(ActionDialog):
    """The payment states in the operator's words, the current one highlighted; enter
    records the one chosen (logged as ``case payment`` logs it)."""

    def __init__(self, case_id: int, number: str, current: PaymentStatus) -> None:
        super().__init__()
        self.case_id = case_id
        self.current = current
        self.title_text = _("Payment of {number}").format(number=number)

    def fields(self) -> ComposeResult:
        yield OptionList(
            *[Option(Content(words.label(state)), id=state.value) for state in PaymentStatus],
            id="payment",
        )
        now = _("now: {status} · enter records · escape cancels")
        yield Static(Content(now.format(status=words.label(self.current))), classes="dialog-hint")

    def on_mount(self) -> None:
        options = self.query_one("#payment", OptionList)
        options.highlighted = list(PaymentStatus).index(self.current)
        options.focus()

    @on(OptionList.OptionSelected, "#payment")
    def submit(self, event: OptionList.OptionSelected) -> None:
        chosen = PaymentStatus(str(event.option.id))
        self.call(lambda: cases.set_payment(self.desk.uow(), self.desk.actor, self.case_id, chosen))
