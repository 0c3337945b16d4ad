"""cases.comment_case and the quote flow of seed 003 (issue, decide, re-quote, payment)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from deskTUI.domain.enums import LogKind, PaymentStatus, QuoteStatus, Status, Visibility
from deskTUI.domain.errors import CaseClosed, PermissionDenied, TransitionRefused, ValidationError
from deskTUI.services import cases, notifications, views, worklog

# -- comments ----------------------------------------------------------------------


def test_a_client_cannot_write_an_internal_comment(desk, snapshot):
    case = desk.open(by=desk.maria)
    before = snapshot(case.number)
    with pytest.raises(PermissionDenied) as caught:
        cases.comment_case(desk.uow(), desk.maria, case.number, "Nota privada", public=False)
    assert caught.value.code == "comment.client_internal"
    assert snapshot(case.number) == before


def test_a_client_comments_publicly_on_a_case_of_their_account(desk):
    case = desk.open(by=desk.maria)
    cases.comment_case(desk.uow(), desk.jorge, case.number, "También me pasa", public=True)
    (comment,) = views.case_detail(desk.uow(), desk.sofia, case.number).comments
    assert (comment.author_id, comment.body, comment.visibility) == (
        desk.jorge.id,
        "También me pasa",
        Visibility.PUBLIC,
    )


def test_a_client_of_another_account_cannot_comment(desk, snapshot):
    case = desk.open(by=desk.maria)
    before = snapshot(case.number)
    with pytest.raises(PermissionDenied) as caught:
        cases.comment_case(desk.uow(), desk.gloria, case.number, "Hola", public=True)
    assert caught.value.code == "permission.not_visible"
    assert snapshot(case.number) == before


def test_clients_see_only_public_comments_and_no_log(desk):
    case = desk.open(by=desk.maria)
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    cases.comment_case(desk.uow(), desk.ana, case.number, "El cliente no sabe nada")
    cases.comment_case(desk.uow(), desk.ana, case.number, "Vamos mañana", public=True)
    client_view = views.case_detail(desk.uow(), desk.maria, case.number)
    assert [c.body for c in client_view.comments] == ["Vamos mañana"]
    assert client_view.log == []
    staff_view = views.case_detail(desk.uow(), desk.ana, case.number)
    assert [c.body for c in staff_view.comments] == ["El cliente no sabe nada", "Vamos mañana"]
    assert len(staff_view.log) >= 2


def test_a_staff_public_comment_is_the_first_response(desk):
    case = desk.open(by=desk.maria)
    desk.clock.advance(minutes=10)
    cases.comment_case(desk.uow(), desk.sofia, case.number, "Nota interna")
    cases.comment_case(desk.uow(), desk.maria, case.number, "¿Alguien?", public=True)
    assert views.case_detail(desk.uow(), desk.sofia, case.number).case.first_response_at is None
    desk.clock.advance(minutes=10)
    answered = desk.clock.now
    cases.comment_case(desk.uow(), desk.sofia, case.number, "Lo vemos hoy", public=True)
    desk.clock.advance(minutes=10)
    cases.comment_case(desk.uow(), desk.sofia, case.number, "Seguimos", public=True)
    stored = views.case_detail(desk.uow(), desk.sofia, case.number).case
    assert stored.first_response_at == answered


def test_an_agent_outside_the_case_cannot_comment_publicly(desk, started, snapshot):
    case = started()
    before = snapshot(case.number)
    with pytest.raises(PermissionDenied) as caught:
        cases.comment_case(desk.uow(), desk.luis, case.number, "Yo sé", public=True)
    assert caught.value.code == "permission.not_visible"
    assert snapshot(case.number) == before


def test_a_cancelled_case_takes_no_comment(desk, started, snapshot):
    case = started()
    cases.move_case(desk.uow(), desk.sofia, case.number, "cancelled", note="Duplicado")
    before = snapshot(case.number)
    with pytest.raises(CaseClosed) as caught:
        cases.comment_case(desk.uow(), desk.sofia, case.number, "Tarde", public=True)
    assert caught.value.code == "case.cancelled"
    assert snapshot(case.number) == before


# -- quotes ------------------------------------------------------------------------


def _quoted_case(desk):
    """A billable case without contract, opened by María, assigned to Ana, quoted by Sofía."""
    case = desk.open(by=desk.maria)
    cases.edit_case(desk.uow(), desk.sofia, case.number, {"billable": True})
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    cases.issue_quote(
        desk.uow(),
        desk.sofia,
        case.number,
        price="150.00",
        currency="usd",
        minutes=180,
        message="Tres horas",
    )
    return case


def _log_billable(desk, case):
    start = desk.clock.now - timedelta(minutes=60)  # the hour just worked
    return worklog.log_time(
        desk.uow(),
        desk.ana,
        case.number,
        work_date=date(2026, 3, 2),
        start=start,
        end=start + timedelta(minutes=60),
    )


def test_the_quote_flow_issue_approve_then_work_starts(desk):
    case = _quoted_case(desk)
    stored = views.case_detail(desk.uow(), desk.maria, case.number).case
    assert stored.quote.status is QuoteStatus.QUOTED
    assert (stored.quote.price, stored.quote.currency, stored.quote.minutes) == (
        Decimal("150.00"),
        "USD",
        180,
    )
    (told,) = notifications.inbox(desk.uow(), desk.maria)
    assert told.kind == "quote" and told.case == case.number
    desk.clock.advance(minutes=30)
    cases.decide_quote(desk.uow(), desk.maria, case.number, approve=True, note="De acuerdo")
    detail = views.case_detail(desk.uow(), desk.sofia, case.number)
    assert detail.case.quote.status is QuoteStatus.APPROVED
    assert (detail.case.quote.decided_by, detail.case.quote.decided_at) == (
        desk.maria.id,
        desk.clock.now,
    )
    quote_lines = [(e.actor_id, e.new) for e in detail.log if e.kind is LogKind.QUOTE]
    assert quote_lines == [
        (desk.sofia.id, "quoted 150.00 USD for 180 min"),
        (desk.maria.id, "approved"),
    ]
    verdict, assignment = notifications.inbox(desk.uow(), desk.ana, unread_only=True)
    assert (verdict.kind, assignment.kind) == ("quote", "assignment")
    assert verdict.message == f"The quote of {case.number} was approved"
    cases.move_case(desk.uow(), desk.ana, case.number, "in_progress")
    entry = _log_billable(desk, case)
    assert entry.billable is True
    assert views.case_detail(desk.uow(), desk.ana, case.number).case.status is Status.IN_PROGRESS


def test_billable_work_waits_for_the_approval(desk, snapshot):
    case = _quoted_case(desk)
    before = snapshot(case.number)
    with pytest.raises(TransitionRefused) as start:
        cases.move_case(desk.uow(), desk.ana, case.number, "in_progress")
    assert start.value.code == "transition.quote_required"
    with pytest.raises(ValidationError) as time:
        _log_billable(desk, case)
    assert time.value.code == "time.quote_required"
    assert snapshot(case.number) == before


def test_a_rejected_quote_is_quoted_again_and_then_approved(desk, snapshot):
    case = _quoted_case(desk)
    cases.decide_quote(desk.uow(), desk.maria, case.number, approve=False, note="Muy caro")
    rejected = views.case_detail(desk.uow(), desk.sofia, case.number).case
    assert rejected.quote.status is QuoteStatus.REJECTED
    before = snapshot(case.number)
    with pytest.raises(TransitionRefused):
        cases.move_case(desk.uow(), desk.ana, case.number, "in_progress")
    with pytest.raises(ValidationError) as again:
        cases.decide_quote(desk.uow(), desk.maria, case.number, approve=True)
    assert again.value.code == "quote.not_quoted"
    assert snapshot(case.number) == before
    cases.issue_quote(desk.uow(), desk.sofia, case.number, price="100", currency="USD", minutes=120)
    requoted = views.case_detail(desk.uow(), desk.sofia, case.number).case
    assert requoted.quote.status is QuoteStatus.QUOTED
    assert requoted.quote.price == Decimal(100)
    assert requoted.quote.decided_by is None
    cases.decide_quote(desk.uow(), desk.jorge, case.number, approve=True)
    assert cases.move_case(desk.uow(), desk.ana, case.number, "in_progress").status is (
        Status.IN_PROGRESS
    )


def test_an_admin_may_decide_the_quote(desk):
    case = _quoted_case(desk)
    decided = cases.decide_quote(desk.uow(), desk.admin, case.number, approve=True)
    assert decided.quote.decided_by == desk.admin.id
    assert views.case_detail(desk.uow(), desk.ana, case.number).case.quote.approved


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("gloria", "permission.not_visible"),
        ("ana", "permission.denied"),
        ("sofia", "permission.denied"),
    ],
)
def test_only_the_accounts_client_or_an_admin_decides_the_quote(desk, snapshot, who, code):
    case = _quoted_case(desk)
    before = snapshot(case.number)
    with pytest.raises(PermissionDenied) as caught:
        cases.decide_quote(desk.uow(), getattr(desk, who), case.number, approve=True)
    assert caught.value.code == code
    assert snapshot(case.number) == before


def test_an_agent_cannot_issue_a_quote(desk, snapshot):
    case = desk.open(billable=True)
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    before = snapshot(case.number)
    with pytest.raises(PermissionDenied) as caught:
        cases.issue_quote(desk.uow(), desk.ana, case.number, price="1", currency="USD", minutes=60)
    assert caught.value.code == "permission.denied"
    assert snapshot(case.number) == before


def test_an_approved_quote_is_final_and_its_payment_is_recorded(desk, snapshot):
    case = _quoted_case(desk)
    with pytest.raises(ValidationError) as early:
        cases.set_payment(desk.uow(), desk.sofia, case.number, "paid")
    assert early.value.code == "quote.payment_unapproved"
    cases.decide_quote(desk.uow(), desk.maria, case.number, approve=True)
    before = snapshot(case.number)
    with pytest.raises(ValidationError) as final:
        cases.issue_quote(desk.uow(), desk.sofia, case.number, price="9", currency="USD", minutes=1)
    assert final.value.code == "quote.already_approved"
    assert snapshot(case.number) == before
    cases.set_payment(desk.uow(), desk.sofia, case.number, "partial")
    assert views.case_detail(desk.uow(), desk.maria, case.number).case.quote.payment is (
        PaymentStatus.PARTIAL
    )


def test_a_quote_with_an_unknown_currency_is_refused_naming_the_rule(desk, snapshot):
    case = desk.open(billable=True)
    before = snapshot(case.number)
    with pytest.raises(ValidationError) as caught:
        cases.issue_quote(
            desk.uow(), desk.sofia, case.number, price="5", currency="XYZ", minutes=60
        )
    assert caught.value.code == "currency.invalid"
    assert snapshot(case.number) == before


def test_a_billable_case_under_a_contract_needs_no_quote(desk, started):
    case = started(billable=True, contract=desk.hours.id)
    assert case.status is Status.IN_PROGRESS
    assert _log_billable(desk, case).billable is True
