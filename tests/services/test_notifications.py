"""The inbox: mentions in comments, quote steps, unread count, marking read (both engines)."""

from __future__ import annotations

import pytest

from deskTUI.domain.errors import NotFound, ValidationError
from deskTUI.services import admin, cases, notifications

EVERYONE = ("admin", "sofia", "diego", "ana", "luis", "pedro", "maria", "jorge", "gloria")


def told(desk, kind: str) -> dict[str, list[str]]:
    """Who holds notifications of ``kind``, and their messages (oldest first)."""
    out: dict[str, list[str]] = {}
    with desk.uow() as uow:  # read from the store: a deactivated user has no inbox to open
        for login in EVERYONE:
            rows = uow.notifications.for_user(getattr(desk, login).id, kind=kind)
            if rows:
                out[login] = [r.message for r in reversed(rows)]
    return out


def _ana_s_case(desk):
    """Opened by Sofía for Acme SA in Soporte, assigned to Ana (Luis, of Soporte too, no
    longer sees it: it is no pool case any more)."""
    case = desk.open()
    cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    return case


# -- mentions -------------------------------------------------------------------------------


def test_a_public_mention_tells_exactly_those_who_may_read_the_comment(desk):
    case = _ana_s_case(desk)
    body = (
        "@sofia @maria ya está; @luis @diego @gloria @nadie no lo ven, "
        "escribir a soporte@acme.com, yo soy @ana"
    )
    cases.comment_case(desk.uow(), desk.ana, case.number, body, public=True)
    expected = f"ana mentioned you on {case.number}: {body[:79].rstrip()}…"
    assert told(desk, "mention") == {"sofia": [expected], "maria": [expected]}


def test_an_internal_note_never_tells_a_client(desk):
    case = _ana_s_case(desk)
    cases.comment_case(desk.uow(), desk.ana, case.number, "@maria @jorge @sofia revisar")
    assert told(desk, "mention") == {
        "sofia": [f"ana mentioned you on {case.number}: @maria @jorge @sofia revisar"]
    }


def test_a_client_s_mention_reaches_staff_of_the_case_and_the_account(desk):
    case = _ana_s_case(desk)
    cases.comment_case(desk.uow(), desk.maria, case.number, "Gracias @ana y @Jorge.", public=True)
    assert set(told(desk, "mention")) == {"ana", "jorge"}


def test_a_person_mentioned_twice_is_told_once_and_the_author_never(desk):
    case = _ana_s_case(desk)
    cases.comment_case(desk.uow(), desk.sofia, case.number, "@ana, @Ana y @ana. Yo @sofia")
    assert {k: len(v) for k, v in told(desk, "mention").items()} == {"ana": 1}


def test_a_deactivated_user_is_not_told(desk):
    case = _ana_s_case(desk)
    admin.update_user(desk.uow(), desk.admin, "sofia", active=False)
    cases.comment_case(desk.uow(), desk.ana, case.number, "@sofia mira esto")
    assert told(desk, "mention") == {}


def test_a_comment_mentioning_someone_who_cannot_see_it_is_saved_all_the_same(desk):
    case = _ana_s_case(desk)
    comment = cases.comment_case(desk.uow(), desk.ana, case.number, "@gloria @pedro hola")
    assert comment.id is not None
    assert told(desk, "mention") == {}


def test_a_mention_on_a_pool_case_reaches_the_area_s_agents(desk):
    case = desk.open()  # unassigned: every agent of Soporte sees it and its notes
    cases.comment_case(desk.uow(), desk.sofia, case.number, "@luis @ana @pedro ¿quién lo toma?")
    assert set(told(desk, "mention")) == {"luis", "ana"}


# -- quotes ---------------------------------------------------------------------------------


def _billable(desk, assignee="ana"):
    case = desk.open(by=desk.maria)
    cases.edit_case(desk.uow(), desk.sofia, case.number, {"billable": True})
    cases.assign_case(desk.uow(), desk.sofia, case.number, assignee)
    return case


def _quote(desk, case, by):
    cases.issue_quote(desk.uow(), by, case.number, price="90", currency="USD", minutes=120)


