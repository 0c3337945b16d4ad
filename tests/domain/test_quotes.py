"""Quotes (quotes.py, Case.issue_quote / decide_quote / set_payment; DOMAIN.md "Quote")."""

from __future__ import annotations

from decimal import Decimal

import pytest

from deskTUI.domain import quotes
from deskTUI.domain.enums import LogKind, PaymentStatus, QuoteStatus, Status
from deskTUI.domain.errors import CaseClosed, PermissionDenied, ValidationError
from deskTUI.domain.quotes import Quote

from .conftest import APPROVED_QUOTE, PEOPLE, at, make_case

Q = QuoteStatus


def quoted() -> Quote:
    return quotes.issue(Quote(), price="300", currency="USD", minutes=600)


# -- the quote's own states --------------------------------------------------------------


def test_a_new_quote_is_pending_and_unpaid() -> None:
    quote = Quote()
    assert (quote.status, quote.payment, quote.approved) == (Q.PENDING, PaymentStatus.UNPAID, False)


def test_issuing_a_pending_quote_makes_it_quoted_with_its_figures() -> None:
    quote = quotes.issue(
        Quote(), price="1250,5", currency=" usd ", minutes=90, message=" Two visits "
    )
    assert quote.status is Q.QUOTED
    assert quote.price == Decimal("1250.5")
    assert quote.currency == "USD"
    assert quote.minutes == 90
    assert quote.message == "Two visits"


@pytest.mark.parametrize(("approve", "status"), [(True, Q.APPROVED), (False, Q.REJECTED)])
def test_a_quoted_quote_is_approved_or_rejected_and_remembers_who_and_when(
    approve: bool, status: QuoteStatus
) -> None:
    decided = quotes.decide(quoted(), approve=approve, by=6, at=at(hours=3))
    assert decided.status is status
    assert decided.approved is approve
    assert (decided.decided_by, decided.decided_at) == (6, at(hours=3))
    assert decided.price == Decimal(300)


def test_a_rejected_quote_is_quoted_again_and_forgets_the_rejection() -> None:
    rejected = quotes.decide(quoted(), approve=False, by=6, at=at(hours=3))
    again = quotes.issue(rejected, price="250", currency="EUR", minutes=480)
    assert again.status is Q.QUOTED
    assert (again.price, again.currency, again.minutes) == (Decimal(250), "EUR", 480)
    assert (again.decided_by, again.decided_at) == (None, None)


def test_a_quoted_quote_may_be_revised_before_the_answer() -> None:
    revised = quotes.issue(quoted(), price="280", currency="USD", minutes=540)
    assert revised.status is Q.QUOTED
    assert revised.price == Decimal(280)


def test_an_approved_quote_is_final() -> None:
    with pytest.raises(ValidationError) as error:
        quotes.issue(APPROVED_QUOTE, price="1", currency="USD", minutes=60)
    assert error.value.code == "quote.already_approved"
    assert str(error.value) == (
        "The quote was already approved (300.00 USD); an approved quote is final"
    )


@pytest.mark.parametrize(
    "quote",
    [Quote(), APPROVED_QUOTE, Quote(status=Q.REJECTED)],
    ids=["pending", "approved", "rejected"],
)
def test_only_a_quoted_quote_can_be_decided(quote: Quote) -> None:
    with pytest.raises(ValidationError) as error:
        quotes.decide(quote, approve=True, by=6, at=at())
    assert error.value.code == "quote.not_quoted"
    assert str(error.value) == (
        f"There is no quote waiting for an answer: the quote is {quote.status.value}"
    )


@pytest.mark.parametrize("currency", ["usd", "Eur", " mxn ", "VES"])
def test_a_currency_is_its_iso_4217_code_in_capitals(currency: str) -> None:
    quote = quotes.issue(Quote(), price="10", currency=currency, minutes=60)
    assert quote.currency == currency.strip().upper()


@pytest.mark.parametrize("currency", ["DOLLARS", "US$", "", "XXX1", "EURO"])
def test_a_currency_that_is_not_an_iso_4217_code_is_refused(currency: str) -> None:
    with pytest.raises(ValidationError) as error:
        quotes.issue(Quote(), price="10", currency=currency, minutes=60)
    assert error.value.code == "currency.invalid"
    assert str(error.value) == (
        f"{currency!r} is not an ISO 4217 currency code (for example USD, EUR, MXN, VES)"
    )


