"""Quotes (Cotización, seed 003): a price the client approves before paid work starts."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal

from .durations import format_minutes
from .enums import PaymentStatus, QuoteStatus
from .errors import ValidationError
from .marks import N_, code
from .values import WORK_MINUTES_MAX, clean_text, parse_amount, parse_currency

Q = QuoteStatus


@dataclass(frozen=True)
class Quote:
    status: QuoteStatus = Q.PENDING
    price: Decimal | None = None
    currency: str | None = None
    minutes: int | None = None
    message: str = ""
    payment: PaymentStatus = PaymentStatus.UNPAID
    decided_by: int | None = None
    decided_at: datetime | None = None

    @property
    def approved(self) -> bool:
        return self.status is Q.APPROVED


def issue(quote: Quote, *, price: object, currency: str, minutes: int, message: str = "") -> Quote:
    """A new quote: allowed while pending, quoted (revised) or rejected (re-quote)."""
    if quote.status is Q.APPROVED:
        raise ValidationError(
            "quote.already_approved",
            "The quote was already approved ({price} {currency}); an approved quote is final",
            price=quote.price,
            currency=quote.currency,
        )
    if minutes <= 0:
        raise ValidationError("quote.hours", "The quoted hours must be more than zero")
    if minutes > WORK_MINUTES_MAX:
        raise ValidationError(
            "quote.hours_too_many",
            "The quoted work can be at most {most}, not {value}",
            most=format_minutes(WORK_MINUTES_MAX),
            value=format_minutes(minutes),
        )
    return replace(
        quote,
        status=Q.QUOTED,
        price=parse_amount(price, "quoted price"),
        currency=parse_currency(currency),
        minutes=minutes,
        message=clean_text(message, N_("quote message")),
        decided_by=None,
        decided_at=None,
    )


def decide(quote: Quote, *, approve: bool, by: int | None, at: datetime) -> Quote:
    """The client's (or an admin's) answer to a quote that was issued."""
    if quote.status is not Q.QUOTED:
        raise ValidationError(
            "quote.not_quoted",
            "There is no quote waiting for an answer: the quote is {status}",
            status=code(quote.status),
        )
    return replace(
        quote, status=Q.APPROVED if approve else Q.REJECTED, decided_by=by, decided_at=at
    )


def set_payment(quote: Quote, payment: PaymentStatus) -> Quote:
    if quote.status is not Q.APPROVED:
        raise ValidationError(
            "quote.payment_unapproved",
            "Payment can only be recorded against an approved quote; this one is {status}",
            status=code(quote.status),
        )
    return replace(quote, payment=PaymentStatus(payment))