def test_an_issued_quote_tells_every_user_of_the_account_who_may_answer_it(desk):
    case = _billable(desk)
    admin.update_user(desk.uow(), desk.admin, "jorge", active=False)
    admin.add_user(desk.uow(), desk.admin, "rosa", role="client", client="Acme SA")
    _quote(desk, case, desk.sofia)
    waiting = f"{case.number} has a quote waiting for your answer"
    assert told(desk, "quote") == {"maria": [waiting]}
    with desk.uow() as uow:
        rosa = uow.users.by_login("rosa")
    assert [n.message for n in notifications.inbox(desk.uow(), rosa)] == [waiting]


@pytest.mark.parametrize("approve", [True, False])
def test_a_decision_tells_the_assignee_and_who_issued_the_quote(desk, approve):
    case = _billable(desk)
    _quote(desk, case, desk.sofia)
    cases.decide_quote(desk.uow(), desk.maria, case.number, approve=approve)
    verdict = f"The quote of {case.number} was {'approved' if approve else 'rejected'}"
    assert told(desk, "quote") == {
        "sofia": [verdict],
        "ana": [verdict],
        "maria": [f"{case.number} has a quote waiting for your answer"],
        "jorge": [f"{case.number} has a quote waiting for your answer"],
    }


def test_a_re_quote_after_a_rejection_is_answered_to_its_own_issuer(desk):
    case = _billable(desk)
    _quote(desk, case, desk.sofia)
    cases.decide_quote(desk.uow(), desk.maria, case.number, approve=False)
    _quote(desk, case, desk.admin)
    cases.decide_quote(desk.uow(), desk.jorge, case.number, approve=True)
    approved = f"The quote of {case.number} was approved"
    rejected = f"The quote of {case.number} was rejected"
    messages = told(desk, "quote")
    assert messages["admin"] == [approved]
    assert messages["sofia"] == [rejected]
    assert messages["ana"] == [rejected, approved]


def test_an_issuer_who_is_the_assignee_is_told_once_and_the_decider_not_at_all(desk):
    case = _billable(desk, assignee="sofia")
    _quote(desk, case, desk.sofia)
    cases.decide_quote(desk.uow(), desk.admin, case.number, approve=True)
    messages = told(desk, "quote")
    assert messages["sofia"] == [f"The quote of {case.number} was approved"]
    assert "admin" not in messages


# -- the inbox ------------------------------------------------------------------------------


def test_the_unread_count_follows_what_is_marked_read(desk):
    first, second = desk.open(), desk.open(title="Otra")
    cases.assign_case(desk.uow(), desk.sofia, first.number, "ana")
    cases.assign_case(desk.uow(), desk.sofia, second.number, "ana")
    cases.comment_case(desk.uow(), desk.sofia, first.number, "@ana urgente")
    assert notifications.unread_count(desk.uow(), desk.ana) == 3
    assert notifications.unread_count(desk.uow(), desk.luis) == 0
    newest, *_ = notifications.inbox(desk.uow(), desk.ana)
    assert (newest.kind, newest.case, newest.case_id) == ("mention", first.number, first.id)
    assert notifications.mark_read(desk.uow(), desk.ana, [newest.id]) == 1
    assert notifications.mark_read(desk.uow(), desk.ana, [newest.id]) == 0  # already read
    assert notifications.unread_count(desk.uow(), desk.ana) == 2
    assert [n.read for n in notifications.inbox(desk.uow(), desk.ana)] == [True, False, False]
    assert notifications.mark_all_read(desk.uow(), desk.ana) == 2
    assert notifications.unread_count(desk.uow(), desk.ana) == 0


def test_nobody_marks_another_user_s_notification_read(desk, snapshot):
    case = _ana_s_case(desk)
    (mine,) = notifications.inbox(desk.uow(), desk.ana)
    before = snapshot(case.number)
    with pytest.raises(NotFound) as caught:
        notifications.mark_read(desk.uow(), desk.luis, [mine.id, 2**40])
    assert str(caught.value) == (
        f"There is no notification {mine.id}, {2**40} in the inbox of luis"
    )
    assert snapshot(case.number) == before


def test_the_inbox_gives_the_newest_first_up_to_a_limit(desk):
    made = [desk.open(title=f"Caso {i}") for i in range(3)]
    for case in made:
        desk.clock.advance(minutes=1)
        cases.assign_case(desk.uow(), desk.sofia, case.number, "ana")
    newest = notifications.inbox(desk.uow(), desk.ana, limit=2)
    assert [n.case for n in newest] == [made[2].number, made[1].number]
    assert newest[0].created_at > newest[1].created_at
    with pytest.raises(ValidationError):
        notifications.inbox(desk.uow(), desk.ana, limit=0)