def test_a_price_of_zero_is_accepted_but_a_negative_price_is_refused() -> None:
    assert quotes.issue(Quote(), price="0", currency="USD", minutes=60).price == 0
    with pytest.raises(ValidationError) as error:
        quotes.issue(Quote(), price="-5", currency="USD", minutes=60)
    assert error.value.code == "decimal.too_small"
    assert str(error.value) == "The quoted price must be at least 0, not -5"


def test_a_price_that_is_not_a_number_is_refused() -> None:
    with pytest.raises(ValidationError) as error:
        quotes.issue(Quote(), price="lots", currency="USD", minutes=60)
    assert error.value.code == "decimal.invalid"


@pytest.mark.parametrize("minutes", [0, -60])
def test_quoted_hours_must_be_more_than_zero(minutes: int) -> None:
    with pytest.raises(ValidationError) as error:
        quotes.issue(Quote(), price="10", currency="USD", minutes=minutes)
    assert error.value.code == "quote.hours"
    assert str(error.value) == "The quoted hours must be more than zero"


@pytest.mark.parametrize("payment", list(PaymentStatus), ids=lambda p: p.value)
def test_payment_is_recorded_on_an_approved_quote(payment: PaymentStatus) -> None:
    assert quotes.set_payment(APPROVED_QUOTE, payment).payment is payment


@pytest.mark.parametrize(
    "quote", [Quote(), Quote(status=Q.QUOTED), Quote(status=Q.REJECTED)], ids=lambda q: q.status
)
def test_payment_is_refused_unless_the_quote_is_approved(quote: Quote) -> None:
    with pytest.raises(ValidationError) as error:
        quotes.set_payment(quote, PaymentStatus.PAID)
    assert error.value.code == "quote.payment_unapproved"
    assert str(error.value) == (
        f"Payment can only be recorded against an approved quote; this one is {quote.status.value}"
    )


# -- on the case: who, and the log ----------------------------------------------------------


@pytest.mark.parametrize("who", ["admin", "supervisor"])
def test_a_manager_issues_a_quote_and_it_is_logged(who: str) -> None:
    case = make_case(Status.ASSIGNED, billable=True)
    case.issue_quote(
        PEOPLE[who], at(hours=2), price="300.00", currency="usd", minutes=600, message="Ten hours"
    )
    assert case.quote.status is Q.QUOTED
    (entry,) = case.pending_log
    assert (entry.kind, entry.field, entry.actor_id, entry.note) == (
        LogKind.QUOTE,
        "quote",
        PEOPLE[who].id,
        "Ten hours",
    )
    assert entry.new == "quoted 300.00 USD for 600 min"


@pytest.mark.parametrize("who", ["assignee", "other_supervisor", "reporter", "colleague"])
def test_nobody_else_issues_a_quote(who: str) -> None:
    case = make_case(Status.ASSIGNED, billable=True)
    with pytest.raises(PermissionDenied) as error:
        case.issue_quote(PEOPLE[who], at(hours=2), price="300", currency="USD", minutes=600)
    assert error.value.code == "permission.denied"
    assert "may not quote CS-000042: only an admin or a supervisor of its area may" in str(
        error.value
    )
    assert case.quote.status is Q.PENDING
    assert case.pending_log == []


def test_a_finished_case_is_not_quoted() -> None:
    case = make_case(Status.FINISHED, billable=True)
    with pytest.raises(ValidationError) as error:
        case.issue_quote(PEOPLE.supervisor, at(days=2), price="1", currency="USD", minutes=60)
    assert error.value.code == "quote.finished"
    assert str(error.value) == "CS-000042 is finished: there is no work left to quote"


def test_a_cancelled_case_is_not_quoted() -> None:
    case = make_case(Status.CANCELLED, billable=True)
    with pytest.raises(CaseClosed) as error:
        case.issue_quote(PEOPLE.admin, at(days=2), price="1", currency="USD", minutes=60)
    assert error.value.code == "case.cancelled"


@pytest.mark.parametrize("who", ["reporter", "colleague", "admin"])
@pytest.mark.parametrize("approve", [True, False], ids=["approve", "reject"])
def test_the_client_account_or_an_admin_decides_and_it_is_logged(who: str, approve: bool) -> None:
    case = make_case(Status.ASSIGNED, billable=True, quote=quoted())
    case.decide_quote(PEOPLE[who], at(hours=3), approve=approve, note=" OK by finance ")

    expected = Q.APPROVED if approve else Q.REJECTED
    assert case.quote.status is expected
    assert (case.quote.decided_by, case.quote.decided_at) == (PEOPLE[who].id, at(hours=3))
    (entry,) = case.pending_log
    assert (entry.kind, entry.old, entry.new, entry.note, entry.actor_id) == (
        LogKind.QUOTE,
        "quoted",
        expected.value,
        "OK by finance",
        PEOPLE[who].id,
    )


