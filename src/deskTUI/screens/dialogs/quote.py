"""Quote the work on a case for the client to approve."""

from __future__ import annotations

from decimal import Decimal

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input

from ...formats import number, parse_number
from ...i18n import N_, _
from ...services import cases
from ...widgets.text_input import TextInput
from .base import ActionDialog


class QuoteDialog(ActionDialog):
    """Quote the work (seed 003): price, currency and hours; the client approves it next."""

    def __init__(self, case_id: int, number: str) -> None:
        super().__init__()
        self.case_id = case_id
        self.title_text = _("Quote {number}").format(number=number)

    def fields(self) -> ComposeResult:
        example = number(Decimal("150.00"), 2)  # 150,00 where the comma marks decimals
        yield TextInput(placeholder=_("price, e.g. {example}").format(example=example), id="price")
        yield TextInput(value="USD", placeholder=_("currency (ISO 4217)"), id="currency")
        yield TextInput(placeholder=_("hours: 3, 2.5 or 2h30m"), id="hours")
        yield TextInput(placeholder=_("message to the client"), id="message")

    @on(Input.Submitted)
    def submit(self) -> None:
        if (minutes := self.typed_duration("hours")) is None:
            return
        price = self.query_one("#price", Input).value
        currency = self.query_one("#currency", Input).value
        message = self.query_one("#message", Input).value
        self.call(
            lambda: cases.issue_quote(
                self.desk.uow(), self.desk.actor, self.case_id,
                price=parse_number(price, N_("quoted price")) if price.strip() else price,
                currency=currency, minutes=minutes, message=message,
            )
        )  # fmt: skip