@pytest.mark.parametrize("who", ["supervisor", "assignee", "stranger", "other_supervisor"])
def test_nobody_else_decides_a_quote(who: str) -> None:
    case = make_case(Status.ASSIGNED, billable=True, quote=quoted())
    with pytest.raises(PermissionDenied) as error:
        case.decide_quote(PEOPLE[who], at(hours=3), approve=True)
    assert error.value.code == "permission.denied"
    assert (
        "may not approve or reject the quote of CS-000042: "
        "only an admin or a user of its client account may"
    ) in str(error.value)
    assert case.quote.status is Q.QUOTED


def test_a_rejected_quote_on_a_case_is_quoted_again_then_approved() -> None:
    case = make_case(Status.ASSIGNED, billable=True)
    case.issue_quote(PEOPLE.supervisor, at(60), price="500", currency="USD", minutes=600)
    case.decide_quote(PEOPLE.reporter, at(70), approve=False, note="Too much")
    case.issue_quote(PEOPLE.supervisor, at(80), price="400", currency="USD", minutes=480)
    assert case.quote.status is Q.QUOTED
    case.decide_quote(PEOPLE.reporter, at(90), approve=True)
    assert case.quote.approved
    assert [e.new for e in case.pending_log] == [
        "quoted 500 USD for 600 min",
        "rejected",
        "quoted 400 USD for 480 min",
        "approved",
    ]
    case.move(PEOPLE.assignee, Status.IN_PROGRESS, at(100))
    assert case.status is Status.IN_PROGRESS


def test_the_case_refuses_to_decide_a_quote_that_was_not_issued() -> None:
    case = make_case(Status.ASSIGNED, billable=True)
    with pytest.raises(ValidationError) as error:
        case.decide_quote(PEOPLE.reporter, at(hours=3), approve=True)
    assert error.value.code == "quote.not_quoted"
    assert case.pending_log == []


@pytest.mark.parametrize("who", ["admin", "supervisor"])
def test_a_manager_records_the_payment_of_an_approved_quote(who: str) -> None:
    case = make_case(Status.IN_PROGRESS, billable=True, quote=APPROVED_QUOTE)
    case.set_payment(PEOPLE[who], at(hours=4), PaymentStatus.PARTIAL)
    assert case.quote.payment is PaymentStatus.PARTIAL
    (entry,) = case.pending_log
    assert (entry.field, entry.old, entry.new) == ("payment", "unpaid", "partial")


@pytest.mark.parametrize("who", ["assignee", "reporter"])
def test_nobody_else_records_a_payment(who: str) -> None:
    case = make_case(Status.IN_PROGRESS, billable=True, quote=APPROVED_QUOTE)
    with pytest.raises(PermissionDenied) as error:
        case.set_payment(PEOPLE[who], at(hours=4), PaymentStatus.PAID)
    assert "may not set the payment status of CS-000042" in str(error.value)
    assert case.quote.payment is PaymentStatus.UNPAID


def test_the_case_records_no_payment_before_the_quote_is_approved() -> None:
    case = make_case(Status.ASSIGNED, billable=True, quote=quoted())
    with pytest.raises(ValidationError) as error:
        case.set_payment(PEOPLE.supervisor, at(hours=4), PaymentStatus.PAID)
    assert error.value.code == "quote.payment_unapproved"
    assert case.pending_log == []


@pytest.mark.parametrize(
    ("billable", "contract_id", "quote", "awaits"),
    [
        (True, None, Quote(), True),  # paid on a quote not approved yet: no billable work
        (True, None, APPROVED_QUOTE, False),
        (True, 3, Quote(), False),  # a contract pays
        (False, None, Quote(), False),  # nothing to pay
    ],
)
def test_a_case_awaits_its_quote_only_while_billable_work_has_no_contract_nor_approved_quote(
    billable: bool, contract_id: int | None, quote: Quote, awaits: bool
) -> None:
    case = make_case(billable=billable, contract_id=contract_id, quote=quote)
    assert case.awaits_quote is awaits
